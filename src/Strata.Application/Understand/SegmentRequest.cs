using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Application.Understand;

/// <summary>
/// A segmentation as `strata segment`, the web's segment job and the demo ask for it. Validated once (<see cref="Validate"/>).
/// </summary>
/// <param name="At">Reference date D (yyyy-mm-dd); null is the end of the data. Refused outside the data's span.</param>
/// <param name="Rules">Segmentation rules; null is <see cref="SegmentationRules.V1"/>.</param>
/// <param name="BuildProfile">Also rebuild the cohort profile cube at D (the web job and the demo do; `strata profile` does it on its own).</param>
public sealed record SegmentRequest(string? At = null, SegmentationRules? Rules = null, bool BuildProfile = false)
{
    /// <summary>Throws <see cref="StrataValidationException"/> naming the field (a malformed date).</summary>
    public void Validate() => ReferenceDate.ParseOptional(At, "at");
}

using Strata.Domain.Foundation;

namespace Strata.Application.Understand;

/// <summary>
/// A risk model to train, validate out of time and score, as the web's risk job and `strata demo` ask for it.
/// Defaults: trained at D − <see cref="TrainMonthsBefore"/> months, tested at D − <see cref="TestMonthsBefore"/>
/// months, scored at D.
/// </summary>
/// <param name="At">The scoring date D (yyyy-mm-dd); null is the current segmentation's date, else the end of the data.</param>
/// <param name="TruthFile">Generator truth file (truth/emergency_rate.csv) for the oracle AUROC; null for none.</param>
/// <param name="RebuildProfile">Rebuild the cohort profile afterwards so its cells carry the new tiers.</param>
public sealed record RiskRequest(string? At = null, string? TruthFile = null, bool RebuildProfile = true)
{
    public const int TrainMonthsBefore = 24;
    public const int TestMonthsBefore = 12;

    public void Validate()
    {
        ReferenceDate.ParseOptional(At, "at");
        if (TruthFile is { } t && !File.Exists(t))
        {
            throw new StrataValidationException("truth", $"no truth file '{t}'");
        }
    }
}

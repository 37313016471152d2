using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Understand;

namespace Strata.Application.Understand;

/// <summary>A segmentation run and, when asked for, the cohort profile built on it.</summary>
public sealed record SegmentResult(SegmentationRun Run, ProfileBuild? Profile);

/// <summary>
/// Segments the population at D and, when asked, rebuilds the cohort profile cube: the one pipeline `strata segment`,
/// the web's segment and demo jobs and `strata demo` run.
/// </summary>
public static class SegmentHandler
{
    public static SegmentResult Run(IEngine engine, SegmentRequest request, Action<double, string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var at = ActivitySpan.Resolve(engine, request.At, "at");
        progress?.Invoke(0, "Segmenting at " + Strata.Domain.Foundation.ReferenceDate.Text(at));
        var run = Segmentation.Run(engine, at, request.Rules);
        ProfileBuild? profile = null;
        if (request.BuildProfile)
        {
            progress?.Invoke(0.6, "Building the cohort profile");
            profile = CohortProfiles.Build(engine);
        }
        progress?.Invoke(1, "done");
        return new SegmentResult(run, profile);
    }
}

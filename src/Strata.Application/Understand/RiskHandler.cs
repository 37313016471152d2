using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Understand;
using Strata.Data.Understand.Risk;

namespace Strata.Application.Understand;

/// <summary>A trained, scored risk model and the profile rebuilt on its tiers (null when not asked for).</summary>
public sealed record RiskResult(RiskTrainingResult Trained, RiskScoreResult Scored, ProfileBuild? Profile);

/// <summary>
/// Trains the logistic risk model (index D − 24 months, tested at D − 12), scores at D and rebuilds the cohort
/// profile: the one pipeline the web's risk job and `strata demo` run.
/// </summary>
public static class RiskHandler
{
    public static RiskResult Run(IEngine engine, RiskRequest request, Action<double, string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var d = Strata.Domain.Foundation.ReferenceDate.ParseOptional(request.At, "at") is { } given
            ? ActivitySpan.Resolve(engine, given, "at")
            : Segmentation.Current(engine)?.ReferenceDate ?? ActivitySpan.Resolve(engine, (DateOnly?)null, "at");
        progress?.Invoke(0.1, "Training the risk model");
        var trained = RiskStratification.Train(engine,
            new RiskTrainOptions(d.AddMonths(-RiskRequest.TrainMonthsBefore), d.AddMonths(-RiskRequest.TestMonthsBefore), request.TruthFile));
        progress?.Invoke(0.7, "Scoring");
        var scored = RiskStratification.Score(engine, d, trained.ModelId);
        ProfileBuild? profile = null;
        if (request.RebuildProfile && Segmentation.Current(engine) is not null)
        {
            progress?.Invoke(0.85, "Rebuilding the cohort profile");
            profile = CohortProfiles.Build(engine, trained.ModelId);
        }
        progress?.Invoke(1, "done");
        return new RiskResult(trained, scored, profile);
    }
}

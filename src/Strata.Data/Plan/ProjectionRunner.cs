using System.Text.Json;
using Strata.Data.Engine;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Plan;

/// <summary>A projection run: its report and the id it is stored under in scenario_runs.</summary>
public sealed record ProjectionOutcome(ProjectionReport Report, string ScenarioId);

/// <summary>
/// Projects and stores the demand projection (kind "projection" in scenario_runs / scenario_results): the one path
/// shared by `strata project` and the web's Projection page.
/// </summary>
public static class ProjectionRunner
{
    public const string Kind = "projection";

    /// <param name="parameters">Recorded with the run (serialised to JSON): growth files, budget, scope, ...</param>
    public static ProjectionOutcome Run(IEngine engine, PlanBaseline baseline, GrowthAssumptions growth, int years, DisclosurePolicy policy,
        double? budget, IReadOnlyList<(string Setting, int? Year, double Capacity)>? capacity, string name, object parameters)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(baseline);
        var run = ProjectionReport.Run(baseline, growth, years);
        var report = ProjectionReport.Build(run, baseline.ReferenceDate, policy, budget, capacity);
        var id = ScenarioStore.Save(engine, Kind, name, baseline.ReferenceDate, ScenarioReport.Build(run, policy), JsonSerializer.Serialize(parameters));
        return new ProjectionOutcome(report, id);
    }
}

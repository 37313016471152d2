using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Plan;

/// <summary>What a three-year plan is built from besides the baseline cells and interventions.</summary>
public sealed record PlanBuildInputs(string Years, GrowthAssumptions Growth, ScenarioSettings Settings, ScenarioOptions Options, CapacityTable Capacity,
    IReadOnlyList<AvailableCapacity>? Available = null, IReadOnlyList<PlaceAllocation>? Allocations = null, ConvergenceAssumptions? Convergence = null);

/// <summary>A built plan: the plan, the provider impact pack and the scenario run (stored) they both come from.</summary>
public sealed record PlanBuildOutcome(ThreeYearPlan Plan, ProviderImpactPack Impact, ScenarioOutcome Scenario);

/// <summary>
/// Builds the three-year plan (`strata plan build`, the web's plan page): one scenario run over the plan's horizon,
/// stored like any scenario, read as the plan and the provider impact pack.
/// </summary>
public static class PlanBuilder
{
    public static PlanBuildOutcome Build(IEngine engine, PlanBaseline baseline, IReadOnlyList<Intervention> interventions, PlanBuildInputs inputs,
        string name, DisclosurePolicy policy, Action<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(inputs);
        var years = FinancialYears.Range(inputs.Years, baseline.ReferenceDate, out var error);
        if (error is not null)
        {
            throw new InputException("--years", 0, inputs.Years, error);
        }
        var scenario = ScenarioRunner.Run(engine, baseline, interventions, inputs.Growth, inputs.Settings, inputs.Options, years[^1], name, policy, progress);
        var plan = ThreeYearPlan.Build(scenario.Run, baseline.ReferenceDate, years, inputs.Capacity, inputs.Available, inputs.Allocations, inputs.Convergence);
        var impact = ProviderImpactPack.Build(scenario.Run, baseline.ReferenceDate, years, inputs.Capacity, inputs.Settings.PaymentModels);
        return new PlanBuildOutcome(plan, impact, scenario);
    }

    /// <summary>Most segment projections drawn for a scenario's mix; Monte Carlo runs beyond it cycle through them.</summary>
    public const int MaxMixDraws = 200;

    /// <summary>
    /// The population mix from the linked data: segment every person at each year-end the data covers, estimate the
    /// transition model on all year pairs and project it over the horizon (share of each segment over its share now).
    /// </summary>
    public static (SegmentProjection Projection, IReadOnlyDictionary<(string Segment, int Year), double> Mix) SegmentMix(IEngine engine, int years, int runs, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var (first, last) = (ActivitySpan.First(engine), ActivitySpan.Last(engine));
        var dates = first is { } f && last is { } l ? SegmentHistory.YearEnds(f, l) : [];
        if (dates.Count < 2)
        {
            throw new InvalidOperationException("Segment transitions need at least two year-ends of activity data (two years and a day).");
        }
        SegmentHistory.Build(engine, dates);
        var movements = SegmentHistory.Movements(engine, dates);
        var model = SegmentTransitionModel.Estimate(movements.Transitions, movements.Entrants, dates.Count - 1);
        var projection = model.Project(movements.Last, years, runs, seed);
        return (projection, GrowthAssumptions.MixFrom(projection));
    }

    /// <summary>
    /// The growth with the data's segment mix: the expected mix for the principal run and, when the scenario has
    /// stochastic runs, min(runs, <see cref="MaxMixDraws"/>) projections of the transition model for its runs to sample.
    /// </summary>
    public static GrowthAssumptions WithSegmentMix(IEngine engine, GrowthAssumptions growth, int years, int runs, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(growth);
        var (projection, mix) = SegmentMix(engine, years, Math.Min(runs, MaxMixDraws), seed);
        return growth with { SegmentMix = mix, SegmentMixDraws = GrowthAssumptions.MixDraws(projection) };
    }

    /// <summary>Place allocations CSV: place, current, target (£ a year).</summary>
    public static IReadOnlyList<PlaceAllocation> ReadAllocations(string path)
    {
        var csv = CsvInput.Read(path, "place", "current", "target");
        return [.. csv.Rows.Select(r =>
        {
            var (current, target) = (r.Double("current"), r.Double("target"));
            return current < 0 ? throw r.Fail("current", "cannot be negative")
                : target < 0 ? throw r.Fail("target", "cannot be negative")
                : new PlaceAllocation(r.Text("place"), current, target);
        })];
    }
}

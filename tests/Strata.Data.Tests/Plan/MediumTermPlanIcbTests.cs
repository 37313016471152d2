using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Data.Understand;
using Strata.Domain.Foundation;
using Strata.Data.Tests.Foundation.Synthetic;
using Strata.Domain.Plan;

namespace Strata.Data.Tests.Plan;

/// <summary>
/// The medium-term plan on the synthetic ICB: the transition model back-casts the last year from the first, and the
/// three-year plan ties out to the penny.
/// </summary>
public class MediumTermPlanIcbTests(GeneratedIcbFixture icb) : IClassFixture<GeneratedIcbFixture>
{
    [Fact]
    public void Transitions_estimated_on_the_first_years_predict_the_last_years_segment_sizes_within_their_80_percent_intervals()
    {
        var engine = icb.Workspace.Engine;
        var dates = SegmentHistory.YearEnds(ActivitySpan.First(engine)!.Value, ActivitySpan.Last(engine)!.Value);
        Assert.True(dates.Count >= 3, $"need three year-ends, got {dates.Count}");
        SegmentHistory.Build(engine, dates);

        var fit = SegmentHistory.Movements(engine, [.. dates.Take(dates.Count - 1)]);
        var model = SegmentTransitionModel.Estimate(fit.Transitions, fit.Entrants, dates.Count - 2);
        var projection = model.Project(fit.Last, 1, 400, 7);
        var actual = SegmentHistory.Movements(engine, [.. dates.TakeLast(2)]).Last
            .GroupBy(c => c.Segment).ToDictionary(g => g.Key, g => g.Sum(c => c.People));

        var report = string.Join("\n", model.Segments.Select(s =>
        {
            var p = projection.Of(1, s).People;
            return $"{s}: actual {actual.GetValueOrDefault(s)} P10 {p.P10:0} mean {p.Mean:0} P90 {p.P90:0}";
        }));
        var inside = model.Segments.Count(s => projection.Of(1, s).People is var p && actual.GetValueOrDefault(s) >= p.P10 && actual.GetValueOrDefault(s) <= p.P90);
        // Calibrated 80% intervals hold the truth about 8 times in 10: at least 80% of segments must be inside (on the
        // demo's synthetic ICB 10 of 11 are; incurable cancer shrinks faster than its first year showed).
        Assert.True(inside >= Math.Ceiling(0.8 * model.Segments.Count), report);
        // And the intervals are informative: the population total is predicted within 3%.
        var predicted = model.Segments.Sum(s => projection.Of(1, s).People.Mean);
        Assert.InRange(actual.Values.Sum() / predicted, 0.97, 1.03);
    }

    [Fact]
    public void The_three_year_plan_for_the_synthetic_icb_ties_out_to_the_penny_every_year()
    {
        var engine = icb.Workspace.Engine;
        Segmentation.Run(engine, ActivitySpan.Last(engine)!.Value);
        CohortProfiles.Build(engine);
        var baseline = PlanCells.Load(engine);
        var root = InterventionFilesTests.Root();
        var population = PopulationFiles.Read(Path.Combine(root, "reference", "population", "illustrative-v1", "variants.csv"), PopulationFiles.BaseYear(baseline.ReferenceDate));
        var growth = GrowthAssumptions.Default().WithPopulation(new PopulationInputs(population, HealthStatusAdjustment.Default));
        growth = growth with { SegmentMix = PlanBuilder.SegmentMix(engine, 4, 0, 1).Mix };
        var inputs = new PlanBuildInputs("2026/27-2028/29", growth, ScenarioSettings.Default, new ScenarioOptions(Runs: 20, Seed: 4),
            CapacityFile.ReadTable(Path.Combine(root, "reference", "capacity", "capacity-v1.csv")));
        var outcome = PlanBuilder.Build(engine, baseline, InterventionFiles.Load([Path.Combine(root, "examples", "interventions")]), inputs, "plan", DisclosurePolicy.Default);
        var plan = outcome.Plan;

        Assert.Equal(["2026/27", "2027/28", "2028/29"], plan.FinancialYears);
        Assert.True(plan.Lines.Select(l => l.Place).Distinct().Count() > 1, "several places");
        Assert.True(plan.Lines.Select(l => l.Provider).Distinct().Count() > 1, "several providers");
        foreach (var y in plan.Years)
        {
            var total = plan.TotalCost(y);
            var byProviderAndPlace = plan.Lines.Where(l => l.Year == y).GroupBy(l => (l.Provider, l.Place)).Sum(g => g.Sum(l => l.Cost));
            var bySetting = plan.Lines.Where(l => l.Year == y).GroupBy(l => l.Setting).Sum(g => g.Sum(l => l.Cost));
            Assert.Equal(total, byProviderAndPlace);
            Assert.Equal(total, bySetting);
            Assert.Equal(total, plan.Places.Where(p => p.Year == y).Sum(p => p.Cost));
            Assert.True(total > 0);
        }
        Assert.All(plan.Checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
        // Beds in the plan are the emergency bed days at 92% occupancy.
        var emergency = plan.Lines.Where(l => l.Year == plan.Years[0] && l.Setting == "emergency_admission").ToList();
        Assert.Equal(emergency.Sum(l => l.BedDays) / (365 * 0.92), emergency.Sum(l => l.Need("beds")), 6);
        // The provider impact pack reads the same run: its activity equals the plan's per provider and setting.
        foreach (var g in plan.Lines.Where(l => l.Year == plan.Years[^1]).GroupBy(l => (l.Provider, l.Setting)))
        {
            Assert.Equal(g.Sum(l => l.Activity), outcome.Impact.Lines.Single(l => l.Year == plan.Years[^1] && l.Provider == g.Key.Provider && l.Setting == g.Key.Setting).Activity, 6);
        }
    }
}

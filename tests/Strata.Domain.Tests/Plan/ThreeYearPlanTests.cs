using Strata.Domain.Plan;
using static Strata.Domain.Tests.Plan.PlanFixtures;

namespace Strata.Domain.Tests.Plan;

public class ThreeYearPlanTests
{
    private static readonly DateOnly Reference = new(2025, 3, 31);

    private static readonly CapacityTable Capacity = new("test",
    [
        new("emergency_admission", "beds", "bed_days", 1, 0.92, "s"),
        new("emergency_admission", "wte:nursing", "beds", 1.5, null, "s"),
        new("gp_appointment", "wte:gp", "activity", 0.000125, null, "s"),
    ]);

    private static (ScenarioRun Run, ThreeYearPlan Plan) Build(IReadOnlyList<PlaceAllocation>? allocations = null, IReadOnlyList<AvailableCapacity>? available = null)
    {
        var p2 = FrailOld with { Place = "P2" };
        var baseline = Baseline(
        [
            new ActivityCell(FrailOld, "emergency_admission", 200, 1600, 600_000.37),
            new ActivityCell(p2, "emergency_admission", 90, 810, 270_000.11),
            new ActivityCell(Healthy, "gp_appointment", 20_000, 0, 840_000.05),
        ], providers:
        [
            new ProviderShare("P1", "emergency_admission", "RA", 0.7, 3100), new ProviderShare("P1", "emergency_admission", "RB", 0.3, 2900),
            new ProviderShare("P2", "emergency_admission", "RB", 1.0, 2900), new ProviderShare("P1", "gp_appointment", "GP1", 1.0, 42),
        ]);
        var growth = new GrowthAssumptions(DemographicGrowth.Default(), NonDemographicGrowth.Defaults);
        var run = Run(baseline, [Avoid("ward", 0.1, 0.3, Segment("frailty"), fixedCost: 50_000)], 4, new ScenarioOptions(Runs: 20, Seed: 3), growth);
        return (run, ThreeYearPlan.Build(run, Reference, FinancialYears.Range("2026/27-2028/29", Reference, out _), Capacity, available, allocations));
    }

    [Fact]
    public void Financial_years_are_labelled_from_the_reference_date_and_a_range_maps_to_projection_years()
    {
        Assert.Equal("2024/25", FinancialYears.Label(Reference, 0));
        Assert.Equal([2, 3, 4], FinancialYears.Range("2026/27-2028/29", Reference, out var error));
        Assert.Null(error);
        Assert.Empty(FinancialYears.Range("2026/28", Reference, out error));
        Assert.NotNull(error);
        Assert.Empty(FinancialYears.Range("2024/25-2025/26", Reference, out error));
        Assert.Contains("baseline", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Total_cost_equals_the_sum_over_providers_and_places_and_the_sum_over_settings_to_the_penny_every_year()
    {
        var (run, plan) = Build();
        Assert.Equal(["2026/27", "2027/28", "2028/29"], plan.FinancialYears);
        foreach (var y in plan.Years)
        {
            var total = plan.TotalCost(y);
            Assert.Equal(total, plan.CostByProviderAndPlace(y).Values.Sum());
            Assert.Equal(total, plan.CostBySetting(y).Values.Sum());
            Assert.All(plan.Lines, l => Assert.Equal(Math.Round(l.Cost, 2), l.Cost));
            // And the plan's total is the scenario run's, up to the penny rounding of each line.
            var runCost = Total(run.Model, run.Runs[0].Cost, y);
            Assert.InRange(Math.Abs((double)total - runCost), 0, 0.005 * plan.Lines.Count(l => l.Year == y));
        }
        Assert.All(plan.Checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
        Assert.Equal(9, plan.Checks.Count);
    }

    [Fact]
    public void Each_line_converts_its_own_bed_days_to_beds_and_staff_and_places_are_kept_apart()
    {
        var (_, plan) = Build();
        var line = plan.Lines.First(l => l.Setting == "emergency_admission" && l.Place == "P2");
        Assert.Equal("RB", line.Provider);
        Assert.Equal(line.BedDays / (365 * 0.92), line.Need("beds"), 9);
        Assert.Equal(1.5 * line.Need("beds"), line.Need("wte:nursing"), 9);
        var gp = plan.Lines.First(l => l.Setting == "gp_appointment");
        Assert.Equal(gp.Activity * 0.000125, gp.Need("wte:gp"), 9);
        Assert.Equal(["P1", "P2"], plan.Lines.Select(l => l.Place).Distinct().Order());
    }

    [Fact]
    public void Funding_transition_comes_from_the_principal_run_portfolio_and_stranded_is_gross_less_released()
    {
        var (run, plan) = Build();
        var flows = run.Runs[0].Flows[^1];
        foreach (var f in plan.Funding)
        {
            Assert.Equal(Math.Round((decimal)flows.InterventionCost[f.Year], 2), f.InterventionCost);
            Assert.Equal(Math.Round((decimal)flows.Stranded(f.Year), 2), f.Stranded);
            Assert.Equal(Math.Round((decimal)FinancialTransition.DoubleRunning(flows)[f.Year], 2), f.DoubleRunning);
        }
        Assert.Equal(50_000m, plan.Funding[0].InterventionCost);
    }

    [Fact]
    public void Allocations_converge_to_target_at_the_given_pace_and_capacity_is_set_against_what_providers_have()
    {
        var c = new ConvergenceAssumptions(0.25, 0.02);
        // Year 2: target 100 + (120 − 100) × 0.75² = 111.25, × 1.02².
        Assert.Equal(111.25 * 1.0404, c.Allocation(new PlaceAllocation("P1", 120, 100), 2), 9);

        var (_, plan) = Build([new PlaceAllocation("P1", 2_000_000, 1_500_000)], [new AvailableCapacity("RA", "beds", null, 1)]);
        var p1 = plan.Places.First(p => p.Place == "P1" && p.Year == 2);
        Assert.Equal(Math.Round((decimal)(1_500_000 + 500_000 * 0.64), 2), p1.Allocation);
        Assert.Equal(p1.Allocation - p1.Cost, p1.Headroom);
        var beds = plan.Capacity.First(c => c.Provider == "RA" && c.Resource == "beds");
        Assert.Equal(beds.Needed - 1, beds.Shortfall!.Value, 9);
        Assert.Null(plan.Capacity.First(c => c.Provider == "RB" && c.Resource == "beds").Available);
    }
}

using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Plan;

namespace Strata.Data.Tests.Plan;

public class ScenarioResultsTests
{
    /// <summary>The fixture's ward scenario, stored.</summary>
    private static (ScenarioReport Report, string Id) StoreWard(Workspace ws)
    {
        var (baseline, report) = PlanWorkspaceFixture.Ward(ws.Engine);
        return (report, ScenarioStore.Save(ws.Engine, "scenario", "ward", baseline.ReferenceDate, report, "{}"));
    }

    [Fact]
    public void A_stored_scenario_compares_exactly_as_its_report_does()
    {
        using var ws = Workspace.InMemory();
        var (report, id) = StoreWard(ws);
        var stored = ScenarioResults.Comparison(ws.Engine, id);
        var direct = ScenarioComparison.Of("ward", id, report);
        Assert.Equal(direct.Npv, stored.Npv);
        Assert.Equal(direct.Roi, stored.Roi);
        Assert.Equal(direct.PaybackYear, stored.PaybackYear);
        Assert.Equal(direct.DiscountedCost, stored.DiscountedCost);
        Assert.Equal(direct.DiscountedGross, stored.DiscountedGross);
        Assert.Equal(direct.FinalYearCost, stored.FinalYearCost);
        Assert.Equal(direct.NetCost, stored.NetCost);
        Assert.Equal(direct.Horizon, stored.Horizon);
        Assert.Equal(["ward@2.0"], stored.Interventions);
        Assert.Equal((2, 3), (stored.Years, stored.Runs));
    }

    [Fact]
    public void The_waterfall_runs_from_baseline_cost_through_each_step_to_the_scenario_cost()
    {
        using var ws = Workspace.InMemory();
        var (_, id) = StoreWard(ws);
        var w = ScenarioResults.Waterfall(ws.Engine, id, 1);
        // Baseline: 600,000 + 400,000 emergency + 840,000 GP; the ward avoids 50 admissions at £3,000.
        Assert.Equal(["baseline", "ward", "interaction", "scenario"], w.Bars.Select(b => b.Label));
        Assert.Equal(1_840_000, w.Bars[0].To, 6);
        Assert.Equal(-150_000, w.Bars[1].Change, 6);
        Assert.Equal(0, w.Bars[2].Change, 6);
        Assert.Equal(1_690_000, w.Bars[3].To, 6);
        Assert.Equal(w.Bars[3].To, w.Bars[2].To);
    }

    [Fact]
    public void A_missing_scenario_or_a_year_outside_it_is_a_bad_request()
    {
        using var ws = Workspace.InMemory();
        var (_, id) = StoreWard(ws);
        Assert.Contains("No stored scenario 'nope'", Assert.Throws<ArgumentException>(() => ScenarioResults.Comparison(ws.Engine, "nope")).Message,
            StringComparison.Ordinal);
        Assert.Contains("outside", Assert.Throws<ArgumentException>(() => ScenarioResults.Waterfall(ws.Engine, id, 3)).Message, StringComparison.Ordinal);
    }
}

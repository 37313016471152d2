using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Tests.Plan;

public class ProjectionRunnerTests
{
    [Fact]
    public void A_projection_of_one_area_is_stored_as_a_projection_run_with_no_change_to_decompose()
    {
        using var ws = Workspace.InMemory();
        PlanWorkspaceFixture.Build(ws.Engine);
        var n2 = PlanCells.Load(ws.Engine, area: new AreaFilter(Neighbourhood: "N2"));
        var growth = new GrowthAssumptions(new DemographicGrowth(), new Dictionary<string, double> { ["emergency_admission"] = 0.1 });
        var outcome = ProjectionRunner.Run(ws.Engine, n2, growth, 2, DisclosurePolicy.Default, 250_000, null, "projection (N2)", new { scope = "N2" });

        // N2: 80 frail admissions costing £240,000, growing 10% a year: £264,000 then £290,400, over £250,000 from year 1.
        Assert.Equal([240_000, 264_000, 290_400], outcome.Report.Totals.Select(t => Math.Round(t.Cost, 6)));
        Assert.Equal(1, outcome.Report.FirstYearOverBudget);
        Assert.Equal("projection|projection (N2)|0|2", ws.Engine.Scalar<string>(
            $"SELECT kind || '|' || name || '|' || runs || '|' || years FROM scenario_runs WHERE scenario_id = '{outcome.ScenarioId}'"));
        Assert.Contains("\"scope\":\"N2\"", ws.Engine.Scalar<string>($"SELECT parameters FROM scenario_runs WHERE scenario_id = '{outcome.ScenarioId}'"),
            StringComparison.Ordinal);
        var w = ScenarioResults.Waterfall(ws.Engine, outcome.ScenarioId);
        Assert.Equal(["baseline", "interaction", "scenario"], w.Bars.Select(b => b.Label));
        Assert.Equal(290_400, w.Bars[0].To, 6);
        Assert.Equal(0, w.Bars[1].Change, 6);
    }
}

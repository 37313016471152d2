using Strata.Data.Foundation;
using Strata.Data.Plan;

namespace Strata.Data.Tests.Plan;

public class ScenarioStoreTests
{
    [Fact]
    public void A_scenario_is_stored_with_its_seed_and_versions_and_recorded_in_strata_runs()
    {
        using var ws = Workspace.InMemory();
        var (baseline, report) = PlanWorkspaceFixture.Ward(ws.Engine);
        var id = ScenarioStore.Save(ws.Engine, "scenario", "test", baseline.ReferenceDate, report, "{}");

        Assert.Equal("ward@2.0|77|3", ws.Engine.Scalar<string>($"SELECT interventions || '|' || seed || '|' || runs FROM scenario_runs WHERE scenario_id = '{id}'"));
        Assert.Equal(1L, ws.Engine.Scalar<long>("SELECT count(*) FROM strata_runs WHERE stage = 'plan:scenario' AND rule_version = 'plan-v1'"));
        // 200 frail admissions × 0.25 = 50 avoided in year 1, a count rounded to 5 by disclosure control.
        Assert.Equal(50.0, ws.Engine.Scalar<double>($"""
            SELECT value FROM scenario_results WHERE scenario_id = '{id}' AND year = 1 AND setting = 'emergency_admission'
              AND measure = 'avoided' AND statistic = 'p50'
            """));
    }
}

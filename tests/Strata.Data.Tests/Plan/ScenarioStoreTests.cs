using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Tests.Plan;

public class ScenarioStoreTests
{
    [Fact]
    public void A_scenario_is_stored_with_its_seed_and_versions_and_recorded_in_strata_runs()
    {
        using var ws = Workspace.InMemory();
        PlanWorkspaceFixture.Build(ws.Engine);
        var baseline = PlanCells.Load(ws.Engine);
        var ward = new Intervention("ward", "Ward", "2.0", new CohortFilter(["frailty_dementia"], [], [], [], []), ["emergency_admission"],
            new InterventionEffect(EffectKind.Avoid, Interval80.Point(0.25)), [], 1000, 0, 1, Interval80.Point(1));
        var run = MonteCarlo.Run(ScenarioModel.Build(baseline, new GrowthAssumptions(new DemographicGrowth(), new Dictionary<string, double>()), [ward], 2),
            FinanceAssumptions.Default, new ScenarioOptions(Runs: 3, Seed: 77, Noise: false));
        var report = ScenarioReport.Build(run, DisclosurePolicy.Default);
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

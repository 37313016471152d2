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

public class ScenarioEvidenceTests
{
    [Fact]
    public void A_scenario_stores_each_interventions_evidence_and_elicitations_and_the_page_shows_them()
    {
        using var ws = Workspace.InMemory();
        var (baseline, report) = PlanWorkspaceFixture.Ward(ws.Engine);
        var provenance = new Strata.Domain.Plan.InterventionEvidence(
            new("frail_older_emergency", "1", "https://doi.org/x", new DateOnly(2025, 3, 31), "practice", "455 events"),
            [new(Strata.Domain.Plan.Assumption.Effect, "Dr A", new DateOnly(2026, 11, 30), 0.1, 0.2, 0.3, "virtual ward pilot", ["https://example.org/a"])]);
        report = report with { Interventions = [.. report.Interventions.Select(i => i with { Provenance = provenance })] };
        var id = ScenarioStore.Save(ws.Engine, "scenario", "traced", baseline.ReferenceDate, report, "{}");

        var stored = Assert.Single(ScenarioStore.Evidence(ws.Engine, id));
        Assert.Equal("ward", stored.Intervention);
        Assert.Equal("frail_older_emergency", stored.Provenance.Opportunity!.Id);
        var judgement = Assert.Single(stored.Provenance.Elicitations);
        Assert.Equal(("Dr A", 0.2, "virtual ward pilot"), (judgement.Expert, judgement.Mode, judgement.Rationale));
        Assert.Equal(new DateOnly(2026, 11, 30), judgement.On);

        var page = Strata.Domain.Plan.PlanPages.Scenario("traced", report);
        Assert.Contains("frail_older_emergency v1", page, StringComparison.Ordinal);
        Assert.Contains("virtual ward pilot", page, StringComparison.Ordinal);
    }
}

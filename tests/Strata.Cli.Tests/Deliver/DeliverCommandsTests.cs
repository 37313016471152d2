using System.Text.Json;
using Strata.Cli.Deliver;
using Strata.Cli.Infrastructure;
using Strata.Cli.Tests.Infrastructure;
using Strata.Data.Deliver;
using Strata.Data.Foundation;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;

namespace Strata.Cli.Tests.Deliver;

[Collection("cli")]
public sealed class DeliverCommandsTests : IDisposable
{
    private readonly DeliverCliFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static JsonElement Json(CliResult r)
    {
        Assert.True(r.ExitCode == 0, r.Error);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    private const string Contract = """
        {"contract_id": "c1", "provider": "RC1", "settings": ["community_contact"],
         "baseline": {"weighted_population": 0, "activity_by_setting": {"community_contact": 40}},
         "mechanisms": [{"type": "block", "amount": 8000}], "agreed_value": 8000,
         "corridor": {"agreed_value": 8000, "corridor_share": 0.05, "provider_share_beyond_corridor": 0.5, "cap_share": 0.2, "beyond_cap_bearer": "commissioner"}}
        """;

    [Fact]
    public void Allocate_gives_age_sex_weighted_shares_and_a_convergence_path_that_spends_the_budget()
    {
        var current = _f.File("current.csv", "area,current\nA,700\nB,300\n");
        var j = Json(CliRunner.Run("allocate", "-w", _f.WorkspacePath, "--at", "2025-03-31", "--hi-share", "0", "--min-cell", "1000",
            "--budget", "1100", "--current", current, "--years", "3", "--budget-growth", "0.02", "--json"));
        var place = j.GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("level").GetString() == "place");
        var areas = place.GetProperty("areas").EnumerateArray().ToList();
        var a = areas.Single(x => x.GetProperty("area").GetString() == "A");
        // A: (20 × 1.5 + 5 × 0.5) / 25 people = 1.3 per head.
        Assert.Equal(1.3, a.GetProperty("age_sex_index").GetDouble(), 9);
        // 25 registered people, published by cell-key perturbation (±3) and rounding to 5.
        var population = a.GetProperty("population").GetInt64();
        Assert.Equal(0, population % 5);
        Assert.InRange(population, 20, 30);
        // Weighted populations and shares are computed from the published populations, so weighted ÷ index gives
        // back only the published count (true counts: A 32.5 of 40 weighted heads).
        Assert.Equal(population, a.GetProperty("age_sex_weighted").GetDouble() / 1.3, 9);
        var weighted = areas.Sum(x => x.GetProperty("population").GetInt64() * x.GetProperty("age_sex_index").GetDouble());
        Assert.Equal(population * 1.3 / weighted, a.GetProperty("target_share").GetDouble(), 9);
        var steps = place.GetProperty("convergence").EnumerateArray().ToList();
        Assert.Equal(1100, steps.Where(s => s.GetProperty("year").GetInt32() == 1).Sum(s => s.GetProperty("allocation").GetDouble()), 6);
        Assert.Equal(1144.44, steps.Where(s => s.GetProperty("year").GetInt32() == 3).Sum(s => s.GetProperty("allocation").GetDouble()), 6);
        Assert.Contains("Disclosure control applied", j.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_rejects_a_current_file_with_a_bad_number_naming_line_and_field()
    {
        var current = _f.File("bad.csv", "area,current\nA,lots\n");
        var r = CliRunner.Run("allocate", "-w", _f.WorkspacePath, "--current", current);
        Assert.Equal(CliErrors.InputError, r.ExitCode);
        Assert.Contains("bad.csv:2 field 'current'", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Contract_simulate_reads_plan_style_outturns_and_reports_each_partys_risk()
    {
        Assert.Equal(0, CliRunner.Run("contract", "add", "-w", _f.WorkspacePath, "--input", _f.File("c.json", Contract), "--actor", "alice").ExitCode);
        // Run 1 costs 8,000 + 1,000 (12.5%): provider 400 (5%), then 50:50 → commissioner 300. Run 2 on plan.
        var outturns = _f.File("o.csv", "run,year,setting,activity,cost\n1,1,community_contact,45,9000\n2,1,community_contact,40,8000\n1,1,gp_appointment,9,99999\n");
        var j = Json(CliRunner.Run("contract", "simulate", "-w", _f.WorkspacePath, "--contract", "c1", "--outturns", outturns, "--runs", "--json"));
        var year = j.GetProperty("years")[0];
        Assert.Equal(2, year.GetProperty("runs").GetInt32());
        Assert.Equal(8150, year.GetProperty("payment").GetProperty("mean").GetDouble(), 6);
        Assert.Equal(150, year.GetProperty("commissioner_risk").GetProperty("mean").GetDouble(), 6);
        Assert.Equal(350, year.GetProperty("provider_risk").GetProperty("mean").GetDouble(), 6);
    }

    [Fact]
    public void Contract_simulate_takes_kpi_achievement_per_run()
    {
        var contract = Contract.Replace("""[{"type": "block", "amount": 8000}]""", """
            [{"type": "outcomes_withhold", "contract_value": 8000, "withhold_share": 0.1,
              "kpis": [{"name": "waits", "weight": 1, "bands": [{"min_achievement": 0.5, "payout_share": 0.5}, {"min_achievement": 0.9, "payout_share": 1}]}]}]
            """, StringComparison.Ordinal);
        CliRunner.Run("contract", "add", "-w", _f.WorkspacePath, "--input", _f.File("k.json", contract), "--actor", "alice");
        var outturns = _f.File("o.csv", "run,year,setting,activity,cost\n1,1,community_contact,40,8000\n2,1,community_contact,40,8000\n");
        var kpis = _f.File("k.csv", "run,year,kpi,achievement\n1,1,waits,0.6\n");
        var j = Json(CliRunner.Run("contract", "simulate", "-w", _f.WorkspacePath, "--contract", "c1", "--outturns", outturns, "--kpis", kpis, "--runs", "--json"));
        // Run 1 earns half of the 800 withheld (7,600); run 2 has no achievement given and takes the assumed full achievement.
        Assert.Equal([7600.0, 8000.0], j.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("payment").GetDouble()));
    }

    [Fact]
    public void Allocate_can_replace_the_imd_index_with_a_local_unmet_need_index()
    {
        var unmet = _f.File("unmet.csv", "area,index\nA,1\nB,3\n");
        var j = Json(CliRunner.Run("allocate", "-w", _f.WorkspacePath, "--at", "2025-03-31", "--hi-share", "0.2", "--min-cell", "1000", "--unmet-need", unmet, "--json"));
        var a = j.GetProperty("levels")[0].GetProperty("areas").EnumerateArray().Single(x => x.GetProperty("area").GetString() == "A");
        // 0.8 × the need-weighted core share (from published populations) + 0.2 × 1/4
        Assert.Equal(0.8 * a.GetProperty("core_share").GetDouble() + 0.2 * 0.25, a.GetProperty("target_share").GetDouble(), 9);
        Assert.InRange(a.GetProperty("core_share").GetDouble(), 0.7, 0.9);
    }

    [Fact]
    public void Changing_a_contract_adds_a_version_and_keeps_the_history()
    {
        CliRunner.Run("contract", "add", "-w", _f.WorkspacePath, "--input", _f.File("c.json", Contract), "--actor", "alice");
        CliRunner.Run("contract", "add", "-w", _f.WorkspacePath, "--input", _f.File("c2.json", Contract.Replace("8000}]", "9000}]", StringComparison.Ordinal)), "--actor", "bob");
        var h = Json(CliRunner.Run("records", "history", "-w", _f.WorkspacePath, "--type", "contract", "--id", "c1", "--json"));
        Assert.Equal(["alice", "bob"], h.EnumerateArray().Select(v => v.GetProperty("actor").GetString()));
        Assert.Equal(9000, h[1].GetProperty("payload").GetProperty("mechanisms")[0].GetProperty("amount").GetDouble());
    }

    [Fact]
    public void A_decision_above_the_limit_is_refused_or_escalated()
    {
        CliRunner.Run("decision", "delegate", "-w", _f.WorkspacePath, "--function", "contract_award", "--tier", "place", "--limit", "1000000", "--actor", "board");
        CliRunner.Run("decision", "delegate", "-w", _f.WorkspacePath, "--function", "contract_award", "--tier", "icb", "--actor", "board");
        var refused = CliRunner.Run("decision", "record", "-w", _f.WorkspacePath, "--function", "contract_award", "--tier", "place", "--amount", "1500000", "--actor", "pm");
        Assert.Equal(CliErrors.Failure, refused.ExitCode);
        Assert.Contains("above place's limit of £1,000,000", refused.Error, StringComparison.Ordinal);
        var escalated = Json(CliRunner.Run("decision", "record", "-w", _f.WorkspacePath, "--function", "contract_award", "--tier", "place", "--amount", "1500000", "--escalate", "--actor", "pm", "--json"));
        Assert.Equal("icb", escalated.GetProperty("result").GetProperty("outcome").GetProperty("decided_at").GetString());
        var list = Json(CliRunner.Run("decision", "list", "-w", _f.WorkspacePath, "--json"));
        Assert.Equal(2, list.GetProperty("decisions").GetArrayLength());
    }

    private const string PsrCase = """
        {"existing_provider_only_capable": false, "patient_choice_unlimited_providers": false, "existing_contract_expiring": true,
         "existing_provider_satisfying": true, "existing_provider_likely_to_satisfy": true,
         "change": {"current_lifetime_value": 2000000, "new_lifetime_value": 2500000}, "can_identify_most_suitable_provider": false}
        """;

    [Fact]
    public void Psr_select_applies_the_tests_and_gives_the_standstill_end()
    {
        var j = Json(CliRunner.Run("psr", "select", "--input", _f.File("case.json", PsrCase), "--notice", "2025-04-17", "--json"));
        // Exactly £500,000 and 25%: a considerable change, so not DA C; no MSP identifiable → competitive.
        Assert.Equal("competitive", j.GetProperty("process").GetString());
        Assert.Equal("2025-05-01", j.GetProperty("standstill_end").GetString());
    }

    [Fact]
    public void Psr_records_feed_the_annual_summary()
    {
        var record = $$"""
            {"record_id": "r1", "service": "community nursing", "provider": "RC1", "case": {{PsrCase}}, "decision_maker": "ICB board",
             "decision_date": "2025-04-10", "lifetime_value": 2500000,
             "conflicts": [{"person": "Dr X", "interest": "GP partner", "management": "excluded from scoring"}],
             "notice_of_intention": "2025-04-17", "representations": 1, "fresh_decision": "2025-05-06"}
            """;
        var j = Json(CliRunner.Run("psr", "record", "-w", _f.WorkspacePath, "--input", _f.File("r.json", record), "--actor", "alice", "--json"));
        Assert.Equal("2025-05-01", j.GetProperty("result").GetProperty("standstill_end").GetString());
        Assert.Equal("2025-05-13", j.GetProperty("result").GetProperty("further_standstill_end").GetString());
        var s = Json(CliRunner.Run("psr", "summary", "-w", _f.WorkspacePath, "--year", "2025", "--json"));
        Assert.Equal(1, s.GetProperty("by_process").GetProperty("competitive").GetInt32());
        Assert.Equal(1, s.GetProperty("representations").GetInt32());
    }

    [Fact]
    public void Psr_modification_of_600k_at_15_percent_needs_a_transparency_notice()
    {
        var j = Json(CliRunner.Run("psr", "modification", "--current-value", "4000000", "--new-value", "4600000", "--json"));
        Assert.Equal("permitted_with_transparency_notice", j.GetProperty("outcome").GetString());
    }

    [Fact]
    public void Pool_yearend_offsets_then_draws_the_reserve_then_shares()
    {
        var pool = _f.File("pool.json", """
            {"agreement_id": "bcf", "aims": ["home first"], "partners": [{"name": "ICB", "contribution": 600}, {"name": "LA", "contribution": 400}],
             "schemes": [{"name": "s1", "budget": 500, "actual": 600}, {"name": "s2", "budget": 500, "actual": 470}], "risk_reserve": 50}
            """);
        var j = Json(CliRunner.Run("pool", "yearend", "--input", pool, "--json"));
        Assert.Equal(12, j.GetProperty("partner_shares").GetProperty("icb").GetDouble(), 9);
        Assert.Equal("ICB", j.GetProperty("host").GetString());
    }

    [Fact]
    public void Malformed_input_names_the_file_and_field()
    {
        var r = CliRunner.Run("pool", "yearend", "--input", _f.File("p.json", """{"agreement_id": "x", "aims": [], "partners": [{"name": "ICB"}], "schemes": []}"""));
        Assert.Equal(CliErrors.InputError, r.ExitCode);
        Assert.Contains("p.json", r.Error, StringComparison.Ordinal);
        Assert.Contains("contribution", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decommission_assess_takes_costs_from_the_input_and_reports_equality_impact()
    {
        var criteria = string.Join(",", Strata.Domain.Deliver.Decommissioning.Criteria.Select(c => $$"""{"criterion": "{{c}}", "score": 2, "evidence": "board paper"}"""));
        var input = _f.File("d.json", $$$"""
            {"assessment_id": "d1", "service": "community", "settings": ["community_contact"], "criteria": [{{{criteria}}}],
             "costs": {"stranded": 120000, "double_running": 30000, "source": "estates review"}}
            """);
        var j = Json(CliRunner.Run("decommission", "assess", "-w", _f.WorkspacePath, "--input", input,
            "--at", "2025-03-31", "--actor", "alice", "--json", "--no-disclosure-control"));
        var a = j.GetProperty("assessment");
        Assert.Equal(2, a.GetProperty("weighted_score").GetDouble(), 9);
        Assert.Equal(150000, a.GetProperty("costs").GetProperty("total").GetDouble());
        // Everyone had community contact: 8 people per quintile of 40.
        Assert.All(a.GetProperty("equality_impact").EnumerateArray(), q => Assert.Equal(8, q.GetProperty("affected").GetInt64()));
    }

    [Fact]
    public void Demo_writes_the_report_pages_and_summary_lines()
    {
        using var ws = Workspace.Open(_f.WorkspacePath);
        var context = new DemoContext(ws, _f.Directory, new DateOnly(2025, 3, 31), DisclosurePolicy.Off);
        DeliverCommands.Demo(context);
        Assert.True(File.Exists(Path.Combine(_f.Directory.FullName, "deliver-allocation.html")));
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(_f.Directory.FullName, "deliver-contract.html")), StringComparison.Ordinal);
        Assert.Equal(5, context.Summary.Count(s => s.Stage == "Deliver"));
        Assert.Contains(context.Summary, s => s.Line.Contains("standstill ends 2025-04-10", StringComparison.Ordinal));

        // What the demo computed is stored for `strata serve`: the allocation (spend basis, as the web runs it), the
        // example delegations, the contract and the pool.
        var allocation = AllocationRun.Latest(ws.Engine);
        Assert.NotNull(allocation);
        Assert.Equal(Strata.Application.Deliver.DeliverDemo.Actor, allocation.Actor);
        Assert.True(allocation.Request.CurrentFromSpend);
        Assert.Equal(Strata.Application.Deliver.DeliverDemo.ConvergenceYears, allocation.Request.Years);
        Assert.Contains(context.Summary, s => s.Line.Contains($"stored as version {allocation.Version}", StringComparison.Ordinal));
        var register = DecisionLog.Register(ws.Engine);
        Assert.Equal(500_000, register.Find("contract_award", Tier.Place)?.Limit);
        Assert.Equal(50_000, register.Find("service_redesign", Tier.Neighbourhood)?.Limit);
        Assert.Contains(ContractBook.Current(ws.Engine), c => c.Contract.ContractId.StartsWith("demo-", StringComparison.Ordinal));
        Assert.Contains(ContractBook.Pools(ws.Engine), p => p.Agreement.AgreementId == "demo-bcf");
    }
}

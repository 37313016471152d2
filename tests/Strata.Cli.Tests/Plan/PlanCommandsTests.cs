using System.Text.Json;
using Strata.Cli.Tests.Infrastructure;
using Strata.Data.Foundation;

namespace Strata.Cli.Tests.Plan;

[Collection("cli")]
public sealed class PlanCommandsTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("strata-plan-cli");

    private string Ws => Path.Combine(_dir.FullName, "ws.duckdb");

    public PlanCommandsTests()
    {
        using var ws = Workspace.Open(Ws);
        // A frail very-high-risk cohort and a healthy one, in the Understand stage's cohort table shape.
        ws.Engine.Execute("""
            CREATE TABLE cohort_people AS SELECT * FROM (VALUES
              (DATE '2025-03-31', 'frailty_dementia', 'very_high', 'P1', 'N1', '85+', 'F', 1, 2000),
              (DATE '2025-03-31', 'healthy', 'low', 'P1', 'N1', '40-44', 'M', 3, 20000))
              t(reference_date, segment, risk_tier, place_code, neighbourhood_code, age_band, sex, imd_quintile, people);
            CREATE TABLE cohort_activity AS SELECT * FROM (VALUES
              (DATE '2025-03-31', 'frailty_dementia', 'very_high', 'P1', 'N1', '85+', 'F', 1, 'emergency_admission', 900, 8100, 2700000.0),
              (DATE '2025-03-31', 'frailty_dementia', 'very_high', 'P1', 'N1', '85+', 'F', 1, 'ae_attendance', 1500, 0, 270000.0),
              (DATE '2025-03-31', 'healthy', 'low', 'P1', 'N1', '40-44', 'M', 3, 'gp_appointment', 60000, 0, 2520000.0))
              t(reference_date, segment, risk_tier, place_code, neighbourhood_code, age_band, sex, imd_quintile, setting, activity, bed_days, cost_gbp);
            """);
    }

    public void Dispose() => _dir.Delete(true);

    private static string Examples(string name)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var p = Path.Combine(d.FullName, "examples", name);
            if (Path.Exists(p))
            {
                return p;
            }
        }
        throw new InvalidOperationException("examples not found");
    }

    [Fact]
    public void Project_prints_cost_by_year_against_the_budget_as_json_and_writes_the_page()
    {
        var html = Path.Combine(_dir.FullName, "p.html");
        var capacity = Path.Combine(_dir.FullName, "capacity.csv");
        File.WriteAllText(capacity, "setting,capacity\ngp_appointment,64000\n");
        var r = CliRunner.Run("project", "--workspace", Ws, "--years", "5", "--budget", "5600000", "--ndg", "gp_appointment=0.05", "--capacity", capacity,
            "--json", "--html", html);
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var totals = doc.RootElement.GetProperty("totals");
        Assert.Equal(6, totals.GetArrayLength());
        Assert.Equal(5_490_000, totals[0].GetProperty("cost").GetDouble(), 3);
        // GP appointments grow 5% a year, so a budget 2% above baseline is crossed in year 1.
        Assert.Equal(1, doc.RootElement.GetProperty("first_year_over_budget").GetInt32());
        Assert.Contains("Disclosure control applied", doc.RootElement.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
        // GP appointments: 60,000 × 1.004^y (40–44 default growth) × 1.05^y = 63,252 in year 1, 66,680 in year 2 against 64,000.
        var gp = doc.RootElement.GetProperty("by_setting").EnumerateArray().Where(x => x.GetProperty("setting").GetString() == "gp_appointment").ToList();
        Assert.Equal(63_250, gp[1].GetProperty("activity").GetInt64());
        Assert.False(gp[1].GetProperty("over_capacity").GetBoolean());
        Assert.True(gp[2].GetProperty("over_capacity").GetBoolean());
        Assert.Contains("curve of doom", File.ReadAllText(html), StringComparison.Ordinal);
        using var ws = Workspace.Open(Ws);
        Assert.Equal(1L, ws.Engine.Scalar<long>("SELECT count(*) FROM scenario_runs WHERE kind = 'projection' AND years = 5"));
        Assert.Equal(1L, ws.Engine.Scalar<long>("SELECT count(*) FROM strata_runs WHERE stage = 'plan:projection'"));
    }

    [Fact]
    public void Plan_build_writes_the_planning_return_documents_and_provider_pack_and_refuses_bad_years()
    {
        var outDir = Path.Combine(_dir.FullName, "plan");
        // The fixture's reference date 2025-03-31: baseline 2024/25, so 2026/27–2028/29 are projection years 2–4.
        var r = CliRunner.Run("plan", "build", "--workspace", Ws, "--scenario", Examples("interventions"), "--runs", "10", "--json", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(["2026/27", "2027/28", "2028/29"], doc.RootElement.GetProperty("financial_years").EnumerateArray().Select(e => e.GetString()));
        var tables = doc.RootElement.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal(["summary", "lines", "funding", "places", "capacity", "checks", "impact"], tables);
        Assert.DoesNotContain("\"NO\"", r.Out, StringComparison.Ordinal);
        foreach (var f in new[] { "plan.xlsx", "plan-lines.csv", "provider-impact.csv", "provider-impact.xlsx", "commissioning-intentions.html", "provider-impact.html" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        }
        var intentions = File.ReadAllText(Path.Combine(outDir, "commissioning-intentions.html"));
        Assert.Contains("Evidence:", intentions, StringComparison.Ordinal);
        Assert.Contains("Disclosure control applied", intentions, StringComparison.Ordinal);

        var bad = CliRunner.Run("plan", "build", "--workspace", Ws, "--scenario", Examples("interventions"), "--years", "2024/25-2025/26");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--years", bad.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_run_compare_and_prioritise_work_end_to_end()
    {
        var a = Path.Combine(_dir.FullName, "a.json");
        var b = Path.Combine(_dir.FullName, "b.json");
        var run = CliRunner.Run("scenario", "run", "--workspace", Ws, "--interventions", Examples("interventions"), "--runs", "50", "--seed", "3",
            "--years", "5", "--out", a, "--html", _dir.FullName, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using (var doc = JsonDocument.Parse(run.Out))
        {
            var report = doc.RootElement.GetProperty("report");
            Assert.Equal(50, report.GetProperty("runs").GetInt32());
            var ea = report.GetProperty("horizon").EnumerateArray().Single(h => h.GetProperty("setting").GetString() == "emergency_admission");
            Assert.True(ea.GetProperty("avoided").GetProperty("p50").GetInt64() > 0);
        }
        Assert.True(File.Exists(Path.Combine(_dir.FullName, "scenario.html")));
        var single = CliRunner.Run("scenario", "run", "--workspace", Ws, "--interventions", Path.Combine(Examples("interventions"), "01-frailty-virtual-ward.json"),
            "--runs", "20", "--years", "5", "--name", "ward only", "--out", b);
        Assert.True(single.ExitCode == 0, single.Error);

        var compare = CliRunner.Run("scenario", "compare", a, b, "--json");
        Assert.True(compare.ExitCode == 0, compare.Error);
        using (var doc = JsonDocument.Parse(compare.Out))
        {
            Assert.Equal(["scenario", "ward only"], doc.RootElement.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        }

        var fromScenario = CliRunner.Run("scenario", "prioritise", "--scenario", a, "--budget", "1000000", "--draws", "50", "--json");
        Assert.True(fromScenario.ExitCode == 0, fromScenario.Error);
        using (var doc = JsonDocument.Parse(fromScenario.Out))
        {
            Assert.Equal(5, doc.RootElement.GetProperty("scores").GetArrayLength());
            Assert.True(doc.RootElement.GetProperty("optimal").GetProperty("net_cost").GetDouble() <= 1_000_000);
        }
        var table = CliRunner.Run("scenario", "run", "--workspace", Ws, "--interventions", Examples("interventions"), "--runs", "10", "--years", "3");
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains("portfolio", table.Out, StringComparison.Ordinal);
        Assert.Contains("Disclosure control applied", table.Out, StringComparison.Ordinal);
        using var ws = Workspace.Open(Ws);
        Assert.Equal(3L, ws.Engine.Scalar<long>("SELECT count(*) FROM scenario_runs"));
    }

    [Fact]
    public void Prioritise_from_an_options_file_finds_the_optimal_portfolio()
    {
        var r = CliRunner.Run("scenario", "prioritise", "--options", Examples("prioritisation-options.json"), "--budget", "1000000", "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var chosen = doc.RootElement.GetProperty("optimal").GetProperty("chosen").EnumerateArray().Select(c => c.GetString()).ToList();
        // Means: ward £1.1m → 75, rehab £350k → 32.5, social prescribing £400k → 22.5, HF £500k → 25; disinvesting
        // follow-ups releases £600k and loses 6. Best within £1m + £600k: ward + rehab (£1.45m) − follow-ups = 101.5,
        // against 57.5 for the best portfolio without disinvesting (rehab + HF).
        Assert.Equal(["virtual-ward", "pulmonary-rehab", "low-value-followups"], chosen);
        Assert.Equal(101.5, doc.RootElement.GetProperty("optimal").GetProperty("net_benefit").GetDouble(), 9);
        Assert.Equal(5, doc.RootElement.GetProperty("inclusion_probability").GetArrayLength());
    }

    [Fact]
    public void Demo_runs_the_examples_writes_pages_and_reports_money_and_admissions_avoided()
    {
        using var ws = Workspace.Open(Ws);
        var context = new Strata.Cli.Infrastructure.DemoContext(ws, _dir, new DateOnly(2025, 3, 31), Strata.Domain.Foundation.DisclosurePolicy.Default);
        Strata.Cli.Plan.PlanCommands.Demo(context);
        var lines = context.Summary.Where(s => s.Stage == "Plan").Select(s => s.Line).ToList();
        Assert.Contains(lines, l => l.Contains("portfolio NPV", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Emergency admissions avoided", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Optimal portfolio", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_dir.FullName, "plan", "scenario.html")));
        Assert.True(File.Exists(Path.Combine(_dir.FullName, "plan", "projection.html")));
        if (Environment.GetEnvironmentVariable("STRATA_KEEP_DEMO") is { } keep)
        {
            File.WriteAllLines(Path.Combine(keep, "summary.txt"), lines);
            File.Copy(Path.Combine(_dir.FullName, "plan", "scenario.html"), Path.Combine(keep, "scenario.html"), true);
            File.Copy(Path.Combine(_dir.FullName, "plan", "projection.html"), Path.Combine(keep, "projection.html"), true);
        }
    }

    [Fact]
    public void Demo_says_so_when_the_cohort_tables_are_absent()
    {
        using var ws = Workspace.InMemory();
        var context = new Strata.Cli.Infrastructure.DemoContext(ws, _dir, new DateOnly(2025, 3, 31), Strata.Domain.Foundation.DisclosurePolicy.Default);
        Strata.Cli.Plan.PlanCommands.Demo(context);
        Assert.Contains("skipped", context.Summary.Single(s => s.Stage == "Plan").Line, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_reads_stored_runs_by_id_exactly_as_their_result_files()
    {
        var a = Path.Combine(_dir.FullName, "a.json");
        var b = Path.Combine(_dir.FullName, "b.json");
        string Run(string interventions, string name, string file)
        {
            var run = CliRunner.Run("scenario", "run", "--workspace", Ws, "--interventions", interventions, "--runs", "20", "--years", "3", "--name", name,
                "--out", file, "--json");
            Assert.True(run.ExitCode == 0, run.Error);
            using var doc = JsonDocument.Parse(run.Out);
            return doc.RootElement.GetProperty("scenario_id").GetString()!;
        }
        var wardId = Run(Path.Combine(Examples("interventions"), "01-frailty-virtual-ward.json"), "ward only", a);
        var allId = Run(Examples("interventions"), "all five", b);
        var fromFiles = CliRunner.Run("scenario", "compare", a, b, "--json");
        var fromStore = CliRunner.Run("scenario", "compare", "--workspace", Ws, "--id", wardId, "--id", allId, "--json");
        Assert.True(fromStore.ExitCode == 0, fromStore.Error);
        Assert.Equal(fromFiles.Out, fromStore.Out);
        using var doc = JsonDocument.Parse(fromStore.Out);
        Assert.Equal(["ward only", "all five"], doc.RootElement.GetProperty("scenarios").EnumerateArray().Select(x => x.GetProperty("name").GetString()));
        var missing = CliRunner.Run("scenario", "compare", "--workspace", Ws, "--id", wardId, "--id", "nope");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("No stored scenario 'nope'", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_runs_intervention_sets_against_the_same_workspace()
    {
        var ward = Path.Combine(Examples("interventions"), "01-frailty-virtual-ward.json");
        var r = CliRunner.Run("scenario", "compare", "--workspace", Ws, "--set", ward, "--set", Examples("interventions"), "--runs", "20", "--years", "3", "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var s = doc.RootElement.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Equal([1, 5], s.Select(x => x.GetProperty("interventions").GetArrayLength()));
        // All five examples cost more than the ward alone.
        Assert.True(s[1].GetProperty("discounted_cost").GetDouble() > s[0].GetProperty("discounted_cost").GetDouble());
    }

    [Fact]
    public void Prioritise_reads_options_from_csv_and_names_bad_fields()
    {
        var csv = Path.Combine(_dir.FullName, "options.csv");
        File.WriteAllText(csv, "id,name,kind,cost,benefit,equity,strategic_fit,deliverability\nA,A,invest,6,9,0.1,3,3\nB,B,invest,5,7,0.2,3,3\nC,C,invest,5,7,0.3,3,3\n");
        var r = CliRunner.Run("scenario", "prioritise", "--options", csv, "--budget", "10", "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        using (var doc = JsonDocument.Parse(r.Out))
        {
            Assert.Equal(["B", "C"], doc.RootElement.GetProperty("optimal").GetProperty("chosen").EnumerateArray().Select(c => c.GetString()));
        }
        File.WriteAllText(csv, "id,cost,benefit,equity,strategic_fit,deliverability\nA,six,9,0.1,3,3\n");
        var bad = CliRunner.Run("scenario", "prioritise", "--options", csv, "--budget", "10");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("options.csv:2 field 'cost'", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_intervention_file_fails_naming_file_and_field()
    {
        var bad = Path.Combine(_dir.FullName, "bad.json");
        File.WriteAllText(bad, File.ReadAllText(Path.Combine(Examples("interventions"), "01-frailty-virtual-ward.json")).Replace("[0.10, 0.30]", "[0.30, 0.10]", StringComparison.Ordinal));
        var r = CliRunner.Run("scenario", "run", "--workspace", Ws, "--interventions", bad, "--runs", "5");
        Assert.True(r.ExitCode == 2, r.Error + r.Out);
        Assert.Contains("bad.json", r.Error, StringComparison.Ordinal);
        Assert.Contains("$.effect.interval", r.Error, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using Strata.Cli.Tests.Infrastructure;
using Strata.Data.Foundation;

namespace Strata.Cli.Tests.Plan;

[Collection("cli")]
public sealed class OpportunitiesCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("strata-opp-cli");

    private string Ws => Path.Combine(_dir.FullName, "ws.duckdb");

    public OpportunitiesCommandTests()
    {
        // Two practices of 40 people aged 50; P1's patients have 30 zero-day emergency admissions, P2's 10.
        using var ws = Workspace.Open(Ws);
        using (var p = ws.Engine.Append("practices"))
        {
            p.Row("P1", "One", "N1", "PL1", "Place One", "Q");
            p.Row("P2", "Two", "N2", "PL1", "Place One", "Q");
        }
        using (var p = ws.Engine.Append("people"))
        {
            for (var i = 0; i < 80; i++)
            {
                p.Row($"p{i}", "F", 1974, null, i < 40 ? "P1" : "P2", null, 5, null, null, null);
            }
        }
        using var a = ws.Engine.Append("activity");
        for (var i = 0; i < 40; i++)
        {
            var day = new DateOnly(2024, 6, 1);
            a.Row($"a{i}", $"p{(i < 30 ? i : 40 + i - 30)}", "emergency_admission", "R1", day, day, "R104", 500m, null, null);
        }
    }

    public void Dispose() => _dir.Delete(true);

    [Fact]
    public void A_candidate_from_an_opportunity_carries_its_evidence_and_the_panels_judgements_into_the_stored_scenario_and_page()
    {
        var candidate = Path.Combine(_dir.FullName, "candidate.json");
        var made = CliRunner.Run("opportunities", "-w", Ws, "--at", "2025-03-31", "--id", "zero_los_emergency", "--candidate", candidate);
        Assert.True(made.ExitCode == 0, made.Error);
        var text = File.ReadAllText(candidate);
        Assert.Contains("\"zero_los_emergency\"", text, StringComparison.Ordinal);
        // The panel replaces the data's interval with their judgements.
        var node = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        node["effect"]!.AsObject().Remove("interval");
        node["elicitations"] = System.Text.Json.Nodes.JsonNode.Parse("""
            [{"assumption": "effect", "expert": "Dr A", "date": "2026-11-30", "low": 0.05, "mode": 0.1, "high": 0.2, "rationale": "SDEC pilot in place B"},
             {"assumption": "effect", "expert": "Ms B", "date": "2026-12-01", "low": 0.0, "mode": 0.05, "high": 0.1, "rationale": "staffing limits"}]
            """);
        File.WriteAllText(candidate, node.ToJsonString());
        using (var ws = Workspace.Open(Ws))
        {
            ws.Engine.Execute("""
                CREATE TABLE cohort_people AS SELECT * FROM (VALUES (DATE '2025-03-31', 'healthy', 'low', 'PL1', 'N1', '50-54', 'F', 3, 80))
                  t(reference_date, segment, risk_tier, place_code, neighbourhood_code, age_band, sex, imd_quintile, people);
                CREATE TABLE cohort_activity AS SELECT * FROM (VALUES
                  (DATE '2025-03-31', 'healthy', 'low', 'PL1', 'N1', '50-54', 'F', 3, 'emergency_admission', 40, 0, 20000.0))
                  t(reference_date, segment, risk_tier, place_code, neighbourhood_code, age_band, sex, imd_quintile, setting, activity, bed_days, cost_gbp);
                """);
        }
        var html = Path.Combine(_dir.FullName, "plan");
        var run = CliRunner.Run("scenario", "run", "--workspace", Ws, "--interventions", candidate, "--runs", "5", "--years", "2", "--html", html, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var provenance = doc.RootElement.GetProperty("report").GetProperty("interventions")[0].GetProperty("provenance");
        Assert.Equal("zero_los_emergency", provenance.GetProperty("opportunity").GetProperty("id").GetString());
        Assert.Equal(2, provenance.GetProperty("elicitations").GetArrayLength());
        Assert.Contains("linear opinion pool", provenance.GetProperty("pooling_method").GetString(), StringComparison.Ordinal);
        Assert.Contains("SDEC pilot in place B", File.ReadAllText(Path.Combine(html, "scenario.html")), StringComparison.Ordinal);
        using var stored = Workspace.Open(Ws);
        Assert.Contains("staffing limits", stored.Engine.Scalar<string>("SELECT provenance FROM scenario_evidence"), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_gives_each_practice_its_standardised_rate_and_the_prize_at_the_peer_median()
    {
        var html = Path.Combine(_dir.FullName, "o.html");
        var r = CliRunner.Run("opportunities", "-w", Ws, "--at", "2025-03-31", "--id", "zero_los_emergency", "--json", "--html", html, "--no-disclosure-control");
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var o = doc.RootElement.GetProperty("opportunities")[0];
        Assert.Equal(500, o.GetProperty("rate").GetDouble(), 6); // 40 per 80 people, per 1,000
        var units = o.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("unit").GetString()!);
        Assert.Equal(750, units["P1"].GetProperty("standardised_rate").GetDouble(), 6);
        Assert.Equal(250, units["P2"].GetProperty("standardised_rate").GetDouble(), 6);
        // Median O/E of 1.5 and 0.5 is 1: P1 would have 20, so 10 admissions (£5,000) are the prize.
        Assert.Equal(10, units["P1"].GetProperty("to_median").GetProperty("activity").GetInt64());
        Assert.Equal(5000, o.GetProperty("to_median").GetProperty("cost").GetDouble(), 6);
        Assert.Contains("Zero-length-of-stay emergency admissions", File.ReadAllText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void Disclosure_control_is_on_by_default_and_stated()
    {
        var r = CliRunner.Run("opportunities", "-w", Ws, "--at", "2025-03-31", "--id", "zero_los_emergency", "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var units = doc.RootElement.GetProperty("opportunities")[0].GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("unit").GetString()!);
        // 30 and 10 events as the policy publishes them (this route is keyed by the count itself: docs/disclosure-control.md).
        var policy = Strata.Domain.Foundation.DisclosurePolicy.Default;
        Assert.Equal(policy.Count(30), units["P1"].GetProperty("events").GetInt64());
        Assert.Equal(policy.Count(10), units["P2"].GetProperty("events").GetInt64());
        // Top quartile O/E 0.75: P1 would have 15, so 15 admissions are the prize, published like any count.
        Assert.Equal(policy.Count(15), units["P1"].GetProperty("to_top_quartile").GetProperty("activity").GetInt64());
        Assert.Contains("Disclosure control applied", doc.RootElement.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_definition_file_is_a_one_line_error_naming_file_and_field()
    {
        var bad = Path.Combine(_dir.FullName, "bad.json");
        File.WriteAllText(bad, """{"id": "x", "name": "X", "version": "1", "source": {"title": "T", "url": "u"}, "setting": "ae_attendance", "criteria": {"min_agee": 1}}""");
        var r = CliRunner.Run("opportunities", "-w", Ws, "--definitions", bad);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bad.json", r.Error, StringComparison.Ordinal);
        Assert.Contains("$.criteria.min_agee", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
    }
}

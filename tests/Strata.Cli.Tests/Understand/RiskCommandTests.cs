using System.Text.Json;
using Strata.Cli.Tests.Infrastructure;

namespace Strata.Cli.Tests.Understand;

[Collection("cli")]
public class RiskCommandTests
{
    /// <summary>
    /// A workspace of 3,000 people over 2021-04-01..2024-03-31 whose emergency admissions rise with age
    /// (deterministic: DuckDB's hash stands in for random draws).
    /// </summary>
    private static string Workspace()
    {
        var dir = Directory.CreateTempSubdirectory("strata-risk-cli").FullName;
        var path = Path.Combine(dir, "ws.duckdb");
        using var ws = Strata.Data.Foundation.Workspace.Open(path);
        ws.Engine.Execute("""
            INSERT INTO practices SELECT 'P' || CAST(i AS VARCHAR), 'Practice', 'N' || CAST(i % 3 AS VARCHAR), 'X', 'Place', 'ICB' FROM range(10) t(i);
            INSERT INTO people (person_id, sex, year_of_birth, death_date, practice_code, lsoa_code, imd_decile, ethnicity)
            SELECT 'p' || CAST(i AS VARCHAR), CASE WHEN hash(i, 1) % 2 = 0 THEN 'F' ELSE 'M' END, 1930 + CAST(hash(i, 2) % 90 AS INTEGER),
                NULL, 'P' || CAST(i % 10 AS VARCHAR), NULL, 1 + CAST(hash(i, 3) % 10 AS INTEGER), NULL
            FROM range(3000) t(i);
            INSERT INTO activity (activity_id, person_id, setting, provider_code, start_date, end_date, primary_diagnosis, cost_gbp)
            SELECT 'a' || CAST(i AS VARCHAR) || '-' || CAST(y AS VARCHAR) || '-' || CAST(s AS VARCHAR), 'p' || CAST(i AS VARCHAR),
                'emergency_admission', 'R1', CAST(DATE '2021-04-01' + to_years(CAST(y AS INTEGER)) + to_days(CAST(hash(i, y, s, 4) % 365 AS INTEGER)) AS DATE),
                NULL, NULL, 2500
            FROM range(3000) t(i), range(3) yy(y), range(4) ss(s)
            WHERE (hash(i, 5) % 1000) / 1000.0 * (hash(i, 2) % 90) / 90.0 > (hash(i, y, s, 6) % 1000) / 1000.0 * 0.9;
            INSERT INTO activity (activity_id, person_id, setting, provider_code, start_date, end_date, primary_diagnosis, cost_gbp) VALUES ('end', 'p0', 'gp_appointment', 'G1', DATE '2024-03-31', NULL, NULL, 40);
            """);
        return path;
    }

    [Fact]
    public void Train_score_report_and_workspace_funnel_run_end_to_end()
    {
        var ws = Workspace();
        var train = CliRunner.Run("risk", "train", "--workspace", ws, "--json");
        Assert.True(train.ExitCode == 0, train.Error);
        using (var doc = JsonDocument.Parse(train.Out))
        {
            var root = doc.RootElement;
            Assert.Equal("logistic-v1", root.GetProperty("model").GetString());
            Assert.Equal("2022-03-31", root.GetProperty("train_index_date").GetString());
            Assert.Equal("2023-03-31", root.GetProperty("test_index_date").GetString());
            Assert.InRange(root.GetProperty("auroc").GetDouble(), 0.55, 1);
            Assert.Equal("DeLong", root.GetProperty("auroc_ci_method").GetString());
            // Disclosure control: counts leave rounded to 5.
            Assert.Equal(0, root.GetProperty("test_people").GetInt64() % 5);
            Assert.Contains("Disclosure control applied", root.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
        }
        var score = CliRunner.Run("risk", "score", "--workspace", ws, "--json");
        Assert.True(score.ExitCode == 0, score.Error);
        using (var doc = JsonDocument.Parse(score.Out))
        {
            Assert.Equal("2024-03-31", doc.RootElement.GetProperty("reference_date").GetString());
            Assert.Equal(["very_high", "high", "moderate", "low"], doc.RootElement.GetProperty("tiers").EnumerateArray().Select(t => t.GetProperty("tier").GetString()));
        }
        var html = Path.Combine(Path.GetDirectoryName(ws)!, "report");
        var report = CliRunner.Run("risk", "report", "--workspace", ws, "--json", "--html", html);
        Assert.True(report.ExitCode == 0, report.Error);
        using (var doc = JsonDocument.Parse(report.Out))
        {
            Assert.Equal("2024-03-31", doc.RootElement.GetProperty("scored_at").GetString());
            Assert.Equal(10, doc.RootElement.GetProperty("reliability").GetArrayLength());
        }
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(html, "risk.html")), StringComparison.Ordinal);
        var funnel = CliRunner.Run("funnel", "--workspace", ws, "--by", "practice", "--overdispersion", "--json");
        Assert.True(funnel.ExitCode == 0, funnel.Error);
        using (var doc = JsonDocument.Parse(funnel.Out))
        {
            Assert.Equal(10, doc.RootElement.GetProperty("units").GetArrayLength());
        }
    }

    [Fact]
    public void Demo_trains_scores_reports_and_writes_the_page()
    {
        var path = Workspace();
        var outDir = new DirectoryInfo(Path.Combine(Path.GetDirectoryName(path)!, "demo"));
        outDir.Create();
        using var ws = Strata.Data.Foundation.Workspace.Open(path);
        var context = new Strata.Cli.Infrastructure.DemoContext(ws, outDir, new DateOnly(2024, 3, 31), Strata.Domain.Foundation.DisclosurePolicy.Default);
        Strata.Cli.Understand.RiskCommands.Demo(context);
        var lines = context.Summary.Where(s => s.Stage == "Understand").Select(s => s.Line).ToList();
        Assert.Contains(lines, l => l.StartsWith("Risk model logistic-v1: AUROC", StringComparison.Ordinal));
        // True tiers 15, 135, 450 and 2,400, each published by cell-key perturbation (±3) and rounding to 5.
        var tiers = System.Text.RegularExpressions.Regex.Match(lines.Single(l => l.StartsWith("Risk tiers at 2024-03-31:", StringComparison.Ordinal)),
            @"very_high ([\d,]+), high ([\d,]+), moderate ([\d,]+), low ([\d,]+)");
        Assert.True(tiers.Success);
        foreach (var (group, truth) in new[] { (1, 15L), (2, 135L), (3, 450L), (4, 2400L) })
        {
            var published = long.Parse(tiers.Groups[group].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(0, published % 5);
            Assert.InRange(published, truth - 5, truth + 5);
        }
        Assert.Contains(lines, l => l.StartsWith("Funnel (emergency admissions by practice", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("Oracle", StringComparison.Ordinal));
        var html = File.ReadAllText(Path.Combine(outDir.FullName, "risk-and-variation.html"));
        Assert.Contains("Risk of emergency admission", html, StringComparison.Ordinal);
        Assert.Contains("Emergency admissions by practice", html, StringComparison.Ordinal);
        Assert.Contains("Reliability by decile", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_without_a_model_says_what_to_do()
    {
        var dir = Directory.CreateTempSubdirectory("strata-risk-cli").FullName;
        var path = Path.Combine(dir, "empty.duckdb");
        using (Strata.Data.Foundation.Workspace.Open(path))
        {
        }
        var r = CliRunner.Run("risk", "report", "--workspace", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("strata risk train", r.Error, StringComparison.Ordinal);
    }
}

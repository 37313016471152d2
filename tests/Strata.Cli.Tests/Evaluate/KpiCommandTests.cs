using System.Text.Json;
using Strata.Cli.Tests.Infrastructure;
using Strata.Data.Foundation;

namespace Strata.Cli.Tests.Evaluate;

[Collection("cli")]
public sealed class KpiCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("strata-kpi-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Workspace() => EvaluateWorkspace.TwoPlaces(_dir);

    private string Definitions()
    {
        var path = Path.Combine(_dir, "kpis.json");
        File.WriteAllText(path, """
            {"version": "test.v1", "kpis": [{"name": "ea", "title": "Emergency admissions per 1,000",
              "numerator": {"kind": "activity", "settings": ["emergency_admission"]}, "per": 1000, "period": "month",
              "improvement": "decrease", "target": 150}]}
            """);
        return path;
    }

    [Fact]
    public void Kpi_json_releases_rounded_counts_recomputed_rates_spc_and_equity()
    {
        var html = Path.Combine(_dir, "kpi.html");
        var r = CliRunner.Run("kpi", "--workspace", Workspace(), "--definitions", Definitions(), "--level", "place", "--json", "--html", html);
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("test.v1", root.GetProperty("definitions_version").GetString());
        Assert.StartsWith("Disclosure control applied", root.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
        var series = root.GetProperty("kpis")[0].GetProperty("series");
        Assert.Equal(2, series.GetArrayLength());
        var a = series[0];
        Assert.Equal("A", a.GetProperty("unit").GetString());
        var points = a.GetProperty("points");
        // January 2023 to January 2024: February 2024 is incomplete (data end 5 February).
        Assert.Equal(13, points.GetArrayLength());
        // 12 admissions round to 10; 100 people stay 100; rate = 10 / 100 × 1000 = 100.
        Assert.Equal(10, points[0].GetProperty("numerator").GetInt64());
        Assert.Equal(100, points[0].GetProperty("denominator").GetInt64());
        Assert.Equal(100, points[0].GetProperty("rate").GetDouble(), 9);
        Assert.Equal("common_cause", points[0].GetProperty("point_type").GetString());
        // Flat at 100 per 1,000 against a target of 150 with lower better: limits collapse to 100, consistently passing.
        Assert.Equal("pass", a.GetProperty("summary").GetProperty("assurance_icon").GetString());
        var b = series[1].GetProperty("points")[0];
        Assert.Equal(20, b.GetProperty("numerator").GetInt64());
        var equity = root.GetProperty("kpis")[0].GetProperty("equity");
        // Q1 (p0, p1 in place A): 12 × 13 = 156 -> 155 over 40 × 13 = 520 person-months; Q5: 21 × 13 = 273 -> 275 / 520.
        Assert.Equal(155 / 520.0 * 1000, equity.GetProperty("quintiles")[0].GetProperty("rate").GetDouble(), 9);
        Assert.Equal(275 / 520.0 * 1000, equity.GetProperty("quintiles")[4].GetProperty("rate").GetDouble(), 9);
        Assert.Equal((155 - 275) / 520.0 * 1000, equity.GetProperty("absolute_gap").GetDouble(), 9);
        // Every dimension is reported; IMD quintiles repeat the equity figures and add the relative index.
        var inequalities = root.GetProperty("kpis")[0].GetProperty("inequalities");
        Assert.Equal(["imd_quintile", "core20", "ethnicity", "learning_disability", "severe_mental_illness"],
            inequalities.EnumerateArray().Select(i => i.GetProperty("dimension").GetString()));
        Assert.Equal(equity.GetProperty("absolute_gap").GetDouble(), inequalities[0].GetProperty("absolute_gap").GetDouble(), 9);
        Assert.Contains("Inequalities, ICB-wide", File.ReadAllText(html), StringComparison.Ordinal);
        Assert.Contains("<svg", File.ReadAllText(html), StringComparison.Ordinal);
        using var ws = Strata.Data.Foundation.Workspace.Open(Path.Combine(_dir, "w.duckdb"));
        Assert.Equal(1, ws.Engine.Scalar<long>("SELECT count(*) FROM strata_runs WHERE stage = 'evaluate.kpi'"));
    }
}

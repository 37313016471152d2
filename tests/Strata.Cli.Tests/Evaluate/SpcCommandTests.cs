using System.Text.Json;
using Strata.Cli.Tests.Infrastructure;

namespace Strata.Cli.Tests.Evaluate;

[Collection("cli")]
public sealed class SpcCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("strata-spc-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Csv(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    // 12 baseline points alternating 10, 12 (mean 11, AMR 2, UPL 16.32) and a 13th point at 17.
    private string Series() => Csv("series.csv", "date,value\n" + string.Join("\n",
        Enumerable.Range(0, 13).Select(i => $"{new DateOnly(2024, 1, 1).AddMonths(i):yyyy-MM-dd},{(i == 12 ? 17 : i % 2 == 0 ? 10 : 12)}")) + "\n");

    [Fact]
    public void Spc_json_gives_limits_point_types_and_icons()
    {
        var html = Path.Combine(_dir, "spc.html");
        var r = CliRunner.Run("spc", "--input", Series(), "--fix-after", "12", "--target", "5", "--json", "--html", html);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var points = doc.RootElement.GetProperty("points");
        Assert.Equal(13, points.GetArrayLength());
        var last = points[12];
        Assert.Equal("2025-01-01", last.GetProperty("date").GetString());
        Assert.Equal(11, last.GetProperty("mean").GetDouble(), 9);
        Assert.Equal(16.32, last.GetProperty("upl").GetDouble(), 9);
        Assert.Equal(5.68, last.GetProperty("lpl").GetDouble(), 9);
        Assert.Equal(11 + 5.32 * 2 / 3, last.GetProperty("near_upl").GetDouble(), 9);
        Assert.Equal("special_cause_improvement", last.GetProperty("point_type").GetString());
        Assert.Equal("beyond_limits", last.GetProperty("rules")[0].GetString());
        Assert.Equal("common_cause", points[0].GetProperty("point_type").GetString());
        var summary = doc.RootElement.GetProperty("summary");
        Assert.Equal("improvement_high", summary.GetProperty("variation_icon").GetString());
        Assert.Equal("pass", summary.GetProperty("assurance_icon").GetString());
        Assert.Contains("<svg", File.ReadAllText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void Spc_warns_when_a_group_has_fewer_than_12_points()
    {
        var csv = Csv("short.csv", "date,value\n2024-01-01,10\n2024-02-01,12\n2024-03-01,10\n");
        var r = CliRunner.Run("spc", "--input", csv, "--improvement", "decrease", "--json");
        Assert.Contains("fewer than 12", r.Out, StringComparison.Ordinal);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Single(doc.RootElement.GetProperty("summary").GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public void Spc_rebase_gives_the_second_group_its_own_mean()
    {
        // 12 points alternating 10, 12 then 12 alternating 20, 22: group means 11 and 21.
        var csv = Csv("rebase.csv", "date,value\n" + string.Join("\n", Enumerable.Range(0, 24).Select(i =>
            $"{new DateOnly(2023, 1, 1).AddMonths(i):yyyy-MM-dd},{(i < 12 ? 10 : 20) + (i % 2 == 0 ? 0 : 2)}")) + "\n");
        var r = CliRunner.Run("spc", "--input", csv, "--rebase", "2024-01-01", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var points = doc.RootElement.GetProperty("points");
        Assert.Equal(11, points[11].GetProperty("mean").GetDouble(), 9);
        Assert.Equal(2, points[12].GetProperty("group").GetInt32());
        Assert.Equal(21, points[12].GetProperty("mean").GetDouble(), 9);
        Assert.All(points.EnumerateArray(), p => Assert.Equal("common_cause", p.GetProperty("point_type").GetString()));
        Assert.Equal(1, CliRunner.Run("spc", "--input", csv, "--rebase", "2024-13-01").ExitCode);
    }

    [Theory]
    [InlineData("date,value\n2024-01-01,10\n2024-02-01,abc\n", ":3 field 'value'")]
    [InlineData("date,value\n2024-01-01,10\n2024-13-01,11\n", ":3 field 'date'")]
    [InlineData("date,value\n2024-02-01,10\n2024-01-01,11\n", ":3 field 'date'")]
    [InlineData("date,value\n2024-01-01,10\n2024-01-01,11\n", ":3 field 'date': duplicate date")]
    [InlineData("day,value\n2024-01-01,10\n", ":1 field 'date'")]
    public void Bad_csv_names_file_line_and_field(string text, string expected)
    {
        var csv = Csv("bad.csv", text);
        var r = CliRunner.Run("spc", "--input", csv, "--json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bad.csv" + expected, r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_end_makes_the_uncovered_last_month_partial_and_it_is_not_read()
    {
        // The last month (January 2025) at 17 would be beyond the upper limit; the data end on 15 January 2025.
        var r = CliRunner.Run("spc", "--input", Series(), "--data-end", "2025-01-15", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var last = doc.RootElement.GetProperty("points")[12];
        Assert.Equal("partial_period", last.GetProperty("point_type").GetString());
        Assert.Equal(11, last.GetProperty("mean").GetDouble(), 9);
        Assert.Equal("common_cause", doc.RootElement.GetProperty("summary").GetProperty("variation_icon").GetString());
        var covered = CliRunner.Run("spc", "--input", Series(), "--data-end", "2025-01-31", "--fix-after", "12", "--json");
        Assert.Contains("\"special_cause_improvement\"", covered.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void P_chart_reads_events_and_denominators_and_names_bad_rows()
    {
        var csv = Csv("p.csv", "date,events,denominator\n2024-01-01,10,100\n2024-02-01,30,200\n2024-03-01,5,100\n2024-04-01,35,400\n");
        var r = CliRunner.Run("spc", "--chart", "p", "--input", csv, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("p", doc.RootElement.GetProperty("chart").GetString());
        var first = doc.RootElement.GetProperty("points")[0];
        Assert.Equal(0.1, first.GetProperty("mean").GetDouble(), 12);
        Assert.Equal(0.19, first.GetProperty("upl").GetDouble(), 12);
        var bad = Csv("bad.csv", "date,events,denominator\n2024-01-01,10,100\n2024-02-01,30,20\n");
        var e = CliRunner.Run("spc", "--chart", "p", "--input", bad);
        Assert.Equal(2, e.ExitCode);
        Assert.Contains("bad.csv:3 field 'events'", e.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_chart_gives_median_runs_and_the_same_icons()
    {
        var csv = Csv("run.csv", "date,value\n" + string.Join("\n", new[] { 3, 7, 3, 7, 3, 7, 8, 9, 8, 9, 8, 9 }
            .Select((v, i) => $"{new DateOnly(2024, 1, 1).AddMonths(i):yyyy-MM-dd},{v}")) + "\n");
        var r = CliRunner.Run("spc", "--chart", "run", "--input", csv, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(7.5, summary.GetProperty("median").GetDouble());
        Assert.Equal(2, summary.GetProperty("runs").GetInt32());
        Assert.True(summary.GetProperty("runs_signal").GetBoolean());
        Assert.Equal("improvement_high", summary.GetProperty("variation_icon").GetString());
    }
}

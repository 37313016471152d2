using System.Text.Json;
using Strata.Cli.Tests.Infrastructure;

namespace Strata.Cli.Tests.Evaluate;

[Collection("cli")]
public sealed class BenchmarkCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("strata-bench-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Csv(string text)
    {
        var path = Path.Combine(_dir, "metrics.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Benchmark_json_scores_ties_and_segments()
    {
        // Same hand-worked case as the domain test: averages X 2, Y 1.75, Z 2.25, W 4 -> segments 2, 1, 3, 4.
        var csv = Csv("area,metric,value,higher_is_better,domain\nX,a,10,true,outcome\nY,a,8,true,outcome\nZ,a,8,true,outcome\nW,a,5,true,outcome\n" +
            "X,b,3,false,experience\nY,b,1,false,experience\nZ,b,2,false,experience\nW,b,4,false,experience\n");
        var r = CliRunner.Run("benchmark", "--input", csv, "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var areas = doc.RootElement.GetProperty("areas");
        Assert.Equal(["Y", "X", "Z", "W"], areas.EnumerateArray().Select(a => a.GetProperty("area").GetString()));
        Assert.Equal([1, 2, 3, 4], areas.EnumerateArray().Select(a => a.GetProperty("segment").GetInt32()));
        Assert.Equal(1.75, areas[0].GetProperty("average_score").GetDouble(), 12);
        Assert.Equal(2.5, areas[0].GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "a").GetProperty("score").GetDouble(), 12);
    }

    [Fact]
    public void Benchmark_rejects_a_metric_missing_for_an_area()
    {
        var r = CliRunner.Run("benchmark", "--input", Csv("area,metric,value,higher_is_better\nX,a,1,true\nY,a,2,true\nX,b,1,false\n"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("metric 'b' is given for 1 of 2 areas", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Benchmark_names_a_bad_flag_by_line_and_field()
    {
        var r = CliRunner.Run("benchmark", "--input", Csv("area,metric,value,higher_is_better\nX,a,1,true\nY,a,2,maybe\n"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("metrics.csv:3 field 'higher_is_better'", r.Error, StringComparison.Ordinal);
    }
}

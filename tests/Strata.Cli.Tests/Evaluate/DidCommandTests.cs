using System.Text.Json;
using Strata.Cli.Tests.Infrastructure;

namespace Strata.Cli.Tests.Evaluate;

[Collection("cli")]
public sealed class DidCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("strata-did-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Csv(string text)
    {
        var path = Path.Combine(_dir, "panel.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Did_json_reports_the_interaction_as_the_effect()
    {
        // Cell means: treated pre 11, post 21; control pre 6, post 9 -> effect 7.
        var csv = Csv("unit,y,trt,post\na,10,1,0\nb,12,1,0\na,20,1,1\nb,22,1,1\nc,5,0,0\nd,7,0,0\nc,8,0,1\nd,10,0,1\n");
        var r = CliRunner.Run("did", "--input", csv, "--outcome", "y", "--treated-unit", "trt", "--treated-time", "post", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(7, doc.RootElement.GetProperty("effect").GetDouble(), 9);
        Assert.Equal(8, doc.RootElement.GetProperty("n").GetInt32());
        var se = doc.RootElement.GetProperty("standard_error").GetDouble();
        Assert.Equal(7 - 1.959963984540054 * se, doc.RootElement.GetProperty("ci_low").GetDouble(), 6);
        Assert.Equal(4, doc.RootElement.GetProperty("coefficients").GetArrayLength());
    }

    [Fact]
    public void Did_with_a_covariate_adds_its_coefficient()
    {
        // y = 1 + 2·treated + 3·post + 4·treated×post + 0.5·x exactly (x varies within cells, so it is identified).
        var rows = new List<string> { "y,trt,post,x" };
        foreach (var (t, p) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) })
        {
            foreach (var x in new[] { 0, 2, 5 })
            {
                rows.Add(FormattableString.Invariant($"{1 + 2 * t + 3 * p + 4 * t * p + 0.5 * x},{t},{p},{x}"));
            }
        }
        var r = CliRunner.Run("did", "--input", Csv(string.Join("\n", rows) + "\n"), "--outcome", "y", "--treated-unit", "trt", "--treated-time", "post", "--covariates", "x", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(4, doc.RootElement.GetProperty("effect").GetDouble(), 9);
        var slope = doc.RootElement.GetProperty("coefficients").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "x");
        Assert.Equal(0.5, slope.GetProperty("estimate").GetDouble(), 9);
    }

    [Fact]
    public void Did_rejects_a_treated_flag_that_is_not_0_or_1()
    {
        var csv = Csv("y,trt,post\n1,1,0\n2,yes,1\n");
        var r = CliRunner.Run("did", "--input", csv, "--outcome", "y", "--treated-unit", "trt", "--treated-time", "post");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("panel.csv:3 field 'trt'", r.Error, StringComparison.Ordinal);
    }
}

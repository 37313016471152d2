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
    public void Did_rejects_a_treated_flag_that_is_not_0_or_1()
    {
        var csv = Csv("y,trt,post\n1,1,0\n2,yes,1\n");
        var r = CliRunner.Run("did", "--input", csv, "--outcome", "y", "--treated-unit", "trt", "--treated-time", "post");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("panel.csv:3 field 'trt'", r.Error, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using Strata.Cli.Tests.Infrastructure;

namespace Strata.Cli.Tests.Understand;

[Collection("cli")]
public class FunnelCommandTests
{
    private static string Csv(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("strata-funnel-cli").FullName, "units.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Funnel_input_prints_ratios_limits_and_flags_as_json()
    {
        var path = Csv("unit,observed,expected\nA,140,100\nB,100,100\nC,5,5\n");
        var r = CliRunner.Run("funnel", "--input", path, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("ratio", root.GetProperty("kind").GetString());
        var units = root.GetProperty("units");
        Assert.Equal(3, units.GetArrayLength());
        var a = units[0];
        Assert.Equal("A", a.GetProperty("unit").GetString());
        Assert.Equal(1.4, a.GetProperty("ratio").GetDouble(), 12);
        Assert.Equal(100, a.GetProperty("expected").GetDouble());
        Assert.Equal("high_99_8", a.GetProperty("flag").GetString());
        Assert.True(a.GetProperty("outlier").GetBoolean());
        // C: E = 5, lower 95% = qchisq(0.025, 10)/10.
        Assert.Equal(0.3246973, units[2].GetProperty("limits").GetProperty("lower_95").GetDouble(), 6);
        Assert.Equal("within", units[1].GetProperty("flag").GetString());
        Assert.Equal(1, root.GetProperty("outliers").GetInt32());
        Assert.True(root.TryGetProperty("phi", out _));
        Assert.True(root.TryGetProperty("tau2", out _));
    }

    [Fact]
    public void Funnel_input_with_proportions_uses_the_pooled_target()
    {
        var path = Csv("unit,numerator,denominator\nA,30,100\nB,10,100\n");
        var r = CliRunner.Run("funnel", "--input", path, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(0.2, doc.RootElement.GetProperty("target").GetDouble(), 12);
        Assert.Equal(0.3, doc.RootElement.GetProperty("units")[0].GetProperty("proportion").GetDouble(), 12);
    }

    [Fact]
    public void Funnel_names_its_overdispersion_method_and_warns_on_zero_event_units()
    {
        var path = Csv("unit,numerator,denominator\na,0,10\nb,5,10\nc,50,1000\nd,150,1000\ne,100,1000\n");
        var r = CliRunner.Run("funnel", "--input", path, "--overdispersion", "--overdispersion-method", "winsorised", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("winsorised", root.GetProperty("overdispersion_method").GetString());
        Assert.Equal(5, root.GetProperty("units_used_for_phi").GetInt32());
        Assert.Contains("no events", root.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, root.GetProperty("units")[0].GetProperty("limits").GetProperty("lower_99_8").GetDouble());
        var trimmed = CliRunner.Run("funnel", "--input", path, "--overdispersion", "--json");
        Assert.Contains("\"overdispersion_method\": \"trimmed\"", trimmed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Funnel_takes_beta_binomial_limits_for_proportions_and_refuses_negative_binomial_for_them()
    {
        var path = Csv("unit,numerator,denominator\na,0,10\nb,5,10\nc,50,1000\nd,150,1000\ne,100,1000\n");
        var r = CliRunner.Run("funnel", "--input", path, "--overdispersion", "--overdispersion-limits", "betabinomial", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("beta_binomial", root.GetProperty("overdispersion_limits").GetString());
        Assert.Contains("beta-binomial", root.GetProperty("method").GetString(), StringComparison.Ordinal);
        // d: 0.15 on 1,000 against θ = 305/3030; the beta-binomial upper 99.8% limit is inside (0, 1) and above θ.
        var upper = root.GetProperty("units")[3].GetProperty("limits").GetProperty("upper_99_8").GetDouble();
        Assert.InRange(upper, 305.0 / 3030, 1);
        var bad = CliRunner.Run("funnel", "--input", path, "--overdispersion", "--overdispersion-limits", "negativebinomial", "--json");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--overdispersion-limits: negative-binomial limits are for ratios", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Funnel_input_error_names_file_line_and_field()
    {
        var path = Csv("unit,observed,expected\nA,12,10\nB,7,zero\n");
        var r = CliRunner.Run("funnel", "--input", path, "--json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{path}:3 field 'expected'", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Funnel_needs_a_workspace_or_an_input_file()
    {
        var r = CliRunner.Run("funnel", "--json");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--input", r.Error, StringComparison.Ordinal);
    }
}

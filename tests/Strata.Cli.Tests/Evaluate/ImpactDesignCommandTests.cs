using System.Globalization;
using System.Text.Json;
using Strata.Cli.Tests.Infrastructure;

namespace Strata.Cli.Tests.Evaluate;

[Collection("cli")]
public sealed class ImpactDesignCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("strata-impact-design-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Csv(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Month(int i) => new DateOnly(2023, 1, 1).AddMonths(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void Its_json_gives_level_and_slope_change_counterfactual_and_assumptions()
    {
        // 10 + 0.5t before July 2023 (t = 6); after it, + 3 + (t − 6).
        var csv = Csv("its.csv", "date,value\n" + string.Join("\n", Enumerable.Range(0, 12).Select(t =>
            $"{Month(t)},{(10 + 0.5 * t + (t >= 6 ? 3 + t - 6 : 0)).ToString(CultureInfo.InvariantCulture)}")) + "\n");
        var html = Path.Combine(_dir, "its.html");
        var r = CliRunner.Run("its", "--input", csv, "--intervention", "2023-07-01", "--json", "--html", html);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(3, root.GetProperty("level_change").GetProperty("estimate").GetDouble(), 9);
        Assert.Equal(1, root.GetProperty("slope_change").GetProperty("estimate").GetDouble(), 9);
        Assert.Equal(15.5, root.GetProperty("points")[11].GetProperty("counterfactual").GetDouble(), 9);
        Assert.True(root.GetProperty("assumptions").GetArrayLength() > 0);
        Assert.Contains("Counterfactual", File.ReadAllText(html), StringComparison.Ordinal);
        Assert.Equal(1, CliRunner.Run("its", "--input", csv, "--intervention", "July").ExitCode);
    }

    [Fact]
    public void Synth_json_gives_weights_gap_and_placebo_p()
    {
        double[][] donors = [[1, 2, 3, 4, 5, 6], [3, 3, 3, 3, 3, 3], [10, 0, 10, 0, 10, 0]];
        double[] treated = [2, 2.5, 3, 3.5, 14, 14.5];
        var rows = donors.Select((v, u) => (Unit: "ABC"[u].ToString(), Values: v)).Append((Unit: "T", Values: treated))
            .SelectMany(x => x.Values.Select((v, t) => $"{x.Unit},{Month(t)},{v.ToString(CultureInfo.InvariantCulture)}"));
        var csv = Csv("panel.csv", "unit,date,value\n" + string.Join("\n", rows) + "\n");
        var r = CliRunner.Run("synth", "--input", csv, "--treated", "T", "--intervention", Month(4), "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        var weights = root.GetProperty("weights").EnumerateArray().ToDictionary(w => w.GetProperty("unit").GetString()!, w => w.GetProperty("weight").GetDouble());
        Assert.Equal(0.5, weights["A"], 4);
        Assert.Equal(0.5, weights["B"], 4);
        Assert.Equal(10, root.GetProperty("mean_post_gap").GetDouble(), 3);
        Assert.Equal(0.25, root.GetProperty("p_value").GetDouble(), 12);
        Assert.Equal(3, root.GetProperty("placebos").GetArrayLength());

        var gap = Csv("gap.csv", "unit,date,value\nA,2023-01-01,1\nA,2023-02-01,2\nB,2023-01-01,3\n");
        var bad = CliRunner.Run("synth", "--input", gap, "--treated", "A", "--intervention", "2023-02-01");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("gap.csv:4 field 'date': unit 'B'", bad.Error, StringComparison.Ordinal);
    }
}

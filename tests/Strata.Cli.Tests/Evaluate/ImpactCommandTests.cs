using System.Text.Json;
using Strata.Cli.Tests.Infrastructure;

namespace Strata.Cli.Tests.Evaluate;

[Collection("cli")]
public sealed class ImpactCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("strata-impactcli-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Evaluate_impact_json_reports_pairs_balance_and_effect()
    {
        // Place A's quintile-1 people p0 and p1 have all of A's admissions; treat p0..p9 from July 2023.
        var ws = EvaluateWorkspace.TwoPlaces(_dir);
        var cohort = Path.Combine(_dir, "cohort.csv");
        File.WriteAllText(cohort, "person_id,start_date\n" + string.Join("\n", Enumerable.Range(0, 10).Select(i => $"p{i},2023-07-01")) + "\n");
        var r = CliRunner.Run("evaluate", "impact", "--workspace", ws, "--cohort", cohort, "--bootstrap", "50", "--json", "--no-disclosure-control");
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(10, root.GetProperty("cohort_people").GetInt64());
        var pairs = root.GetProperty("matched_pairs").GetInt64();
        Assert.Equal(10, pairs + root.GetProperty("no_candidates").GetInt64() + root.GetProperty("outside_caliper").GetInt64());
        Assert.Equal(6, root.GetProperty("balance").GetArrayLength());
        Assert.True(root.GetProperty("outcome").TryGetProperty("effect", out _));
        Assert.StartsWith("Disclosure control OFF", root.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_impact_names_a_bad_cohort_date()
    {
        var ws = EvaluateWorkspace.TwoPlaces(_dir);
        var cohort = Path.Combine(_dir, "cohort.csv");
        File.WriteAllText(cohort, "person_id,start_date\np1,01/07/2023\n");
        var r = CliRunner.Run("evaluate", "impact", "--workspace", ws, "--cohort", cohort);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("cohort.csv:2 field 'start_date'", r.Error, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using Strata.Cli.Tests.Evaluate;
using Strata.Cli.Tests.Infrastructure;

namespace Strata.Cli.Tests.Understand;

[Collection("cli")]
public sealed class CohortsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("strata-cohorts-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Cohorts_json_counts_per_neighbourhood_under_disclosure_control_including_care_home_residents()
    {
        var path = EvaluateWorkspace.TwoPlaces(_dir);
        using (var ws = Strata.Data.Foundation.Workspace.Open(path))
        {
            // Ten people in N1 with two long-term conditions each: a cohort of 10, released as 10 or 15 (10 ± a cell-key
            // perturbation of at most 3, rounded to 5, never below 10; the keys come from the workspace's random secret).
            ws.Engine.Execute("""
                INSERT INTO conditions SELECT 'p' || i, 'strata', c, DATE '2020-01-01'
                FROM range(10) t(i), (VALUES ('diabetes'), ('hypertension')) v(c);
                UPDATE people SET care_home = 1 WHERE person_id IN (SELECT 'p' || i FROM range(10) t(i));
                """);
        }
        var r = CliRunner.Run("cohorts", "--workspace", path, "--at", "2024-01-31", "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        var row = rows[0];
        Assert.Equal("N1", row.GetProperty("neighbourhood").GetString());
        Assert.Equal("multiple_long_term_conditions", row.GetProperty("cohort").GetString());
        Assert.Contains(row.GetProperty("people").GetInt64(), new[] { 10L, 15L });
        // The same ten people in care homes: their own row, with no year-earlier count (the flag has no date).
        Assert.Equal("care_home_residents", rows[1].GetProperty("cohort").GetString());
        Assert.Equal(row.GetProperty("people").GetInt64(), rows[1].GetProperty("people").GetInt64()); // same people, same cell key
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("people_year_before").ValueKind);
        Assert.StartsWith("Disclosure control applied", root.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"p1\"", r.Out, StringComparison.Ordinal);
    }
}

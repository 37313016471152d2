using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Web.Infrastructure;
using Strata.Web.Tests.Api;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Security;

/// <summary>
/// The web under the real disclosure policy (issue 12): what the API and exports publish for a cell is the cell-key
/// policy's value for that cell's people — worked out here independently from the record keys in the workspace —
/// and the same cell has the same value on every route and for every user allowed to see it.
/// </summary>
[Collection("web-keyed")]
public sealed class KeyedFiguresTests(KeyedWebAppFixture web)
{
    private static readonly DisclosurePolicy Policy = DisclosurePolicy.Default;

    /// <summary>People per segment in an area (null = the ICB) with their cell key, straight from the workspace's tables.</summary>
    private Dictionary<string, KeyedCount> Truth(string? neighbourhood) =>
        web.App.Services.GetRequiredService<WorkspaceGate>().Use(e => e.Query(
            $"""
             SELECT s.segment, count(*), CAST(sum(k.record_key) AS BIGINT) FROM segments s
             JOIN {DisclosureKeys.Table} k ON k.person_id = s.person_id
             WHERE {(neighbourhood is null ? "TRUE" : "s.neighbourhood_code = $1")} GROUP BY s.segment
             """,
            r => (r.GetString(0), new KeyedCount(r.GetInt64(1), r.GetInt64(2) % DisclosurePolicy.KeyRange)), neighbourhood is null ? [] : [neighbourhood]))
            .ToDictionary(x => x.Item1, x => x.Item2);

    private static Dictionary<string, long?> People(JsonElement table) =>
        ApiTests.Rows(table, "segment").ToDictionary(kv => kv.Key,
            kv => kv.Value.GetProperty("people").ValueKind == JsonValueKind.Null ? (long?)null : kv.Value.GetProperty("people").GetInt64());

    [Fact]
    public async Task Published_segment_counts_and_shares_are_the_cell_key_values_of_each_cells_people()
    {
        using var ann = await web.SignedIn("ann");
        var table = await ApiTests.Json(ann, "/api/population/segments");
        var truth = Truth(null);

        Assert.Contains("cell-key method", table.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
        var published = People(table);
        Assert.Equal(truth.Keys.Order(), published.Keys.Order());
        foreach (var (segment, cell) in truth)
        {
            Assert.Equal(Policy.Count(cell), published[segment]);
            Assert.True(published[segment] is not { } p || (p >= 10 && p % 5 == 0), $"{segment}: {published[segment]}");
        }
        // The total is perturbed in its own right (its key is the sum of all keys) and shares divide published figures.
        var total = Policy.Count(KeyedCount.Sum(truth.Values))!.Value;
        foreach (var row in table.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("people").ValueKind != JsonValueKind.Null))
        {
            Assert.Equal(Math.Round(row.GetProperty("people").GetInt64() * 100.0 / total, 1), row.GetProperty("percent").GetDouble(), 6);
        }
    }

    [Fact]
    public async Task A_cell_has_the_same_value_on_every_route_and_for_every_user_who_may_see_it()
    {
        using var ann = await web.SignedIn("ann");
        using var pat = await web.SignedIn("pat");
        using var nina = await web.SignedIn("nina");
        var expected = Truth("N1").ToDictionary(kv => kv.Key, kv => Policy.Count(kv.Value));

        Assert.Equal(expected, People(await ApiTests.Json(ann, "/api/population/segments?neighbourhood=N1")));
        Assert.Equal(expected, People(await ApiTests.Json(pat, "/api/population/segments?neighbourhood=N1")));
        Assert.Equal(expected, People(await ApiTests.Json(nina, "/api/population/segments")));

        var csv = await ann.GetByteArrayAsync("/api/export/segments?format=csv&neighbourhood=N1");
        var lines = Encoding.UTF8.GetString(csv).TrimStart('\uFEFF').Split("\r\n");
        foreach (var (segment, people) in expected)
        {
            var line = lines.Single(l => l.StartsWith(segment + ",", StringComparison.Ordinal)).Split(',');
            Assert.Equal(people?.ToString(CultureInfo.InvariantCulture) ?? "", line[1]);
        }
    }
}

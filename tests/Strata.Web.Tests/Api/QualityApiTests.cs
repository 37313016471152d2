using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Api;

/// <summary>/api/quality (and the /quality page's table): the stored data-quality checks, ICB users only, counts protected.</summary>
[Collection("web")]
public sealed class QualityApiTests(WebAppFixture web)
{
    [Fact]
    public async Task An_icb_user_sees_every_check_with_its_verdict_and_protected_counts()
    {
        using var ann = await web.SignedIn("ann");
        var table = await ann.GetFromJsonAsync<JsonElement>("/api/quality");
        var rows = table.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("check").GetString()!);

        Assert.Contains("cost_paid", rows.Keys);
        Assert.Contains("activity_after_death", rows.Keys);
        // The test population's 120 people have no LSOA: the check fails, and its counts are published through the
        // disclosure policy (multiples of 5 within the perturbation), not as exact row counts.
        var lsoa = rows["lsoa_present"];
        Assert.Equal("FAIL", lsoa.GetProperty("result").GetString());
        Assert.Equal("completeness", lsoa.GetProperty("category").GetString());
        foreach (var column in new[] { "failing_rows", "out_of" })
        {
            var published = lsoa.GetProperty(column).GetInt64();
            Assert.Equal(0, published % 5);
            Assert.InRange(published, 115, 125);
        }
        Assert.Equal("5%", lsoa.GetProperty("threshold").GetString());
        Assert.Equal("pass", rows["discharge_before_admission"].GetProperty("result").GetString());
        Assert.StartsWith("Disclosure control applied", table.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_place_user_is_refused_because_the_checks_cover_the_whole_workspace()
    {
        using var pat = await web.SignedIn("pat");
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync("/api/quality")).StatusCode);
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Api;

/// <summary>The board's KPI summary: each KPI's latest reading for the user's own unit (series in <see cref="TestPopulation"/>).</summary>
[Collection("web")]
public sealed class EvaluationSummaryTests(WebAppFixture web)
{
    [Fact]
    public async Task The_icb_summary_gives_the_latest_rate_the_mean_and_both_readings()
    {
        using var ann = await web.SignedIn("ann");
        var row = (await ann.GetFromJsonAsync<JsonElement>("/api/evaluation/summary")).GetProperty("rows").EnumerateArray().Single();
        Assert.Equal("Emergency admissions per 1,000 registered population", row.GetProperty("kpi").GetString());
        Assert.Equal("2025-02-01", row.GetProperty("period").GetString());
        Assert.Equal(200.0, row.GetProperty("rate").GetDouble());
        // Twelve months alternating 100 and 105, then two of 200: mean 1,630 / 14 = 116.4.
        Assert.Equal(116.4, row.GetProperty("mean").GetDouble());
        Assert.Equal("Special cause concern (high)", row.GetProperty("variation").GetString());
        Assert.Equal("No assurance (no target or neutral measure)", row.GetProperty("assurance").GetString());
    }

    [Fact]
    public async Task A_place_user_gets_their_own_units_summary()
    {
        using var pat = await web.SignedIn("pat");
        var t = await pat.GetFromJsonAsync<JsonElement>("/api/evaluation/summary");
        Assert.Equal("Place P1", t.GetProperty("scope").GetString());
        var row = t.GetProperty("rows").EnumerateArray().Single();
        Assert.Equal(50.0, row.GetProperty("rate").GetDouble());
        Assert.Equal("Common cause variation", row.GetProperty("variation").GetString());
    }
}

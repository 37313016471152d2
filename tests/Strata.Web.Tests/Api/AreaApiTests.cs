using System.Net;
using System.Text.Json;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Api;

/// <summary>
/// Narrowing to a place or neighbourhood through the API (the same ?place=&amp;neighbourhood= the area picker writes),
/// and the inequality and risk-tier tables on the shared Understand code. Figures from <see cref="TestPopulation"/>.
/// </summary>
[Collection("web")]
public sealed class AreaApiTests(WebAppFixture web)
{
    [Fact]
    public async Task A_chosen_area_narrows_the_figures_and_names_the_area_as_scope()
    {
        using var ann = await web.SignedIn("ann");
        var p1 = await Json(ann, "/api/population/segments?place=P1");
        Assert.Equal("Place P1", p1.GetProperty("scope").GetString());
        Assert.Equal(50, Rows(p1, "segment")["healthy_well"].GetProperty("people").GetInt64());
        Assert.DoesNotContain("frailty", Rows(p1, "segment").Keys);
        var n3 = await Json(ann, "/api/population/risk-tiers?place=P2&neighbourhood=N3");
        Assert.Equal("Neighbourhood N3", n3.GetProperty("scope").GetString());
        // N3: 30 frailty high; 25 healthy_well + 3 end_of_life = 28 low -> 30.
        Assert.Equal(30, Rows(n3, "tier")["high"].GetProperty("people").GetInt64());
        Assert.Equal(30, Rows(n3, "tier")["low"].GetProperty("people").GetInt64());
    }

    [Fact]
    public async Task Blank_area_values_mean_the_whole_scope()
    {
        using var ann = await web.SignedIn("ann");
        var all = await Json(ann, "/api/population/segments?place=&neighbourhood=");
        Assert.Equal("Whole ICB", all.GetProperty("scope").GetString());
        Assert.Equal(75, Rows(all, "segment")["healthy_well"].GetProperty("people").GetInt64());
    }

    [Fact]
    public async Task The_variation_funnel_takes_an_area_and_refuses_one_outside_the_scope()
    {
        using var ann = await web.SignedIn("ann");
        Assert.Equal("Place P1", (await Json(ann, "/api/variation/funnel?place=P1")).GetProperty("scope").GetString());
        using var pat = await web.SignedIn("pat");
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync("/api/variation/funnel?place=P2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync("/api/variation/funnel?neighbourhood=N3")).StatusCode);
        using var nina = await web.SignedIn("nina");
        Assert.Equal(HttpStatusCode.Forbidden, (await nina.GetAsync("/api/variation/funnel?neighbourhood=N2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nina.GetAsync("/api/variation/funnel?neighbourhood=N1")).StatusCode);
    }

    [Fact]
    public async Task Pathways_and_the_programme_budget_take_an_area_and_refuse_one_outside_the_scope()
    {
        using var ann = await web.SignedIn("ann");
        Assert.Equal(6, (await Json(ann, "/api/pathways")).GetArrayLength());
        var copd = await Json(ann, "/api/pathways/copd?place=P1");
        Assert.Equal("Place P1", copd.GetProperty("stages").GetProperty("scope").GetString());
        Assert.Equal("Place P1", (await Json(ann, "/api/programme-budget?place=P1")).GetProperty("programmes").GetProperty("scope").GetString());
        using var pat = await web.SignedIn("pat");
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync("/api/pathways/copd?place=P2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync("/api/programme-budget?neighbourhood=N3")).StatusCode);
        using var nina = await web.SignedIn("nina");
        Assert.Equal(HttpStatusCode.Forbidden, (await nina.GetAsync("/api/pathways/diabetes?neighbourhood=N2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nina.GetAsync("/api/programme-budget")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nina.GetAsync("/api/utilisation?neighbourhood=N2")).StatusCode);
        var u = await Json(nina, "/api/utilisation");
        Assert.Equal("Neighbourhood N1", u.GetProperty("practices").GetProperty("scope").GetString());
        Assert.False(u.GetProperty("providers").GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task Cohorts_are_counted_per_neighbourhood_in_scope_with_no_person_level_values()
    {
        using var ann = await web.SignedIn("ann");
        var all = await Json(ann, "/api/cohorts");
        var table = all.GetProperty("cohorts");
        Assert.Equal("Whole ICB", table.GetProperty("scope").GetString());
        var rows = table.GetProperty("rows").EnumerateArray().ToList();
        // N1's 12 ltc people have two long-term conditions each; N3's 30 frailty people four.
        var n1 = rows.Single(r => r.GetProperty("neighbourhood").GetString() == "N1" && r.GetProperty("cohort").GetString() == "2+ long-term conditions");
        Assert.Contains(n1.GetProperty("people").GetInt64(), new[] { 10L, 15L }); // 12 ± a cell-key perturbation, rounded to 5
        Assert.Contains(rows, r => r.GetProperty("neighbourhood").GetString() == "N3" && r.GetProperty("cohort").GetString() == "2+ long-term conditions");
        // N3's 3 end_of_life people live in care homes: a count of 3 is suppressed, so is their spend.
        var care = rows.Single(r => r.GetProperty("cohort").GetString() == "Care-home residents");
        Assert.Equal(JsonValueKind.Null, care.GetProperty("people").ValueKind);
        Assert.Equal(JsonValueKind.Null, care.GetProperty("spend_gbp").ValueKind);
        Assert.Equal(JsonValueKind.Null, care.GetProperty("people_year_before").ValueKind);
        Assert.Contains(all.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("Care-home residents", StringComparison.Ordinal));
        using var nina = await web.SignedIn("nina");
        var mine = await Json(nina, "/api/cohorts");
        Assert.All(mine.GetProperty("cohorts").GetProperty("rows").EnumerateArray(), r => Assert.Equal("N1", r.GetProperty("neighbourhood").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await nina.GetAsync("/api/cohorts?neighbourhood=N3")).StatusCode);
        var text = await (await ann.GetAsync("/api/cohorts")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("X0001", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inequalities_give_every_quintile_and_the_slope_index_only_when_every_quintile_has_people()
    {
        using var ann = await web.SignedIn("ann");
        var t = await Json(ann, "/api/population/inequalities");
        Assert.Equal(["measure", "q1", "q2", "q3", "q4", "q5", "absolute_gap", "relative_gap", "slope_index"],
            t.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        var activity = Rows(t, "measure")["Activity per 1,000 people per year"];
        // Q1: 125 / 60 x 1,000 = 2,083.3; Q5: 30 / 60 x 1,000 = 500; nobody in quintiles 2-4, so no slope index.
        Assert.Equal(2083.3, activity.GetProperty("q1").GetDouble());
        Assert.Equal(500.0, activity.GetProperty("q5").GetDouble());
        Assert.Equal(JsonValueKind.Null, activity.GetProperty("q3").ValueKind);
        Assert.Equal(JsonValueKind.Null, activity.GetProperty("slope_index").ValueKind);
        // Within place P1 (all quintile 1) there is nothing to compare.
        var p1 = Rows(await Json(ann, "/api/population/inequalities?place=P1"), "measure")["Spend per head per year (£)"];
        // £62,000 over the published 60 people (not the true 62).
        Assert.Equal(1033.33, p1.GetProperty("q1").GetDouble());
        Assert.Equal(JsonValueKind.Null, p1.GetProperty("absolute_gap").ValueKind);
    }

    [Fact]
    public async Task The_inequalities_export_carries_every_quintile_and_the_area()
    {
        using var ann = await web.SignedIn("ann");
        var csv = await ann.GetAsync("/api/export/inequalities?format=csv&place=P1");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal("Measure,IMD quintile 1 (most deprived),IMD quintile 2,IMD quintile 3,IMD quintile 4,IMD quintile 5 (least deprived),"
            + "Absolute gap (Q1 - Q5),Relative gap (Q1 / Q5),Slope index of inequality", lines[0]);
        Assert.Equal("Spend per head per year (£),1033.33,,,,,,,", lines[2]);
        Assert.Equal("Place P1", csv.Headers.GetValues("X-Strata-Scope").Single());
        var parquet = await ann.GetAsync("/api/export/inequalities?format=parquet&place=P1");
        Assert.Equal(HttpStatusCode.OK, parquet.StatusCode);
        Assert.Equal("PAR1"u8.ToArray(), (await parquet.Content.ReadAsByteArrayAsync())[..4]);
    }

    private static Task<JsonElement> Json(HttpClient client, string url) => ApiTests.Json(client, url);

    private static Dictionary<string, JsonElement> Rows(JsonElement table, string key) => ApiTests.Rows(table, key);
}

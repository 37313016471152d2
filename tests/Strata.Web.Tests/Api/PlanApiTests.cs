using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Api;

/// <summary>
/// Projection, scenario comparison and waterfall over the hand-built population. The cohort cube has one emergency
/// cell per place, 65-69 women: P1 124 admissions costing £62,000, P2 29 costing £23,200. Default growth for 65-69 is
/// 1.2% a year and "emergency" has no non-demographic growth, so year y costs £85,200 × 1.012^y ICB-wide.
/// </summary>
[Collection("plan")]
public sealed class PlanApiTests(PlanWebFixture web)
{
    private const string Statement = "Disclosure control applied: counts 1-7 suppressed";

    [Fact]
    public async Task Without_sign_in_the_plan_endpoints_answer_401()
    {
        using var client = web.Client();
        foreach (var url in new[] { "/api/projection", "/api/scenarios/compare?ids=a,b", $"/api/scenarios/{web.WardsId}/waterfall" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(url)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/projection", new { years = 5 })).StatusCode);
    }

    [Fact]
    public async Task A_stored_scenario_shows_the_opportunity_and_the_named_judgements_it_was_built_from()
    {
        using var ann = await web.SignedIn("ann");
        var e = await Json(ann, $"/api/scenarios/{web.WardsId}/evidence");
        var rows = e.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("opportunity", rows[0].GetProperty("kind").GetString());
        Assert.Contains("frail_older_emergency v1", rows[0].GetProperty("what").GetString(), StringComparison.Ordinal);
        Assert.Equal(("elicitation:effect", "Dr A", 0.2), (rows[1].GetProperty("kind").GetString(), rows[1].GetProperty("expert").GetString(), rows[1].GetProperty("mode").GetDouble()));
        Assert.Equal("ward pilot", rows[1].GetProperty("what").GetString());
    }

    [Fact]
    public async Task The_icb_projection_grows_cost_by_the_default_growth_and_crosses_the_budget_in_2026_27()
    {
        using var ann = await web.SignedIn("ann");
        var p = await Json(ann, "/api/projection?years=6&budget=87000&capacity=emergency:156");
        var totals = p.GetProperty("totals");
        Assert.Equal("Whole ICB", totals.GetProperty("scope").GetString());
        Assert.StartsWith(Statement, totals.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(Statement, p.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
        var rows = Rows(totals, "financial_year");
        Assert.Equal(["2024/25", "2025/26", "2026/27", "2027/28", "2028/29", "2029/30", "2030/31"], rows.Keys);
        Assert.Equal(85_200.00, rows["2024/25"].GetProperty("cost_gbp").GetDouble());
        Assert.Equal(86_222.40, rows["2025/26"].GetProperty("cost_gbp").GetDouble());
        Assert.Equal(87_257.07, rows["2026/27"].GetProperty("cost_gbp").GetDouble());
        Assert.Equal(257.07, rows["2026/27"].GetProperty("gap_gbp").GetDouble());
        Assert.Equal("no", rows["2025/26"].GetProperty("over_budget").GetString());
        Assert.Equal("yes", rows["2026/27"].GetProperty("over_budget").GetString());
        Assert.Equal("2026/27", p.GetProperty("first_year_over_budget").GetString());
        // Activity 153 × 1.012^y, rounded to 5: 155 (154.8) in 2025/26, 155 (156.7) in 2026/27 — over the capacity of 156.
        var settings = p.GetProperty("by_setting").GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("financial_year").GetString()!);
        Assert.Equal(155, settings["2025/26"].GetProperty("activity").GetInt64());
        Assert.Equal("no", settings["2025/26"].GetProperty("over_capacity").GetString());
        Assert.Equal("yes", settings["2026/27"].GetProperty("over_capacity").GetString());
        Assert.Equal(160, settings["2027/28"].GetProperty("activity").GetInt64());
        var over = Assert.Single(p.GetProperty("over_capacity").EnumerateArray());
        Assert.Equal(("emergency", "2026/27"), (over.GetProperty("setting").GetString(), over.GetProperty("from_financial_year").GetString()));
    }

    [Fact]
    public async Task A_place_user_sees_the_projection_of_their_own_place_only()
    {
        using var pat = await web.SignedIn("pat");
        var p = await Json(pat, "/api/projection");
        var totals = p.GetProperty("totals");
        Assert.Equal("Place P1", totals.GetProperty("scope").GetString());
        var rows = Rows(totals, "financial_year");
        // P1 alone: £62,000 × 1.012^y; five years by default.
        Assert.Equal(6, rows.Count);
        Assert.Equal(62_000.00, rows["2024/25"].GetProperty("cost_gbp").GetDouble());
        Assert.Equal(62_744.00, rows["2025/26"].GetProperty("cost_gbp").GetDouble());
        Assert.Equal(65_810.36, rows["2029/30"].GetProperty("cost_gbp").GetDouble());
        Assert.Equal(JsonValueKind.Null, rows["2025/26"].GetProperty("budget_gbp").ValueKind);
        // 124 × 1.012 = 125.5 admissions, rounded to 125.
        Assert.Equal(125, p.GetProperty("by_setting").GetProperty("rows")[1].GetProperty("activity").GetInt64());
    }

    [Fact]
    public async Task An_area_without_cohort_cells_gets_a_plain_not_available_answer()
    {
        using var noor = await web.SignedIn("noor");
        var totals = (await Json(noor, "/api/projection")).GetProperty("totals");
        Assert.False(totals.GetProperty("available").GetBoolean());
        Assert.Contains("no rows at 2025-03-31 in this area", totals.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(totals.GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public async Task Years_outside_5_to_10_or_a_malformed_capacity_are_bad_requests()
    {
        using var ann = await web.SignedIn("ann");
        Assert.Equal(HttpStatusCode.BadRequest, (await ann.GetAsync("/api/projection?years=11")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ann.GetAsync("/api/projection?years=4")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ann.GetAsync("/api/projection?capacity=emergency")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ann.GetAsync("/api/projection?budget=-1")).StatusCode);
    }

    [Fact]
    public async Task Running_a_projection_stores_it_as_a_scenario_run_and_audits_it_but_a_viewer_may_not()
    {
        using var fred = await web.SignedIn("fred");
        var response = await fred.PostAsJsonAsync("/api/projection", new { years = 5, budget = 24_000 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var p = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = p.GetProperty("scenario_id").GetString()!;
        // Place P2 only: £23,200 × 1.012^y crosses £24,000 in year 3 (£24,045.26).
        Assert.Equal("Place P2", p.GetProperty("totals").GetProperty("scope").GetString());
        Assert.Equal("2027/28", p.GetProperty("first_year_over_budget").GetString());

        using var ann = await web.SignedIn("ann");
        var runs = (await Json(ann, "/api/scenarios")).GetProperty("rows").EnumerateArray().ToList();
        var stored = runs.Single(r => r.GetProperty("scenario_id").GetString() == id);
        Assert.Equal(("projection", "projection (Place P2)", "5"),
            (stored.GetProperty("kind").GetString(), stored.GetProperty("name").GetString(), stored.GetProperty("years").GetString()));
        var audit = await Json(ann, "/api/audit");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("user").GetString() == "fred" && e.GetProperty("action").GetString() == "projection.run"
            && e.GetProperty("target").GetString() == "scenario:" + id);

        using var nina = await web.SignedIn("nina");
        Assert.Equal(HttpStatusCode.Forbidden, (await nina.PostAsJsonAsync("/api/projection", new { years = 5 })).StatusCode);
        // ... but she may view her neighbourhood's projection (N1: the P1 cell).
        Assert.Equal(62_744.00, Rows((await Json(nina, "/api/projection")).GetProperty("totals"), "financial_year")["2025/26"].GetProperty("cost_gbp").GetDouble());
    }

    [Fact]
    public async Task Two_scenarios_compare_side_by_side_with_differences_from_the_first()
    {
        using var ann = await web.SignedIn("ann");
        var c = await Json(ann, $"/api/scenarios/compare?ids={web.WardsId},{web.WardsAndHubsId}");
        Assert.StartsWith(Statement, c.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
        var s = c.GetProperty("scenarios").GetProperty("rows");
        Assert.Equal(["Virtual wards", "Wards and hubs"], s.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(19_000, s[0].GetProperty("npv_p50_gbp").GetDouble());
        Assert.Equal(60_000, s[1].GetProperty("npv_p90_gbp").GetDouble());
        Assert.Equal(0.7, s[1].GetProperty("roi").GetDouble());
        Assert.Equal("ward@1, hub@1", s[1].GetProperty("interventions").GetString());
        Assert.Equal("2026/27 (year 2)", s[0].GetProperty("payback").GetString());
        var net = Rows(c.GetProperty("net_cost"), "financial_year");
        Assert.Equal(["2025/26", "2026/27", "2027/28"], net.Keys);
        Assert.Equal(-12_000, net["2027/28"].GetProperty(web.WardsId).GetDouble());
        Assert.Equal(-15_000, net["2027/28"].GetProperty(web.WardsAndHubsId).GetDouble());
        var settings = Rows(c.GetProperty("by_setting"), "setting");
        Assert.Equal(20_000, settings["emergency_admission"].GetProperty(web.WardsAndHubsId + "_difference").GetDouble());
        Assert.Equal(-3_000, settings["community_contact"].GetProperty(web.WardsAndHubsId + "_difference").GetDouble());
        Assert.Equal(HttpStatusCode.BadRequest, (await ann.GetAsync($"/api/scenarios/compare?ids={web.WardsId}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ann.GetAsync($"/api/scenarios/compare?ids={web.WardsId},nope")).StatusCode);
    }

    [Fact]
    public async Task The_waterfall_steps_from_baseline_through_each_intervention_to_the_scenario()
    {
        using var ann = await web.SignedIn("ann");
        var w = await Json(ann, $"/api/scenarios/{web.WardsAndHubsId}/waterfall");
        Assert.StartsWith(Statement, w.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
        Assert.Contains("2027/28", w.GetProperty("title").GetString(), StringComparison.Ordinal);
        var rows = w.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["baseline", "ward", "hub", "interaction", "scenario"], rows.Select(r => r.GetProperty("step").GetString()));
        Assert.Equal(106_000, rows[0].GetProperty("to_gbp").GetDouble());
        Assert.Equal([-12_000.0, -8_000.0, 1_000.0], rows.Skip(1).Take(3).Select(r => r.GetProperty("amount_gbp").GetDouble()));
        Assert.Equal(87_000, rows[4].GetProperty("to_gbp").GetDouble());
        Assert.Equal(rows[0].GetProperty("to_gbp").GetDouble() + rows.Skip(1).Take(3).Sum(r => r.GetProperty("amount_gbp").GetDouble()),
            rows[4].GetProperty("to_gbp").GetDouble());
        Assert.Equal(HttpStatusCode.BadRequest, (await ann.GetAsync($"/api/scenarios/{web.WardsId}/waterfall?year=4")).StatusCode);
    }

    [Fact]
    public async Task Comparisons_and_waterfalls_are_icb_wide_so_a_place_user_gets_403()
    {
        using var pat = await web.SignedIn("pat");
        var compare = await pat.GetAsync($"/api/scenarios/compare?ids={web.WardsId},{web.WardsAndHubsId}");
        Assert.Equal(HttpStatusCode.Forbidden, compare.StatusCode);
        Assert.Contains("whole ICB", await compare.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync($"/api/scenarios/{web.WardsId}/waterfall")).StatusCode);
    }

    private static async Task<JsonElement> Json(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Dictionary<string, JsonElement> Rows(JsonElement table, string key) =>
        table.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty(key).ToString());
}

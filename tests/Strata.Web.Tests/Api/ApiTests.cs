using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Api;

/// <summary>The REST API over the hand-built population (see <see cref="TestPopulation"/> for the worked figures).</summary>
[Collection("web")]
public sealed class ApiTests(WebAppFixture web)
{
    private const string Statement = "Disclosure control applied: counts 1-7 suppressed";

    [Fact]
    public async Task Without_sign_in_the_api_answers_401_and_pages_send_you_to_sign_in()
    {
        using var client = web.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/population/segments")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/export/segments?format=csv")).StatusCode);
        var page = await client.GetAsync("/population");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_the_attempt_is_audited()
    {
        using var client = web.Client();
        var response = await client.PostAsJsonAsync("/api/session", new { user_name = "pat", password = "not-the-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertAudited("pat", "sign-in.failed", "session");
    }

    [Fact]
    public async Task An_icb_user_sees_every_place_with_small_counts_suppressed_and_others_rounded()
    {
        using var ann = await web.SignedIn("ann");
        var t = await Json(ann, "/api/population/segments");
        Assert.Equal("Whole ICB", t.GetProperty("scope").GetString());
        Assert.Equal("2024/25", t.GetProperty("financial_year").GetString());
        Assert.StartsWith(Statement, t.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
        var rows = Rows(t, "segment");
        // 40 + 10 + 25 healthy_well; 12 ltc rounds to 10; 3 end_of_life suppressed; shares of the rounded total 120.
        Assert.Equal(75, rows["healthy_well"].GetProperty("people").GetInt64());
        Assert.Equal(62.5, rows["healthy_well"].GetProperty("percent").GetDouble());
        Assert.Equal(10, rows["ltc"].GetProperty("people").GetInt64());
        Assert.Equal(8.3, rows["ltc"].GetProperty("percent").GetDouble());
        Assert.Equal(30, rows["frailty"].GetProperty("people").GetInt64());
        Assert.Equal(4.0, rows["frailty"].GetProperty("mean_ltc_count").GetDouble());
        Assert.Equal(JsonValueKind.Null, rows["end_of_life"].GetProperty("people").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows["end_of_life"].GetProperty("mean_ltc_count").ValueKind);
    }

    [Fact]
    public async Task A_place_user_sees_only_their_place()
    {
        using var pat = await web.SignedIn("pat");
        var t = await Json(pat, "/api/population/segments");
        Assert.Equal("Place P1", t.GetProperty("scope").GetString());
        var rows = Rows(t, "segment");
        // P1 only: 40 + 10 healthy_well, 12 ltc -> 10; total 62 -> 60. No frailty (P2 only).
        Assert.Equal(["healthy_well", "ltc"], rows.Keys.Order());
        Assert.Equal(50, rows["healthy_well"].GetProperty("people").GetInt64());
        Assert.Equal(83.3, rows["healthy_well"].GetProperty("percent").GetDouble());
        var places = Rows(await Json(pat, "/api/places"), "place_code");
        Assert.Equal(["P1"], places.Keys);
        Assert.Equal(60, places["P1"].GetProperty("registered_people").GetInt64());
    }

    [Fact]
    public async Task A_place_user_asking_for_another_place_or_its_neighbourhood_gets_403()
    {
        using var pat = await web.SignedIn("pat");
        foreach (var url in new[]
                 {
                     "/api/population/segments?place=P2", "/api/population/risk-tiers?neighbourhood=N3",
                     "/api/population/profile?by=sex&place=P2", "/api/export/segments?format=csv&place=P2",
                 })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync(url)).StatusCode);
        }
        // A neighbourhood inside the user's own place is allowed and narrows the figures.
        var n2 = Rows(await Json(pat, "/api/population/segments?neighbourhood=N2"), "segment");
        Assert.Equal(10, n2["healthy_well"].GetProperty("people").GetInt64());
    }

    [Fact]
    public async Task A_neighbourhood_user_sees_only_their_neighbourhood()
    {
        using var nina = await web.SignedIn("nina");
        var rows = Rows(await Json(nina, "/api/population/segments"), "segment");
        Assert.Equal(40, rows["healthy_well"].GetProperty("people").GetInt64());
        Assert.Equal(10, rows["ltc"].GetProperty("people").GetInt64());
        Assert.Equal(80.0, rows["healthy_well"].GetProperty("percent").GetDouble());
        Assert.Equal(HttpStatusCode.Forbidden, (await nina.GetAsync("/api/population/segments?neighbourhood=N2")).StatusCode);
    }

    [Fact]
    public async Task Risk_tiers_come_in_tier_order_within_scope()
    {
        using var ann = await web.SignedIn("ann");
        var t = await Json(ann, "/api/population/risk-tiers");
        var tiers = t.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("tier").GetString()).ToList();
        Assert.Equal(["high", "low"], tiers);
        var rows = Rows(t, "tier");
        // 12 ltc + 30 frailty = 42 -> 40 high; 75 + 3 = 78 -> 80 low; of 120.
        Assert.Equal(40, rows["high"].GetProperty("people").GetInt64());
        Assert.Equal(33.3, rows["high"].GetProperty("percent").GetDouble());
        Assert.Equal(40.0, rows["high"].GetProperty("mean_probability_percent").GetDouble());
        Assert.Equal(80, rows["low"].GetProperty("people").GetInt64());
        using var pat = await web.SignedIn("pat");
        Assert.Equal(10, Rows(await Json(pat, "/api/population/risk-tiers"), "tier")["high"].GetProperty("people").GetInt64());
    }

    [Fact]
    public async Task Profile_rates_are_recomputed_from_rounded_counts()
    {
        using var ann = await web.SignedIn("ann");
        var rows = Rows(await Json(ann, "/api/population/profile?by=imd_quintile"), "imd_quintile");
        // Q1: 62 people -> 60, 124 admissions -> 125: 125 / 60 x 1,000 = 2,083.3; £62,000 / 60 published people = £1,033.33 per head
        // (over the published population, so spend ÷ per head gives back 60, not the true 62).
        Assert.Equal(60, rows["1"].GetProperty("people").GetInt64());
        Assert.Equal(2083.3, rows["1"].GetProperty("activity_per_1000").GetDouble());
        Assert.Equal(1033.33, rows["1"].GetProperty("cost_per_head_gbp").GetDouble());
        // Q5: 58 -> 60, 29 -> 30: 500 per 1,000; £23,200 / 60 = £386.67.
        Assert.Equal(500.0, rows["5"].GetProperty("activity_per_1000").GetDouble());
        Assert.Equal(386.67, rows["5"].GetProperty("cost_per_head_gbp").GetDouble());
        // A slice (sex=M) with no cells leaves nothing.
        Assert.Empty(Rows(await Json(ann, "/api/population/profile?by=imd_quintile&sex=M"), "imd_quintile"));
        Assert.Equal(HttpStatusCode.BadRequest, (await ann.GetAsync("/api/population/profile?by=person_id")).StatusCode);
    }

    [Fact]
    public async Task Inequalities_give_the_gap_between_most_and_least_deprived()
    {
        using var ann = await web.SignedIn("ann");
        var rows = Rows(await Json(ann, "/api/population/inequalities"), "measure");
        var activity = rows["Activity per 1,000 people per year"];
        Assert.Equal(1583.3, activity.GetProperty("absolute_gap").GetDouble());
        Assert.Equal(4.167, activity.GetProperty("relative_gap").GetDouble());
        var spend = rows["Spend per head per year (£)"];
        // £1,033.33 - £386.67 per head (each over its published population of 60).
        Assert.Equal(646.67, spend.GetProperty("absolute_gap").GetDouble());
        Assert.Equal(2.672, spend.GetProperty("relative_gap").GetDouble());
        // Place P2 holds only quintile 5: no gap can be given.
        using var fred = await web.SignedIn("fred");
        var p2 = Rows(await Json(fred, "/api/population/inequalities"), "measure");
        Assert.Equal(JsonValueKind.Null, p2["Spend per head per year (£)"].GetProperty("absolute_gap").ValueKind);
    }

    [Fact]
    public async Task A_csv_export_is_excel_ready_scoped_states_disclosure_and_is_audited()
    {
        using var pat = await web.SignedIn("pat");
        var response = await pat.GetAsync("/api/export/segments?format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("Segment,People,% of population,Mean long-term conditions,Mean Cambridge Multimorbidity Score", lines[0]);
        Assert.Equal("healthy_well,50,83.3,0,0", lines[1]);
        Assert.Equal("ltc,10,16.7,2,1", lines[2]);
        Assert.Equal("", lines[3]);
        Assert.Equal("Scope: Place P1", lines[4]);
        Assert.Contains(lines, l => l.Contains(Statement, StringComparison.Ordinal));
        Assert.StartsWith(Statement, response.Headers.GetValues("X-Strata-Disclosure").Single(), StringComparison.Ordinal);

        await AssertAudited("pat", "export", "segments.csv");
    }

    [Fact]
    public async Task A_parquet_export_is_written_by_the_engine_and_audited()
    {
        using var nina = await web.SignedIn("nina");
        var response = await nina.GetAsync("/api/export/risk-tiers?format=parquet");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("PAR1"u8.ToArray(), bytes[..4]);
        Assert.Equal("PAR1"u8.ToArray(), bytes[^4..]);
        await AssertAudited("nina", "export", "risk-tiers.parquet");
    }

    [Fact]
    public async Task Only_icb_analysts_read_the_audit_log_and_start_jobs()
    {
        using var pat = await web.SignedIn("pat");
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.PostAsJsonAsync("/api/jobs", new { kind = "import", directory = "/tmp" })).StatusCode);
        using var ann = await web.SignedIn("ann");
        Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ann.PostAsJsonAsync("/api/jobs", new { kind = "reformat-disk" })).StatusCode);
    }

    [Fact]
    public async Task A_failed_job_reports_its_reason_through_the_api()
    {
        using var ann = await web.SignedIn("ann");
        // A folder of the import inbox without the five files: the job starts and fails.
        Directory.CreateDirectory(Path.Combine(web.Directory, "inbox", "empty-folder"));
        var start = await ann.PostAsJsonAsync("/api/jobs", new { kind = "import", directory = "empty-folder" });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        JsonElement job = default;
        for (var i = 0; i < 100; i++)
        {
            job = await Json(ann, $"/api/jobs/{id}");
            if (job.GetProperty("status").GetString() is "failed" or "succeeded")
            {
                break;
            }
            await Task.Delay(100);
        }
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(job.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Scenario_fans_come_from_the_plan_tables_for_icb_users_only()
    {
        using var ann = await web.SignedIn("ann");
        var runs = Rows(await Json(ann, "/api/scenarios"), "scenario_id");
        Assert.Equal("Frailty hubs", runs["S1"].GetProperty("name").GetString());
        var fan = Rows(await Json(ann, "/api/scenarios/S1/fan?setting=emergency&measure=cost"), "year");
        Assert.Equal(["1", "2", "3"], fan.Keys);
        Assert.Equal(800.0, fan["3"].GetProperty("p10").GetDouble());
        Assert.Equal(990.0, fan["3"].GetProperty("p50").GetDouble());
        Assert.Equal(1250.0, fan["3"].GetProperty("p90").GetDouble());
        Assert.Equal(995.0, fan["3"].GetProperty("mean").GetDouble());
        using var pat = await web.SignedIn("pat");
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync("/api/scenarios")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync("/api/scenarios/S1/fan?setting=emergency")).StatusCode);
    }

    [Fact]
    public async Task Decisions_are_read_from_the_deliver_record_store()
    {
        using var nina = await web.SignedIn("nina");
        var d = Rows(await Json(nina, "/api/decisions"), "decision_id")["D1"];
        Assert.Equal("approved", d.GetProperty("status").GetString());
        Assert.Equal(250000.0, d.GetProperty("amount_gbp").GetDouble());
        Assert.Equal("carol", d.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Kpi_charts_read_the_users_own_unit_with_spc_readings()
    {
        using var ann = await web.SignedIn("ann");
        var icb = await Json(ann, "/api/evaluation/kpis/emergency_admissions_per_1000");
        Assert.Equal("Special cause concern (high)", icb.GetProperty("variation").GetString());
        var rows = icb.GetProperty("series").GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(14, rows.Count);
        Assert.Equal(105.0, rows[1].GetProperty("rate").GetDouble());
        Assert.Equal(200.0, rows[13].GetProperty("rate").GetDouble());
        using var pat = await web.SignedIn("pat");
        var place = await Json(pat, "/api/evaluation/kpis/emergency_admissions_per_1000");
        Assert.Equal("Common cause variation", place.GetProperty("variation").GetString());
        Assert.All(place.GetProperty("series").GetProperty("rows").EnumerateArray(), r => Assert.Equal(50.0, r.GetProperty("rate").GetDouble()));
        using var fred = await web.SignedIn("fred");
        Assert.Equal(JsonValueKind.Array, (await Json(fred, "/api/evaluation/kpis")).ValueKind);
        Assert.Empty((await Json(fred, "/api/evaluation/kpis")).EnumerateArray());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_api()
    {
        using var client = web.Client();
        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var p in new[] { "/api/population/segments", "/api/population/risk-tiers", "/api/population/profile", "/api/population/inequalities", "/api/places", "/api/jobs", "/api/audit", "/api/export/{table}" })
        {
            Assert.Contains(p, paths);
        }
    }

    private Task AssertAudited(string user, string action, string target) => AssertAudited(web, user, action, target);

    /// <summary>The audit log, read by the ICB analyst, holds the entry.</summary>
    internal static async Task AssertAudited(WebAppFixture web, string user, string action, string target)
    {
        using var ann = await web.SignedIn("ann");
        var audit = await Json(ann, "/api/audit");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("user").GetString() == user
            && e.GetProperty("action").GetString() == action && e.GetProperty("target").GetString() == target);
    }

    internal static async Task<JsonElement> Json(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static Dictionary<string, JsonElement> Rows(JsonElement table, string key) =>
        table.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty(key).ToString());
}

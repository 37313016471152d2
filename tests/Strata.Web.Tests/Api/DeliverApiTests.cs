using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Strata.Data.Deliver;
using Strata.Web.Audit;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Api;

/// <summary>
/// Allocation, contracts and pooled budgets through the API, over <see cref="DeliverWorkspaceFixture"/> (its summary
/// has the hand-built figures these expectations are worked from).
/// </summary>
[Collection("deliver")]
public sealed class DeliverApiTests(DeliverWorkspaceFixture web)
{
    private const string Statement = "Disclosure control applied: counts 1-7 suppressed";

    // Default pace of change: floor 1%, gap closure 25%, cap 5%, 3 years, budget +3% a year; health-inequalities share 10%;
    // IMD weights 1.5 (P1, quintile 1) and 0.5 (P2, quintile 5).
    private static readonly object Run130k = new { budget = 130_000 };

    // Target shares: 0.9 × need-weighted share + 0.1 × IMD-weighted share (P1 62 × 1.5 = 93, P2 58 × 0.5 = 29 of 122).
    // Targets come from the published populations (P1 62 -> 60, P2 58 -> 60) and per-head indices (need 1; unmet
    // need 1.5 for P1's IMD quintile 1, 0.5 for P2's quintile 5), so they reveal no more than the published counts.
    private const double P1Share = 0.9 * 60 / 120 + 0.1 * 90 / 120.0;
    private const double P2Share = 0.9 * 60 / 120 + 0.1 * 30 / 120.0;

    /// <summary>
    /// Year 1 for P1: floor 62,000 × 1.01 = 62,620; gap step 25% × (target 130,000 × share − floor); the residual
    /// 130,000 − 121,200 − both gap steps goes pro rata to target shares; rounded to the penny.
    /// </summary>
    private static double P1Year1()
    {
        var gap1 = 0.25 * (130_000 * P1Share - 62_620);
        var gap2 = 0.25 * (130_000 * P2Share - 58_580);
        var residual = 130_000 - 121_200 - gap1 - gap2;
        return Math.Round(62_620 + gap1 + residual * P1Share, 2, MidpointRounding.AwayFromZero);
    }

    [Fact]
    public async Task Without_sign_in_every_deliver_endpoint_answers_401()
    {
        using var client = web.Client();
        foreach (var path in new[] { "/api/allocation", "/api/contracts", "/api/contracts/c1/simulation", "/api/pools" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/allocation", Run130k)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostJson(client, "/api/contracts", Contract("x1"))).StatusCode);
    }

    [Fact]
    public async Task Finance_runs_an_allocation_whose_year_one_adds_up_to_the_budget_with_hand_worked_targets()
    {
        using var fiona = await web.SignedIn("fiona");
        var response = await fiona.PostAsJsonAsync("/api/allocation", Run130k);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var j = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(j.GetProperty("whole_icb").GetBoolean());
        Assert.Equal(130_000, j.GetProperty("allocated").GetDouble(), 6);
        var rows = Rows(j.GetProperty("areas"), "area");
        Assert.Equal(["P1", "P2"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(130_000, rows.Values.Sum(r => r.GetProperty("allocation_gbp").GetDouble()), 6);
        var p1 = rows["P1"];
        Assert.Equal(P1Year1(), p1.GetProperty("allocation_gbp").GetDouble(), 6);
        Assert.Equal(67_492.50, P1Year1(), 6);
        Assert.Equal(Math.Round(P1Share * 100, 2), p1.GetProperty("target_share_percent").GetDouble(), 9);
        Assert.Equal(Math.Round(130_000 * P1Share, 2), p1.GetProperty("target_gbp").GetDouble(), 6);
        Assert.Equal(62_000, p1.GetProperty("current_gbp").GetDouble(), 6);
        // Current share 62/120 against target: (0.51667 − 0.525) / 0.525 = −1.6%.
        Assert.Equal(Math.Round((62 / 120.0 - P1Share) / P1Share * 100, 1), p1.GetProperty("distance_from_target_percent").GetDouble(), 9);
        // Per head over P1's published population (62 -> 60), so allocation ÷ per head gives back only 60.
        Assert.Equal(Math.Round(P1Year1() / 60, 2), p1.GetProperty("per_head_gbp").GetDouble(), 6);
        // Everyone costs the same: need index 1.
        Assert.Equal(1.0, p1.GetProperty("need_index").GetDouble(), 9);
        var path = j.GetProperty("path").GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(6, path.Count); // 3 years × 2 places
        // The budget grows 3% a year by default: year 3 spends 130,000 × 1.03².
        Assert.Equal(Math.Round(130_000 * 1.03 * 1.03, 2), path.Where(s => s.GetProperty("year").GetString() == "3").Sum(s => s.GetProperty("allocation_gbp").GetDouble()), 6);
    }

    [Fact]
    public async Task Released_populations_are_rounded_and_every_allocation_response_states_the_disclosure()
    {
        using var fiona = await web.SignedIn("fiona");
        var j = await (await fiona.PostAsJsonAsync("/api/allocation?level=neighbourhood", Run130k)).Content.ReadFromJsonAsync<JsonElement>();
        var rows = Rows(j.GetProperty("areas"), "area");
        // 62 → 60 for P1 is at place level; here N1 52 → 50, N2 10, N3 58 → 60.
        Assert.Equal(50, rows["N1"].GetProperty("population").GetInt64());
        Assert.Equal(10, rows["N2"].GetProperty("population").GetInt64());
        Assert.Equal(60, rows["N3"].GetProperty("population").GetInt64());
        Assert.StartsWith(Statement, j.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(Statement, j.GetProperty("areas").GetProperty("disclosure").GetString(), StringComparison.Ordinal);
        Assert.Equal(130_000, rows.Values.Sum(r => r.GetProperty("allocation_gbp").GetDouble()), 6);
    }

    [Fact]
    public async Task A_place_user_sees_only_their_place_and_its_neighbourhoods_of_the_icb_allocation()
    {
        using var fiona = await web.SignedIn("fiona");
        Assert.Equal(HttpStatusCode.OK, (await fiona.PostAsJsonAsync("/api/allocation", Run130k)).StatusCode);
        using var pat = await web.SignedIn("pat");
        var place = await Get(pat, "/api/allocation?level=place");
        Assert.False(place.GetProperty("whole_icb").GetBoolean());
        var rows = Rows(place.GetProperty("areas"), "area");
        Assert.Equal(["P1"], rows.Keys);
        Assert.Equal(P1Year1(), place.GetProperty("allocated").GetDouble(), 6);
        Assert.All(place.GetProperty("path").GetProperty("rows").EnumerateArray(), s => Assert.Equal("P1", s.GetProperty("area").GetString()));
        var hoods = Rows((await Get(pat, "/api/allocation?level=neighbourhood")).GetProperty("areas"), "area");
        Assert.Equal(["N1", "N2"], hoods.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync("/api/allocation?level=place&place=P2")).StatusCode);
    }

    [Fact]
    public async Task A_neighbourhood_user_sees_only_their_neighbourhood_and_no_place_figures()
    {
        using var fiona = await web.SignedIn("fiona");
        Assert.Equal(HttpStatusCode.OK, (await fiona.PostAsJsonAsync("/api/allocation", Run130k)).StatusCode);
        using var nina = await web.SignedIn("nina");
        Assert.Equal(["N1"], Rows((await Get(nina, "/api/allocation?level=neighbourhood")).GetProperty("areas"), "area").Keys);
        Assert.Equal(HttpStatusCode.Forbidden, (await nina.GetAsync("/api/allocation?level=place")).StatusCode);
        Assert.Equal("neighbourhood", (await Get(nina, "/api/allocation")).GetProperty("level").GetString());
    }

    [Fact]
    public async Task Only_finance_and_commissioners_run_allocations_and_a_place_finance_user_sees_their_own_rows()
    {
        using var ann = await web.SignedIn("ann");
        Assert.Equal(HttpStatusCode.Forbidden, (await ann.PostAsJsonAsync("/api/allocation", Run130k)).StatusCode);
        using var vera = await web.SignedIn("vera");
        Assert.Equal(HttpStatusCode.Forbidden, (await vera.PostAsJsonAsync("/api/allocation", Run130k)).StatusCode);
        using var fred = await web.SignedIn("fred");
        Assert.Equal(HttpStatusCode.Forbidden, (await fred.PostAsJsonAsync("/api/allocation?place=P1", Run130k)).StatusCode);
        var j = await (await fred.PostAsJsonAsync("/api/allocation", Run130k)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["P2"], Rows(j.GetProperty("areas"), "area").Keys);
        Assert.Equal(130_000 - P1Year1(), j.GetProperty("allocated").GetDouble(), 6);
    }

    [Fact]
    public async Task A_budget_below_last_years_spend_plus_the_floor_is_refused_with_the_reason()
    {
        using var carl = await web.SignedIn("carl");
        var response = await carl.PostAsJsonAsync("/api/allocation", new { budget = 100_000 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("below the floor", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await carl.PostAsJsonAsync("/api/allocation", new { budget = -5 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await carl.GetAsync("/api/allocation?level=region")).StatusCode);
        var weights = await carl.PostAsJsonAsync("/api/allocation", new { budget = 130_000, imd_weights = "1,2,3" });
        Assert.Equal(HttpStatusCode.BadRequest, weights.StatusCode);
        Assert.Contains("imd_weights: five non-negative numbers", await weights.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allocation_run_is_recorded_and_audit_logged()
    {
        using var carl = await web.SignedIn("carl");
        var j = await (await carl.PostAsJsonAsync("/api/allocation", new { budget = 130_000, years = 2 })).Content.ReadFromJsonAsync<JsonElement>();
        var version = j.GetProperty("version").GetInt32();
        Assert.Equal("carl", j.GetProperty("run_by").GetString());
        var entries = await Audit();
        Assert.Contains(entries, a => a.User == "carl" && a.Action == "allocation.run" && a.Target == $"allocation:icb v{version}"
            && a.Detail!.Contains("budget £130,000.00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Contracts_are_listed_for_icb_users_only()
    {
        using var vera = await web.SignedIn("vera");
        var t = await Get(vera, "/api/contracts");
        var c1 = Rows(t, "contract_id")["c1"];
        Assert.Equal("RC1", c1.GetProperty("provider").GetString());
        Assert.Equal(8_000, c1.GetProperty("agreed_value_gbp").GetDouble());
        Assert.Contains("provider bears ±5.0%", c1.GetProperty("corridor").GetString(), StringComparison.Ordinal);

        Assert.StartsWith(Statement, t.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
        using var pat = await web.SignedIn("pat");
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync("/api/contracts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync("/api/contracts/c1/simulation")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync("/api/pools")).StatusCode);
    }

    [Fact]
    public async Task Finance_records_a_contract_which_is_listed_and_audit_logged()
    {
        using var fiona = await web.SignedIn("fiona");
        var response = await PostJson(fiona, "/api/contracts", Contract("api-1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var version = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        Assert.Equal(1, version);
        Assert.Contains("api-1", Rows(await Get(fiona, "/api/contracts"), "contract_id").Keys);
        Assert.Contains(await Audit(), a => a.User == "fiona" && a.Action == "contract.add" && a.Target == "contract:api-1" && a.Detail == "v1 RX9 £12,000.00");
    }

    [Fact]
    public async Task Viewers_analysts_and_place_users_cannot_record_contracts_or_pools()
    {
        foreach (var user in new[] { "vera", "ann", "pat" })
        {
            using var client = await web.SignedIn(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostJson(client, "/api/contracts", Contract("no-" + user))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostJson(client, "/api/pools", DeliverRecords.Serialise(DeliverWorkspaceFixture.Bcf1 with { AgreementId = "no-" + user }))).StatusCode);
        }
        using var fiona = await web.SignedIn("fiona");
        Assert.DoesNotContain(Rows(await Get(fiona, "/api/contracts"), "contract_id").Keys, k => k.StartsWith("no-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_contract_is_validated_as_the_cli_validates_it_with_the_field_named()
    {
        using var fiona = await web.SignedIn("fiona");
        var badSetting = await PostJson(fiona, "/api/contracts", Contract("bad-1").Replace("community_contact", "spa_day", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, badSetting.StatusCode);
        Assert.Contains("settings: not settings of the vocabulary: spa_day", await badSetting.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var negative = await PostJson(fiona, "/api/contracts", Contract("bad-2").Replace("\"amount\": 12000", "\"amount\": -1", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("amount: must be ≥ 0", await negative.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var missing = await PostJson(fiona, "/api/contracts", """{"contract_id": "bad-3", "provider": "RX9"}""");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var unknownMechanism = await PostJson(fiona, "/api/contracts", Contract("bad-4").Replace("\"type\": \"block\"", "\"type\": \"barter\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, unknownMechanism.StatusCode);
        Assert.DoesNotContain(Rows(await Get(fiona, "/api/contracts"), "contract_id").Keys, k => k.StartsWith("bad-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_contracts_simulation_follows_its_corridor()
    {
        using var ann = await web.SignedIn("ann");
        var j = await Get(ann, "/api/contracts/c1/simulation?runs=200&seed=7");
        var year = j.GetProperty("years").GetProperty("rows")[0];
        Assert.Equal("200", year.GetProperty("runs").GetString());
        // A block pays 8,000 plus the commissioner's part of the variance: commissioner risk = payment − 8,000, run by run.
        Assert.Equal(year.GetProperty("payment_mean_gbp").GetDouble() - 8_000, year.GetProperty("commissioner_risk_mean_gbp").GetDouble(), 1);
        Assert.True(year.GetProperty("payment_p10_gbp").GetDouble() <= year.GetProperty("payment_p50_gbp").GetDouble());
        Assert.True(year.GetProperty("payment_p50_gbp").GetDouble() <= year.GetProperty("payment_p90_gbp").GetDouble());
        // The curve at baseline activity: cost 130% = 10,400 → variance 2,400: provider 400 (5%) + 50% of the next 1,200 = 1,000;
        // the commissioner 1,400, so payment 9,400. At 110%: provider 400 + 200, payment 8,200. At 70%, mirrored: 6,600.
        var curve = Rows(j.GetProperty("curve"), "cost_percent");
        Assert.Equal(9_400, curve["130"].GetProperty("payment_gbp").GetDouble(), 6);
        Assert.Equal(8_200, curve["110"].GetProperty("payment_gbp").GetDouble(), 6);
        Assert.Equal(8_000, curve["100"].GetProperty("payment_gbp").GetDouble(), 6);
        Assert.Equal(6_600, curve["70"].GetProperty("payment_gbp").GetDouble(), 6);
        Assert.Equal(-1_000, curve["130"].GetProperty("margin_gbp").GetDouble(), 6);
        Assert.StartsWith(Statement, j.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
        // Seeded: the same settings give the same figures.
        Assert.Equal(year.GetRawText(), (await Get(ann, "/api/contracts/c1/simulation?runs=200&seed=7")).GetProperty("years").GetProperty("rows")[0].GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await ann.GetAsync("/api/contracts/nope/simulation")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ann.GetAsync("/api/contracts/c1/simulation?runs=0")).StatusCode);
    }

    [Fact]
    public async Task A_pool_year_end_offsets_uses_the_reserve_then_shares_by_contribution()
    {
        using var vera = await web.SignedIn("vera");
        var pools = (await Get(vera, "/api/pools")).GetProperty("pools").EnumerateArray().ToList();
        var bcf = pools.Single(p => p.GetProperty("agreement_id").GetString() == "bcf1");
        // Overspend 450,000 + 50,000; underspend 100,000 offsets; 200,000 from the reserve; 200,000 shared 60:40.
        var end = bcf.GetProperty("year_end");
        Assert.Equal(500_000, end.GetProperty("overspend").GetDouble(), 6);
        Assert.Equal(100_000, end.GetProperty("offset_within_pool").GetDouble(), 6);
        Assert.Equal(200_000, end.GetProperty("reserve_used").GetDouble(), 6);
        Assert.Equal(200_000, end.GetProperty("shared_overspend").GetDouble(), 6);
        var partners = Rows(bcf.GetProperty("partners"), "partner");
        Assert.Equal(120_000, partners["ICB"].GetProperty("overspend_share_gbp").GetDouble(), 6);
        Assert.Equal(80_000, partners["Council"].GetProperty("overspend_share_gbp").GetDouble(), 6);
        Assert.Equal(60, partners["ICB"].GetProperty("risk_share_percent").GetDouble(), 6);
    }

    [Fact]
    public async Task A_commissioner_records_a_pool_and_gets_its_year_end_audit_logged()
    {
        using var carl = await web.SignedIn("carl");
        // No reserve this time: the 400,000 net overspend is shared 60:40.
        var body = DeliverRecords.Serialise(DeliverWorkspaceFixture.Bcf1 with { AgreementId = "bcf-api", RiskReserve = 0 });
        var response = await PostJson(carl, "/api/pools", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pool = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pool");
        Assert.Equal(400_000, pool.GetProperty("year_end").GetProperty("shared_overspend").GetDouble(), 6);
        Assert.Equal(240_000, Rows(pool.GetProperty("partners"), "partner")["ICB"].GetProperty("overspend_share_gbp").GetDouble(), 6);
        Assert.Contains(await Audit(), a => a.User == "carl" && a.Action == "pool.add" && a.Target == "pool:bcf-api");
        var bad = await PostJson(carl, "/api/pools", DeliverRecords.Serialise(DeliverWorkspaceFixture.Bcf1 with { AgreementId = "bcf-bad", RiskReserve = -1 }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("risk_reserve: must be ≥ 0", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_place_user_exports_only_their_allocation_rows_and_the_export_is_audited()
    {
        using var fiona = await web.SignedIn("fiona");
        Assert.Equal(HttpStatusCode.OK, (await fiona.PostAsJsonAsync("/api/allocation", Run130k)).StatusCode);
        using var pat = await web.SignedIn("pat");
        var csv = await pat.GetAsync("/api/export/allocation?format=csv&level=neighbourhood");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("\r\nN1,", text, StringComparison.Ordinal);
        Assert.Contains("\r\nN2,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("N3", text, StringComparison.Ordinal);
        Assert.Contains(Statement, text, StringComparison.Ordinal);
        Assert.StartsWith(Statement, csv.Headers.GetValues("X-Strata-Disclosure").Single(), StringComparison.Ordinal);
        var parquet = await (await pat.GetAsync("/api/export/allocation-path?format=parquet&level=place")).Content.ReadAsByteArrayAsync();
        Assert.Equal("PAR1"u8.ToArray(), parquet[..4]);
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync("/api/export/allocation?level=place&place=P2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync("/api/export/contracts")).StatusCode);
        Assert.Contains(await Audit(), a => a.User == "pat" && a.Action == "export" && a.Target == "allocation.csv");
    }

    [Fact]
    public async Task An_icb_user_exports_the_contracts_table()
    {
        using var vera = await web.SignedIn("vera");
        var text = await (await vera.GetAsync("/api/export/contracts?format=csv")).Content.ReadAsStringAsync();
        Assert.Contains("\r\nc1,RC1,community_contact,", text, StringComparison.Ordinal);
        Assert.Contains(await Audit(), a => a.User == "vera" && a.Action == "export" && a.Target == "contracts.csv");
    }

    private static string Contract(string id) => $$$"""
        {"contract_id": "{{{id}}}", "provider": "RX9", "settings": ["community_contact"],
         "baseline": {"weighted_population": 0, "activity_by_setting": {"community_contact": 60}},
         "mechanisms": [{"type": "block", "amount": 12000}], "agreed_value": 12000}
        """;

    private static Task<HttpResponseMessage> PostJson(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> Get(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Dictionary<string, JsonElement> Rows(JsonElement table, string key) =>
        table.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty(key).GetString()!, r => r);

    /// <summary>The audit log as an ICB analyst reads it (GET /api/audit).</summary>
    private async Task<IReadOnlyList<AuditEntry>> Audit()
    {
        using var ann = await web.SignedIn("ann");
        var entries = await Get(ann, "/api/audit?limit=1000");
        return [.. entries.EnumerateArray().Select(e => new AuditEntry(e.GetProperty("at").GetDateTime(), e.GetProperty("user").GetString()!,
            e.GetProperty("action").GetString()!, e.GetProperty("target").GetString()!, e.GetProperty("detail").GetString()))];
    }
}

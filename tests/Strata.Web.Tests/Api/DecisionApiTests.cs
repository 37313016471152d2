using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Strata.Data.Deliver;
using Strata.Domain.Deliver;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Api;

/// <summary>
/// The Deliver governance API: decisions limited to the user's tier and area, delegations, the Provider Selection
/// Regime and decommissioning (see <see cref="DecisionsFixture"/> for the worked figures).
/// </summary>
[Collection("decisions")]
public sealed class DecisionApiTests(DecisionsFixture web)
{
    private const string Statement = "Disclosure control applied: counts 1-7 suppressed";

    /// <summary>Answers to the PSR questions: a contract expiring with a satisfying provider, value up £400,000 (40%).</summary>
    private static readonly object DirectAwardCCase = new
    {
        existing_provider_only_capable = false, patient_choice_unlimited_providers = false, existing_contract_expiring = true,
        existing_provider_satisfying = true, existing_provider_likely_to_satisfy = true,
        change = new { current_lifetime_value = 1_000_000, new_lifetime_value = 1_400_000, materially_different_in_character = false },
        can_identify_most_suitable_provider = false,
    };

    [Fact]
    public async Task Without_sign_in_every_decision_endpoint_answers_401()
    {
        using var client = web.Client();
        foreach (var url in new[] { "/api/decisions", "/api/decisions/delegations", "/api/psr" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(url)).StatusCode);
        }
        foreach (var url in new[] { "/api/decisions", "/api/decisions/delegations", "/api/psr/select", "/api/psr", "/api/psr/modification", "/api/decommissioning" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync(url, new { })).StatusCode);
        }
    }

    [Fact]
    public async Task A_place_commissioner_decides_at_place_or_a_neighbourhood_of_their_place_only()
    {
        using var pat = await web.SignedIn("pat");
        var place = await Post(pat, "/api/decisions", new { function = "contract_award", tier = "place", amount = 250_000, description = "pat place" });
        Assert.Equal("approved", place.GetProperty("status").GetString());
        Assert.Equal("P1", place.GetProperty("place").GetString());
        // £50,000 at neighbourhood N2 (in P1) is within the neighbourhood's £100,000; the place is read from the practices.
        var hood = await Post(pat, "/api/decisions", new { function = "contract_award", tier = "neighbourhood", neighbourhood = "N2", amount = 50_000, description = "pat N2" });
        Assert.Equal("approved", hood.GetProperty("status").GetString());
        Assert.Equal("P1", hood.GetProperty("place").GetString());
        Assert.Equal("N2", hood.GetProperty("neighbourhood").GetString());

        await Forbidden(pat, "/api/decisions", new { function = "contract_award", tier = "icb", amount = 1_000 }, "not at ICB tier");
        await Forbidden(pat, "/api/decisions", new { function = "contract_award", tier = "provider_collaborative", amount = 1_000 }, "not at provider collaborative tier");
        await Forbidden(pat, "/api/decisions", new { function = "contract_award", tier = "place", place = "P2", amount = 1_000 }, "Place P2 is outside your scope");
        await Forbidden(pat, "/api/decisions", new { function = "contract_award", tier = "neighbourhood", neighbourhood = "N3", amount = 1_000 }, "Neighbourhood N3 is outside your scope");

        Assert.Contains(await Audit(), a => a.User == "pat" && a.Action == "decision.record" && a.Target == "decision:" + place.GetProperty("decision_id").GetString()
            && a.Detail == "v1 approved: within place's delegation for 'contract_award' (limit £500,000)");
        // The refused requests recorded nothing.
        using var ann = await web.SignedIn("ann");
        Assert.DoesNotContain((await Get(ann, "/api/decisions")).GetProperty("rows").EnumerateArray(),
            r => r.GetProperty("actor").GetString() == "pat" && r.GetProperty("amount_gbp").GetDouble() == 1_000);
    }

    [Fact]
    public async Task A_neighbourhood_commissioner_decides_for_their_own_neighbourhood_only()
    {
        using var nick = await web.SignedIn("nick");
        var own = await Post(nick, "/api/decisions", new { function = "contract_award", tier = "neighbourhood", amount = 120_000, description = "nick N2" });
        // £120,000 is above the neighbourhood's £100,000: refused, and recorded for N2 in P1.
        Assert.Equal("refused", own.GetProperty("status").GetString());
        Assert.Equal("£120,000 is above neighbourhood's limit of £100,000 for 'contract_award'", own.GetProperty("reason").GetString());
        Assert.Equal("N2", own.GetProperty("neighbourhood").GetString());
        await Forbidden(nick, "/api/decisions", new { function = "contract_award", tier = "place", amount = 1_000 }, "not at place tier");
        await Forbidden(nick, "/api/decisions", new { function = "contract_award", tier = "neighbourhood", neighbourhood = "N1", amount = 1_000 }, "Neighbourhood N1 is outside your scope");
    }

    [Fact]
    public async Task An_icb_commissioner_decides_at_any_tier_naming_the_area_and_a_viewer_not_at_all()
    {
        using var cora = await web.SignedIn("cora");
        var icb = await Post(cora, "/api/decisions", new { function = "contract_award", tier = "icb", amount = 3_000_000, description = "cora ICB" });
        Assert.Equal("approved", icb.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, icb.GetProperty("place").ValueKind);
        var p2 = await Post(cora, "/api/decisions", new { function = "contract_award", tier = "place", place = "P2", amount = 600_000, escalate = true, description = "cora P2" });
        Assert.Equal("escalated", p2.GetProperty("status").GetString());
        Assert.Equal("P2", p2.GetProperty("place").GetString());
        var missing = await cora.PostAsJsonAsync("/api/decisions", new { function = "contract_award", tier = "place", amount = 1_000 });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("needs the place", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknown = await cora.PostAsJsonAsync("/api/decisions", new { function = "contract_award", tier = "place", place = "P9", amount = 1_000 });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        using var nina = await web.SignedIn("nina");
        await Forbidden(nina, "/api/decisions", new { function = "contract_award", tier = "neighbourhood", amount = 1_000 }, "may view decisions but not record them");
    }

    [Fact]
    public async Task Each_user_sees_icb_wide_decisions_and_their_own_areas_never_another_places()
    {
        using var cora = await web.SignedIn("cora");
        foreach (var (tier, place, hood, what) in new[]
        {
            ("icb", (string?)null, (string?)null, "list ICB-wide"), ("place", "P1", null, "list P1"), ("place", "P2", null, "list P2"),
            ("neighbourhood", null, "N1", "list N1"), ("neighbourhood", null, "N2", "list N2"), ("neighbourhood", null, "N3", "list N3"),
        })
        {
            await Post(cora, "/api/decisions", new { function = "contract_award", tier, place, neighbourhood = hood, amount = 10_000, description = what });
        }

        async Task<HashSet<string>> Seen(string user)
        {
            using var client = await web.SignedIn(user);
            var table = await Get(client, "/api/decisions");
            Assert.StartsWith(Statement, table.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
            return [.. table.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("description").GetString()!).Where(d => d.StartsWith("list ", StringComparison.Ordinal) || d.StartsWith("Place decision recorded", StringComparison.Ordinal))];
        }

        var pat = await Seen("pat");
        Assert.Equal(new HashSet<string> { "list ICB-wide", "list P1", "list N1", "list N2" }, pat);
        Assert.Equal(new HashSet<string> { "list ICB-wide", "list P2", "list N3" }, await Seen("fred"));
        // A neighbourhood user sees their place's place-tier decisions and their own neighbourhood's, not a sibling's.
        Assert.Equal(new HashSet<string> { "list ICB-wide", "list P1", "list N1" }, await Seen("nina"));
        // The place decision recorded without its place could be anyone's: ICB users only.
        var all = await Seen("ann");
        Assert.Contains("Place decision recorded without its place", all);
        Assert.Superset(new HashSet<string> { "list ICB-wide", "list P1", "list P2", "list N1", "list N2", "list N3" }, all);
    }

    [Fact]
    public async Task Delegations_are_recorded_by_icb_commissioners_and_decisions_are_tested_against_them()
    {
        using var nina = await web.SignedIn("nina");
        var register = await Get(nina, "/api/decisions/delegations");
        var limits = register.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("function").GetString() == "contract_award")
            .ToDictionary(r => r.GetProperty("tier").GetString()!, r => r.GetProperty("limit").GetString());
        Assert.Equal("£500,000.00", limits["place"]);
        Assert.Equal("£100,000.00", limits["neighbourhood"]);
        Assert.Equal("£5,000,000.00", limits["ICB"]);
        Assert.StartsWith(Statement, register.GetProperty("disclosure").GetString(), StringComparison.Ordinal);

        using var pat = await web.SignedIn("pat");
        await Forbidden(pat, "/api/decisions/delegations", new { function = "community_grant", tier = "neighbourhood", limit = 20_000 }, "ICB-wide commissioners");
        using var ann = await web.SignedIn("ann");
        await Forbidden(ann, "/api/decisions/delegations", new { function = "community_grant", tier = "neighbourhood", limit = 20_000 }, "ICB-wide commissioners");

        using var cora = await web.SignedIn("cora");
        var d = await Post(cora, "/api/decisions/delegations", new { function = "community_grant", tier = "neighbourhood", limit = 20_000 });
        Assert.Equal("community_grant@neighbourhood", d.GetProperty("record_id").GetString());
        Assert.Equal(1, d.GetProperty("version").GetInt32());
        var bad = await cora.PostAsJsonAsync("/api/decisions/delegations", new { function = "community_grant", tier = "place", limit = -5 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        // The new delegation decides: £15,000 is within N2's £20,000, £25,000 is not.
        using var nick = await web.SignedIn("nick");
        Assert.Equal("approved", (await Post(nick, "/api/decisions", new { function = "community_grant", tier = "neighbourhood", amount = 15_000 })).GetProperty("status").GetString());
        var refused = await Post(nick, "/api/decisions", new { function = "community_grant", tier = "neighbourhood", amount = 25_000 });
        Assert.Equal("£25,000 is above neighbourhood's limit of £20,000 for 'community_grant'", refused.GetProperty("reason").GetString());

        Assert.Contains(await Audit(), a => a.User == "cora" && a.Action == "delegation.record" && a.Target == "delegation:community_grant@neighbourhood"
            && a.Detail == "v1 community_grant to neighbourhood: limit £20,000.00");
    }

    [Fact]
    public async Task Psr_select_applies_the_regulations_tests_in_order_with_the_standstill_in_working_days()
    {
        using var nina = await web.SignedIn("nina");
        // Notice Thursday 17 April 2025: Good Friday (18th) and Easter Monday (21st) are bank holidays, so the 8 working
        // days are 22, 23, 24, 25, 28, 29, 30 April and 1 May.
        var c = await Post(nina, "/api/psr/select", new { @case = DirectAwardCCase, notice_of_intention = "2025-04-17" });
        Assert.Equal("direct_award_c", c.GetProperty("route").GetProperty("process").GetString());
        Assert.Equal("Direct Award C", c.GetProperty("process_name").GetString());
        Assert.Equal("2025-05-01", c.GetProperty("route").GetProperty("standstill_end").GetString());
        Assert.StartsWith(Statement, c.GetProperty("disclosure").GetString(), StringComparison.Ordinal);

        async Task<string> Process(object @case) =>
            (await Post(nina, "/api/psr/select", new { @case })).GetProperty("route").GetProperty("process").GetString()!;
        Assert.Equal("direct_award_a", await Process(Case(onlyCapable: true)));
        Assert.Equal("direct_award_b", await Process(Case(patientChoice: true)));
        // Value up £600,000 (60%): a considerable change, so not C; the most suitable provider can be identified.
        Assert.Equal("most_suitable_provider", await Process(Case(expiring: true, newValue: 1_600_000, canIdentify: true)));
        Assert.Equal("competitive", await Process(Case(expiring: true, newValue: 1_600_000)));
        var a = await Post(nina, "/api/psr/select", new { @case = Case(onlyCapable: true), notice_of_intention = "2025-04-17" });
        Assert.Equal(JsonValueKind.Null, a.GetProperty("route").GetProperty("standstill_end").ValueKind);
    }

    [Fact]
    public async Task Psr_records_are_kept_by_commissioners_with_dates_and_summarised_by_year()
    {
        using var pat = await web.SignedIn("pat");
        var r = await Post(pat, "/api/psr", new
        {
            record_id = "psr-api-1", service = "Community nursing", provider = "RC1", @case = DirectAwardCCase, decision_maker = "ICB board",
            decision_date = "2024-06-03", lifetime_value = 1_400_000, conflicts = Array.Empty<object>(), notice_of_intention = "2024-06-04",
        });
        var record = r.GetProperty("record");
        Assert.Equal("direct_award_c", record.GetProperty("process").GetString());
        // 4 June 2024 (Tuesday): 8 working days are 5, 6, 7, 10, 11, 12, 13, 14 June.
        Assert.Equal("2024-06-14", record.GetProperty("standstill_end").GetString());

        var bad = await pat.PostAsJsonAsync("/api/psr", new
        {
            record_id = "psr-api-2", service = "x", provider = "RC1", @case = Case(expiring: true, newValue: 1_600_000, canIdentify: true),
            decision_maker = "ICB board", decision_date = "2024-07-01", lifetime_value = 1_600_000, conflicts = Array.Empty<object>(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("MostSuitableProvider needs a notice_of_intention date", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var nina = await web.SignedIn("nina");
        await Forbidden(nina, "/api/psr", new
        {
            record_id = "psr-api-3", service = "x", provider = "RC1", @case = DirectAwardCCase, decision_maker = "x",
            decision_date = "2024-06-03", lifetime_value = 1, conflicts = Array.Empty<object>(), notice_of_intention = "2024-06-04",
        }, "may view PSR records but not record them");

        var list = await Get(nina, "/api/psr?year=2024");
        var row = list.GetProperty("records").GetProperty("rows").EnumerateArray().Single(x => x.GetProperty("record_id").GetString() == "psr-api-1");
        Assert.Equal("Direct Award C", row.GetProperty("process").GetString());
        Assert.Equal("2024-06-14", row.GetProperty("standstill_end").GetString());
        var summary = list.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("by_process").GetProperty("direct_award_c").GetInt32());
        Assert.Equal(0, summary.GetProperty("by_process").GetProperty("competitive").GetInt32());
        Assert.Equal(1_400_000, summary.GetProperty("total_lifetime_value").GetDouble());
        Assert.StartsWith(Statement, list.GetProperty("disclosure").GetString(), StringComparison.Ordinal);

        Assert.Contains(await Audit(), a => a.User == "pat" && a.Action == "psr.record" && a.Target == "psr:psr-api-1"
            && a.Detail.Contains("Direct Award C", StringComparison.Ordinal) && a.Detail.Contains("standstill ends 2024-06-14", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(4_000_000, 4_300_000, "permitted")]                        // £300,000 is below £500,000
    [InlineData(4_000_000, 4_600_000, "permitted_with_transparency_notice")] // £600,000 but only 15%
    [InlineData(1_000_000, 1_600_000, "new_process_required")]             // £600,000 and 60%
    public async Task Contract_modifications_are_checked_against_regulation_13(double current, double next, string expected)
    {
        using var nina = await web.SignedIn("nina");
        var m = await Post(nina, "/api/psr/modification", new { current_lifetime_value = current, new_lifetime_value = next });
        Assert.Equal(expected, m.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Decommissioning_by_an_icb_commissioner_takes_costs_from_the_scenario_and_the_icbs_equality_impact()
    {
        using var cora = await web.SignedIn("cora");
        var a = (await Post(cora, "/api/decommissioning", Assessment("Community visiting service", null))).GetProperty("assessment");
        // Ten criteria scored 3 with weight 1, strategic_fit 5 with weight 3: (30 + 15) / 13.
        Assert.Equal(45.0 / 13, a.GetProperty("weighted_score").GetDouble(), 9);
        var costs = a.GetProperty("costs");
        Assert.Equal(60_000, costs.GetProperty("stranded").GetDouble());
        Assert.Equal(10_000, costs.GetProperty("double_running").GetDouble());
        Assert.Contains("portfolio, years 1-3", costs.GetProperty("source").GetString(), StringComparison.Ordinal);
        var q = a.GetProperty("equality_impact").EnumerateArray().ToDictionary(x => x.GetProperty("quintile").GetInt32());
        Assert.Equal([1, 5], q.Keys.Order());
        Assert.Equal(10, q[1].GetProperty("affected").GetInt64());
        Assert.Equal(30, q[5].GetProperty("affected").GetInt64());
        Assert.Equal(60, q[1].GetProperty("population").GetInt64());
        Assert.Equal(0.25, q[1].GetProperty("affected_share").GetDouble(), 9);
        Assert.Equal(1.5, q[5].GetProperty("ratio").GetDouble(), 9);
        var flag = Assert.Single(a.GetProperty("flags").EnumerateArray());
        Assert.StartsWith("IMD quintile 5 is affected disproportionately (1.50×", flag.GetString(), StringComparison.Ordinal);

        var entered = (await Post(cora, "/api/decommissioning", Assessment("Day centre", new { stranded = 1_000, double_running = 500, source = "estates review" })))
            .GetProperty("assessment").GetProperty("costs");
        Assert.Equal(1_500, entered.GetProperty("total").GetDouble());
        var frailty = (await Post(cora, "/api/decommissioning", Assessment("Frailty beds", null, scenario: "S1", intervention: "frailty_hub")))
            .GetProperty("assessment").GetProperty("costs");
        Assert.Equal(3_000, frailty.GetProperty("stranded").GetDouble());
        var unknown = await cora.PostAsJsonAsync("/api/decommissioning", Assessment("x", null, scenario: "S1", intervention: "no_such"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var noEvidence = await cora.PostAsJsonAsync("/api/decommissioning", new { service = "x", settings = new[] { "community_contact" }, criteria = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, noEvidence.StatusCode);

        using var ann = await web.SignedIn("ann");
        await Forbidden(ann, "/api/decommissioning", Assessment("x", null), "may view decommissioning assessments but not record them");

        Assert.Contains(await Audit(), x => x.User == "cora" && x.Action == "decommissioning.assess"
            && x.Detail.Contains("Community visiting service: score 3.46/5, costs £70,000.00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Decommissioning_by_a_place_commissioner_covers_their_places_population_with_costs_they_give()
    {
        using var pat = await web.SignedIn("pat");
        var noCosts = await pat.PostAsJsonAsync("/api/decommissioning", Assessment("x", null));
        Assert.Equal(HttpStatusCode.BadRequest, noCosts.StatusCode);
        Assert.Contains("Give the stranded and double-running costs", await noCosts.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Forbidden(pat, "/api/decommissioning", Assessment("x", null, scenario: "S1"), "modelled for the whole ICB");

        var a = (await Post(pat, "/api/decommissioning", Assessment("P1 day service", new { stranded = 2_000, double_running = 0, source = "place finance" })))
            .GetProperty("assessment");
        Assert.Equal("P1", a.GetProperty("place").GetString());
        // Place P1 is IMD quintile 1 only: 62 people (60 after rounding), 12 ltc people with contacts (10): no other quintile, no flag.
        var q = Assert.Single(a.GetProperty("equality_impact").EnumerateArray());
        Assert.Equal((1, 10L, 60L), (q.GetProperty("quintile").GetInt32(), q.GetProperty("affected").GetInt64(), q.GetProperty("population").GetInt64()));
        Assert.Equal(1.0, q.GetProperty("ratio").GetDouble(), 9);
        Assert.Empty(a.GetProperty("flags").EnumerateArray());

        // The place's assessment is its own and the ICB's, not another place's; ICB-wide ones stay with ICB users.
        using var cora = await web.SignedIn("cora");
        await Post(cora, "/api/decommissioning", Assessment("ICB-wide review", null));
        async Task<List<string>> Services(string user)
        {
            using var client = await web.SignedIn(user);
            var t = await Get(client, "/api/decommissioning");
            Assert.StartsWith(Statement, t.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
            return [.. t.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("service").GetString()!)];
        }
        var patSees = await Services("pat");
        Assert.Contains("P1 day service", patSees);
        Assert.DoesNotContain("ICB-wide review", patSees);
        Assert.DoesNotContain("P1 day service", await Services("fred"));
        Assert.Contains("P1 day service", await Services("ann"));
        Assert.Contains(await Audit(), x => x.User == "pat" && x.Action == "decommissioning.assess" && x.Detail.Contains("for Place P1", StringComparison.Ordinal));

        using var nina = await web.SignedIn("nina");
        await Forbidden(nina, "/api/decommissioning", Assessment("x", new { stranded = 1, double_running = 0, source = "x" }), "may view decommissioning assessments but not record them");
    }

    [Fact]
    public async Task Reusing_another_areas_record_id_is_a_conflict_and_changes_nothing()
    {
        using var paula = await web.SignedIn("paula");
        var costs = new { stranded = 1_000, double_running = 0, source = "place finance" };
        var body = new { service = "P2 clinic", settings = new[] { "community_contact" }, criteria = Criteria(), costs, assessment_id = "owned-by-p2" };
        await Post(paula, "/api/decommissioning", body);

        // A commissioner of another area (neighbourhood N2 in place P1) re-posts the id: refused, not overwritten or re-scoped.
        using var nick = await web.SignedIn("nick");
        var again = await nick.PostAsJsonAsync("/api/decommissioning", body);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("belongs to place P2", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var versions = web.App.Services.GetRequiredService<Strata.Web.Infrastructure.WorkspaceGate>()
            .Use(e => DeliverRecords.History(e, "decommissioning_assessment", "owned-by-p2"));
        Assert.Equal([("paula", "place:P2")], versions.Select(v => (v.Actor, v.Area)));
    }

    private static object Assessment(string service, object? costs, string? scenario = null, string? intervention = null) => new
    {
        service,
        settings = new[] { "community_contact" },
        criteria = Criteria(),
        costs,
        scenario_id = scenario,
        intervention,
    };

    private static IEnumerable<object> Criteria() =>
        Decommissioning.Criteria.Select(c => new { criterion = c, score = c == "strategic_fit" ? 5 : 3, weight = c == "strategic_fit" ? 3 : 1, evidence = "board paper" });

    private static object Case(bool onlyCapable = false, bool patientChoice = false, bool expiring = false, double newValue = 1_000_000, bool canIdentify = false) => new
    {
        existing_provider_only_capable = onlyCapable, patient_choice_unlimited_providers = patientChoice, existing_contract_expiring = expiring,
        existing_provider_satisfying = true, existing_provider_likely_to_satisfy = true,
        change = new { current_lifetime_value = 1_000_000, new_lifetime_value = newValue, materially_different_in_character = false },
        can_identify_most_suitable_provider = canIdentify,
    };

    private sealed record AuditRow(string User, string Action, string Target, string Detail);

    private async Task<List<AuditRow>> Audit()
    {
        using var ann = await web.SignedIn("ann");
        var entries = await Get(ann, "/api/audit?limit=1000");
        return [.. entries.EnumerateArray().Select(e => new AuditRow(e.GetProperty("user").GetString()!, e.GetProperty("action").GetString()!,
            e.GetProperty("target").GetString()!, e.GetProperty("detail").GetString() ?? ""))];
    }

    private static async Task<JsonElement> Get(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> Post(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task Forbidden(HttpClient client, string url, object body, string reason)
    {
        var response = await client.PostAsJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

using Microsoft.Playwright;
using Strata.Domain.Deliver;
using Strata.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Strata.Web.Tests.Browser;

/// <summary>
/// The Decisions section's forms in headless Chromium: tiers and areas limited to the user's scope, delegations,
/// the Provider Selection Regime and decommissioning (figures worked in <see cref="DecisionsFixture"/>).
/// </summary>
[Collection("decisions")]
public sealed class DecisionFormsTests(DecisionsFixture web, ITestOutputHelper output) : BrowserTestBase(web, output)
{
    [Fact]
    public async Task A_place_commissioner_cannot_pick_icb_tier_nor_another_place()
    {
        var page = await SignedInAt("pat", "/decisions");
        var tier = page.GetByTestId("decision-tier");
        await Assertions.Expect(tier.Locator("option")).ToHaveCountAsync(2);
        Assert.Equal(["Place", "Neighbourhood"], await tier.Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)"));
        await Assertions.Expect(page.GetByTestId("decision-place")).ToHaveValueAsync("P1");
        await Assertions.Expect(page.GetByTestId("decision-place")).ToHaveAttributeAsync("readonly", "");

        await tier.SelectOptionAsync("Neighbourhood");
        var hoods = page.GetByTestId("decision-neighbourhood");
        // The neighbourhood choice appears once the server has re-rendered for the new tier.
        await Assertions.Expect(hoods.Locator("option")).ToHaveCountAsync(3);
        Assert.Equal(["", "N1", "N2"], await hoods.Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)"));
        await page.GetByTestId("decision-function").FillAsync("contract_award");
        await hoods.SelectOptionAsync("N2");
        await page.GetByTestId("decision-amount").FillAsync("40000");
        await page.GetByTestId("decision-description").FillAsync("Browser: N2 social prescribing");
        await page.GetByTestId("decision-submit").ClickAsync();
        var outcome = page.GetByTestId("decision-outcome");
        await Assertions.Expect(outcome).ToHaveAttributeAsync("data-status", "approved");
        await Assertions.Expect(outcome).ToContainTextAsync("for neighbourhood N2: within neighbourhood's delegation for 'contract_award' (limit £100,000)");
        var decisions = page.GetByTestId("table-decisions");
        await Assertions.Expect(decisions.Locator("tr", new() { HasText = "Browser: N2 social prescribing" })).ToContainTextAsync("neighbourhood N2 (P1)");
        await Assertions.Expect(decisions).Not.ToContainTextAsync("P2");
        await Assertions.Expect(decisions).Not.ToContainTextAsync("not recorded");

        // The API refuses what the form does not offer.
        var icb = await page.Context.APIRequest.PostAsync("/api/decisions", new() { DataObject = new { function = "contract_award", tier = "icb", amount = 1000 } });
        Assert.Equal(403, icb.Status);
        var p2 = await page.Context.APIRequest.PostAsync("/api/decisions", new() { DataObject = new { function = "contract_award", tier = "place", place = "P2", amount = 1000 } });
        Assert.Equal(403, p2.Status);
        Assert.Contains("Place P2 is outside your scope", await p2.TextAsync(), StringComparison.Ordinal);

        // Delegations are the ICB's: a place commissioner sees the register but no form. Decommissioning covers their
        // place's population, with costs entered (stored scenarios are ICB-wide).
        await page.GotoAsync("/decisions/delegations");
        await Ready(page);
        await Assertions.Expect(page.GetByTestId("delegation-form")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("table-delegations")).ToContainTextAsync("£500,000.00");
        await page.GotoAsync("/decisions/decommissioning");
        await Ready(page);
        await Assertions.Expect(page.GetByTestId("decommission-form")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("costs-from-scenario")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("decommission-stranded")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("table-decommissioning")).Not.ToContainTextAsync("whole ICB");
    }

    [Fact]
    public async Task An_icb_commissioner_records_a_delegation()
    {
        var page = await SignedInAt("cora", "/decisions/delegations");
        await page.GetByTestId("delegation-function").FillAsync("care_home_placement");
        await page.GetByTestId("delegation-tier").SelectOptionAsync("Place");
        await page.GetByTestId("delegation-limit").FillAsync("75000");
        await page.GetByTestId("delegation-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("delegation-outcome"))
            .ToContainTextAsync("Recorded: 'care_home_placement' delegated to place up to £75,000.00 (version 1).");
        var row = page.GetByTestId("table-delegations").Locator("tr", new() { HasText = "Care home placement" });
        await Assertions.Expect(row).ToContainTextAsync("£75,000.00");
        await Assertions.Expect(row).ToContainTextAsync("cora");
        await Assertions.Expect(page.GetByTestId("table-delegations").GetByTestId("disclosure")).ToContainTextAsync("Disclosure control applied");
        await Shot(page, "decisions-delegation");
    }

    [Fact]
    public async Task The_psr_form_chooses_a_route_and_records_it_with_its_standstill_date()
    {
        var page = await SignedInAt("pat", "/decisions/psr");
        await page.GetByTestId("psr-expiring").CheckAsync();
        await page.GetByTestId("psr-satisfying").CheckAsync();
        await page.GetByTestId("psr-likely").CheckAsync();
        await page.GetByTestId("psr-current-value").FillAsync("1000000");
        await page.GetByTestId("psr-new-value").FillAsync("1400000");
        await page.GetByTestId("psr-notice").FillAsync("2025-04-17");
        await page.GetByTestId("psr-select").ClickAsync();
        // £400,000 (40%) is not a considerable change, so Direct Award C; Good Friday and Easter Monday 2025 are not
        // working days, so the 8 working days after 17 April end on 1 May.
        var route = page.GetByTestId("psr-route");
        await Assertions.Expect(route).ToHaveAttributeAsync("data-process", "DirectAwardC");
        await Assertions.Expect(route).ToContainTextAsync("not Direct Award A");
        await Assertions.Expect(page.GetByTestId("psr-route-standstill")).ToContainTextAsync("from 18 Apr 2025 to the end of 1 May 2025");

        await page.GetByTestId("psr-record-id").FillAsync("psr-web-1");
        await page.GetByTestId("psr-service").FillAsync("Community nursing");
        await page.GetByTestId("psr-provider").FillAsync("RC1");
        await page.GetByTestId("psr-decision-maker").FillAsync("ICB board");
        await page.GetByTestId("psr-decision-date").FillAsync("2025-04-10");
        await page.GetByTestId("psr-lifetime-value").FillAsync("1400000");
        await page.GetByTestId("psr-conflict").FillAsync("Dr A: partner at a bidding practice: left the meeting");
        // One representation, fresh decision Friday 2 May 2025: 5 more working days skip the early May bank holiday
        // (Monday 5th): 6, 7, 8, 9 and 12 May.
        await page.GetByTestId("psr-representations").FillAsync("1");
        await page.GetByTestId("psr-fresh-decision").FillAsync("2025-05-02");
        await page.GetByTestId("psr-record").ClickAsync();
        await Assertions.Expect(page.GetByTestId("psr-recorded"))
            .ToContainTextAsync("Recorded psr-web-1: Direct Award C for Community nursing (RC1), £1,400,000.00. Standstill ends at the end of 1 May 2025. Further standstill ends at the end of 12 May 2025.");
        var row = page.GetByTestId("table-psr-records").Locator("tr", new() { HasText = "psr-web-1" });
        await Assertions.Expect(row).ToContainTextAsync("1 May 2025");
        await Assertions.Expect(row).ToContainTextAsync("Direct Award C");
        // The summary shows the latest decision's year; 2025 holds this one record (the API test's is in 2024).
        await Assertions.Expect(page.GetByLabel("Annual summary for")).ToHaveValueAsync("2025");
        await Assertions.Expect(page.GetByTestId("psr-summary")).ToContainTextAsync("Direct Award C 1; urgent awards 0; representations 1; lifetime value £1,400,000.00.");

        await page.GetByTestId("modification-current").FillAsync("4000000");
        await page.GetByTestId("modification-new").FillAsync("4600000");
        await page.GetByTestId("modification-check").ClickAsync();
        await Assertions.Expect(page.GetByTestId("modification-outcome")).ToContainTextAsync("Permitted with a transparency notice");
        await Shot(page, "decisions-psr");

        var audit = await page.Context.APIRequest.GetAsync("/api/audit");
        Assert.Equal(403, audit.Status);
    }

    [Fact]
    public async Task An_icb_commissioner_assesses_a_decommissioning()
    {
        var page = await SignedInAt("cora", "/decisions/decommissioning");
        await page.GetByTestId("decommission-service").FillAsync("Community visiting service");
        await page.GetByTestId("setting-community_contact").CheckAsync();
        foreach (var c in Decommissioning.Criteria)
        {
            await page.GetByTestId("score-" + c).FillAsync(c == "strategic_fit" ? "5" : "3");
            await page.GetByTestId("evidence-" + c).FillAsync("Board paper, October 2025");
        }
        await page.GetByLabel("Weight for strategic_fit").FillAsync("3");
        // Costs default to the newest stored scenario's portfolio.
        await Assertions.Expect(page.GetByTestId("decommission-intervention")).ToHaveValueAsync("portfolio");
        await page.GetByTestId("decommission-decision").FillAsync("Proceed to consultation");
        await page.GetByTestId("decommission-submit").ClickAsync();

        var result = page.GetByTestId("decommission-result");
        await Assertions.Expect(page.GetByTestId("decommission-score")).ToHaveTextAsync("3.46");
        await Assertions.Expect(page.GetByTestId("decommission-costs")).ToHaveTextAsync("£70,000.00");
        await Assertions.Expect(result).ToContainTextAsync("stranded £60,000.00, double running £10,000.00");
        var q5 = page.GetByTestId("decommission-equality").Locator("tr", new() { HasText = "75.0%" });
        await Assertions.Expect(q5).ToContainTextAsync("1.50");
        await Assertions.Expect(page.GetByTestId("decommission-flags")).ToContainTextAsync("IMD quintile 5 is affected disproportionately");
        await Assertions.Expect(result).ToContainTextAsync("Disclosure control applied");
        var recorded = page.GetByTestId("table-decommissioning").Locator("tr", new() { HasText = "Proceed to consultation" });
        await Assertions.Expect(recorded).ToContainTextAsync("Community visiting service");
        await Assertions.Expect(recorded).ToContainTextAsync("Q5 1.50×");
        await Shot(page, "decisions-decommissioning");
    }
}

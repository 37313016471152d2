using Microsoft.Playwright;
using Strata.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Strata.Web.Tests.Browser;

/// <summary>
/// The Allocation and Contracts pages in headless Chromium over <see cref="DeliverWorkspaceFixture"/>; writes
/// docs/screenshots/allocation.png, contracts.png and pooled-budget.png.
/// </summary>
[Collection("deliver")]
public sealed class DeliverPagesTests(DeliverWorkspaceFixture web, ITestOutputHelper output) : BrowserTestBase(web, output)
{
    [Fact]
    public async Task Finance_runs_an_allocation_that_spends_the_budget_and_a_place_user_sees_only_their_place()
    {
        var page = await SignedInAt("fiona", "/allocation");
        await page.GetByLabel("Budget for year 1 (£)").FillAsync("130000");
        await page.GetByTestId("allocation-submit").ClickAsync();
        // Year 1 adds up to the budget to the penny; P1 gets 62,620 floor + gap step + its target share of the rest,
        // targets from the published populations (worked in DeliverApiTests) = £67,492.50, P2 the remaining £62,507.50.
        await Assertions.Expect(page.GetByTestId("allocation-total")).ToContainTextAsync("Total allocated in year 1: £130,000.00 of the budget £130,000.00");
        var table = page.GetByTestId("table-allocation");
        await Assertions.Expect(table.Locator("tr", new() { HasText = "P1" })).ToContainTextAsync("£67,492.50");
        await Assertions.Expect(table.Locator("tr", new() { HasText = "P2" })).ToContainTextAsync("£62,507.50");
        await Assertions.Expect(table.Locator("tr", new() { HasText = "P1" })).ToContainTextAsync("£62,000.00");
        await Assertions.Expect(table.GetByTestId("disclosure")).ToContainTextAsync("Disclosure control applied");
        await Assertions.Expect(page.Locator(".js-plotly-plot").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("table-allocation-path")).ToContainTextAsync("Convergence path by place");
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await Shot(page, "allocation");

        var pat = await SignedInAt("pat", "/allocation");
        var own = pat.GetByTestId("table-allocation");
        await Assertions.Expect(own.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(own).ToContainTextAsync("£67,492.50");
        await Assertions.Expect(own).Not.ToContainTextAsync("P2");
        await Assertions.Expect(pat.GetByTestId("table-allocation-path")).Not.ToContainTextAsync("P2");
        await Assertions.Expect(pat.GetByTestId("allocation-total")).ToContainTextAsync("£67,492.50 of the ICB budget £130,000.00");
        await Assertions.Expect(pat.GetByTestId("allocation-form")).ToHaveCountAsync(1); // a commissioner may run one
        await Assertions.Expect(pat.GetByTestId("export-csv-allocation")).ToHaveAttributeAsync("href", "/api/export/allocation?format=csv&level=place");
        await pat.GetByLabel("Show by").SelectOptionAsync("neighbourhood");
        await Assertions.Expect(own.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(own).ToContainTextAsync("N2");
        await Assertions.Expect(own).Not.ToContainTextAsync("N3");
    }

    [Fact]
    public async Task A_viewer_sees_the_allocation_but_cannot_run_one()
    {
        var page = await SignedInAt("vera", "/allocation");
        await Assertions.Expect(page.GetByTestId("allocation-form")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-page='allocation']")).ToContainTextAsync("may view allocations but not run them");
    }

    [Fact]
    public async Task Finance_records_a_contract_from_the_form_simulates_it_and_records_a_pooled_budget()
    {
        var page = await SignedInAt("fiona", "/contracts");
        // A missing provider and agreed value are named at their fields; nothing is recorded.
        await page.GetByLabel("Contract id").FillAsync("web-c1");
        await page.GetByTestId("contract-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("error-provider")).ToContainTextAsync("Provider code: enter the provider's code");
        await Assertions.Expect(page.GetByTestId("error-agreed_value")).ToContainTextAsync("Agreed value: must be more than £0");
        await page.GetByLabel("Provider code").FillAsync("RX1");
        await page.GetByLabel("Setting").SelectOptionAsync("community_contact");
        await page.GetByLabel("Baseline activity (a year)").FillAsync("100");
        await page.GetByLabel("Payment mechanism").SelectOptionAsync("block");
        await page.GetByLabel("Block amount or fixed element (£)").FillAsync("-5");
        await page.GetByLabel("Agreed value (£)").FillAsync("20000");
        await page.GetByTestId("contract-submit").ClickAsync();
        // The domain's own validation, shown at the field it names.
        await Assertions.Expect(page.GetByTestId("error-amount")).ToContainTextAsync("amount: must be ≥ 0");
        await page.GetByLabel("Block amount or fixed element (£)").FillAsync("20000");
        await page.GetByTestId("contract-corridor").CheckAsync();
        await page.GetByTestId("contract-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("contract-added")).ToContainTextAsync("Contract web-c1 recorded (version 1)");
        var list = page.GetByTestId("table-contracts");
        await Assertions.Expect(list.Locator("tr", new() { HasText = "web-c1" })).ToContainTextAsync("£20,000.00");
        await Assertions.Expect(list.Locator("tr", new() { HasText = "web-c1" })).ToContainTextAsync("provider bears ±2.0%");

        await page.GetByLabel("Contract", new() { Exact = true }).SelectOptionAsync("c1");
        await page.GetByLabel("Runs (1-100,000)").FillAsync("300");
        await page.GetByTestId("simulation-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("table-contract-simulation")).ToContainTextAsync("300");
        // c1's corridor at 130% of its £8,000: the commissioner pays £1,400 of the £2,400 overspend (DeliverApiTests).
        await Assertions.Expect(page.GetByTestId("table-contract-curve").Locator("tr", new() { HasText = "130" })).ToContainTextAsync("£9,400.00");
        await Assertions.Expect(page.Locator(".js-plotly-plot").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.EvaluateAsync("window.scrollTo(0, 0)"); // the app bar is sticky: a full-page shot from the top keeps it at the top
        await Shot(page, "contracts");

        await page.GetByLabel("Agreement id").FillAsync("web-pool");
        await page.GetByLabel("Partner 1").FillAsync("ICB");
        await page.GetByTestId("pool-contribution-0").FillAsync("600000");
        await page.GetByLabel("Partner 2").FillAsync("Council");
        await page.GetByTestId("pool-contribution-1").FillAsync("400000");
        await page.GetByLabel("Scheme 1").FillAsync("Reablement");
        await page.GetByTestId("pool-budget-0").FillAsync("500000");
        await page.GetByTestId("pool-actual-0").FillAsync("560000");
        await page.GetByLabel("Scheme 2").FillAsync("Carers");
        await page.GetByTestId("pool-budget-1").FillAsync("500000");
        await page.GetByTestId("pool-actual-1").FillAsync("490000");
        await page.GetByTestId("pool-submit").ClickAsync();
        // 60,000 over, 10,000 under offsets it, no reserve: 50,000 shared 60:40.
        var pool = page.GetByTestId("pool-web-pool");
        await Assertions.Expect(pool.GetByTestId("pool-summary")).ToContainTextAsync("shared between partners £50,000.00");
        await Assertions.Expect(pool.Locator("tr", new() { HasText = "ICB" })).ToContainTextAsync("£30,000.00");
        await Assertions.Expect(pool.Locator("tr", new() { HasText = "Council" })).ToContainTextAsync("£20,000.00");
        await ShotOf(page, page.GetByTestId("pools"), "pooled-budget");
    }

    [Fact]
    public async Task A_viewer_sees_contracts_without_the_forms_and_a_place_user_sees_none()
    {
        var vera = await SignedInAt("vera", "/contracts");
        await Assertions.Expect(vera.GetByTestId("table-contracts")).ToContainTextAsync("c1");
        await Assertions.Expect(vera.GetByTestId("contract-form")).ToHaveCountAsync(0);
        await Assertions.Expect(vera.GetByTestId("pool-form")).ToHaveCountAsync(0);
        await Assertions.Expect(vera.GetByTestId("pool-bcf1")).ToContainTextAsync("£120,000.00");
        var pat = await SignedInAt("pat", "/contracts");
        await Assertions.Expect(pat.GetByTestId("contracts-forbidden")).ToContainTextAsync("ICB-scope users only");
        await Assertions.Expect(pat.GetByTestId("table-contracts")).ToHaveCountAsync(0);
    }
}

using Microsoft.Playwright;
using Strata.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Strata.Web.Tests.Browser;

/// <summary>
/// The Plan stage pages in the browser: a projection with a budget and capacity, a comparison of two stored
/// scenario runs and the cost waterfall (figures worked in <see cref="PlanWebFixture"/> and PlanApiTests).
/// </summary>
[Collection("plan")]
public sealed class PlanPagesTests(PlanWebFixture web, ITestOutputHelper output) : BrowserTestBase(web, output)
{
    [Fact]
    public async Task An_analyst_runs_a_projection_with_a_budget_and_sees_when_cost_and_activity_go_over()
    {
        var page = await SignedInAt("ann", "/projection");
        // Run at once, before the default projection's charts may have drawn: the new charts replace them whatever
        // stage their first draw had reached (wwwroot/plotly-guard.js).
        await page.GetByLabel("Years (5 to 10)").FillAsync("6");
        await page.GetByLabel("Annual budget (£, optional)").FillAsync("87000");
        await page.GetByLabel("emergency").FillAsync("156");
        await page.GetByTestId("projection-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("projection-stored")).ToBeVisibleAsync();

        // £85,200 × 1.012^y: £87,257.07 in 2026/27 is £257.07 over the £87,000 budget; activity 156.7 is over 156.
        await Assertions.Expect(page.GetByTestId("over-budget")).ToContainTextAsync("exceeds the budget of £87,000.00 from 2026/27");
        await Assertions.Expect(page.GetByTestId("over-capacity")).ToContainTextAsync("emergency exceeds its capacity from 2026/27");
        var totals = page.GetByTestId("table-projection");
        await Assertions.Expect(totals.Locator("tr", new() { HasText = "2025/26" })).ToContainTextAsync("£86,222.40");
        var over = totals.Locator("tr", new() { HasText = "2026/27" });
        await Assertions.Expect(over).ToContainTextAsync("£87,257.07");
        await Assertions.Expect(over).ToContainTextAsync("£257.07");
        await Assertions.Expect(over).ToContainTextAsync("yes");
        await Assertions.Expect(totals.Locator("tbody tr")).ToHaveCountAsync(7);
        await Assertions.Expect(totals.GetByTestId("disclosure")).ToContainTextAsync("Disclosure control applied");
        var settings = page.GetByTestId("table-projection-settings");
        await Assertions.Expect(settings.Locator("tr", new() { HasText = "2027/28" })).ToContainTextAsync("160");
        await Assertions.Expect(page.Locator(".js-plotly-plot")).ToHaveCountAsync(2, new() { Timeout = Drawn.Timeout });
        await Top(page);
        await Shot(page, "projection");
    }

    [Fact]
    public async Task A_neighbourhood_viewer_sees_their_own_projection_but_cannot_run_one()
    {
        var page = await SignedInAt("nina", "/projection");
        await Assertions.Expect(page.GetByTestId("permission")).ToContainTextAsync("may view projections but not run them");
        await Assertions.Expect(page.GetByTestId("projection-form")).ToHaveCountAsync(0);
        var totals = page.GetByTestId("table-projection");
        await Assertions.Expect(totals).ToContainTextAsync("Neighbourhood N1");
        await Assertions.Expect(totals.Locator("tr", new() { HasText = "2025/26" })).ToContainTextAsync("£62,744.00");
        await Assertions.Expect(totals).Not.ToContainTextAsync("£86,222.40");
    }

    [Fact]
    public async Task An_analyst_compares_two_scenario_runs_side_by_side()
    {
        var page = await SignedInAt("ann", "/scenarios");
        await page.GetByTestId("compare-" + web.WardsId).CheckAsync();
        await page.GetByTestId("compare-" + web.WardsAndHubsId).CheckAsync();
        await page.GetByTestId("compare-start").ClickAsync();
        var headline = page.GetByTestId("table-scenario-compare");
        await Assertions.Expect(headline.Locator("tr", new() { HasText = "Virtual wards" })).ToContainTextAsync("£19,000.00");
        await Assertions.Expect(headline.Locator("tr", new() { HasText = "Wards and hubs" })).ToContainTextAsync("£33,000.00");
        await Assertions.Expect(headline.Locator("tr", new() { HasText = "Wards and hubs" })).ToContainTextAsync("2026/27 (year 2)");
        var net = page.GetByTestId("table-scenario-compare-net-cost");
        await Assertions.Expect(net.Locator("tr", new() { HasText = "2027/28" })).ToContainTextAsync("−£15,000.00");
        await Assertions.Expect(net.Locator(".js-plotly-plot")).ToBeVisibleAsync(Drawn);
        // Wards and hubs avoid £50,000 of emergency cost against £30,000: £20,000 more.
        var settings = page.GetByTestId("table-scenario-compare-settings");
        await Assertions.Expect(settings.Locator("tr", new() { HasText = "Emergency admissions" })).ToContainTextAsync("£20,000.00");
        await Assertions.Expect(settings.Locator("tr", new() { HasText = "Community contacts" })).ToContainTextAsync("−£3,000.00");
        await Assertions.Expect(settings.GetByTestId("disclosure")).ToContainTextAsync("Disclosure control applied");
        await Top(page);
        await Shot(page, "scenario-compare");
    }

    [Fact]
    public async Task The_waterfall_of_a_scenario_steps_from_baseline_to_its_cost_and_sums()
    {
        var page = await SignedInAt("ann", "/scenarios");
        // The first run's charts are drawn before another run is chosen (Plotly loads once, with the first chart).
        await Assertions.Expect(page.GetByTestId("table-scenario-waterfall").Locator(".js-plotly-plot")).ToBeVisibleAsync(Drawn);
        await page.GetByLabel("Scenario run shown").SelectOptionAsync(web.WardsAndHubsId);
        var table = page.GetByTestId("table-scenario-waterfall");
        await Assertions.Expect(table).ToContainTextAsync("Wards and hubs: cost in 2027/28");
        var rows = table.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("£106,000.00");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("−£12,000.00");
        await Assertions.Expect(rows.Nth(2)).ToContainTextAsync("−£8,000.00");
        await Assertions.Expect(rows.Nth(3)).ToContainTextAsync("£1,000.00");
        // £106,000 − £12,000 − £8,000 + £1,000 = £87,000: the last step ends where the scenario's cost is.
        await Assertions.Expect(rows.Nth(3).Locator("td").Last).ToHaveTextAsync("£87,000.00");
        await Assertions.Expect(rows.Nth(4)).ToContainTextAsync("£87,000.00");
        await Assertions.Expect(table.Locator(".js-plotly-plot")).ToBeVisibleAsync(Drawn);
        await page.GetByLabel("Projection year").SelectOptionAsync("2");
        await Assertions.Expect(table).ToContainTextAsync("cost in 2026/27");
        await page.GetByLabel("Projection year").SelectOptionAsync("3");
        await Assertions.Expect(table).ToContainTextAsync("cost in 2027/28");
        await Top(page);
        await Shot(page, "scenario-waterfall");
    }

    /// <summary>Charts are drawn by script after the page is live: on a busy machine that takes longer than the default 5 s.</summary>
    [Fact]
    public async Task The_plan_page_builds_the_plan_from_the_chosen_variant_health_status_and_interventions()
    {
        var page = await SignedInAt("ann", "/plan");
        await Assertions.Expect(page.GetByTestId("plan-span")).ToContainTextAsync("2025/26 to 2027/28");
        await page.GetByTestId("plan-variant").SelectOptionAsync("low");
        await page.GetByTestId("plan-health").UncheckAsync();
        await page.GetByTestId("plan-years").FillAsync("2025/26-2026/27");
        await page.GetByTestId("plan-build").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-span")).ToContainTextAsync("2025/26 to 2026/27");
        // The documents and exports are of the plan shown: the same inputs go with their links.
        await Assertions.Expect(page.GetByTestId("plan-intentions")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("health=off.*variant=low"));
        await Assertions.Expect(page.GetByTestId("plan-intentions-pdf")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("intentions\\.pdf\\?health=off"));
        await Assertions.Expect(page.GetByTestId("export-csv-plan-summary")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("variant=low"));
        await page.GetByTestId("plan-years").FillAsync("2020/21-2021/22");
        await page.GetByTestId("plan-build").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-error")).ToBeVisibleAsync();
    }

    private static readonly LocatorAssertionsToBeVisibleOptions Drawn = new() { Timeout = 30_000 };

    /// <summary>Back to the top before a full-page screenshot, so the fixed app bar sits at the top of the image.</summary>
    private static Task Top(IPage page) => page.EvaluateAsync("window.scrollTo(0, 0)");
}

using Microsoft.Playwright;
using Xunit.Abstractions;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Browser;

/// <summary>
/// The real UI in headless Chromium (Debian's chromium package, no browser download) through Playwright.
/// Also writes the screenshots in docs/screenshots/.
/// </summary>
[Collection("web")]
public sealed class BrowserTests(WebAppFixture web, ITestOutputHelper output) : BrowserTestBase(web, output)
{
    [Fact]
    public async Task An_analyst_signs_in_views_segments_and_every_page_renders()
    {
        var page = await NewPage();
        await page.GotoAsync("/login");
        await Shot(page, "sign-in");
        await SignIn(page, "ann");
        await Ready(page);
        await Shot(page, "overview");

        await page.GotoAsync("/population");
        await Ready(page);
        var segments = page.GetByTestId("table-segments");
        await Assertions.Expect(segments).ToContainTextAsync("Healthy well");
        await Assertions.Expect(segments.Locator("tr", new() { HasText = "Healthy well" })).ToContainTextAsync("75");
        await Assertions.Expect(segments.Locator("tr", new() { HasText = "frailty" })).ToContainTextAsync("30");
        await Assertions.Expect(segments.GetByTestId("disclosure")).ToContainTextAsync("Disclosure control applied");
        await Assertions.Expect(page.Locator(".js-plotly-plot").First).ToBeVisibleAsync();
        await Shot(page, "population");

        await page.GotoAsync("/projection");
        await Ready(page);
        await Assertions.Expect(page.GetByTestId("table-projection").Locator("tr", new() { HasText = "2025/26" })).ToContainTextAsync("£86,222.40");
        await page.GotoAsync("/variation");
        await Ready(page);
        await Assertions.Expect(page.GetByTestId("not-available-funnel")).ToContainTextAsync("No activity");
        await page.GotoAsync("/scenarios");
        await Ready(page);
        await Assertions.Expect(page.GetByTestId("table-scenario-fan")).ToContainTextAsync("£1,250.00");
        await Assertions.Expect(page.Locator(".js-plotly-plot").First).ToBeVisibleAsync();
        await Shot(page, "scenarios");
        await page.GotoAsync("/decisions");
        await Ready(page);
        await Assertions.Expect(page.GetByTestId("table-decisions")).ToContainTextAsync("Award the community frailty contract");
        await Shot(page, "decisions");
        await page.GotoAsync("/evaluation");
        await Ready(page);
        await Assertions.Expect(page.GetByTestId("spc-icons")).ToContainTextAsync("Special cause concern (high)");
        await Assertions.Expect(page.Locator(".js-plotly-plot").First).ToBeVisibleAsync();
        await Shot(page, "evaluation");
        await page.GotoAsync("/jobs");
        await Ready(page);
        await Assertions.Expect(page.GetByTestId("start-demo")).ToBeVisibleAsync();
        await Shot(page, "jobs");
        await page.GotoAsync("/audit");
        await Ready(page);
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("sign-in");
        await Shot(page, "audit");
    }

    [Fact]
    public async Task A_place_user_cannot_read_another_places_figures_in_the_browser()
    {
        var page = await SignedInAt("pat", "/population");
        var segments = page.GetByTestId("table-segments");
        await Assertions.Expect(segments).ToContainTextAsync("Place P1");
        await Assertions.Expect(segments.Locator("tr", new() { HasText = "Healthy well" })).ToContainTextAsync("50");
        await Assertions.Expect(segments).Not.ToContainTextAsync("frailty");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Southville");
        await page.GotoAsync("/scenarios");
        await Ready(page);
        await Assertions.Expect(page.GetByTestId("icb-only")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Frailty hubs");
        // The same browser session asking the API for place P2 is refused.
        Assert.Equal(403, (await page.Context.APIRequest.GetAsync("/api/population/segments?place=P2")).Status);
        Assert.Equal(403, (await page.Context.APIRequest.GetAsync("/api/export/segments?format=csv&place=P2")).Status);
        Assert.Equal(200, (await page.Context.APIRequest.GetAsync("/api/population/segments")).Status);
    }

    [Fact]
    public async Task The_skip_link_is_the_first_tab_stop_and_the_page_has_landmarks()
    {
        var page = await SignedInAt("nina", "/population");
        // The first focusable element in document order is the skip link; focused it shows, and it moves focus to <main>.
        Assert.Equal("Skip to main content", await page.EvaluateAsync<string>(
            "document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex=\"-1\"])').textContent"));
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await skip.FocusAsync();
        Assert.True((await skip.BoundingBoxAsync())!.X >= 0);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main#main")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Commissioning cycle" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Population");
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_stays_signed_out()
    {
        var page = await NewPage();
        await page.GotoAsync("/login");
        await page.GetByLabel("User name").FillAsync("ann");
        await page.GetByLabel("Password").FillAsync("wrong password here");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not right");
        Assert.Equal(401, (await page.Context.APIRequest.GetAsync("/api/population/segments")).Status);
    }
}

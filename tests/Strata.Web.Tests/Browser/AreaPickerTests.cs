using Microsoft.Playwright;
using Strata.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Strata.Web.Tests.Browser;

/// <summary>
/// The place / neighbourhood picker on the Population and Variation pages, worked from <see cref="TestPopulation"/>:
/// place P1 is N1 (40 healthy_well + 12 ltc) and N2 (10 healthy_well); place P2 is N3 (25 healthy_well, 30 frailty,
/// 3 end_of_life). Counts are rounded to 5 and 1-7 suppressed.
/// </summary>
[Collection("web")]
public sealed class AreaPickerTests(WebAppFixture web, ITestOutputHelper output) : BrowserTestBase(web, output)
{
    [Fact]
    public async Task An_icb_analyst_picks_a_place_then_a_neighbourhood_and_the_segments_follow()
    {
        var page = await SignedInAt("ann", "/population");
        var place = page.GetByLabel("Place");
        await Assertions.Expect(place.Locator("option")).ToHaveTextAsync(["Whole ICB", "P1 · Northtown", "P2 · Southville"]);
        await Assertions.Expect(page.GetByLabel("Neighbourhood")).ToBeDisabledAsync();
        var segments = page.GetByTestId("table-segments");
        await Assertions.Expect(Row(segments, "Healthy well")).ToContainTextAsync("75");

        await place.SelectOptionAsync("P1");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/population\?place=P1$"));
        // P1: healthy_well 40 + 10 = 50, ltc 12 -> 10; no frailty or end_of_life (those are P2's).
        await Assertions.Expect(segments.Locator("caption")).ToContainTextAsync("Place P1");
        await Assertions.Expect(Row(segments, "Healthy well").Locator("td").First).ToHaveTextAsync("50");
        await Assertions.Expect(Row(segments, "ltc").Locator("td").First).ToHaveTextAsync("10");
        await Assertions.Expect(segments).Not.ToContainTextAsync("frailty");
        await Assertions.Expect(page.GetByTestId("export-csv-segments")).ToHaveAttributeAsync("href", "/api/export/segments?format=csv&place=P1");
        await Shot(page, "population-area-picker");

        var hood = page.GetByLabel("Neighbourhood");
        await Assertions.Expect(hood.Locator("option")).ToHaveTextAsync(["Whole place", "N1", "N2"]);
        await hood.SelectOptionAsync("N1");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/population\?place=P1\&neighbourhood=N1$"));
        // N1: healthy_well 40, ltc 12 -> 10.
        await Assertions.Expect(segments.Locator("caption")).ToContainTextAsync("Neighbourhood N1");
        await Assertions.Expect(Row(segments, "Healthy well").Locator("td").First).ToHaveTextAsync("40");
        await Assertions.Expect(Row(segments, "ltc").Locator("td").First).ToHaveTextAsync("10");

        // The bookmark opens the same view in a new session.
        var bookmarked = await SignedInAt("ann", "/population?place=P2");
        await Assertions.Expect(bookmarked.GetByLabel("Place")).ToHaveValueAsync("P2");
        await Assertions.Expect(Row(bookmarked.GetByTestId("table-segments"), "frailty").Locator("td").First).ToHaveTextAsync("30");
    }

    [Fact]
    public async Task A_place_user_is_offered_only_their_place_and_its_neighbourhoods()
    {
        var page = await SignedInAt("pat", "/population");
        var picker = page.GetByTestId("area-picker");
        await Assertions.Expect(picker.GetByTestId("area-fixed")).ToContainTextAsync("P1 · Northtown");
        await Assertions.Expect(picker.GetByLabel("Place")).ToHaveCountAsync(0);
        await Assertions.Expect(picker.GetByLabel("Neighbourhood").Locator("option")).ToHaveTextAsync(["Whole place", "N1", "N2"]);
        await Assertions.Expect(picker).Not.ToContainTextAsync("P2");
        await Assertions.Expect(picker).Not.ToContainTextAsync("N3");
        await picker.GetByLabel("Neighbourhood").SelectOptionAsync("N2");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/population\?place=P1\&neighbourhood=N2$"));
        // N2: 10 healthy_well and nobody else.
        var segments = page.GetByTestId("table-segments");
        await Assertions.Expect(Row(segments, "Healthy well").Locator("td").First).ToHaveTextAsync("10");
        await Assertions.Expect(segments.Locator("tbody tr")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_neighbourhood_user_sees_their_neighbourhood_fixed()
    {
        var page = await SignedInAt("nina", "/population");
        var picker = page.GetByTestId("area-picker");
        await Assertions.Expect(picker.GetByTestId("area-fixed")).ToContainTextAsync("Neighbourhood N1");
        await Assertions.Expect(picker.Locator("select")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("/population?place=P2")]
    [InlineData("/population?neighbourhood=N3")]
    [InlineData("/variation?place=P2")]
    public async Task A_place_user_typing_another_place_in_the_url_is_told_it_is_outside_their_scope(string path)
    {
        var page = await SignedInAt("pat", path);
        var refusal = page.GetByTestId("out-of-scope");
        await Assertions.Expect(refusal).ToBeVisibleAsync();
        await Assertions.Expect(refusal).ToContainTextAsync("Outside your scope");
        await Assertions.Expect(refusal).ToContainTextAsync("outside your scope (Place P1)");
        await Assertions.Expect(page.Locator("table")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("frailty");
        if (path.StartsWith("/population?place", StringComparison.Ordinal))
        {
            await Shot(page, "population-out-of-scope");
        }
        // The way back: the user's own population.
        await refusal.GetByRole(AriaRole.Link, new() { Name = "Show your own population" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("table-segments").Or(page.GetByTestId("not-available-funnel"))).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("out-of-scope")).ToHaveCountAsync(0);
    }

    private static ILocator Row(ILocator table, string header) =>
        table.Locator("tbody tr").Filter(new() { Has = table.Page.Locator("th", new() { HasTextString = header }) });
}

using Microsoft.Playwright;
using Strata.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Strata.Web.Tests.Browser;

/// <summary>
/// "Exports of any table shown": every download link on every page answers with the file of that table (the export
/// catalogue knows it and the page's query string makes the same view), under disclosure control.
/// </summary>
[Collection("web")]
public sealed class ExportLinksTests(WebAppFixture web, ITestOutputHelper output) : BrowserTestBase(web, output)
{
    private static readonly string[] Pages =
    [
        "/", "/population", "/variation", "/projection", "/scenarios", "/plan", "/allocation", "/contracts", "/decisions", "/decisions/delegations",
        "/decisions/psr", "/decisions/decommissioning", "/evaluation",
    ];

    [Fact]
    public async Task Every_download_link_on_every_page_gives_its_table_as_a_file()
    {
        var page = await SignedInAt("ann", "/");
        var links = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in Pages)
        {
            await page.GotoAsync(path);
            await Ready(page);
            foreach (var href in await page.Locator("a[download]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            {
                links.Add(href);
            }
        }
        var tables = links.Select(l => l.Split('?')[0]).Distinct().ToList();
        // Population (5 tables, places on the overview), scenarios (runs, fan, waterfall), decisions, delegations, KPI summary and series, ...
        Assert.True(tables.Count >= 12, $"only {tables.Count} tables offer downloads: {string.Join(", ", tables)}");
        foreach (var link in links)
        {
            var response = await page.Context.APIRequest.GetAsync(link);
            Assert.True(response.Status == 200, $"{link}: HTTP {response.Status} {await response.TextAsync()}");
            Assert.StartsWith("Disclosure control applied", response.Headers["x-strata-disclosure"], StringComparison.Ordinal);
        }
    }
}

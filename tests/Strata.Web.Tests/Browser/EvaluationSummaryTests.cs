using Microsoft.Playwright;
using Strata.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Strata.Web.Tests.Browser;

/// <summary>The Evaluation page's KPI summary with Making Data Count icons that carry their meaning as text too.</summary>
[Collection("web")]
public sealed class EvaluationSummaryTests(WebAppFixture web, ITestOutputHelper output) : BrowserTestBase(web, output)
{
    [Fact]
    public async Task The_summary_draws_each_kpis_variation_and_assurance_icons_with_labels()
    {
        var page = await SignedInAt("ann", "/evaluation");
        var row = page.GetByTestId("kpi-summary-row").First;
        await Assertions.Expect(row).ToContainTextAsync("Special cause concern (high)");
        var variation = row.GetByRole(AriaRole.Img, new() { Name = "Special cause concern (high)" });
        await Assertions.Expect(variation).ToHaveAttributeAsync("data-icon", "H");
        await Assertions.Expect(row.GetByRole(AriaRole.Img, new() { Name = "No assurance (no target or neutral measure)" })).ToBeVisibleAsync();
        await Assertions.Expect(row).ToContainTextAsync("116.4");
        await Assertions.Expect(page.Locator(".js-plotly-plot").First).ToBeVisibleAsync();
        await page.Locator(".js-plotly-plot .main-svg").First.WaitForAsync();
        await Shot(page, "evaluation-summary");

        var place = await SignedInAt("pat", "/evaluation");
        var common = place.GetByTestId("kpi-summary-row").First.GetByRole(AriaRole.Img, new() { Name = "Common cause variation" });
        await Assertions.Expect(common).ToHaveAttributeAsync("data-icon", "");
    }

    [Fact]
    public async Task A_chart_call_for_an_element_already_gone_is_ignored_not_thrown()
    {
        // Without wwwroot/plotly-guard.js, Plotly throws "No DOM element with id ..." and Plotly.Blazor's queue of first
        // draws stops there, leaving the charts after it undrawn (a chart replaced before plotly.js had loaded).
        var page = await SignedInAt("ann", "/evaluation");
        await page.Locator(".js-plotly-plot .main-svg").First.WaitForAsync();
        Assert.Equal("ignored", await page.EvaluateAsync<string>(
            "async () => { try { await window.Plotly.newPlot('gone-chart', []); return 'ignored'; } catch (e) { return 'threw: ' + e.message; } }"));
        foreach (var call in new[] { "react('gone-chart', [])", "purge('gone-chart')", "relayout('gone-chart', {})" })
        {
            Assert.Equal("ignored", await page.EvaluateAsync<string>(
                $"async () => {{ try {{ await window.Plotly.{call}; return 'ignored'; }} catch (e) {{ return 'threw: ' + e.message; }} }}"));
        }
    }
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Strata.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Strata.Web.Tests.Browser;

/// <summary>
/// The axe audit again on pages filled by the real stages (demo data imported, segmented and risk-scored through
/// jobs): the variation funnel, risk tiers from the model, the jobs table with finished jobs.
/// </summary>
public sealed class AccessibilityDemoDataTests(EmptyWorkspaceFixture web, ITestOutputHelper output)
    : BrowserTestBase(web, output), IClassFixture<EmptyWorkspaceFixture>
{
    [Fact]
    public async Task Pages_with_real_stage_output_have_no_axe_violations()
    {
        using var ann = await web.SignedIn("ann");
        await Run(ann, new { kind = "demo", people = 1_500, seed = 42 });
        await Run(ann, new { kind = "risk" });

        var report = new StringBuilder();
        var page = await SignedInAt("ann", "/population");
        await Assertions.Expect(page.GetByTestId("table-risk-tiers")).ToContainTextAsync("Very high risk");
        await Audit(page, "/population", report);
        foreach (var path in new[] { "/population?place=P01", "/variation", "/pathways", "/programme-budget", "/utilisation", "/opportunities?opportunity=acsc_chronic", "/jobs", "/" })
        {
            await page.GotoAsync(path);
            await Ready(page);
            if (path == "/pathways")
            {
                // The pathway page draws its Sankey of year-on-year transitions and the practice funnel from the demo data.
                await Assertions.Expect(page.Locator("figure[aria-label*='between stages'] .js-plotly-plot")).ToBeVisibleAsync();
                await Assertions.Expect(page.GetByTestId("table-pathway-stages")).ToContainTextAsync("Primary care management");
            }
            if (path.StartsWith("/opportunities", StringComparison.Ordinal))
            {
                // The opportunity's funnel and SPC chart are drawn before the audit.
                await Assertions.Expect(page.Locator("figure[aria-label*='by month'] .js-plotly-plot")).ToBeVisibleAsync();
            }
            await Audit(page, path, report);
        }
        await Assertions.Expect(page.Locator("main")).ToBeVisibleAsync();
        Assert.True(report.Length == 0, "axe found WCAG A/AA violations:\n" + report);
    }

    private static Task Audit(IPage page, string path, StringBuilder report) => AccessibilityTests.Audit(page, path, report);

    private static async Task Run(HttpClient client, object request)
    {
        var started = await client.PostAsJsonAsync("/api/jobs", request);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        for (var i = 0; i < 1_800; i++)
        {
            var status = (await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}")).GetProperty("status").GetString();
            if (status is "succeeded")
            {
                return;
            }
            Assert.True(status is "queued" or "running", $"Job {request} ended {status}.");
            await Task.Delay(100);
        }
        Assert.Fail($"Job {request} did not finish in three minutes.");
    }
}

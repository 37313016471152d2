using Microsoft.Playwright;
using Strata.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Strata.Web.Tests.Browser;

/// <summary>
/// The first thing a new ICB does, through the UI: import demo data as a background job (generate, import,
/// segment, profile), follow its progress, then view the segments it produced.
/// </summary>
public sealed class DemoFlowTests(EmptyWorkspaceFixture web, ITestOutputHelper output)
    : BrowserTestBase(web, output), IClassFixture<EmptyWorkspaceFixture>
{
    [Fact]
    public async Task Import_demo_data_then_view_segments()
    {
        var page = await SignedInAt("ann", "/population");
        await Assertions.Expect(page.GetByTestId("not-available-segments")).ToContainTextAsync("Not computed yet");

        await page.GotoAsync("/jobs");
        await Ready(page);
        await page.GetByTestId("start-demo").ClickAsync();
        var job = page.GetByTestId("job-row").First;
        await Assertions.Expect(job).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 180_000 });
        await Assertions.Expect(job).ToContainTextAsync("Segmented");
        await Shot(page, "jobs-demo-imported");
        await page.GetByTestId("start-risk").ClickAsync();
        var risk = page.GetByTestId("job-row").First;
        await Assertions.Expect(risk).ToContainTextAsync("risk");
        await Assertions.Expect(risk).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 180_000 });

        await page.GotoAsync("/population");
        await Ready(page);
        var segments = page.GetByTestId("table-segments");
        await Assertions.Expect(segments).ToContainTextAsync("Disclosure control applied");
        Assert.True(await segments.Locator("tbody tr").CountAsync() >= 3);
        await Assertions.Expect(page.GetByTestId("table-profile")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("table-risk-tiers")).ToContainTextAsync("very_high");
        await Assertions.Expect(page.Locator(".js-plotly-plot")).ToHaveCountAsync(3);
        await Shot(page, "population-demo");

        await page.GotoAsync("/variation");
        await Ready(page);
        await Assertions.Expect(page.GetByTestId("table-funnel")).ToContainTextAsync("Within limits");
        await Assertions.Expect(page.Locator(".js-plotly-plot")).ToHaveCountAsync(1);
        await Shot(page, "variation");

        // The job's start and end are in the audit log.
        var audit = await page.Context.APIRequest.GetAsync("/api/audit");
        var text = await audit.TextAsync();
        Assert.Contains("job.start", text, StringComparison.Ordinal);
        Assert.Contains("job.succeeded", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_place_user_cannot_start_jobs()
    {
        var page = await SignedInAt("pat", "/jobs");
        await Assertions.Expect(page.GetByTestId("start-demo")).ToHaveCountAsync(0);
        var response = await page.Context.APIRequest.PostAsync("/api/jobs", new() { DataObject = new { kind = "demo" } });
        Assert.Equal(403, response.Status);
    }
}

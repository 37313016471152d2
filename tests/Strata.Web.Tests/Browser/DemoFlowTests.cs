using Microsoft.Playwright;
using Strata.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Strata.Web.Tests.Browser;

/// <summary>
/// The commissioning cycle end to end through the UI: import demo data as a background job (generate, import,
/// segment, profile), follow its progress, view the segments it produced, run a scenario on them and see its fan
/// chart, then record decisions against the decision rights register.
/// </summary>
public sealed class DemoFlowTests(EmptyWorkspaceFixture web, ITestOutputHelper output)
    : BrowserTestBase(web, output), IClassFixture<EmptyWorkspaceFixture>
{
    [Fact]
    public async Task Import_demo_data_view_segments_run_a_scenario_and_record_decisions()
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
        await Assertions.Expect(page.GetByTestId("table-risk-tiers")).ToContainTextAsync("Very high risk");
        await Assertions.Expect(page.Locator(".js-plotly-plot")).ToHaveCountAsync(3);
        await Shot(page, "population-demo");

        await page.GotoAsync("/variation");
        await Ready(page);
        await Assertions.Expect(page.GetByTestId("table-funnel")).ToContainTextAsync("Within limits");
        await Assertions.Expect(page.Locator(".js-plotly-plot")).ToHaveCountAsync(1);
        await Shot(page, "variation");

        // Run a scenario on the demo data (a small run keeps the test quick) and see its fan chart.
        await page.GotoAsync("/scenarios");
        await Ready(page);
        await Assertions.Expect(page.GetByTestId("not-available-scenarios")).ToBeVisibleAsync();
        await page.GetByTestId("scenario-name").FillAsync("Demo interventions");
        await page.GetByTestId("scenario-runs").FillAsync("20");
        await page.GetByTestId("scenario-years").FillAsync("3");
        // Build it: leave social prescribing out and model a wider reach for the frailty virtual ward.
        await page.GetByTestId("include-social-prescribing").UncheckAsync();
        await page.GetByTestId("reach-low-frailty-virtual-ward").FillAsync("50");
        await page.GetByTestId("reach-high-frailty-virtual-ward").FillAsync("80");
        await page.GetByTestId("scenario-ndg").FillAsync("emergency_admission=0.02");
        await page.GetByTestId("scenario-discount").FillAsync("5");
        await Shot(page, "scenario-builder");
        await page.GetByTestId("scenario-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("scenario-job")).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 120_000 });
        await Assertions.Expect(page.GetByTestId("scenario-job")).ToContainTextAsync("stored as");
        await Assertions.Expect(page.GetByTestId("scenario-job")).ToContainTextAsync(": 4 interventions");
        await Assertions.Expect(page.GetByTestId("table-scenarios")).ToContainTextAsync("Demo interventions");
        await Assertions.Expect(page.GetByTestId("table-scenario-fan")).ToContainTextAsync("Disclosure control applied");
        Assert.True(await page.GetByTestId("table-scenario-fan").Locator("tbody tr").CountAsync() >= 3);
        // The fan and the cost waterfall of the new run (baseline, one step per example intervention, overlap, scenario).
        await Assertions.Expect(page.GetByTestId("table-scenario-waterfall").Locator("tbody tr").First).ToContainTextAsync("baseline");
        await Assertions.Expect(page.GetByTestId("table-scenario-waterfall")).Not.ToContainTextAsync("−£0.00");
        await Assertions.Expect(page.Locator(".js-plotly-plot")).ToHaveCountAsync(2);
        await Shot(page, "scenarios-run");

        // The job's start and end are in the audit log.
        var audit = await page.Context.APIRequest.GetAsync("/api/audit");
        var text = await audit.TextAsync();
        Assert.Contains("job.start", text, StringComparison.Ordinal);
        Assert.Contains("job.succeeded", text, StringComparison.Ordinal);
        Assert.Contains("scenario:Demo interventions", text, StringComparison.Ordinal);
        Assert.Contains("frailty-virtual-ward@1.0.0+edited:reach=0.5-0.8", text, StringComparison.Ordinal);
        Assert.Contains("ndg emergency_admission=0.02, discount rate 0.05", text, StringComparison.Ordinal);
        Assert.DoesNotContain("social-prescribing", text, StringComparison.Ordinal);

        // A commissioner records a decision within place's limit, then one above it, which is refused with the reason.
        var pat = await SignedInAt("pat", "/decisions");
        await RecordDecision(pat, "contract_award", "Place", "250000", "Award the community frailty contract");
        await Assertions.Expect(pat.GetByTestId("decision-outcome")).ToHaveAttributeAsync("data-status", "approved");
        await RecordDecision(pat, "contract_award", "Place", "2000000", "Award the acute frailty contract");
        var refused = pat.GetByTestId("decision-outcome");
        await Assertions.Expect(refused).ToHaveAttributeAsync("data-status", "refused");
        await Assertions.Expect(refused).ToContainTextAsync("£2,000,000 is above place's limit of £500,000 for 'contract_award'");
        var decisions = pat.GetByTestId("table-decisions");
        await Assertions.Expect(decisions.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(decisions).ToContainTextAsync("approved");
        await Assertions.Expect(decisions).ToContainTextAsync("refused");
        await Shot(pat, "decisions-recorded");

        var log = await (await page.Context.APIRequest.GetAsync("/api/audit")).TextAsync();
        Assert.Contains("decision.record", log, StringComparison.Ordinal);
    }

    private static async Task RecordDecision(IPage page, string function, string tier, string amount, string description)
    {
        await page.GetByTestId("decision-function").FillAsync(function);
        await page.GetByTestId("decision-tier").SelectOptionAsync(tier);
        await page.GetByTestId("decision-amount").FillAsync(amount);
        await page.GetByTestId("decision-description").FillAsync(description);
        await page.GetByTestId("decision-submit").ClickAsync();
    }

    [Fact]
    public async Task A_viewer_cannot_record_decisions_nor_a_place_commissioner_run_scenarios()
    {
        var nina = await SignedInAt("nina", "/decisions");
        await Assertions.Expect(nina.GetByTestId("decision-form")).ToHaveCountAsync(0);
        var response = await nina.Context.APIRequest.PostAsync("/api/decisions",
            new() { DataObject = new { function = "contract_award", tier = "place", amount = 1000 } });
        Assert.Equal(403, response.Status);

        var pat = await SignedInAt("pat", "/jobs");
        var scenario = await pat.Context.APIRequest.PostAsync("/api/jobs", new() { DataObject = new { kind = "scenario", runs = 5 } });
        Assert.Equal(403, scenario.Status);
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

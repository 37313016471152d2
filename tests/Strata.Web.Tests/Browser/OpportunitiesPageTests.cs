using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Strata.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Strata.Web.Tests.Browser;

/// <summary>
/// The opportunities page on the demo ICB (generated, imported and segmented by the demo job): the library's table,
/// one opportunity's funnel and monthly SPC chart, "make this an intervention", two panel members' judgements pooled,
/// and a scenario run from the candidate that stores its opportunity and named judgements.
/// </summary>
public sealed class OpportunitiesPageTests(EmptyWorkspaceFixture web, ITestOutputHelper output)
    : BrowserTestBase(web, output), IClassFixture<EmptyWorkspaceFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Drawn = new() { Timeout = 30_000 };

    [Fact]
    public async Task An_analyst_makes_an_intervention_from_an_opportunity_has_it_judged_and_runs_a_scenario_that_keeps_the_evidence()
    {
        using var ann = await web.SignedIn("ann");
        await Run(ann, new { kind = "demo", people = 1_500, seed = 42 });

        var page = await SignedInAt("ann", "/opportunities");
        var summary = page.GetByTestId("table-opportunities");
        await Assertions.Expect(summary.Locator("tbody tr")).ToHaveCountAsync(14);
        await Assertions.Expect(summary.Locator("tr", new() { HasText = "chronic ambulatory care sensitive" })).ToContainTextAsync("per 1,000 people");
        await Assertions.Expect(summary.GetByTestId("disclosure")).ToContainTextAsync("Disclosure control applied");

        // Follow-ups per first attendance: frequent enough in a demo of 1,500 people for released monthly counts.
        await page.GetByTestId("opportunity-select").SelectOptionAsync("outpatient_followup_ratio");
        await page.GetByTestId("opportunity-level").SelectOptionAsync("neighbourhood");
        var detail = page.GetByTestId("opportunity-detail");
        await Assertions.Expect(detail.GetByRole(AriaRole.Heading, new() { Name = "Outpatient follow-up attendances per first attendance", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("table-opportunity-units").Locator("tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("figure[aria-label*='observed / expected by neighbourhood'] .js-plotly-plot")).ToBeVisibleAsync(Drawn);
        await Assertions.Expect(page.GetByTestId("opportunity-spc")).ToContainTextAsync("Variation");
        await Assertions.Expect(page.Locator("figure[aria-label*='by month'] .js-plotly-plot")).ToBeVisibleAsync(Drawn);
        await Assertions.Expect(page.GetByTestId("table-opportunity-trend").Locator("tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("no-candidate")).ToBeVisibleAsync();

        await page.GetByTestId("make-intervention").ClickAsync();
        var made = page.GetByTestId("candidate-summary");
        await Assertions.Expect(made).ToContainTextAsync("opp-outpatient_followup_ratio");
        await Assertions.Expect(made).ToContainTextAsync("from the data");

        await Judge(page, "Dr Ames", "5", "10", "20", "Virtual follow-up trials");
        await Assertions.Expect(page.GetByTestId("j-added")).ToContainTextAsync("pooled from 1 judgement(s)");
        await Judge(page, "Ms Brook", "10", "15", "30", "Local audit of admissions");
        await Assertions.Expect(made).ToContainTextAsync("pooled from 2 judgement(s)");
        var judgements = page.GetByTestId("judgements");
        await Assertions.Expect(judgements.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(judgements.Locator("tr", new() { HasText = "Ms Brook" })).ToContainTextAsync("Local audit of admissions");

        // A range whose most likely value lies outside it is refused, naming the field; nothing is stored.
        await Judge(page, "Dr Cole", "10", "50", "30", "Too hopeful");
        await Assertions.Expect(page.GetByTestId("error-mode")).ToContainTextAsync("mode");
        await Assertions.Expect(judgements.Locator("tbody tr")).ToHaveCountAsync(2);
        await Shot(page, "opportunities");

        // The candidate is offered in the scenario builder (not included until chosen) and a run keeps its evidence.
        var scenarios = await SignedInAt("ann", "/scenarios");
        await Assertions.Expect(scenarios.GetByTestId("candidate-opp-outpatient_followup_ratio")).ToContainTextAsync("pooled from 2 judgement(s)");
        await Assertions.Expect(scenarios.GetByTestId("include-opp-outpatient_followup_ratio")).Not.ToBeCheckedAsync();
        foreach (var box in await scenarios.Locator("[data-testid^='include-']").AllAsync())
        {
            await box.SetCheckedAsync(false);
        }
        await scenarios.GetByTestId("include-opp-outpatient_followup_ratio").CheckAsync();
        await scenarios.GetByTestId("scenario-name").FillAsync("From the follow-up opportunity");
        await scenarios.GetByTestId("scenario-runs").FillAsync("20");
        await scenarios.GetByTestId("scenario-years").FillAsync("3");
        await scenarios.GetByTestId("scenario-start").ClickAsync();
        await Assertions.Expect(scenarios.GetByTestId("scenario-job")).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 180_000 });

        var list = await ann.GetFromJsonAsync<JsonElement>("/api/scenarios");
        var id = list.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("scenario_id").GetString()).First();
        var evidence = await ann.GetFromJsonAsync<JsonElement>($"/api/scenarios/{id}/evidence");
        var text = evidence.GetRawText();
        Assert.Contains("outpatient_followup_ratio", text, StringComparison.Ordinal);
        Assert.Contains("Dr Ames", text, StringComparison.Ordinal);
        Assert.Contains("Ms Brook", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Dr Cole", text, StringComparison.Ordinal);
    }

    private static async Task Judge(IPage page, string expert, string low, string mode, string high, string rationale)
    {
        await page.GetByTestId("j-expert").FillAsync(expert);
        await page.GetByTestId("j-low").FillAsync(low);
        await page.GetByTestId("j-mode").FillAsync(mode);
        await page.GetByTestId("j-high").FillAsync(high);
        await page.GetByTestId("j-rationale").FillAsync(rationale);
        await page.GetByTestId("j-evidence").FillAsync("https://example.org/" + expert.Replace(' ', '-'));
        await page.GetByTestId("j-add").ClickAsync();
    }

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

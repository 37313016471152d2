using System.Globalization;
using Microsoft.Playwright;
using Strata.Data.Foundation;
using Strata.Web.Jobs;
using Strata.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Strata.Web.Tests.Browser;

/// <summary>A workspace whose web_jobs holds what an earlier server process left: one finished job, one running.</summary>
public sealed class JobHistoryFixture : WebAppFixture
{
    /// <summary>When the earlier process started the job it left running (a minute after it was queued).</summary>
    public static DateTime RunningSince { get; private set; }

    protected override void Prepare(string workspacePath)
    {
        TestPopulation.UsersOnly(workspacePath);
        using var ws = Workspace.Open(workspacePath);
        JobStore.Ensure(ws.Engine);
        var finished = new Job("earlier-ok", "segment", "2025-03-31", "ann", (_, _) => "");
        JobStore.Add(ws.Engine, finished);
        finished.StartedAt = finished.QueuedAt;
        finished.FinishedAt = finished.QueuedAt.AddMinutes(2);
        finished.Status = JobStatus.Succeeded;
        finished.Progress = 1;
        finished.Message = "Segmented 1,471 people at 2025-03-31; cohort profile built.";
        JobStore.Save(ws.Engine, finished);
        var running = new Job("earlier-run", "import", "/data/icb", "ann", (_, _) => "");
        JobStore.Add(ws.Engine, running);
        RunningSince = running.QueuedAt.AddMinutes(1);
        running.StartedAt = RunningSince;
        running.Status = JobStatus.Running;
        running.Message = "Importing activity";
        JobStore.Save(ws.Engine, running);
    }
}

/// <summary>The Jobs page lists the recorded history, with the job an earlier process left running shown interrupted.</summary>
public sealed class JobsHistoryPageTests(JobHistoryFixture web, ITestOutputHelper output)
    : BrowserTestBase(web, output), IClassFixture<JobHistoryFixture>
{
    [Fact]
    public async Task The_jobs_page_lists_earlier_jobs_and_the_interrupted_one()
    {
        var page = await SignedInAt("ann", "/jobs");
        var interrupted = page.Locator("[data-job='earlier-run']");
        await Assertions.Expect(interrupted).ToHaveAttributeAsync("data-status", "interrupted");
        await Assertions.Expect(interrupted).ToContainTextAsync(string.Create(CultureInfo.InvariantCulture,
            $"Interrupted: the server stopped before this job finished (it was running since {JobHistoryFixture.RunningSince:yyyy-MM-dd HH:mm:ss} UTC)"));
        var done = page.Locator("[data-job='earlier-ok']");
        await Assertions.Expect(done).ToHaveAttributeAsync("data-status", "succeeded");
        await Assertions.Expect(done).ToContainTextAsync("Segmented 1,471 people");
        await Assertions.Expect(page.GetByTestId("jobs-summary")).ToHaveTextAsync("0 running, 0 queued. Latest finished: import, interrupted.");
        await Shot(page, "jobs-interrupted");
    }
}

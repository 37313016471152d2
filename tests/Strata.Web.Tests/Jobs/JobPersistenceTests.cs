using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Strata.Web.Jobs;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Jobs;

/// <summary>
/// Jobs are recorded in the workspace (web_jobs): their history outlives the server process, and a job an earlier
/// process left running is marked interrupted at the next start, not lost and not re-run. Each test starts and
/// stops real hosts, one after the other, on the same workspace file.
/// </summary>
public sealed class JobPersistenceTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "strata-jobs-" + Guid.NewGuid().ToString("N"));

    public JobPersistenceTests()
    {
        Directory.CreateDirectory(_directory);
        TestPopulation.UsersOnly(WorkspacePath);
    }

    private string WorkspacePath => Path.Combine(_directory, "ws.duckdb");

    [Fact]
    public async Task A_finished_jobs_row_survives_a_restart_of_the_server()
    {
        // A folder of the import inbox (next to the workspace) without the five files: the job fails.
        var missing = Path.Combine(_directory, "inbox", "no-such-folder");
        Directory.CreateDirectory(missing);
        string id;
        await using (var first = await Start())
        {
            using var ann = await SignedIn(first, "ann");
            var started = await ann.PostAsJsonAsync("/api/jobs", new { kind = "import", directory = "no-such-folder" });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            var queue = first.Services.GetRequiredService<JobQueue>();
            await Until(() => queue.Find(id)!.Status == JobStatus.Failed);
            await first.StopAsync();
        }

        await using var second = await Start();
        using var client = await SignedIn(second, "ann");
        var jobs = await client.GetFromJsonAsync<JsonElement>("/api/jobs");
        var job = jobs.EnumerateArray().Single(j => j.GetProperty("id").GetString() == id);
        Assert.Equal("import", job.GetProperty("kind").GetString());
        Assert.Equal(missing, job.GetProperty("target").GetString());
        Assert.Equal("ann", job.GetProperty("started_by").GetString());
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Contains("no-such-folder", job.GetProperty("message").GetString(), StringComparison.Ordinal);
        var queued = job.GetProperty("queued_at").GetDateTime();
        var began = job.GetProperty("started_at").GetDateTime();
        var ended = job.GetProperty("finished_at").GetDateTime();
        Assert.True(queued <= began && began <= ended, $"queued {queued:O}, started {began:O}, finished {ended:O}");
        // One job, one row: it is not re-run or duplicated by the restart.
        Assert.Single(jobs.EnumerateArray(), j => j.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/jobs/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_job_running_when_the_server_stops_is_marked_interrupted_at_the_next_start()
    {
        using var running = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        string id;
        await using (var first = await Start())
        {
            var queue = first.Services.GetRequiredService<JobQueue>();
            var started = queue.Enqueue("test", "a long stage run", "ann", (ws, progress) =>
            {
                progress(0.4, "Scoring");
                running.Set();
                release.Wait();
                return "finished after the server stopped";
            });
            id = started.Id;
            Assert.True(running.Wait(TimeSpan.FromMinutes(1)), "The job never started.");
            // The process goes away with the job still running: stopping does not wait for it.
            using var gone = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await first.StopAsync(gone.Token);
        }
        release.Set();

        await using var second = await Start();
        using var client = await SignedIn(second, "ann");
        var job = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
        Assert.Equal("interrupted", job.GetProperty("status").GetString());
        var began = job.GetProperty("started_at").GetDateTime();
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture,
                $"Interrupted: the server stopped before this job finished (it was running since {began:yyyy-MM-dd HH:mm:ss} UTC). It has not been re-run; start it again if it is still needed."),
            job.GetProperty("message").GetString());
        Assert.NotEqual(JsonValueKind.Null, job.GetProperty("finished_at").ValueKind);
        // Not re-run by the new process: it stays interrupted.
        var queue2 = second.Services.GetRequiredService<JobQueue>();
        Assert.Equal(JobStatus.Interrupted, queue2.Find(id)!.Status);
        var audit = await client.GetFromJsonAsync<JsonElement>("/api/audit");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "job.interrupted"
            && e.GetProperty("target").GetString() == "test:a long stage run" && e.GetProperty("detail").GetString() == id);
    }

    [Fact]
    public async Task A_job_an_earlier_process_left_queued_is_marked_interrupted()
    {
        // The row an earlier process wrote when the job was queued (it stopped before the job started).
        using (var ws = Strata.Data.Foundation.Workspace.Open(WorkspacePath))
        {
            JobStore.Ensure(ws.Engine);
            JobStore.Add(ws.Engine, new Job("queued-job", "segment", "data end", "ann", (_, _) => ""));
        }

        await using var app = await Start();
        using var client = await SignedIn(app, "ann");
        var job = await client.GetFromJsonAsync<JsonElement>("/api/jobs/queued-job");
        Assert.Equal("interrupted", job.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("started_at").ValueKind);
        Assert.Equal(
            "Interrupted: the server stopped before this job finished (it was still queued). It has not been re-run; start it again if it is still needed.",
            job.GetProperty("message").GetString());
    }

    private async Task<WebApplication> Start()
    {
        var app = StrataWebHost.Build(new StrataWebOptions(WorkspacePath, "http://127.0.0.1:0"));
        await app.StartAsync();
        return app;
    }

    private static async Task<HttpClient> SignedIn(WebApplication app, string user)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(StrataWebHost.BoundAddresses(app).Single()),
        };
        var response = await client.PostAsJsonAsync("/api/session", new { user_name = user, password = TestPopulation.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(condition(), "The job did not finish within a minute.");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Jobs;

/// <summary>
/// The web's demo job runs the demo's stages through the same handlers as `strata demo`, so what the demo computes
/// reaches the pages: the allocation (no more "No allocation has been run yet"), the example delegations and the KPIs
/// at ICB level.
/// </summary>
public sealed class DemoJobTests(EmptyWorkspaceFixture web) : IClassFixture<EmptyWorkspaceFixture>
{
    [Fact]
    public async Task The_demo_job_stores_the_allocation_the_delegations_and_the_kpis_the_pages_show()
    {
        // A request waits for the workspace while a job holds it (its session is checked against the users table), so
        // polls during the demo job can take as long as the job: this client waits up to ten minutes.
        using var ann = web.Client();
        ann.Timeout = TimeSpan.FromMinutes(10);
        Assert.Equal(HttpStatusCode.OK, (await ann.PostAsJsonAsync("/api/session", new { user_name = "ann", password = TestPopulation.Password })).StatusCode);
        var started = await ann.PostAsJsonAsync("/api/jobs", new { kind = "demo", people = 1_500, seed = 42 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        JsonElement job = default;
        for (var i = 0; i < 1_200; i++)
        {
            job = await ann.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
            if (job.GetProperty("status").GetString() is "succeeded" or "failed")
            {
                break;
            }
            await Task.Delay(500);
        }
        Assert.True(job.GetProperty("status").GetString() == "succeeded", job.GetProperty("message").GetString());
        Assert.Contains("Allocation stored", job.GetProperty("message").GetString(), StringComparison.Ordinal);

        var allocation = await ann.GetFromJsonAsync<JsonElement>("/api/allocation?level=place");
        Assert.Equal("demo", allocation.GetProperty("run_by").GetString());
        Assert.True(allocation.GetProperty("areas").GetProperty("available").GetBoolean());
        Assert.Equal(5, allocation.GetProperty("settings").GetProperty("years").GetInt32());

        var delegations = await (await ann.GetAsync("/api/decisions/delegations")).Content.ReadAsStringAsync();
        Assert.Contains("service_redesign", delegations, StringComparison.Ordinal);

        var kpis = await ann.GetFromJsonAsync<JsonElement>("/api/evaluation/kpis");
        Assert.Contains(kpis.EnumerateArray(), k => k.GetString() == "emergency_admissions_per_1000");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Strata.Web.Infrastructure;
using Strata.Web.Jobs;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Security;

/// <summary>
/// Job messages are read by every signed-in user, whatever their scope (Jobs page, /api/jobs, web_audit): a failed
/// import names file and line, never the record it could not read (issue 12, item 4).
/// </summary>
public sealed class JobMessageTests(EmptyWorkspaceFixture web) : IClassFixture<EmptyWorkspaceFixture>
{
    private static readonly Dictionary<string, string> Files = new()
    {
        ["practices"] = "practice_code,practice_name,neighbourhood_code,place_code,place_name,icb_code\nA1,Alpha,N1,PL1,North,QXX\n",
        ["providers"] = "provider_code,provider_name,provider_type,place_code\nR1,General,acute,PL1\n",
        // Line 3 has one field too many: the engine cannot read it, and its own error quotes the record.
        ["people"] = "person_id,sex,year_of_birth,death_date,practice_code,lsoa_code,imd_decile,ethnicity\np1,F,1950,,A1,,3,\npSECRET77,F,1979,,A1,,3,,extra\n",
        ["conditions"] = "person_id,code_system,code,recorded_on\n",
        ["activity"] = "activity_id,person_id,setting,provider_code,start_date,end_date,primary_diagnosis,cost_gbp\n",
    };

    [Fact]
    public async Task A_failed_import_job_names_the_file_and_line_but_not_the_record()
    {
        var folder = Path.Combine(web.Directory, "inbox", "bad-import");
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in Files)
        {
            File.WriteAllText(Path.Combine(folder, name + ".csv"), text);
        }
        using var ann = await web.SignedIn("ann");
        var started = await ann.PostAsJsonAsync("/api/jobs", new { kind = "import", directory = "bad-import" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var queue = web.App.Services.GetRequiredService<JobQueue>();
        for (var i = 0; i < 600 && queue.Find(id)!.Status is JobStatus.Queued or JobStatus.Running; i++)
        {
            await Task.Delay(100);
        }

        var job = await ann.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
        Assert.Equal("failed", job.GetProperty("status").GetString());
        var message = job.GetProperty("message").GetString()!;
        Assert.Contains("people.csv:3", message, StringComparison.Ordinal);
        Assert.DoesNotContain("pSECRET77", message, StringComparison.Ordinal);
        var audit = web.App.Services.GetRequiredService<WorkspaceGate>()
            .Use(e => e.Scalar<long>("SELECT count(*) FROM web_audit WHERE detail LIKE '%pSECRET77%' OR target LIKE '%pSECRET77%'"));
        Assert.Equal(0, audit);
    }
}

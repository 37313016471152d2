using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Api;

/// <summary>
/// Building a scenario from the intervention library (the repository's examples/interventions): choices and changed
/// assumptions are checked before a job is queued, and what was changed is named in the job. The run itself is
/// driven end to end by the browser's demo flow.
/// </summary>
public sealed class ScenarioBuilderTests(EmptyWorkspaceFixture web) : IClassFixture<EmptyWorkspaceFixture>
{
    [Fact]
    public async Task The_library_lists_each_intervention_with_its_assumptions()
    {
        using var pat = await web.SignedIn("pat");
        var library = await pat.GetFromJsonAsync<JsonElement>("/api/interventions");
        var ids = library.EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal(["frailty-virtual-ward", "copd-pulmonary-rehab", "care-home-mdt", "social-prescribing", "heart-failure-nursing"], ids);
        var ward = library.EnumerateArray().First();
        // examples/interventions/01-frailty-virtual-ward.json
        Assert.Equal((0.10, 0.30), (ward.GetProperty("effect_low").GetDouble(), ward.GetProperty("effect_high").GetDouble()));
        Assert.Equal((0.40, 0.70), (ward.GetProperty("reach_low").GetDouble(), ward.GetProperty("reach_high").GetDouble()));
        Assert.Equal(450000, ward.GetProperty("fixed_cost_per_year").GetDouble());
        Assert.Equal("segments frailty_dementia; risk tiers very_high, high; aged 65+", ward.GetProperty("target").GetString());
    }

    [Fact]
    public async Task A_scenario_job_names_the_chosen_interventions_and_what_was_changed()
    {
        using var ann = await web.SignedIn("ann");
        var response = await ann.PostAsJsonAsync("/api/jobs", new
        {
            kind = "scenario", name = "Edited", runs = 5, years = 3,
            choices = new object[] { new { id = "care-home-mdt" }, new { id = "frailty-virtual-ward", reach_low = 0.5, reach_high = 0.8, start_year = 2 } },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var target = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("target").GetString()!;
        Assert.Contains("[frailty-virtual-ward@1.0.0+edited:reach=0.5-0.8;start_year=2, care-home-mdt@1.0.0]", target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_end_of_an_interval_is_completed_from_the_library()
    {
        using var ann = await web.SignedIn("ann");
        var response = await ann.PostAsJsonAsync("/api/jobs", new { kind = "scenario", name = "Half", runs = 5, years = 3,
            choices = new object[] { new { id = "frailty-virtual-ward", effect_high = 0.2 } } });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("frailty-virtual-ward@1.0.0+edited:effect=0.1-0.2]", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("target").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Growth_overrides_and_a_discount_rate_are_taken_and_named_in_the_job()
    {
        using var ann = await web.SignedIn("ann");
        var response = await ann.PostAsJsonAsync("/api/jobs", new
        {
            kind = "scenario", name = "Growth", runs = 5, years = 3, ndg = "emergency_admission=0.02", discount_rate = 0.05,
            choices = new object[] { new { id = "care-home-mdt" } },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.EndsWith("seed 1, ndg emergency_admission=0.02, discount rate 0.05",
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("target").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_are_limited_as_on_the_command_line_zero_being_the_principal_run_only()
    {
        using var ann = await web.SignedIn("ann");
        var zero = await ann.PostAsJsonAsync("/api/jobs", new { kind = "scenario", name = "Principal", runs = 0, years = 3 });
        Assert.Equal(HttpStatusCode.Accepted, zero.StatusCode);
        Assert.Contains(", 0 runs, 3 years", (await zero.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("target").GetString(), StringComparison.Ordinal);
        var tooMany = await ann.PostAsJsonAsync("/api/jobs", new { kind = "scenario", name = "Huge", runs = 100_001, years = 3 });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("runs: must be between 0 (the principal run only) and 100000; got 100001",
            (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"kind":"scenario","name":"x","years":3,"choices":[{"id":"no-such"}]}""", "No intervention 'no-such' in the library")]
    [InlineData("""{"kind":"scenario","name":"x","years":3,"ndg":"warp_drive=0.1"}""", "Non-demographic growth")]
    [InlineData("""{"kind":"scenario","name":"x","years":3,"discount_rate":0.5}""", "The discount rate must be between 0 and 0.2")]
    [InlineData("""{"kind":"scenario","name":"x","years":3,"choices":[{"id":"social-prescribing","reach_low":0.9,"reach_high":0.2}]}""", "social-prescribing: reach must be")]
    [InlineData("""{"kind":"scenario","name":"x","years":2,"choices":[{"id":"copd-pulmonary-rehab","start_year":3}]}""", "start year 3 is outside the scenario's years 1 to 2")]
    [InlineData("""{"kind":"scenario","name":"x","years":3,"choices":[]}""", "Choose at least one intervention")]
    public async Task A_bad_choice_is_a_400_that_says_what_is_wrong_and_queues_nothing(string body, string message)
    {
        using var ann = await web.SignedIn("ann");
        var before = (await ann.GetFromJsonAsync<JsonElement>("/api/jobs")).GetArrayLength();
        var response = await ann.PostAsync("/api/jobs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, (await ann.GetFromJsonAsync<JsonElement>("/api/jobs")).GetArrayLength());
    }
}

using System.Net.Http.Json;
using System.Net;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Api;

/// <summary>The three-year plan page's tables and documents over the hand-built population (PlanWebFixture), scoped like every page.</summary>
[Collection("plan")]
public sealed class MediumTermPlanApiTests(PlanWebFixture web)
{
    [Fact]
    public async Task The_plan_tables_export_for_the_users_area_under_disclosure_control_and_the_documents_print()
    {
        using var client = web.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/plan/intentions")).StatusCode);

        using var ann = await web.SignedIn("ann");
        var summary = await (await ann.GetAsync("/api/export/plan-summary?format=csv")).Content.ReadAsStringAsync();
        // Reference date 2025-03-31: baseline 2024/25, so the plan covers the next three financial years.
        Assert.Contains("2025/26", summary, StringComparison.Ordinal);
        Assert.Contains("2027/28", summary, StringComparison.Ordinal);
        Assert.Contains("Disclosure control applied", summary, StringComparison.Ordinal);
        var checks = await (await ann.GetAsync("/api/export/plan-checks?format=csv")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(",NO,", checks, StringComparison.Ordinal);
        var icbLines = await (await ann.GetAsync("/api/export/plan-lines?format=csv")).Content.ReadAsStringAsync();
        Assert.Contains(",P2,", icbLines, StringComparison.Ordinal);

        using var pat = await web.SignedIn("pat");
        var placeLines = await (await pat.GetAsync("/api/export/plan-lines?format=csv")).Content.ReadAsStringAsync();
        Assert.Contains(",P1,", placeLines, StringComparison.Ordinal);
        Assert.DoesNotContain(",P2,", placeLines, StringComparison.Ordinal);

        var intentions = await ann.GetAsync("/api/plan/intentions");
        Assert.Equal(HttpStatusCode.OK, intentions.StatusCode);
        var html = await intentions.Content.ReadAsStringAsync();
        Assert.Contains("Commissioning intentions 2025/26 to 2027/28", html, StringComparison.Ordinal);
        Assert.Contains("Evidence:", html, StringComparison.Ordinal);
        Assert.Contains("Provider impact pack", await (await ann.GetAsync("/api/plan/impact-report")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var noor = await web.SignedIn("noor");
        Assert.Equal(HttpStatusCode.NotFound, (await noor.GetAsync("/api/plan/intentions")).StatusCode);
    }

    [Fact]
    public async Task The_plan_inputs_choose_the_variant_the_health_status_adjustment_and_the_interventions()
    {
        using var ann = await web.SignedIn("ann");
        async Task<string> Summary(string query) =>
            await (await ann.GetAsync("/api/export/plan-summary?format=csv" + query)).Content.ReadAsStringAsync();
        var byWeight = await Summary("");
        var high = await Summary("&variant=high");
        var low = await Summary("&variant=low");
        Assert.NotEqual(high, low);
        Assert.NotEqual(byWeight, high);
        // (The hand-built population's activity does not rise with age past 55, so the health-status adjustment moves nothing here;
        // that it reaches the plan is checked by its name in the document below and in Strata.Domain.Tests.)
        var library = (await ann.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/interventions")).EnumerateArray()
            .Select(i => (Id: i.GetProperty("id").GetString()!, Name: i.GetProperty("name").GetString()!)).ToList();
        Assert.True(library.Count > 1);
        Assert.Equal(byWeight, await Summary("&interventions=" + Uri.EscapeDataString(string.Join(",", library.Select(i => i.Id)))));
        // One intervention chosen: the intentions name it and no other.
        var one = await (await ann.GetAsync("/api/plan/intentions?interventions=" + Uri.EscapeDataString(library[0].Id))).Content.ReadAsStringAsync();
        Assert.Contains(System.Net.WebUtility.HtmlEncode(library[0].Name), one, StringComparison.Ordinal);
        Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(library[1].Name), one, StringComparison.Ordinal);

        var unknown = await ann.GetAsync("/api/plan/intentions?variant=mid");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("variant", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var nothing = await ann.GetAsync("/api/plan/intentions?interventions=no-such");
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);

        var intentions = await (await ann.GetAsync("/api/plan/intentions?variant=low&health=off")).Content.ReadAsStringAsync();
        Assert.Contains("variant low; health-status adjustment off", intentions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_commissioning_intentions_print_to_pdf()
    {
        using var ann = await web.SignedIn("ann");
        var pdf = await ann.GetAsync("/api/plan/intentions.pdf?variant=principal");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 1000, $"{bytes.Length} bytes");
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
    }
}

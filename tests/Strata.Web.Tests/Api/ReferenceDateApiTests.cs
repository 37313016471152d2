using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Api;

/// <summary>
/// Every API field that takes a date reads it through ReferenceDate, as the CLI does: a malformed date is a 400 with
/// the one message naming the field; a reference date outside the data's span (activity on 2025-03-31 only, so the
/// financial year 2024/25) is a 400 too, and nothing is run or recorded.
/// </summary>
[Collection("deliver")]
public sealed class ReferenceDateApiTests(DeliverWorkspaceFixture web)
{
    private const string OutsideTheData = "2031-01-01 is outside the data, which cover 2024-04-01 to 2025-03-31 (last activity 2025-03-31)";

    public static TheoryData<string, string, string, string> ReferenceDateFields => new()
    {
        // user, url, field, body template with {0} for the date
        { "fiona", "/api/allocation", "at", """{"budget": 130000, "at": "{0}"}""" },
        { "carl", "/api/decommissioning", "reference_date", DecommissioningBody("{0}") },
        { "ann", "/api/jobs", "reference_date", """{"kind": "segment", "reference_date": "{0}"}""" },
    };

    [Theory]
    [MemberData(nameof(ReferenceDateFields))]
    public async Task A_malformed_reference_date_is_a_400_with_the_one_message(string user, string url, string field, string body)
    {
        using var client = await web.SignedIn(user);
        Assert.Equal($"{field}: {ReferenceDate.Expected} (got '31/03/2025')", await BadRequest(client, url, body.Replace("{0}", "31/03/2025", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(ReferenceDateFields))]
    public async Task A_reference_date_outside_the_data_is_a_400(string user, string url, string field, string body)
    {
        using var client = await web.SignedIn(user);
        Assert.Equal($"{field}: {OutsideTheData}", await BadRequest(client, url, body.Replace("{0}", "2031-01-01", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_psr_notice_date_uses_the_same_parser()
    {
        using var vera = await web.SignedIn("vera");
        var body = JsonSerializer.Serialize(new
        {
            @case = new
            {
                existing_provider_only_capable = false, patient_choice_unlimited_providers = false, existing_contract_expiring = true,
                existing_provider_satisfying = true, existing_provider_likely_to_satisfy = true,
                change = new { current_lifetime_value = 1_000_000, new_lifetime_value = 1_400_000, materially_different_in_character = false },
                can_identify_most_suitable_provider = false,
            },
            notice_of_intention = "2025-13-01",
        });
        Assert.Equal($"notice_of_intention: {ReferenceDate.Expected} (got '2025-13-01')", await BadRequest(vera, "/api/psr/select", body));
    }

    [Theory]
    [InlineData("decision_date", "2025-13-01")]
    [InlineData("decision_date", "31/03/2025")]
    [InlineData("notice_of_intention", "2025-02-30")]
    public async Task A_date_in_a_psr_record_body_is_read_by_ReferenceDate_and_named_in_the_400(string field, string date)
    {
        using var carl = await web.SignedIn("carl");
        var record = new Dictionary<string, object?>
        {
            ["record_id"] = "psr-date-" + field, ["service"] = "Community nursing", ["provider"] = "RC1",
            ["case"] = new
            {
                existing_provider_only_capable = false, patient_choice_unlimited_providers = false, existing_contract_expiring = true,
                existing_provider_satisfying = true, existing_provider_likely_to_satisfy = true,
                change = new { current_lifetime_value = 1_000_000, new_lifetime_value = 1_100_000, materially_different_in_character = false },
                can_identify_most_suitable_provider = false,
            },
            ["decision_maker"] = "ICB board", ["decision_date"] = "2024-06-03", ["lifetime_value"] = 1_100_000, ["conflicts"] = Array.Empty<object>(),
            ["notice_of_intention"] = "2024-06-04",
        };
        record[field] = date;
        Assert.Equal($"{field}: {ReferenceDate.Expected} (got '{date}')", await BadRequest(carl, "/api/psr", JsonSerializer.Serialize(record)));
        // Nothing was recorded.
        var list = await (await carl.GetAsync("/api/psr")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("psr-date-" + field, list, StringComparison.Ordinal);
    }

    private static string DecommissioningBody(string date) => JsonSerializer.Serialize(new
    {
        service = "x",
        settings = new[] { "community_contact" },
        criteria = Decommissioning.Criteria.Select(c => new { criterion = c, score = 3, evidence = "board paper" }),
        costs = new { stranded = 1, double_running = 0, source = "x" },
        reference_date = date,
    });

    private static async Task<string> BadRequest(HttpClient client, string url, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync(url, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!;
    }
}

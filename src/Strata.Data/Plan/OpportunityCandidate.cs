using System.Globalization;
using System.Text.Json;
using Strata.Data.Engine;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Plan;

/// <summary>
/// Turns a computed opportunity into an intervention file (docs/plan.md "From opportunity to scenario"): the affected
/// setting, the age target, avoid (or shift to the receiving setting at its unit cost), and an effect interval from
/// the data — the prize at the peer median and at the top quartile as shares of all the setting's activity in the
/// target ages — with the opportunity attached as evidence. The panel's judgements replace that interval once added.
/// </summary>
public static class OpportunityCandidate
{
    public static string Json(IEngine engine, OpportunityResult result, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(result);
        var d = result.Definition;
        var b = result.Benchmark;
        var ages = new OpportunityCriteria([], d.Criteria.MinAge, d.Criteria.MaxAge);
        var all = OpportunityLibrary.Cells(engine, d with { Criteria = ages, PerSetting = null }, OpportunityLevel.Icb, result.At).Sum(c => c.Events);
        if (all == 0 || b.Events == 0)
        {
            throw new InvalidOperationException($"No {d.Id} events in the 12 months to {Iso(result.At)}: nothing to make an intervention from.");
        }
        var lo = Math.Min(1, b.TotalToMedian.Activity / all);
        var hi = Math.Min(1, b.TotalToTopQuartile.Activity / all);
        // The summary is what the panel is shown: released figures only.
        var shown = OpportunityReport.Release(result, policy);
        string N(long? v) => v is { } x ? x.ToString(CultureInfo.InvariantCulture) : "suppressed";
        string M(double? v) => v is { } x ? "£" + x.ToString("N0", CultureInfo.InvariantCulture) : "suppressed";
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{N(shown.Events)} events in the 12 months to {Iso(result.At)} ({shown.Rate:0.##} {shown.RateUnit}); " +
            $"by {shown.Level}: prize at the peer median {N(shown.ToMedian.Activity)} ({M(shown.ToMedian.Cost)}), " +
            $"at the top quartile {N(shown.ToTopQuartile.Activity)} ({M(shown.ToTopQuartile.Cost)}), of {N(policy.Count(all))} {d.Setting} in the target ages");
        var target = new Dictionary<string, object>();
        if (d.Criteria.MinAge is { } min)
        {
            target["min_age"] = min;
        }
        if (d.Criteria.MaxAge is { } max)
        {
            target["max_age"] = max;
        }
        var effect = new Dictionary<string, object> { ["type"] = d.Receiving is null ? "avoid" : "shift", ["interval"] = new[] { Math.Round(lo, 4), Math.Round(hi, 4) } };
        if (d.Receiving is { } r)
        {
            effect["to"] = r.Setting;
            effect["unit_cost"] = Math.Round(result.ReceivingUnitCost * r.UnitsPerEvent, 2);
        }
        var file = new Dictionary<string, object>
        {
            ["id"] = "opp-" + d.Id,
            ["name"] = d.Name,
            ["version"] = "0.1",
            ["description"] = $"Candidate made from opportunity {d.Id}. Set the cost; replace effect.interval with the panel's elicitations.",
            ["evidence"] = $"{d.Source.Title} ({d.Source.Url}). {summary}.",
            ["opportunity"] = new Dictionary<string, object>
            {
                ["id"] = d.Id, ["version"] = d.Version, ["source"] = d.Source.Url, ["reference_date"] = Iso(result.At),
                ["level"] = result.Level.ToString().ToLowerInvariant(), ["summary"] = summary,
            },
            ["target"] = target,
            ["settings"] = new[] { d.Setting },
            ["effect"] = effect,
            ["cost"] = new Dictionary<string, object> { ["fixed_per_year"] = 0, ["per_person_reached"] = 0 },
            ["elicitations"] = Array.Empty<object>(),
        };
        return JsonSerializer.Serialize(file, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

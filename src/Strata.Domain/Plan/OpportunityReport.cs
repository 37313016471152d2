using System.Globalization;
using Strata.Domain.Foundation;
using Strata.Domain.Reporting;
using Strata.Domain.Understand;

namespace Strata.Domain.Plan;

/// <summary>A prize after disclosure control: activity counts rounded or suppressed, money and bed days withheld with them.</summary>
public sealed record ReleasedPrize(long? Activity, double? BedDays, double? Cost, long? ReceivingActivity, double? ReceivingCost);

/// <summary>A unit after disclosure control; the standardised rate is recomputed from the protected count.</summary>
public sealed record ReleasedUnit(string Unit, long? Base, long? Events, double Expected, double? Ratio, double? StandardisedRate, string Flag,
    ReleasedPrize ToMedian, ReleasedPrize ToTopQuartile);

public sealed record ReleasedYear(DateOnly YearEnding, long? Base, long? Events, double? CrudeRate, double? StandardisedRate);

/// <summary>One opportunity as every output shows it (CLI table and JSON, HTML page, web): only protected figures.</summary>
public sealed record ReleasedOpportunity(
    string Id, string Name, string Version, string SourceTitle, string SourceUrl, string Setting, string? PerSetting, string Level, DateOnly At,
    string RateUnit, long? Base, long? Events, double? Rate, double MedianRatio, double TopQuartileRatio, string? ReceivingSetting,
    double ReceivingUnitCost, ReleasedPrize ToMedian, ReleasedPrize ToTopQuartile, IReadOnlyList<ReleasedUnit> Units,
    IReadOnlyList<ReleasedYear> Trend, IReadOnlyList<string> Warnings);

/// <summary>Disclosure control and the HTML page of the opportunity library (one page, a section per opportunity).</summary>
public static class OpportunityReport
{
    public static ReleasedOpportunity Release(OpportunityResult result, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(policy);
        var d = result.Definition;
        var b = result.Benchmark;
        var points = b.Funnel?.Points.ToDictionary(p => p.Unit, StringComparer.Ordinal) ?? [];
        var prizes = b.Prizes.ToDictionary(p => p.Unit, StringComparer.Ordinal);
        var units = b.Units.Select(u =>
        {
            var events = policy.Count(u.Events);
            var ratio = u.Expected > 0 && events is { } o ? o / u.Expected : (double?)null;
            var prize = prizes.GetValueOrDefault(u.Unit);
            return new ReleasedUnit(u.Unit, policy.Count(u.Base), events, u.Expected, ratio, ratio * (b.Base == 0 ? 0 : b.Events / (double)b.Base) * d.Per,
                points.TryGetValue(u.Unit, out var p) ? FlagName(p.Flag) : "none",
                Release(prize?.ToMedian ?? Prize.Zero, policy), Release(prize?.ToTopQuartile ?? Prize.Zero, policy));
        }).ToList();
        var trend = result.Trend.Select(y =>
        {
            var events = policy.Count(y.Events);
            var scale = events is { } e && y.Events > 0 ? e / (double)y.Events : (double?)null;
            return new ReleasedYear(y.YearEnding, policy.Count(y.Base), events, policy.Rate(y.Events, y.Base, d.Per), scale * y.StandardisedRate);
        }).ToList();
        return new ReleasedOpportunity(d.Id, d.Name, d.Version, d.Source.Title, d.Source.Url, d.Setting, d.PerSetting, result.Level.ToString().ToLowerInvariant(),
            result.At, d.PerSetting is null ? "per 1,000 people" : $"per {d.PerSetting}", policy.Count(b.Base), policy.Count(b.Events),
            policy.Rate(b.Events, b.Base, d.Per), b.MedianRatio, b.TopQuartileRatio, d.Receiving?.Setting, result.ReceivingUnitCost,
            Release(b.TotalToMedian, policy), Release(b.TotalToTopQuartile, policy), units, trend, b.Warnings);
    }

    /// <summary>Modelled activity is rounded like a count; bed days and money go with it.</summary>
    public static ReleasedPrize Release(Prize prize, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(prize);
        ArgumentNullException.ThrowIfNull(policy);
        var activity = policy.Count((long)Math.Round(prize.Activity));
        var shown = activity is not null;
        return new ReleasedPrize(activity, shown ? prize.BedDays : null, shown ? prize.Cost : null,
            shown ? policy.Count((long)Math.Round(prize.ReceivingActivity)) : null, shown ? prize.ReceivingCost : null);
    }

    public static string FlagName(FunnelFlag flag) => flag switch
    {
        FunnelFlag.High998 => "high_99.8",
        FunnelFlag.High95 => "high_95",
        FunnelFlag.Low95 => "low_95",
        FunnelFlag.Low998 => "low_99.8",
        _ => "within",
    };

    /// <summary>The library page: the summary table, then per opportunity its source, funnel, trend and units.</summary>
    public static HtmlReport Html(IReadOnlyList<(ReleasedOpportunity Released, OpportunityResult Result)> items, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(items);
        var report = new HtmlReport("Strata: opportunity library");
        var first = items.FirstOrDefault().Released;
        report.Heading("Avoidable-activity opportunities", 1)
            .Paragraph(first is null ? "No opportunities." : $"12 months to {Iso(first.At)}, units: {first.Level}. Rates are indirectly age-sex standardised; " +
                "the prize is the activity above the peer median or top quartile (25th percentile of O/E), with its bed days and cost and what it would add in the receiving setting.");
        report.Table("Opportunities", ["Opportunity", "Events", "Rate", "Per", "Prize to median", "£ to median", "Prize to top quartile", "£ to top quartile", "Lands in", "Source"],
            items.Select(i => (IReadOnlyList<string>)[i.Released.Name, N(i.Released.Events), F(i.Released.Rate), i.Released.RateUnit,
                N(i.Released.ToMedian.Activity), M(i.Released.ToMedian.Cost), N(i.Released.ToTopQuartile.Activity), M(i.Released.ToTopQuartile.Cost),
                i.Released.ReceivingSetting ?? "-", i.Released.SourceTitle]));
        foreach (var (r, result) in items)
        {
            report.Heading(r.Name).Paragraph($"Source: {r.SourceTitle} ({r.SourceUrl}). Definition {r.Id} v{r.Version}.");
            foreach (var w in r.Warnings)
            {
                report.Paragraph("Warning: " + w);
            }
            if (result.Benchmark.Funnel is { Points.Count: > 1 } funnel)
            {
                FunnelReportSection.AddTo(report, $"{r.Name}: funnel by {r.Level}", funnel, policy);
            }
            var trend = r.Trend.Where(t => t.StandardisedRate is not null).ToList();
            if (trend.Count > 1)
            {
                report.Chart(new SvgChart($"{r.Name}: trend (standardised to {Iso(r.At)})", "Year ending", r.RateUnit)
                    .Line("Standardised rate", trend.Select(t => ((double)t.YearEnding.Year, t.StandardisedRate!.Value)))
                    .XTicks(trend.Select(t => ((double)t.YearEnding.Year, Iso(t.YearEnding)))));
            }
            report.Table($"{r.Name} by {r.Level}", ["Unit", "Base", "Events", "Expected", "O/E", "Rate", "Funnel", "Prize to median", "Prize to top quartile"],
                r.Units.Select(u => (IReadOnlyList<string>)[u.Unit, N(u.Base), N(u.Events), F(u.Expected), F(u.Ratio), F(u.StandardisedRate), u.Flag,
                    N(u.ToMedian.Activity), N(u.ToTopQuartile.Activity)]));
        }
        return report;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string N(long? v) => v is { } x ? x.ToString("N0", CultureInfo.InvariantCulture) : "suppressed";

    private static string F(double? v) => v is { } x ? x.ToString("0.###", CultureInfo.InvariantCulture) : "suppressed";

    private static string M(double? v) => v is { } x ? "£" + x.ToString("N0", CultureInfo.InvariantCulture) : "suppressed";
}

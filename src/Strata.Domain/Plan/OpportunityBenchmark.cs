using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Domain.Plan;

/// <summary>
/// One unit's counts in one age band × sex cell: Base is people (per-population opportunities) or events of the base
/// setting (ratios); Events, BedDays and Cost are the opportunity's events and their bed days and cost.
/// </summary>
public sealed record OpportunityCell(string Unit, string AgeBand, string Sex, long Base, long Events, double BedDays, double Cost);

/// <summary>
/// A unit against the ICB: O, E (indirect age–sex standardisation on the ICB's cell rates), O/E and the standardised
/// rate (O/E × the ICB's crude rate, per 1,000 people or per base event).
/// </summary>
public sealed record OpportunityUnit(string Unit, long Base, long Events, double Expected, double Ratio, double StandardisedRate, double BedDays, double Cost);

/// <summary>Activity avoided if the unit moved to the target O/E, and what it would cost where it lands.</summary>
public sealed record Prize(double Activity, double BedDays, double Cost, double ReceivingActivity, double ReceivingCost)
{
    public static Prize Zero { get; } = new(0, 0, 0, 0, 0);

    public Prize Plus(Prize o) => new(Activity + o.Activity, BedDays + o.BedDays, Cost + o.Cost, ReceivingActivity + o.ReceivingActivity, ReceivingCost + o.ReceivingCost);
}

public sealed record UnitPrize(string Unit, Prize ToMedian, Prize ToTopQuartile);

/// <summary>
/// An opportunity benchmarked across units: the funnel (standardised ratios, overdispersion-adjusted), the peer
/// median and top-quartile O/E (the 25th percentile: fewer avoidable events is better), and the size of the prize.
/// </summary>
public sealed record OpportunityBenchmark(
    string Opportunity, long Base, long Events, double CrudeRate, IReadOnlyList<OpportunityUnit> Units, FunnelResult? Funnel,
    double MedianRatio, double TopQuartileRatio, IReadOnlyList<UnitPrize> Prizes, Prize TotalToMedian, Prize TotalToTopQuartile,
    IReadOnlyList<string> Warnings);

/// <summary>A year of the trend: the ICB's rate directly standardised to the reference year's age–sex structure.</summary>
public sealed record OpportunityYear(DateOnly YearEnding, long Base, long Events, double CrudeRate, double StandardisedRate);

/// <summary>One calendar month of an opportunity (its SPC series): the month's events and base (people or base events).</summary>
public sealed record OpportunityMonth(DateOnly MonthEnding, long Base, long Events);

/// <summary>Units an opportunity is compared across (ICB = one unit, the whole population).</summary>
public enum OpportunityLevel
{
    Icb,
    Place,
    Neighbourhood,
    Practice,
}

/// <summary>Restricts the population to one place or neighbourhood (a user's scope); null = the whole ICB.</summary>
public sealed record OpportunityArea(bool Neighbourhood, string Code);

/// <summary>One opportunity computed and benchmarked, with the trend over the data's years.</summary>
public sealed record OpportunityResult(OpportunityDefinition Definition, OpportunityLevel Level, DateOnly At, OpportunityBenchmark Benchmark,
    IReadOnlyList<OpportunityYear> Trend, double ReceivingUnitCost);

/// <summary>Benchmarking of opportunity counts (pure arithmetic on aggregates; the counts come from Strata.Data).</summary>
public static class OpportunityBenchmarks
{
    /// <summary>The peer targets, as quantiles of the units' O/E.</summary>
    public const double MedianQuantile = 0.5, TopQuartileQuantile = 0.25;

    /// <param name="receivingUnitCost">£ per unit in the receiving setting (0 when the definition names none).</param>
    public static OpportunityBenchmark Compute(OpportunityDefinition definition, IReadOnlyList<OpportunityCell> cells, double receivingUnitCost)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(cells);
        var warnings = new List<string>();
        var rate = CellRates(cells);
        var totalBase = cells.Sum(c => c.Base);
        var totalEvents = cells.Sum(c => c.Events);
        var crude = totalBase == 0 ? 0 : totalEvents / (double)totalBase;
        var units = cells.GroupBy(c => c.Unit, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var o = g.Sum(c => c.Events);
            var e = g.Sum(c => c.Base * rate.GetValueOrDefault((c.AgeBand, c.Sex)));
            var ratio = e > 0 ? o / e : 0;
            return new OpportunityUnit(g.Key, g.Sum(c => c.Base), o, e, ratio, ratio * crude * definition.Per, g.Sum(c => c.BedDays), g.Sum(c => c.Cost));
        }).ToList();

        var compared = units.Where(u => u.Expected > 0).ToList();
        if (totalEvents == 0 || compared.Count == 0)
        {
            warnings.Add($"No {definition.Id} events in the window: nothing to benchmark.");
            return new OpportunityBenchmark(definition.Id, totalBase, totalEvents, crude * definition.Per, units, null, 0, 0, [], Prize.Zero, Prize.Zero, warnings);
        }
        if (compared.Count < 4)
        {
            warnings.Add($"Only {compared.Count} units to compare: peer median and quartile are rough.");
        }
        var funnel = Funnels.Ratios([.. compared.Select(u => new FunnelInput(u.Unit, u.Events, u.Expected))], adjustForOverdispersion: true);
        var sorted = compared.Select(u => u.Ratio).Order().ToList();
        var median = Statistics.Quantile(sorted, MedianQuantile);
        var quartile = Statistics.Quantile(sorted, TopQuartileQuantile);
        var prizes = compared.Select(u => new UnitPrize(u.Unit, PrizeAt(definition, u, median, receivingUnitCost), PrizeAt(definition, u, quartile, receivingUnitCost))).ToList();
        return new OpportunityBenchmark(definition.Id, totalBase, totalEvents, crude * definition.Per, units, funnel, median, quartile, prizes,
            prizes.Aggregate(Prize.Zero, (s, p) => s.Plus(p.ToMedian)), prizes.Aggregate(Prize.Zero, (s, p) => s.Plus(p.ToTopQuartile)), warnings);
    }

    /// <summary>
    /// Events above target × E are the prize; their bed days and cost at the unit's own means per event; the receiving
    /// setting gets units_per_event of its activity for each at its unit cost.
    /// </summary>
    public static Prize PrizeAt(OpportunityDefinition definition, OpportunityUnit unit, double targetRatio, double receivingUnitCost)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(unit);
        var excess = Math.Max(0, unit.Events - targetRatio * unit.Expected);
        if (excess == 0 || unit.Events == 0)
        {
            return Prize.Zero;
        }
        var receiving = excess * (definition.Receiving?.UnitsPerEvent ?? 0);
        return new Prize(excess, excess * unit.BedDays / unit.Events, excess * unit.Cost / unit.Events, receiving, receiving * receivingUnitCost);
    }

    /// <summary>
    /// Each year's rate directly standardised to the reference year's population (the first entry of
    /// <paramref name="years"/>): Σ cell rate(y) × reference base ÷ Σ reference base. Cells are the ICB's (any unit).
    /// </summary>
    public static IReadOnlyList<OpportunityYear> Trend(OpportunityDefinition definition, IReadOnlyList<(DateOnly YearEnding, IReadOnlyList<OpportunityCell> Cells)> years)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(years);
        if (years.Count == 0)
        {
            return [];
        }
        var reference = Pool(years[0].Cells);
        var referenceBase = reference.Values.Sum(c => c.Base);
        return [.. years.Select(y =>
        {
            var pooled = Pool(y.Cells);
            var b = pooled.Values.Sum(c => c.Base);
            var e = pooled.Values.Sum(c => c.Events);
            var standardised = referenceBase == 0 ? 0 : reference.Sum(r =>
                pooled.TryGetValue(r.Key, out var c) && c.Base > 0 ? c.Events / (double)c.Base * r.Value.Base : 0) / referenceBase;
            return new OpportunityYear(y.YearEnding, b, e, b == 0 ? 0 : e / (double)b * definition.Per, standardised * definition.Per);
        }).OrderBy(y => y.YearEnding)];
    }

    private static Dictionary<(string, string), double> CellRates(IReadOnlyList<OpportunityCell> cells) =>
        Pool(cells).Where(c => c.Value.Base > 0).ToDictionary(c => c.Key, c => c.Value.Events / (double)c.Value.Base);

    private static Dictionary<(string AgeBand, string Sex), (long Base, long Events)> Pool(IReadOnlyList<OpportunityCell> cells) =>
        cells.GroupBy(c => (c.AgeBand, c.Sex)).ToDictionary(g => g.Key, g => (g.Sum(c => c.Base), g.Sum(c => c.Events)));
}

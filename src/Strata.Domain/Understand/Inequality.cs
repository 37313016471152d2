namespace Strata.Domain.Understand;

/// <summary>One deprivation group's population and rate (IMD quintile 1 = most deprived).</summary>
public sealed record QuintileRate(int Quintile, double Population, double? Rate);

/// <summary>
/// Gap measures between the most and least deprived groups. Null where an input was withheld (suppressed count).
/// </summary>
/// <param name="AbsoluteGap">Q1 rate − Q5 rate.</param>
/// <param name="RelativeGap">Q1 rate / Q5 rate.</param>
/// <param name="SlopeIndex">Slope index of inequality: fitted rate at the most deprived end minus at the least deprived end.</param>
/// <param name="RelativeIndex">Relative index of inequality: SII divided by the population-weighted mean rate.</param>
public sealed record InequalityGaps(double? AbsoluteGap, double? RelativeGap, double? SlopeIndex, double? RelativeIndex);

/// <summary>
/// Inequality gaps across deprivation groups (used by Understand for profile measures and by Evaluate for equity).
/// The slope index of inequality (SII) follows the PHE/OHID method: each group is placed at the midpoint of its
/// cumulative population share, ranked from most deprived (0) to least deprived (1); the group rates are regressed
/// on that rank by least squares weighted by group population; SII = fitted(0) − fitted(1) = −slope, so a positive
/// SII means higher rates in the more deprived, the same sign as the absolute gap Q1 − Q5.
/// </summary>
public static class Inequality
{
    /// <summary>Gaps for groups given in any order; groups are ranked by <see cref="QuintileRate.Quintile"/>, lowest (most deprived) first.</summary>
    public static InequalityGaps Gaps(IReadOnlyList<QuintileRate> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count < 2)
        {
            throw new ArgumentException("Inequality gaps need at least two groups.", nameof(groups));
        }
        var ordered = groups.OrderBy(g => g.Quintile).ToList();
        var (first, last) = (ordered[0].Rate, ordered[^1].Rate);
        double? absolute = first is { } a && last is { } b ? a - b : null;
        double? relative = first is { } a2 && last is { } b2 && b2 != 0 ? a2 / b2 : null;
        var sii = SlopeIndex(ordered);
        var mean = WeightedMean(ordered);
        double? rii = sii is { } s && mean is { } m && m != 0 ? s / m : null;
        return new InequalityGaps(absolute, relative, sii, rii);
    }

    /// <summary>SII by population-weighted least squares on cumulative-rank midpoints; null if any rate is withheld.</summary>
    public static double? SlopeIndex(IReadOnlyList<QuintileRate> orderedMostDeprivedFirst)
    {
        var groups = orderedMostDeprivedFirst;
        var total = groups.Sum(g => g.Population);
        if (total <= 0 || groups.Any(g => g.Rate is null || g.Population < 0))
        {
            return null;
        }
        var points = new List<(double X, double Y, double W)>(groups.Count);
        var cumulative = 0.0;
        foreach (var g in groups)
        {
            points.Add(((cumulative + g.Population / 2) / total, g.Rate!.Value, g.Population));
            cumulative += g.Population;
        }
        var xBar = points.Sum(p => p.W * p.X) / total;
        var yBar = points.Sum(p => p.W * p.Y) / total;
        var sxx = points.Sum(p => p.W * (p.X - xBar) * (p.X - xBar));
        if (sxx <= 0)
        {
            return null;
        }
        var slope = points.Sum(p => p.W * (p.X - xBar) * (p.Y - yBar)) / sxx;
        return -slope;
    }

    private static double? WeightedMean(IReadOnlyList<QuintileRate> groups)
    {
        var total = groups.Sum(g => g.Population);
        return total <= 0 || groups.Any(g => g.Rate is null) ? null : groups.Sum(g => g.Population * g.Rate!.Value) / total;
    }
}

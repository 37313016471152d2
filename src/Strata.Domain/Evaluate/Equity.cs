using Strata.Domain.Foundation;

namespace Strata.Domain.Evaluate;

/// <summary>Released numerator, denominator and rate of one IMD quintile (1 = most deprived).</summary>
public sealed record QuintileRate(int Quintile, long? Numerator, long? Denominator, double? Rate);

/// <summary>
/// Gaps across IMD quintiles: absolute Q1 − Q5, relative Q1 / Q5 and the slope index of inequality. Each is null
/// when an input it needs was suppressed.
/// </summary>
public sealed record EquityGaps(IReadOnlyList<QuintileRate> Quintiles, double? AbsoluteGap, double? RelativeGap, double? SlopeIndex);

/// <summary>Equity measures of the evaluation spec ("Equity").</summary>
public static class Equity
{
    /// <summary>Releases quintile counts through the policy, then computes the gaps from the released figures.</summary>
    public static EquityGaps Gaps(IReadOnlyList<(int Quintile, long Numerator, long Denominator)> cells, double per, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(policy);
        var q = Enumerable.Range(1, 5).Select(i =>
        {
            var c = cells.Where(x => x.Quintile == i).ToList();
            long n = c.Sum(x => x.Numerator), d = c.Sum(x => x.Denominator);
            return new QuintileRate(i, policy.Count(n), policy.Count(d), policy.Rate(n, d, per));
        }).ToList();
        double? q1 = q[0].Rate, q5 = q[4].Rate;
        var complete = q.All(x => x.Rate is not null && x.Denominator is > 0);
        return new EquityGaps(q,
            q1 - q5,
            q1 is not null && q5 is > 0 ? q1 / q5 : null,
            complete ? SlopeIndex([.. q.Select(x => (x.Rate!.Value, (double)x.Denominator!.Value))]) : null);
    }

    /// <summary>
    /// Slope index of inequality: weighted least squares of each group's rate on the midpoint of its cumulative
    /// population rank (0 = most deprived end, 1 = least), weights = population share. Reported as the fitted rate
    /// at the most deprived end minus that at the least deprived end (= −slope), so it has the sign of Q1 − Q5.
    /// Groups must be ordered from most to least deprived.
    /// </summary>
    public static double SlopeIndex(IReadOnlyList<(double Rate, double Population)> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var total = groups.Sum(g => g.Population);
        if (groups.Count < 2 || !(total > 0) || groups.Any(g => g.Population < 0))
        {
            throw new ArgumentException("The slope index needs at least two groups with non-negative populations and a positive total.");
        }
        var cumulative = 0.0;
        var points = new List<(double X, double Y, double W)>();
        foreach (var (rate, pop) in groups)
        {
            var share = pop / total;
            points.Add((cumulative + share / 2, rate, share));
            cumulative += share;
        }
        var xBar = points.Sum(p => p.W * p.X);
        var yBar = points.Sum(p => p.W * p.Y);
        var sxy = points.Sum(p => p.W * (p.X - xBar) * (p.Y - yBar));
        var sxx = points.Sum(p => p.W * (p.X - xBar) * (p.X - xBar));
        return -sxy / sxx;
    }
}

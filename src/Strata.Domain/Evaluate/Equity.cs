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
    /// Slope index of inequality for groups ordered from most to least deprived, with the sign of Q1 − Q5: the one
    /// implementation in <see cref="Understand.Inequality.SlopeIndex"/>, with Evaluate's stricter input checks.
    /// </summary>
    public static double SlopeIndex(IReadOnlyList<(double Rate, double Population)> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count < 2 || !(groups.Sum(g => g.Population) > 0) || groups.Any(g => g.Population < 0))
        {
            throw new ArgumentException("The slope index needs at least two groups with non-negative populations and a positive total.");
        }
        return Understand.Inequality.SlopeIndex([.. groups.Select((g, i) => new Understand.QuintileRate(i + 1, g.Population, g.Rate))])
            ?? throw new ArgumentException("The slope index is undefined when every group has the same rank.");
    }
}

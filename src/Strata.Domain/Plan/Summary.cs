namespace Strata.Domain.Plan;

/// <summary>Mean and P10/P50/P90 across Monte Carlo runs (percentiles by linear interpolation between order statistics).</summary>
public sealed record Summary(double Mean, double P10, double P50, double P90)
{
    public static Summary Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var v = values.ToArray();
        if (v.Length == 0)
        {
            return new Summary(0, 0, 0, 0);
        }
        Array.Sort(v);
        return new Summary(v.Average(), Percentile(v, 0.10), Percentile(v, 0.50), Percentile(v, 0.90));
    }

    /// <summary>Percentile of sorted values (Hyndman–Fan type 7, the R and numpy default).</summary>
    public static double Percentile(double[] sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public Summary Map(Func<double, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new Summary(f(Mean), f(P10), f(P50), f(P90));
    }
}

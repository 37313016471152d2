namespace Strata.Domain.Foundation;

/// <summary>Small descriptive statistics shared by every stage (one quantile definition: Monte Carlo percentiles, bootstrap intervals, quartile cuts).</summary>
public static class Statistics
{
    /// <summary>Linear-interpolation quantile of sorted values (Hyndman and Fan type 7, R's default).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("A quantile needs at least one value.", nameof(sorted));
        }
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>Mean and sample standard deviation.</summary>
    public static (double Mean, double Sd) MeanSd(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return (double.NaN, double.NaN);
        }
        var mean = values.Average();
        var ss = values.Sum(v => (v - mean) * (v - mean));
        return (mean, values.Count > 1 ? Math.Sqrt(ss / (values.Count - 1)) : 0);
    }
}

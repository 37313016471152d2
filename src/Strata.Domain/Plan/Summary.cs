using Strata.Domain.Foundation;
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
        return new Summary(v.Average(), Statistics.Quantile(v, 0.10), Statistics.Quantile(v, 0.50), Statistics.Quantile(v, 0.90));
    }

    public Summary Map(Func<double, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new Summary(f(Mean), f(P10), f(P50), f(P90));
    }
}

using Strata.Domain.Foundation;

namespace Strata.Domain.Evaluate;

/// <summary>One period of an interrupted time series: the fitted value and the counterfactual (the pre-period line extended).</summary>
public sealed record ItsPoint(DateOnly Date, double Value, bool Post, double Fitted, double Counterfactual);

/// <summary>
/// Segmented regression result. LevelChange is the step at the first post period, SlopeChange the change in slope
/// per period; EffectAtEnd = level + slope change × periods since the interruption at the last point.
/// </summary>
public sealed record ItsResult(
    IReadOnlyList<ItsPoint> Points, Coefficient Baseline, Coefficient PreSlope, Coefficient LevelChange, Coefficient SlopeChange,
    double EffectAtEnd, int Lag, int PrePeriods, int PostPeriods, double RSquared, IReadOnlyList<string> Assumptions, IReadOnlyList<string> Warnings);

/// <summary>
/// Interrupted time series by segmented regression (Wagner et al. 2002; Bernal, Cummins and Gasparrini 2017):
/// y_t = b0 + b1·t + b2·post_t + b3·(t − t0)·post_t, t = 0 … n−1 in periods, t0 the first post period. Standard errors
/// are Newey–West (1987) with a Bartlett kernel, robust to autocorrelation up to the lag and to heteroskedasticity.
/// </summary>
public static class InterruptedTimeSeries
{
    /// <summary>Fewer periods than this on either side of the interruption draw a warning (Bernal et al. suggest at least 8 each side; 12 monthly is common).</summary>
    public const int MinimumPeriodsEachSide = 8;

    public static readonly IReadOnlyList<string> Assumptions =
    [
        "Without the intervention the pre-period level and trend would have continued (the counterfactual line).",
        "Nothing else that affects the outcome changed at the same time (no co-intervention, no change in recording).",
        "The series is measured the same way throughout and its periods are complete.",
        "Residual autocorrelation is captured within the Newey–West lag; seasonality, if any, is not modelled.",
    ];

    /// <summary>Newey and West (1994) rule-of-thumb lag: ⌊4 (n/100)^(2/9)⌋.</summary>
    public static int DefaultLag(int n) => (int)Math.Floor(4 * Math.Pow(n / 100.0, 2.0 / 9));

    public static ItsResult Analyse(IReadOnlyList<SpcObservation> series, DateOnly intervention, int? lag = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        for (var i = 1; i < series.Count; i++)
        {
            if (series[i].Date <= series[i - 1].Date)
            {
                throw new ArgumentException($"Dates must be strictly ascending: {series[i].Date:yyyy-MM-dd} follows {series[i - 1].Date:yyyy-MM-dd}.");
            }
        }
        if (series.Any(o => o.Partial))
        {
            throw new ArgumentException("Leave partial periods out of an interrupted time series: a short last period would read as a level change.");
        }
        var t0 = series.Count(o => o.Date < intervention);
        var post = series.Count - t0;
        if (t0 < 3 || post < 2)
        {
            throw new ArgumentException($"An interrupted time series needs at least 3 periods before {intervention:yyyy-MM-dd} and 2 on or after it; it has {t0} and {post}.");
        }
        var l = lag ?? DefaultLag(series.Count);
        if (l < 0 || l >= series.Count)
        {
            throw new ArgumentException($"The Newey–West lag must be between 0 and {series.Count - 1}.");
        }
        var x = series.Select((_, t) => (double[])[1, t, t >= t0 ? 1 : 0, t >= t0 ? t - t0 : 0]).ToList();
        var fit = NeweyWest.Fit(["baseline", "pre_slope", "level_change", "slope_change"], x, [.. series.Select(o => o.Value)], l);
        var b = fit.Coefficients.Select(c => c.Estimate).ToArray();
        var points = series.Select((o, t) => new ItsPoint(o.Date, o.Value, t >= t0,
            b[0] + b[1] * t + b[2] * x[t][2] + b[3] * x[t][3], b[0] + b[1] * t)).ToList();
        var warnings = new List<string>();
        if (t0 < MinimumPeriodsEachSide || post < MinimumPeriodsEachSide)
        {
            warnings.Add($"{t0} period(s) before and {post} after the interruption; fewer than {MinimumPeriodsEachSide} on a side makes the trend and its change unreliable.");
        }
        return new ItsResult(points, fit.Coefficients[0], fit.Coefficients[1], fit.Coefficients[2], fit.Coefficients[3],
            b[2] + b[3] * (series.Count - 1 - t0), l, t0, post, fit.RSquared, Assumptions, warnings);
    }
}

/// <summary>
/// OLS with Newey–West (1987) standard errors: V = n/(n−k) · (X'X)⁻¹ S (X'X)⁻¹,
/// S = Σ_t e_t² x_t x_t' + Σ_{l=1..L} (1 − l/(L+1)) Σ_{t&gt;l} e_t e_{t−l} (x_t x_{t−l}' + x_{t−l} x_t'), rows in time
/// order. The n/(n−k) factor is Stata's <c>newey</c>; lag 0 gives HC1.
/// </summary>
public static class NeweyWest
{
    public static OlsFit Fit(IReadOnlyList<string> names, IReadOnlyList<double[]> x, IReadOnlyList<double> y, int lag)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var ols = Ols.Fit(names, x, y);
        var n = x.Count;
        var k = names.Count;
        var beta = ols.Coefficients.Select(c => c.Estimate).ToArray();
        var e = Enumerable.Range(0, n).Select(r => y[r] - Enumerable.Range(0, k).Sum(j => x[r][j] * beta[j])).ToArray();
        var s = new double[k, k];
        for (var l = 0; l <= lag; l++)
        {
            var w = l == 0 ? 1.0 : 1 - l / (lag + 1.0);
            for (var t = l; t < n; t++)
            {
                var ee = w * e[t] * e[t - l];
                for (var i = 0; i < k; i++)
                {
                    for (var j = 0; j < k; j++)
                    {
                        s[i, j] += l == 0 ? ee * x[t][i] * x[t][j] : ee * (x[t][i] * x[t - l][j] + x[t - l][i] * x[t][j]);
                    }
                }
            }
        }
        var bread = Cholesky.Of(Cholesky.CrossProduct(x)).Inverse();
        var v = Ols.Sandwich(bread, s);
        var z = Distributions.NormalQuantile(0.975);
        var coefficients = Enumerable.Range(0, k).Select(j =>
        {
            var se = Math.Sqrt(Math.Max(0, v[j, j]) * n / (n - k));
            var p = se > 0 ? 2 * (1 - Distributions.NormalCdf(Math.Abs(beta[j] / se))) : 0;
            return new Coefficient(names[j], beta[j], se, beta[j] - z * se, beta[j] + z * se, p);
        }).ToList();
        return new OlsFit(coefficients, n, ols.RSquared);
    }
}

using Strata.Domain.Foundation;

namespace Strata.Domain.Evaluate;

/// <summary>One regression coefficient with its heteroskedasticity-robust (HC1) standard error and 95% CI.</summary>
public sealed record Coefficient(string Name, double Estimate, double StandardError, double CiLow, double CiHigh, double PValue);

public sealed record OlsFit(IReadOnlyList<Coefficient> Coefficients, int N, double RSquared)
{
    public Coefficient this[string name] => Coefficients.First(c => c.Name == name);
}

/// <summary>
/// Ordinary least squares by the normal equations (Cholesky), with HC1 robust standard errors:
/// V = n/(n−k) · (X'X)⁻¹ X' diag(e²) X (X'X)⁻¹ (MacKinnon and White 1985). CIs use the normal quantile.
/// </summary>
public static class Ols
{
    public static OlsFit Fit(IReadOnlyList<string> names, IReadOnlyList<double[]> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var n = x.Count;
        var k = names.Count;
        if (y.Count != n || x.Any(r => r.Length != k))
        {
            throw new ArgumentException("Design rows, outcome and names must agree in size.");
        }
        if (n <= k)
        {
            throw new ArgumentException($"OLS needs more observations ({n}) than coefficients ({k}).");
        }
        var chol = Cholesky.Of(Cholesky.CrossProduct(x));
        var xty = new double[k];
        for (var r = 0; r < n; r++)
        {
            for (var j = 0; j < k; j++)
            {
                xty[j] += x[r][j] * y[r];
            }
        }
        var beta = chol.Solve(xty);
        var e = new double[n];
        for (var r = 0; r < n; r++)
        {
            var fitted = 0.0;
            for (var j = 0; j < k; j++)
            {
                fitted += x[r][j] * beta[j];
            }
            e[r] = y[r] - fitted;
        }
        var bread = chol.Inverse();
        var meat = Cholesky.CrossProduct(x, r => e[r] * e[r]);
        var v = Sandwich(bread, meat);
        var z = Distributions.NormalQuantile(0.975);
        var coefficients = Enumerable.Range(0, k).Select(j =>
        {
            var se = Math.Sqrt(v[j, j] * n / (n - k));
            var p = se > 0 ? 2 * (1 - Distributions.NormalCdf(Math.Abs(beta[j] / se))) : 0;
            return new Coefficient(names[j], beta[j], se, beta[j] - z * se, beta[j] + z * se, p);
        }).ToList();
        var mean = y.Average();
        var tss = y.Sum(v => (v - mean) * (v - mean));
        var rss = e.Sum(v => v * v);
        return new OlsFit(coefficients, n, tss > 0 ? 1 - rss / tss : 1);
    }

    /// <summary>bread · meat · bread, for sandwich variance estimators.</summary>
    internal static double[,] Sandwich(double[,] bread, double[,] meat)
    {
        var k = bread.GetLength(0);
        var bm = new double[k, k];
        var v = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                for (var l = 0; l < k; l++)
                {
                    bm[i, j] += bread[i, l] * meat[l, j];
                }
            }
        }
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                for (var l = 0; l < k; l++)
                {
                    v[i, j] += bm[i, l] * bread[l, j];
                }
            }
        }
        return v;
    }
}

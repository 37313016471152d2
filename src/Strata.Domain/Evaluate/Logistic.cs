using Strata.Domain.Foundation;
namespace Strata.Domain.Evaluate;

/// <summary>
/// Logistic regression by Newton-Raphson (IRLS) on the Cholesky helper: the propensity model for matching.
/// A tiny ridge (1e-6 × n on the non-intercept terms) keeps separable or sparse designs finite without moving
/// well-identified estimates.
/// </summary>
public static class Logistic
{
    public static double[] Fit(IReadOnlyList<double[]> x, IReadOnlyList<bool> y, int maxIterations = 50)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count == 0 || x.Count != y.Count)
        {
            throw new ArgumentException("Logistic regression needs rows, one outcome per row.");
        }
        var k = x[0].Length;
        var beta = new double[k];
        var ridge = 1e-6 * x.Count;
        for (var iter = 0; iter < maxIterations; iter++)
        {
            var p = x.Select(r => Predict(beta, r)).ToArray();
            var h = Cholesky.CrossProduct(x, i => Math.Max(p[i] * (1 - p[i]), 1e-10));
            var g = new double[k];
            for (var i = 0; i < x.Count; i++)
            {
                var resid = (y[i] ? 1 : 0) - p[i];
                for (var j = 0; j < k; j++)
                {
                    g[j] += resid * x[i][j];
                }
            }
            for (var j = 1; j < k; j++)
            {
                h[j, j] += ridge;
                g[j] -= ridge * beta[j];
            }
            var step = Cholesky.Of(h).Solve(g);
            var change = 0.0;
            for (var j = 0; j < k; j++)
            {
                beta[j] += step[j];
                change = Math.Max(change, Math.Abs(step[j]));
            }
            if (change < 1e-9)
            {
                break;
            }
        }
        return beta;
    }

    public static double Predict(IReadOnlyList<double> beta, IReadOnlyList<double> row)
    {
        ArgumentNullException.ThrowIfNull(beta);
        ArgumentNullException.ThrowIfNull(row);
        var eta = 0.0;
        for (var j = 0; j < beta.Count; j++)
        {
            eta += beta[j] * row[j];
        }
        return 1 / (1 + Math.Exp(-eta));
    }

    public static double Logit(double p) => Math.Log(p / (1 - p));
}

using Strata.Domain.Foundation;
namespace Strata.Domain.Understand;

/// <summary>
/// Sums over people at the current coefficients, computed where the people are (the engine): the information matrix
/// X'WX, the working score X'Wz (z = η + (y − μ)/w, so Wz = wη + y − μ), and the log-likelihood.
/// </summary>
public sealed record IrlsAggregates(double[,] Information, double[] WorkingScore, double LogLikelihood, long Rows);

/// <summary>A fitted logistic model: coefficients with standard errors from the inverse information matrix.</summary>
public sealed record LogisticFit(
    IReadOnlyList<string> Features,
    IReadOnlyList<double> Coefficients,
    IReadOnlyList<double> StandardErrors,
    IReadOnlyList<string> Aliased,
    int Iterations,
    bool Converged,
    double Deviance,
    long Rows);

/// <summary>
/// Logistic regression by iteratively reweighted least squares (Fisher scoring = Newton for the canonical link).
/// The engine aggregates; this does the p×p work: β_new = (X'WX)⁻¹ X'Wz by Cholesky. Convergence as R's glm:
/// |dev − dev_old| / (|dev| + 0.1) &lt; tolerance. Columns found aliased (non-positive pivot) are dropped, as glm
/// reports NA for them, and the fit restarts without them. Deterministic given deterministic aggregates.
/// </summary>
public static class LogisticIrls
{
    public const int MaxIterations = 25;
    public const double Tolerance = 1e-8;

    /// <param name="features">Design column names; the first is usually the intercept.</param>
    /// <param name="start">Starting coefficients (same order), e.g. intercept = logit(ȳ), the rest 0.</param>
    /// <param name="aggregate">Sums at (active features, coefficients), one pass over the data.</param>
    public static LogisticFit Fit(
        IReadOnlyList<string> features,
        IReadOnlyList<double> start,
        Func<IReadOnlyList<string>, IReadOnlyList<double>, IrlsAggregates> aggregate,
        int maxIterations = MaxIterations,
        double tolerance = Tolerance)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(aggregate);
        var active = features.ToList();
        var beta = start.ToList();
        var aliased = new List<string>();
        var devOld = double.NaN;
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            var agg = aggregate(active, beta);
            var (factor, bad) = Cholesky.TryFactor(agg.Information);
            if (factor is null)
            {
                aliased.Add(active[bad]);
                active.RemoveAt(bad);
                beta.RemoveAt(bad);
                devOld = double.NaN;
                continue;
            }
            var next = factor.Solve(agg.WorkingScore);
            var dev = -2 * agg.LogLikelihood;
            var converged = !double.IsNaN(devOld) && Math.Abs(dev - devOld) / (Math.Abs(dev) + 0.1) < tolerance;
            if (converged || iteration == maxIterations)
            {
                var inverse = factor.Inverse();
                var se = Enumerable.Range(0, active.Count).Select(i => Math.Sqrt(inverse[i, i])).ToList();
                return new LogisticFit(active, next, se, aliased, iteration, converged, dev, agg.Rows);
            }
            devOld = dev;
            beta = [.. next];
        }
        throw new InvalidOperationException("Every design column was aliased; nothing left to fit.");
    }

    /// <summary>log(p / (1 − p)).</summary>
    public static double Logit(double p) => Math.Log(p / (1 - p));
}

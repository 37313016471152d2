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
/// reports NA for them, and the fit restarts without them. A step that raises the deviance is halved (up to
/// <see cref="MaxHalvings"/> times). Deterministic given deterministic aggregates.
/// </summary>
public static class LogisticIrls
{
    public const int MaxIterations = 25;
    public const double Tolerance = 1e-8;

    /// <summary>Most halvings of one step before it is taken anyway (2⁻¹⁰ of a step is no step).</summary>
    public const int MaxHalvings = 10;

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
        List<double> accepted = [];
        var halvings = 0;
        var iterations = 0;
        while (active.Count > 0)
        {
            var agg = aggregate(active, beta);
            var dev = -2 * agg.LogLikelihood;
            // A full Newton step from far away (a rare, strong predictor with β started at 0) can overshoot and then
            // diverge; when the deviance rises, go back half way towards the last accepted coefficients (glm2's
            // step-halving, Marschner 2011) and evaluate again.
            if (!double.IsNaN(devOld) && !(dev <= devOld + tolerance * (Math.Abs(devOld) + 0.1)) && halvings < MaxHalvings)
            {
                beta = [.. beta.Select((b, i) => (b + accepted[i]) / 2)];
                halvings++;
                continue;
            }
            halvings = 0;
            iterations++;
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
            var converged = !double.IsNaN(devOld) && Math.Abs(dev - devOld) / (Math.Abs(dev) + 0.1) < tolerance;
            if (converged || iterations >= maxIterations)
            {
                var inverse = factor.Inverse();
                var se = Enumerable.Range(0, active.Count).Select(i => Math.Sqrt(inverse[i, i])).ToList();
                return new LogisticFit(active, next, se, aliased, iterations, converged, dev, agg.Rows);
            }
            devOld = dev;
            accepted = beta;
            beta = [.. next];
        }
        throw new InvalidOperationException("Every design column was aliased; nothing left to fit.");
    }

    /// <summary>log(p / (1 − p)).</summary>
    public static double Logit(double p) => Math.Log(p / (1 - p));
}

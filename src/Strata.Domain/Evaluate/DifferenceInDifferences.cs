using Strata.Domain.Foundation;

namespace Strata.Domain.Evaluate;

/// <summary>One observation of a panel: outcome, group (treated unit) and period (post) indicators, covariates.</summary>
public sealed record PanelRow(double Outcome, bool Treated, bool Post, IReadOnlyList<double> Covariates);

public sealed record BootstrapInterval(double Low, double High, int Replicates, ulong Seed);

/// <summary>
/// Difference-in-differences (evaluation spec, "Impact evaluation"): OLS of the outcome on an intercept, treated,
/// post, treated × post and covariates, with HC1 standard errors. The effect is the interaction coefficient.
/// </summary>
public static class DifferenceInDifferences
{
    public const string EffectTerm = "treated_x_post";

    public static OlsFit Estimate(IReadOnlyList<PanelRow> rows, IReadOnlyList<string> covariates)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(covariates);
        string[] names = ["intercept", "treated", "post", EffectTerm, .. covariates];
        var x = rows.Select(r =>
        {
            if (r.Covariates.Count != covariates.Count)
            {
                throw new ArgumentException("Every row needs a value for every covariate.");
            }
            double t = r.Treated ? 1 : 0, p = r.Post ? 1 : 0;
            return (double[])[1, t, p, t * p, .. r.Covariates];
        }).ToList();
        return Ols.Fit(names, x, [.. rows.Select(r => r.Outcome)]);
    }

    /// <summary>
    /// Percentile bootstrap CI for the effect, resampling whole clusters (a matched set, a person) with replacement
    /// so that within-cluster correlation is kept. Replicate i draws from Rng.Fork(seed, i): reproducible.
    /// Replicates whose resample cannot be fitted (say, no treated cluster drawn) are skipped and not counted.
    /// </summary>
    public static BootstrapInterval Bootstrap(IReadOnlyList<IReadOnlyList<PanelRow>> clusters, IReadOnlyList<string> covariates,
        int replicates, ulong seed, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        if (clusters.Count == 0 || replicates < 2)
        {
            throw new ArgumentException("The bootstrap needs clusters and at least 2 replicates.");
        }
        var effects = new List<double>(replicates);
        for (var b = 0; b < replicates; b++)
        {
            var rng = Rng.Fork(seed, (ulong)b);
            var sample = new List<PanelRow>();
            for (var i = 0; i < clusters.Count; i++)
            {
                sample.AddRange(clusters[rng.NextInt(clusters.Count)]);
            }
            try
            {
                effects.Add(Estimate(sample, covariates)[EffectTerm].Estimate);
            }
            catch (ArgumentException)
            {
                // A degenerate resample (a design column constant): not an estimate of the effect.
            }
        }
        if (effects.Count < 2)
        {
            throw new ArgumentException("Too few bootstrap resamples could be fitted; the cohort is too small.");
        }
        effects.Sort();
        var alpha = (1 - level) / 2;
        return new BootstrapInterval(Statistics.Quantile(effects, alpha), Statistics.Quantile(effects, 1 - alpha), effects.Count, seed);
    }
}

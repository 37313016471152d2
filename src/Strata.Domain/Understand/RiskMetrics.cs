using Strata.Domain.Foundation;

namespace Strata.Domain.Understand;

/// <summary>
/// Sums that determine the AUROC and its DeLong variance, computed in the engine from scores grouped by value:
/// for each positive, V10 = (negatives scored lower + ½ negatives tied) / n0; for each negative,
/// V01 = (positives scored higher + ½ positives tied) / n1 (ties count one half, the Mann–Whitney convention).
/// </summary>
public sealed record AurocAggregates(long Positives, long Negatives, double SumV10, double SumV10Squared, double SumV01Squared);

/// <summary>AUROC with its DeLong standard error and 95% confidence interval (normal, clipped to [0, 1]).</summary>
public sealed record Auroc(double Value, double StandardError, double Lower95, double Upper95)
{
    /// <summary>
    /// DeLong, DeLong and Clarke-Pearson (1988): A = mean V10; S10, S01 the sample variances of the placement values;
    /// Var(A) = S10/n1 + S01/n0.
    /// </summary>
    public static Auroc FromAggregates(AurocAggregates a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Positives == 0 || a.Negatives == 0)
        {
            throw new ArgumentException("AUROC needs at least one person with and one without the outcome.", nameof(a));
        }
        var auc = a.SumV10 / a.Positives;
        double SampleVariance(double sumSquares, long n) => n > 1 ? Math.Max(0, (sumSquares - n * auc * auc) / (n - 1)) : 0;
        var variance = SampleVariance(a.SumV10Squared, a.Positives) / a.Positives + SampleVariance(a.SumV01Squared, a.Negatives) / a.Negatives;
        var se = Math.Sqrt(variance);
        var z = Distributions.NormalQuantile(0.975);
        return new Auroc(auc, se, Math.Max(0, auc - z * se), Math.Min(1, auc + z * se));
    }
}

/// <summary>Mean predicted and observed event rate in one tenth of people ranked by predicted risk.</summary>
public sealed record ReliabilityBin(int Decile, long People, double MeanPredicted, double Observed);

/// <summary>
/// Out-of-sample performance of a risk model. Calibration intercept: logistic regression of the outcome with
/// logit(p) as offset (calibration-in-the-large, 0 is ideal); slope: of the outcome on logit(p) (1 is ideal).
/// </summary>
public sealed record RiskMetrics(
    long People,
    long Events,
    Auroc Auroc,
    double Brier,
    double CalibrationIntercept,
    double CalibrationSlope,
    IReadOnlyList<ReliabilityBin> Reliability);

/// <summary>
/// Risk tiers by rank (spec: top 0.5%, 0.5–5%, 5–20%, rest). A person ranked r-th of n (1 = highest risk, ties broken
/// by person id) is in the first tier whose cumulative share covers r: r·1000 ≤ perMille·n. Integer arithmetic, so
/// the boundaries are exact.
/// </summary>
public static class RiskTiers
{
    public const string VeryHigh = "very_high", High = "high", Moderate = "moderate", Low = "low";

    /// <summary>Tiers from highest risk, with the cumulative share (per mille) of people each reaches.</summary>
    public static IReadOnlyList<(string Tier, int CumulativePerMille)> Bands { get; } =
        [(VeryHigh, 5), (High, 50), (Moderate, 200), (Low, 1000)];

    public static IReadOnlyList<string> Names { get; } = [.. Bands.Select(b => b.Tier)];

    /// <param name="rank">1 = highest predicted risk.</param>
    /// <param name="people">People ranked.</param>
    public static string Of(long rank, long people)
    {
        if (rank < 1 || rank > people)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"Rank must be between 1 and {people}.");
        }
        return Bands.First(b => rank * 1000 <= (long)b.CumulativePerMille * people).Tier;
    }
}

/// <summary>The model's and the oracle's AUROC on the same people (those with a true rate for the outcome year).</summary>
public sealed record OracleComparison(long People, long WithoutTruth, double ModelAuroc, double OracleAuroc)
{
    public double Gap => ModelAuroc - OracleAuroc;
}

/// <summary>People, events and mean predicted risk per tier (events only where outcomes are known: the test set).</summary>
public sealed record TierSummary(string Tier, long People, long Events, double MeanPredicted, long? PeopleKey = null)
{
    /// <summary>The tier's people with their cell key when the engine aggregated one (docs/disclosure-control.md).</summary>
    public Strata.Domain.Foundation.KeyedCount PeopleCell => Strata.Domain.Foundation.KeyedCount.Of(People, PeopleKey);
}

using Strata.Domain.Foundation;

namespace Strata.Domain.Understand;

/// <summary>Whether funnel units are standardised ratios (O/E, target 1) or proportions (numerator/denominator).</summary>
public enum FunnelKind
{
    Ratio,
    Proportion,
}

/// <summary>
/// One unit on a funnel plot. For ratios Observed is O and Size is E; for proportions Observed is the numerator
/// and Size the denominator.
/// </summary>
public sealed record FunnelInput(string Unit, double Observed, double Size);

/// <summary>Control limits at 95% and 99.8% around the target.</summary>
public sealed record FunnelLimits(double Lower95, double Upper95, double Lower998, double Upper998);

/// <summary>Where a unit falls: beyond 99.8% (outlier), beyond 95% only, or within.</summary>
public enum FunnelFlag
{
    Low998,
    Low95,
    Within,
    High95,
    High998,
}

public sealed record FunnelPoint(string Unit, double Observed, double Size, double Value, double Z, FunnelLimits Limits, FunnelFlag Flag)
{
    /// <summary>An outlier is a unit beyond the 99.8% limits.</summary>
    public bool Outlier => Flag is FunnelFlag.Low998 or FunnelFlag.High998;
}

/// <summary>
/// How extreme units are kept from inflating φ. Trimmed (SHMI, Strata's default): ⌊10%·n⌋ units dropped from each
/// end by z. Winsorised (Spiegelhalter 2005, FunnelPlotR's default): z below the 10th percentile set to it, above the
/// 90th set to it, all n units kept.
/// </summary>
public enum OverdispersionMethod { Trimmed, Winsorised }

/// <summary>
/// The shape of the limits once overdispersion applies. RandomEffects (Strata's default, Spiegelhalter 2005's additive
/// model, FunnelPlotR's): normal limits on the unit's scale (log scale for ratios) with τ² added to the variance.
/// BetaBinomial (proportions only): exact beta-binomial quantiles whose intra-class correlation ρ = τ²/(θ(1 − θ)) gives
/// the same between-unit variance τ². NegativeBinomial (ratios only): exact negative-binomial quantiles of O with
/// mean E and variance E + τ²E² (size 1/τ²), the count-scale match of Var(log O/E) ≈ 1/E + τ².
/// </summary>
public enum OverdispersionLimits { RandomEffects, BetaBinomial, NegativeBinomial }

/// <summary>
/// Overdispersion estimate: φ from the trimmed or Winsorised units' z², τ² by DerSimonian–Laird. Applied is false
/// when φ ≤ 1 or no adjustment was asked for (then the exact limits stand). UnitsUsed counts the units in φ;
/// UnitsTrimmed those dropped (trimming) or pulled in to a percentile (Winsorising).
/// </summary>
public sealed record Overdispersion(double Phi, double Tau2, int UnitsUsed, int UnitsTrimmed, bool Applied)
{
    public OverdispersionMethod Method { get; init; } = OverdispersionMethod.Trimmed;

    /// <summary>The shape of the widened limits (used only when <see cref="Applied"/>).</summary>
    public OverdispersionLimits Limits { get; init; } = OverdispersionLimits.RandomEffects;

    /// <summary>The method in words, for every output that shows limits.</summary>
    public string Describe() => (Method == OverdispersionMethod.Winsorised
        ? "Winsorised at the 10th and 90th percentiles of z (Spiegelhalter 2005; FunnelPlotR's default)"
        : "10% of units trimmed from each end by z (SHMI)") + Limits switch
        {
            OverdispersionLimits.BetaBinomial => "; beta-binomial limits with ρ = τ²/(θ(1 − θ))",
            OverdispersionLimits.NegativeBinomial => "; negative-binomial limits with size 1/τ²",
            _ => "; random-effects limits with τ² added to the variance",
        };
}

public sealed record FunnelResult(FunnelKind Kind, double Target, IReadOnlyList<FunnelPoint> Points, Overdispersion Overdispersion)
{
    public int Outliers => Points.Count(p => p.Outlier);

    /// <summary>Warnings about the funnel's reliability (e.g. many units with no events).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// Funnel plots after Spiegelhalter (Stat Med 2005) as the evaluation spec states them. Ratios: exact Poisson limits
/// lower = qchisq(α/2, 2E)/(2E), upper = qchisq(1−α/2, 2(E+1))/(2E). Proportions: target θ = Σnum/Σden with exact
/// binomial limits interpolated as in Spiegelhalter's appendix. Optional overdispersion: z per unit, 10% trimmed
/// from each end by z (SHMI) or Winsorised at the 10th/90th percentiles (Spiegelhalter 2005), φ = mean(z²),
/// τ² = max(0, (nφ − (n−1)) / (Σw − Σw²/Σw)), limits widened by τ² (proportions clamped to [0, 1]).
/// </summary>
public static class Funnels
{
    /// <summary>Share of units trimmed from each end before estimating φ (SHMI: 10%).</summary>
    public const double TrimFraction = 0.10;

    /// <summary>The two funnel levels, as two-sided α.</summary>
    public const double Alpha95 = 0.05, Alpha998 = 0.002;

    /// <summary>Share of units with no events from which the funnel warns: their log(O/E) is undefined.</summary>
    public const double ZeroEventsWarningShare = 0.10;

    public static FunnelResult Ratios(IReadOnlyList<FunnelInput> units, bool adjustForOverdispersion,
        OverdispersionMethod method = OverdispersionMethod.Trimmed, OverdispersionLimits limitsModel = OverdispersionLimits.RandomEffects)
    {
        Validate(units);
        if (limitsModel == OverdispersionLimits.BetaBinomial)
        {
            throw new StrataValidationException("overdispersion_limits", "beta-binomial limits are for proportions; ratios take random-effects or negative-binomial limits.");
        }
        // log(0) is undefined: a unit with O = 0 gets z from O = 0.5 (a continuity correction) for the φ estimate.
        var z = units.Select(u => Math.Log(Math.Max(u.Observed, 0.5) / u.Size) * Math.Sqrt(u.Size)).ToList();
        var od = Requested(Estimate(z, [.. units.Select(u => u.Size)], method), adjustForOverdispersion) with { Limits = limitsModel };
        var points = units.Select((u, i) =>
        {
            var limits = LimitsAt(FunnelKind.Ratio, 1.0, od, u.Size);
            var ratio = u.Observed / u.Size;
            return new FunnelPoint(u.Unit, u.Observed, u.Size, ratio, z[i], limits, FlagOf(ratio, limits));
        }).ToList();
        return new FunnelResult(FunnelKind.Ratio, 1.0, points, od) { Warnings = ZeroWarning(units) };
    }

    public static FunnelResult Proportions(IReadOnlyList<FunnelInput> units, bool adjustForOverdispersion,
        OverdispersionMethod method = OverdispersionMethod.Trimmed, OverdispersionLimits limitsModel = OverdispersionLimits.RandomEffects)
    {
        Validate(units);
        if (limitsModel == OverdispersionLimits.NegativeBinomial)
        {
            throw new StrataValidationException("overdispersion_limits", "negative-binomial limits are for ratios of counts; proportions take random-effects or beta-binomial limits.");
        }
        foreach (var u in units.Where(u => u.Observed > u.Size))
        {
            throw new ArgumentException($"Unit '{u.Unit}': numerator {u.Observed} exceeds denominator {u.Size}.", nameof(units));
        }
        var theta = units.Sum(u => u.Observed) / units.Sum(u => u.Size);
        if (theta is <= 0 or >= 1)
        {
            throw new ArgumentException($"The target proportion is {theta}; binomial limits need 0 < Σnum/Σden < 1.", nameof(units));
        }
        var variance = units.Select(u => theta * (1 - theta) / u.Size).ToList();
        var z = units.Select((u, i) => (u.Observed / u.Size - theta) / Math.Sqrt(variance[i])).ToList();
        var od = Requested(Estimate(z, [.. variance.Select(v => 1 / v)], method), adjustForOverdispersion) with { Limits = limitsModel };
        var points = units.Select((u, i) =>
        {
            var limits = LimitsAt(FunnelKind.Proportion, theta, od, u.Size);
            var p = u.Observed / u.Size;
            return new FunnelPoint(u.Unit, u.Observed, u.Size, p, z[i], limits, FlagOf(p, limits));
        }).ToList();
        return new FunnelResult(FunnelKind.Proportion, theta, points, od) { Warnings = ZeroWarning(units) };
    }

    private static IReadOnlyList<string> ZeroWarning(IReadOnlyList<FunnelInput> units)
    {
        var zero = units.Count(u => u.Observed == 0);
        return zero > 0 && zero >= ZeroEventsWarningShare * units.Count
            ? [$"{zero} of {units.Count} units have no events: log(O/E) is undefined for them (their z uses 0.5 events), so φ and τ² are unreliable and a low outlier cannot be shown."]
            : [];
    }

    /// <summary>
    /// The limits at a unit size (E for ratios, denominator for proportions): exact, or widened by τ² when the
    /// overdispersion adjustment applies. Also draws the funnel's curves.
    /// </summary>
    public static FunnelLimits LimitsAt(FunnelKind kind, double target, Overdispersion overdispersion, double size)
    {
        ArgumentNullException.ThrowIfNull(overdispersion);
        return (kind, overdispersion.Applied) switch
        {
            (FunnelKind.Ratio, true) when overdispersion.Limits == OverdispersionLimits.NegativeBinomial && overdispersion.Tau2 > 0 =>
                NegativeBinomialLimits(size, overdispersion.Tau2),
            (FunnelKind.Proportion, true) when overdispersion.Limits == OverdispersionLimits.BetaBinomial && overdispersion.Tau2 > 0 =>
                BetaBinomialLimits((long)Math.Round(size), target, overdispersion.Tau2 / (target * (1 - target))),
            (FunnelKind.Ratio, true) => new FunnelLimits(
                LogNormalLimit(size, overdispersion.Tau2, Alpha95, -1), LogNormalLimit(size, overdispersion.Tau2, Alpha95, 1),
                LogNormalLimit(size, overdispersion.Tau2, Alpha998, -1), LogNormalLimit(size, overdispersion.Tau2, Alpha998, 1)),
            (FunnelKind.Ratio, false) => PoissonLimits(size),
            // A proportion cannot leave [0, 1]: the normal approximation's limits are clamped there.
            (_, true) => Clamp(NormalLimits(target, target * (1 - target) / size + overdispersion.Tau2)),
            _ => BinomialLimits((long)Math.Round(size), target),
        };
    }

    /// <summary>Exact Poisson limits for a standardised ratio with expected count E (spec formula).</summary>
    public static FunnelLimits PoissonLimits(double expected) => new(
        PoissonLimit(expected, Alpha95, lower: true), PoissonLimit(expected, Alpha95, lower: false),
        PoissonLimit(expected, Alpha998, lower: true), PoissonLimit(expected, Alpha998, lower: false));

    public static double PoissonLimit(double expected, double alpha, bool lower) => lower
        ? GammaBeta.ChiSquareQuantile(alpha / 2, 2 * expected) / (2 * expected)
        : GammaBeta.ChiSquareQuantile(1 - alpha / 2, 2 * (expected + 1)) / (2 * expected);

    /// <summary>Exact binomial limits around θ for denominator n, interpolated between integer counts.</summary>
    public static FunnelLimits BinomialLimits(long n, double theta) => new(
        BinomialLimit(n, theta, Alpha95 / 2), BinomialLimit(n, theta, 1 - Alpha95 / 2),
        BinomialLimit(n, theta, Alpha998 / 2), BinomialLimit(n, theta, 1 - Alpha998 / 2));

    /// <summary>
    /// The p-quantile of Bin(n, θ)/n, made continuous: r is the smallest count with P(R ≤ r) ≥ p, then
    /// α = (P(R ≤ r) − p) / (P(R ≤ r) − P(R ≤ r − 1)) and the limit is (r − α)/n (Spiegelhalter 2005, appendix A.1.1),
    /// never below 0 (at r = 0 the formula gives −α/n).
    /// </summary>
    public static double BinomialLimit(long n, double theta, double p)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "A denominator must be positive.");
        }
        long lo = 0, hi = n;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (GammaBeta.BinomialCdf(mid, n, theta) >= p)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        var at = GammaBeta.BinomialCdf(lo, n, theta);
        var below = GammaBeta.BinomialCdf(lo - 1, n, theta);
        // For small n the interpolation below the first count is negative: a proportion's limit stops at 0.
        return Math.Max(0, Interpolated(lo, at, below, p)) / n;
    }

    /// <summary>
    /// Negative-binomial limits for O/E around 1: O has mean E and variance E + τ²E² (size k = 1/τ²), P(O ≤ r) =
    /// I_{k/(k+E)}(k, r + 1); each limit is the interpolated quantile (r − a)/E with r and a as in
    /// <see cref="BinomialLimit"/>.
    /// </summary>
    public static FunnelLimits NegativeBinomialLimits(double expected, double tau2)
    {
        if (!(expected > 0) || !(tau2 > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tau2), "Negative-binomial limits need E > 0 and τ² > 0.");
        }
        var size = 1 / tau2;
        var q = size / (size + expected);
        double Cdf(long r) => r < 0 ? 0 : GammaBeta.BetaI(size, r + 1, q);
        double At(double p)
        {
            // Smallest r with P(O ≤ r) ≥ p: double an upper bound, then bisect.
            long lo = 0, hi = Math.Max(1, (long)Math.Ceiling(expected));
            while (Cdf(hi) < p)
            {
                hi *= 2;
            }
            while (lo < hi)
            {
                var mid = lo + (hi - lo) / 2;
                if (Cdf(mid) >= p)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }
            return Math.Max(0, Interpolated(lo, Cdf(lo), Cdf(lo - 1), p)) / expected;
        }
        return new FunnelLimits(At(Alpha95 / 2), At(1 - Alpha95 / 2), At(Alpha998 / 2), At(1 - Alpha998 / 2));
    }

    /// <summary>
    /// Beta-binomial limits for a proportion around θ with denominator n and intra-class correlation ρ (0 &lt; ρ &lt; 1):
    /// R ~ BetaBin(n, a, b) with a = θ(1/ρ − 1), b = (1 − θ)(1/ρ − 1), so E[R/n] = θ and
    /// Var(R/n) = θ(1 − θ)(1 + (n − 1)ρ)/n. The pmf is summed in one pass by its ratio
    /// P(k + 1)/P(k) = (n − k)(k + a) / ((k + 1)(n − k − 1 + b)), on the log scale; each limit is the interpolated
    /// quantile (r − α)/n as in <see cref="BinomialLimit"/>.
    /// </summary>
    public static FunnelLimits BetaBinomialLimits(long n, double theta, double rho)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "A denominator must be positive.");
        }
        if (!(theta is > 0 and < 1) || !(rho is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rho), "Beta-binomial limits need 0 < θ < 1 and 0 < ρ < 1.");
        }
        var a = theta * (1 / rho - 1);
        var b = (1 - theta) * (1 / rho - 1);
        var cdf = new double[n + 1];
        var logP = GammaBeta.LogGamma(n + b) + GammaBeta.LogGamma(a + b) - GammaBeta.LogGamma(n + a + b) - GammaBeta.LogGamma(b);
        var sum = 0.0;
        for (long k = 0; k <= n; k++)
        {
            sum += Math.Exp(logP);
            cdf[k] = sum;
            if (k < n)
            {
                logP += Math.Log((double)(n - k) / (k + 1)) + Math.Log((k + a) / (n - k - 1 + b));
            }
        }
        double At(double p)
        {
            var target = p * sum; // normalise away rounding in Σ pmf
            var r = Array.FindIndex(cdf, c => c >= target);
            r = r < 0 ? (int)n : r;
            return Math.Max(0, Interpolated(r, cdf[r] / sum, r > 0 ? cdf[r - 1] / sum : 0, p)) / n;
        }
        return new FunnelLimits(At(Alpha95 / 2), At(1 - Alpha95 / 2), At(Alpha998 / 2), At(1 - Alpha998 / 2));
    }

    /// <summary>r − α with α = (F(r) − p)/(F(r) − F(r − 1)): the discrete quantile made continuous (Spiegelhalter 2005, A.1.1).</summary>
    private static double Interpolated(long r, double at, double below, double p) =>
        r - (at > below ? (at - p) / (at - below) : 0);

    /// <summary>
    /// φ and τ² from per-unit z and weights w = 1/s²: units sorted by z, ⌊10%·n⌋ dropped from each end, φ = mean(z²)
    /// over the rest, τ² = max(0, (nφ − (n − 1)) / (Σw − Σw²/Σw)) over the same n units. Applied only when φ &gt; 1.
    /// </summary>
    public static Overdispersion Estimate(IReadOnlyList<double> z, IReadOnlyList<double> weights, OverdispersionMethod method)
    {
        return method == OverdispersionMethod.Winsorised ? EstimateWinsorised(z, weights) : Estimate(z, weights);
    }

    /// <summary>
    /// φ and τ² with Winsorised z (Spiegelhalter 2005): q10 and q90 are the 10th and 90th percentiles of z (type 7,
    /// R's default), z below q10 is set to q10 and above q90 to q90; φ = mean(z²) over all n units and
    /// τ² = max(0, (nφ − (n − 1)) / (Σw − Σw²/Σw)) over all n. Applied only when φ &gt; 1.
    /// </summary>
    public static Overdispersion EstimateWinsorised(IReadOnlyList<double> z, IReadOnlyList<double> weights)
    {
        if (z.Count != weights.Count || z.Count == 0)
        {
            throw new ArgumentException("Overdispersion needs one weight per z and at least one unit.", nameof(z));
        }
        var sorted = z.Order().ToList();
        var (lo, hi) = (Statistics.Quantile(sorted, TrimFraction), Statistics.Quantile(sorted, 1 - TrimFraction));
        var n = z.Count;
        var phi = z.Average(v => Math.Pow(Math.Clamp(v, lo, hi), 2));
        var moved = z.Count(v => v < lo || v > hi);
        var sw = weights.Sum();
        var sw2 = weights.Sum(w => w * w);
        var denominator = sw - sw2 / sw;
        var tau2 = denominator > 0 ? Math.Max(0, (n * phi - (n - 1)) / denominator) : 0;
        return new Overdispersion(phi, tau2, n, moved, phi > 1) { Method = OverdispersionMethod.Winsorised };
    }

    public static Overdispersion Estimate(IReadOnlyList<double> z, IReadOnlyList<double> weights)
    {
        if (z.Count != weights.Count || z.Count == 0)
        {
            throw new ArgumentException("Overdispersion needs one weight per z and at least one unit.", nameof(z));
        }
        var trim = (int)Math.Floor(TrimFraction * z.Count);
        var kept = z.Select((v, i) => (Z: v, W: weights[i])).OrderBy(x => x.Z).Skip(trim).Take(z.Count - 2 * trim).ToList();
        var n = kept.Count;
        var phi = kept.Average(x => x.Z * x.Z);
        var sw = kept.Sum(x => x.W);
        var sw2 = kept.Sum(x => x.W * x.W);
        var denominator = sw - sw2 / sw;
        var tau2 = denominator > 0 ? Math.Max(0, (n * phi - (n - 1)) / denominator) : 0;
        return new Overdispersion(phi, tau2, n, z.Count - n, phi > 1);
    }

    /// <summary>Overdispersed limit on the log scale around a ratio of 1: exp(±z_α √(1/E + τ²)).</summary>
    public static double LogNormalLimit(double expected, double tau2, double alpha, int sign) =>
        Math.Exp(sign * Distributions.NormalQuantile(1 - alpha / 2) * Math.Sqrt(1 / expected + tau2));

    private static FunnelLimits Clamp(FunnelLimits l) => new(
        Math.Clamp(l.Lower95, 0, 1), Math.Clamp(l.Upper95, 0, 1), Math.Clamp(l.Lower998, 0, 1), Math.Clamp(l.Upper998, 0, 1));

    private static FunnelLimits NormalLimits(double theta, double variance)
    {
        double At(double alpha, int sign) => theta + sign * Distributions.NormalQuantile(1 - alpha / 2) * Math.Sqrt(variance);
        return new FunnelLimits(At(Alpha95, -1), At(Alpha95, 1), At(Alpha998, -1), At(Alpha998, 1));
    }

    // φ and τ² are always reported; the limits widen only when asked for and φ > 1.
    private static Overdispersion Requested(Overdispersion estimate, bool adjust) => estimate with { Applied = adjust && estimate.Applied };

    private static FunnelFlag FlagOf(double value, FunnelLimits l) =>
        value > l.Upper998 ? FunnelFlag.High998
        : value < l.Lower998 ? FunnelFlag.Low998
        : value > l.Upper95 ? FunnelFlag.High95
        : value < l.Lower95 ? FunnelFlag.Low95
        : FunnelFlag.Within;

    private static void Validate(IReadOnlyList<FunnelInput> units)
    {
        if (units.Count == 0)
        {
            throw new ArgumentException("A funnel plot needs at least one unit.", nameof(units));
        }
        foreach (var u in units)
        {
            if (u.Observed < 0 || !double.IsFinite(u.Observed))
            {
                throw new ArgumentException($"Unit '{u.Unit}': observed must be a non-negative number.", nameof(units));
            }
            if (u.Size <= 0 || !double.IsFinite(u.Size))
            {
                throw new ArgumentException($"Unit '{u.Unit}': expected/denominator must be positive.", nameof(units));
            }
        }
    }
}

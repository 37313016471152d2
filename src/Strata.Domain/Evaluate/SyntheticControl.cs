using Strata.Domain.Foundation;

namespace Strata.Domain.Evaluate;

/// <summary>A unit's outcome in each period (the same periods, in the same order, for every unit).</summary>
public sealed record UnitSeries(string Unit, IReadOnlyList<double> Values);

/// <summary>One donor placebo: the donor treated as if it had the intervention, fitted from the other donors.</summary>
public sealed record Placebo(string Unit, double PreRmspe, double PostRmspe, double Ratio, bool Kept);

/// <summary>
/// Synthetic control result: donor weights (non-negative, summing to 1), the synthetic series and the gap
/// (treated − synthetic) per period, pre- and post-period RMSPE, the mean post gap (the effect), and
/// placebo-in-space inference: P = share of units (treated and kept placebos) whose post/pre RMSPE ratio is at least
/// the treated unit's.
/// </summary>
public sealed record SyntheticControlResult(
    IReadOnlyDictionary<string, double> Weights, IReadOnlyList<double> Synthetic, IReadOnlyList<double> Gap,
    double PreRmspe, double PostRmspe, double Ratio, double MeanPostGap, IReadOnlyList<Placebo> Placebos, double PValue,
    int PrePeriods, IReadOnlyList<string> Assumptions, IReadOnlyList<string> Warnings);

/// <summary>
/// Synthetic control (Abadie, Diamond and Hainmueller 2010) on outcomes only: weights w ≥ 0, Σw = 1 minimising the
/// pre-period squared error Σ_t (y₁ₜ − Σⱼ wⱼ yⱼₜ)², found by projected gradient descent onto the simplex (Duchi et
/// al. 2008 projection), from equal weights, deterministic. Inference by placebos in space: each donor in turn is
/// the "treated" unit with the remaining donors as its pool; with a cut-off, placebos whose pre-period RMSPE exceeds
/// cut-off × the treated unit's are left out (Abadie et al. use 2, 5 or 20).
/// </summary>
public static class SyntheticControl
{
    public const int Iterations = 20_000;

    public static readonly IReadOnlyList<string> Assumptions =
    [
        "A weighted mix of donor units reproduces the treated unit's pre-period outcomes (check the pre-period RMSPE).",
        "No donor was affected by the intervention or by a spill-over from it.",
        "Nothing else hit the treated unit alone at the same time.",
        "The outcome is measured the same way in every unit throughout.",
    ];

    public static SyntheticControlResult Estimate(UnitSeries treated, IReadOnlyList<UnitSeries> donors, int prePeriods, double? placeboCutoff = null)
    {
        ArgumentNullException.ThrowIfNull(treated);
        ArgumentNullException.ThrowIfNull(donors);
        var periods = treated.Values.Count;
        if (donors.Count < 2)
        {
            throw new ArgumentException("Synthetic control needs at least 2 donor units.");
        }
        if (donors.Any(d => d.Values.Count != periods))
        {
            throw new ArgumentException($"Every donor needs the treated unit's {periods} periods; '{donors.First(d => d.Values.Count != periods).Unit}' has a different number.");
        }
        if (prePeriods < 2 || prePeriods >= periods)
        {
            throw new ArgumentException($"Synthetic control needs at least 2 pre-periods and 1 post-period; it has {prePeriods} of {periods}.");
        }
        if (donors.Select(d => d.Unit).Append(treated.Unit).Distinct().Count() != donors.Count + 1)
        {
            throw new ArgumentException("Unit names must be unique and the treated unit cannot be its own donor.");
        }
        var fit = Fit(treated, donors, prePeriods);
        var placebos = donors.Select(d =>
        {
            var p = Fit(d, [.. donors.Where(o => o.Unit != d.Unit)], prePeriods);
            return new Placebo(d.Unit, p.Pre, p.Post, p.Ratio, placeboCutoff is not { } c || p.Pre <= c * fit.Pre);
        }).ToList();
        var kept = placebos.Where(p => p.Kept).ToList();
        var pValue = (1 + kept.Count(p => p.Ratio >= fit.Ratio)) / (double)(kept.Count + 1);
        var warnings = new List<string>();
        if (kept.Count + 1 < 20)
        {
            warnings.Add($"{kept.Count + 1} units in the placebo comparison: the smallest possible P is 1/{kept.Count + 1}.");
        }
        var (_, sd) = Statistics.MeanSd([.. treated.Values.Take(prePeriods)]);
        if (sd > 0 && fit.Pre > 0.5 * sd)
        {
            warnings.Add("The synthetic unit fits the pre-period poorly (RMSPE above half the treated unit's pre-period SD): the donors may not span the treated unit.");
        }
        return new SyntheticControlResult(
            donors.Select((d, j) => (d.Unit, fit.Weights[j])).ToDictionary(x => x.Unit, x => x.Item2, StringComparer.Ordinal),
            fit.Synthetic, [.. treated.Values.Select((v, t) => v - fit.Synthetic[t])], fit.Pre, fit.Post, fit.Ratio,
            treated.Values.Skip(prePeriods).Select((v, t) => v - fit.Synthetic[prePeriods + t]).Average(),
            placebos, pValue, prePeriods, Assumptions, warnings);
    }

    /// <summary>Simplex weights minimising the pre-period squared error, by projected gradient descent.</summary>
    public static double[] Weights(IReadOnlyList<double> target, IReadOnlyList<IReadOnlyList<double>> donors, int prePeriods)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(donors);
        var j = donors.Count;
        // Gram matrix G = D'D and D'y over the pre-period; the gradient of ||y − Dw||² is 2(Gw − D'y).
        var g = new double[j, j];
        var dy = new double[j];
        for (var a = 0; a < j; a++)
        {
            for (var t = 0; t < prePeriods; t++)
            {
                dy[a] += donors[a][t] * target[t];
            }
            for (var b = 0; b < j; b++)
            {
                for (var t = 0; t < prePeriods; t++)
                {
                    g[a, b] += donors[a][t] * donors[b][t];
                }
            }
        }
        // Step 1/L with L = 2 × trace(G) ≥ 2 × largest eigenvalue: always a descent step.
        var trace = Enumerable.Range(0, j).Sum(a => g[a, a]);
        var step = trace > 0 ? 1 / (2 * trace) : 1;
        var w = Enumerable.Repeat(1.0 / j, j).ToArray();
        var grad = new double[j];
        for (var it = 0; it < Iterations; it++)
        {
            for (var a = 0; a < j; a++)
            {
                var s = -dy[a];
                for (var b = 0; b < j; b++)
                {
                    s += g[a, b] * w[b];
                }
                grad[a] = 2 * s;
            }
            var next = Project([.. w.Select((v, a) => v - step * grad[a])]);
            var moved = next.Select((v, a) => Math.Abs(v - w[a])).Max();
            w = next;
            if (moved < 1e-13)
            {
                break;
            }
        }
        return w;
    }

    /// <summary>Euclidean projection onto the simplex {w ≥ 0, Σw = 1} (sort-and-threshold).</summary>
    public static double[] Project(double[] v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var u = v.OrderDescending().ToArray();
        var sum = 0.0;
        var theta = 0.0;
        for (var i = 0; i < u.Length; i++)
        {
            sum += u[i];
            var t = (sum - 1) / (i + 1);
            if (u[i] - t > 0)
            {
                theta = t;
            }
        }
        return [.. v.Select(x => Math.Max(0, x - theta))];
    }

    private static (double[] Weights, double[] Synthetic, double Pre, double Post, double Ratio) Fit(UnitSeries treated, IReadOnlyList<UnitSeries> donors, int prePeriods)
    {
        var w = Weights(treated.Values, [.. donors.Select(d => d.Values)], prePeriods);
        var periods = treated.Values.Count;
        var synthetic = Enumerable.Range(0, periods).Select(t => donors.Select((d, j) => w[j] * d.Values[t]).Sum()).ToArray();
        double Rmspe(int from, int to) => Math.Sqrt(Enumerable.Range(from, to - from).Average(t => Math.Pow(treated.Values[t] - synthetic[t], 2)));
        var pre = Rmspe(0, prePeriods);
        var post = Rmspe(prePeriods, periods);
        // A perfect pre-period fit would make the ratio infinite: the pre RMSPE is floored at a relative 1e-9.
        var floor = 1e-9 * (1 + treated.Values.Take(prePeriods).Average(Math.Abs));
        return (w, synthetic, pre, post, post / Math.Max(pre, floor));
    }
}

namespace Strata.Domain.Evaluate;

/// <summary>
/// Attribute charts: p (proportions), u (rates per unit of exposure), each with Laney's prime adjustment, and c
/// (counts in equal-sized periods).
/// </summary>
public enum AttributeChart { P, PPrime, U, UPrime, C }

/// <summary>Events and their denominator in one period (the denominator is ignored on a c chart).</summary>
public sealed record SpcCount(DateOnly Date, double Events, double Denominator, bool Partial = false);

/// <summary>
/// p, p′, u, u′ and c charts read with the same groups, baselines, partial periods, rules, reading and icons as the
/// XmR chart (<see cref="Spc"/>); only the limits differ, and they vary with each point's denominator.
/// <list type="bullet">
/// <item>p: p̄ = Σx/Σn over the baseline, σᵢ = √(p̄(1 − p̄)/nᵢ); u: ū = Σx/Σn, σᵢ = √(ū/nᵢ); c: c̄ = mean count, σ = √c̄.</item>
/// <item>Laney (2002) p′ and u′: zᵢ = (yᵢ − centre)/σᵢ over the baseline, σ_z = mean moving range of z / 1.128, and
/// σᵢ is multiplied by σ_z, so the limits widen (σ_z &gt; 1) or narrow with the between-period variation.</item>
/// <item>Limits at ±3σᵢ, near limits at ±2σᵢ; proportions are clamped to [0, 1] and rates and counts floored at 0.</item>
/// </list>
/// </summary>
public static class AttributeSpc
{
    /// <summary>d₂ for moving ranges of two points: σ = mean moving range / 1.128.</summary>
    public const double D2 = 1.128;

    public const double Sigmas = 3, NearSigmas = 2;

    public static SpcResult Analyse(IReadOnlyList<SpcCount> counts, AttributeChart chart, SpcOptions options)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(options);
        Validate(counts, chart);
        var values = counts.Select(c => new SpcObservation(c.Date, chart == AttributeChart.C ? c.Events : c.Events / c.Denominator, c.Partial)).ToList();
        return Spc.Read(values, options, (baseline, group) => Limits(counts, chart, baseline, group, options.ScreenOutliers));
    }

    /// <summary>Limits at each point of a group from the group's baseline (indexes into <paramref name="counts"/>).</summary>
    public static PointLimits[] Limits(IReadOnlyList<SpcCount> counts, AttributeChart chart, IReadOnlyList<int> baseline, IReadOnlyList<int> group, bool screenOutliers = false)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(group);
        var proportion = chart is AttributeChart.P or AttributeChart.PPrime;
        var centre = chart == AttributeChart.C
            ? baseline.Average(i => counts[i].Events)
            : baseline.Sum(i => counts[i].Events) / baseline.Sum(i => counts[i].Denominator);
        double Sigma(int i) => chart switch
        {
            AttributeChart.C => Math.Sqrt(centre),
            AttributeChart.P or AttributeChart.PPrime => Math.Sqrt(centre * (1 - centre) / counts[i].Denominator),
            _ => Math.Sqrt(centre / counts[i].Denominator),
        };
        var laney = 1.0;
        if (chart is AttributeChart.PPrime or AttributeChart.UPrime)
        {
            if (baseline.Any(i => Sigma(i) == 0))
            {
                throw new ArgumentException($"Laney's adjustment needs a centre line strictly inside its range; the baseline's is {centre}.");
            }
            var z = baseline.Select(i => (counts[i].Events / counts[i].Denominator - centre) / Sigma(i)).ToArray();
            laney = Spc.Limits(z, screenOutliers).Amr / D2;
        }
        return [.. group.Select(i =>
        {
            var s = Sigma(i) * laney;
            double Clamp(double v) => proportion ? Math.Clamp(v, 0, 1) : Math.Max(0, v);
            return new PointLimits(centre, Clamp(centre - Sigmas * s), Clamp(centre + Sigmas * s), Clamp(centre - NearSigmas * s), Clamp(centre + NearSigmas * s));
        })];
    }

    private static void Validate(IReadOnlyList<SpcCount> counts, AttributeChart chart)
    {
        foreach (var c in counts)
        {
            if (!double.IsFinite(c.Events) || c.Events < 0)
            {
                throw new ArgumentException($"{c.Date:yyyy-MM-dd}: events must be a non-negative number, not {c.Events}.");
            }
            if (chart != AttributeChart.C && (!double.IsFinite(c.Denominator) || c.Denominator <= 0))
            {
                throw new ArgumentException($"{c.Date:yyyy-MM-dd}: a {chart} chart needs a positive denominator, not {c.Denominator}.");
            }
            if (chart is AttributeChart.P or AttributeChart.PPrime && c.Events > c.Denominator)
            {
                throw new ArgumentException($"{c.Date:yyyy-MM-dd}: events ({c.Events}) exceed the denominator ({c.Denominator}) on a proportion chart.");
            }
        }
    }
}

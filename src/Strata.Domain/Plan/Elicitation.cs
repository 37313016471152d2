namespace Strata.Domain.Plan;

/// <summary>Which uncertain parameter of an intervention a judgement is about.</summary>
public enum Assumption
{
    Effect,
    Reach,
}

/// <summary>
/// One panel member's judgement of one assumption: a minimum, most likely and maximum (a triangular distribution),
/// with who gave it, when, why, and the evidence they relied on.
/// </summary>
public sealed record Elicitation(Assumption Assumption, string Expert, DateOnly On, double Low, double Mode, double High, string Rationale,
    IReadOnlyList<string> Evidence)
{
    /// <summary>The first invalid field (as named in the file), or null.</summary>
    public string? Validate() =>
        string.IsNullOrWhiteSpace(Expert) ? "expert: who made the judgement must be named"
        : string.IsNullOrWhiteSpace(Rationale) ? "rationale: the reason for the range must be given"
        : Low < 0 || High > 1 ? "low/high: proportions must lie in [0, 1]"
        : !(Low <= Mode && Mode <= High) ? "mode: must lie between low and high"
        : null;
}

/// <summary>Where an intervention's numbers came from: the opportunity it was made from and the panel's judgements.</summary>
public sealed record InterventionEvidence(OpportunityReference? Opportunity, IReadOnlyList<Elicitation> Elicitations)
{
    public string PoolingMethod => OpinionPool.Method;
}

/// <summary>The opportunity an intervention was made from, with the figures shown to the panel.</summary>
public sealed record OpportunityReference(string Id, string Version, string Source, DateOnly ReferenceDate, string Level, string Summary);

/// <summary>
/// Pools several experts' triangular judgements by the linear opinion pool with equal weights (O'Hagan et al.,
/// Uncertain Judgements, 2006, on mathematical aggregation): the pooled distribution is the
/// equal mixture of the triangles, and the 80% interval the planning model draws from is its 10th and 90th percentiles.
/// </summary>
public static class OpinionPool
{
    public const string Method = "linear opinion pool, equal weights, of triangular (low, mode, high) judgements; 80% interval = pooled P10–P90";

    public const double LowerQuantile = 0.10, UpperQuantile = 0.90;

    public static Interval80 Pool(IReadOnlyList<Elicitation> panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        if (panel.Count == 0)
        {
            throw new ArgumentException("Pooling needs at least one judgement.", nameof(panel));
        }
        return new Interval80(Quantile(panel, LowerQuantile), Quantile(panel, UpperQuantile));
    }

    /// <summary>The p-quantile of the equal mixture, by bisection on its CDF (monotone, continuous).</summary>
    public static double Quantile(IReadOnlyList<Elicitation> panel, double p)
    {
        ArgumentNullException.ThrowIfNull(panel);
        double lo = panel.Min(e => e.Low), hi = panel.Max(e => e.High);
        for (var i = 0; i < 100 && hi - lo > 1e-12; i++)
        {
            var mid = (lo + hi) / 2;
            if (panel.Average(e => TriangularCdf(mid, e.Low, e.Mode, e.High)) < p)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /// <summary>CDF of the triangular distribution; a point judgement (low = high) is a step.</summary>
    public static double TriangularCdf(double x, double a, double c, double b)
    {
        if (x < a)
        {
            return 0;
        }
        if (x >= b)
        {
            return 1;
        }
        if (x <= c)
        {
            return c > a ? (x - a) * (x - a) / ((b - a) * (c - a)) : 0;
        }
        return 1 - (b - x) * (b - x) / ((b - a) * (b - c));
    }
}

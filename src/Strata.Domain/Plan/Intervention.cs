namespace Strata.Domain.Plan;

/// <summary>How an intervention changes activity in its affected settings.</summary>
public enum EffectKind
{
    /// <summary>A proportion of activity does not happen (binomial thinning).</summary>
    Avoid,

    /// <summary>A proportion of bed days is saved; spells still happen.</summary>
    ReduceLengthOfStay,

    /// <summary>A proportion of activity moves to a receiving setting, at that setting's own unit cost.</summary>
    Shift,
}

/// <summary>Which cohorts an intervention reaches; an empty list means no restriction on that dimension.</summary>
public sealed record CohortFilter(
    IReadOnlyList<string> Segments,
    IReadOnlyList<string> RiskTiers,
    IReadOnlyList<string> AgeBands,
    IReadOnlyList<string> Places,
    IReadOnlyList<int> ImdQuintiles)
{
    public static CohortFilter Everyone { get; } = new([], [], [], [], []);

    public bool Matches(CohortKey c) =>
        (Segments.Count == 0 || Segments.Contains(c.Segment))
        && (RiskTiers.Count == 0 || RiskTiers.Contains(c.RiskTier))
        && (AgeBands.Count == 0 || AgeBands.Contains(c.AgeBand))
        && (Places.Count == 0 || Places.Contains(c.Place))
        && (ImdQuintiles.Count == 0 || ImdQuintiles.Contains(c.ImdQuintile));
}

/// <summary>The effect at full reach and full ramp-up, as an 80% interval of a proportion.</summary>
public sealed record InterventionEffect(EffectKind Kind, Interval80 Size, string? ReceivingSetting = null, double ReceivingUnitCost = 0);

/// <summary>
/// One intervention (a versioned file in an interventions folder). Years are projection years: 1 is the first year
/// after the reference date. In year y the effect applied to each targeted cell is size × reach × ramp(y), and the
/// people reached are cohort people × reach × ramp(y).
/// </summary>
public sealed record Intervention(
    string Id,
    string Name,
    string Version,
    CohortFilter Target,
    IReadOnlyList<string> Settings,
    InterventionEffect Effect,
    IReadOnlyList<double> RampUp,
    double FixedCostPerYear,
    double CostPerPersonReached,
    int StartYear,
    Interval80 Reach,
    IReadOnlyDictionary<string, double>? Scores = null,
    string? Description = null,
    string? Evidence = null,
    InterventionEvidence? Provenance = null)
{
    /// <summary>Share of full effect in projection year y: 0 before the start, then the ramp profile, its last value held.</summary>
    public double Ramp(int year)
    {
        if (year < StartYear || year < 1)
        {
            return 0;
        }
        return RampUp.Count == 0 ? 1 : RampUp[Math.Min(year - StartYear, RampUp.Count - 1)];
    }
}

namespace Strata.Domain.Understand;

/// <summary>Where an area sits against its peers on one programme (NHS "Spend and Outcome Tool" quadrants).</summary>
public enum SpendOutcomeQuadrant
{
    LowerSpendBetterOutcome,
    HigherSpendBetterOutcome,
    LowerSpendWorseOutcome,
    HigherSpendWorseOutcome,
}

/// <summary>
/// One area's spend per head and outcome on a programme against the peer (ICB) figures. The outcome is a rate where
/// lower is better (emergency admissions per 1,000 for the programme's diagnoses), so "worse" means above the peers.
/// </summary>
public sealed record ProgrammeComparison(
    string Area, string Programme, double SpendPerHead, double PeerSpendPerHead, double? OutcomeRate, double? PeerOutcomeRate)
{
    /// <summary>Spend per head as a ratio to the peers' (1 = the same).</summary>
    public double SpendIndex => PeerSpendPerHead > 0 ? SpendPerHead / PeerSpendPerHead : double.NaN;

    /// <summary>Outcome rate as a ratio to the peers' (1 = the same; above 1 is worse); null without both rates.</summary>
    public double? OutcomeIndex => OutcomeRate is { } o && PeerOutcomeRate is > 0 ? o / PeerOutcomeRate.Value : null;

    /// <summary>The quadrant; an area exactly at the peer value counts as lower spend or better outcome. Null without an outcome.</summary>
    public SpendOutcomeQuadrant? Quadrant => OutcomeIndex is not { } outcome || double.IsNaN(SpendIndex)
        ? null
        : (SpendIndex > 1, outcome > 1) switch
        {
            (false, false) => SpendOutcomeQuadrant.LowerSpendBetterOutcome,
            (true, false) => SpendOutcomeQuadrant.HigherSpendBetterOutcome,
            (false, true) => SpendOutcomeQuadrant.LowerSpendWorseOutcome,
            _ => SpendOutcomeQuadrant.HigherSpendWorseOutcome,
        };
}

namespace Strata.Domain.Deliver;

/// <summary>One criterion scored with its evidence. Scores run 0..5, 5 = strongest case for decommissioning.</summary>
public sealed record CriterionScore(string Criterion, double Score, string Evidence, double Weight = 1);

/// <summary>People affected in one IMD quintile (1 = most deprived), against the population share; null = suppressed.</summary>
public sealed record QuintileImpact(int Quintile, long? Affected, long? Population, double? AffectedShare, double? PopulationShare)
{
    /// <summary>Affected share relative to population share (1 = proportionate); null when either is suppressed.</summary>
    public double? Ratio => AffectedShare is { } a && PopulationShare is { } p && p > 0 ? a / p : null;
}

/// <summary>The costs of stopping: stranded costs and the cost of running old and new services side by side.</summary>
public sealed record DecommissioningCosts(double Stranded, double DoubleRunning, string Source)
{
    public double Total => Stranded + DoubleRunning;
}

/// <param name="Place">The place whose population the equality impact covers; null = the whole ICB.</param>
/// <param name="Neighbourhood">The neighbourhood whose population it covers (within <paramref name="Place"/>).</param>
public sealed record DecommissioningAssessment(
    string AssessmentId,
    string Service,
    IReadOnlyList<string> Settings,
    IReadOnlyList<CriterionScore> Criteria,
    double WeightedScore,
    DecommissioningCosts Costs,
    IReadOnlyList<QuintileImpact> EqualityImpact,
    IReadOnlyList<string> Flags,
    string? Decision,
    string? Place = null,
    string? Neighbourhood = null);

/// <summary>Input of a decommissioning assessment; costs given here or read from a Plan scenario result.</summary>
public sealed record DecommissioningInput(
    string AssessmentId,
    string Service,
    IReadOnlyList<string> Settings,
    IReadOnlyList<CriterionScore> Criteria,
    string? Provider = null,
    DecommissioningCosts? Costs = null,
    string? Decision = null);

/// <summary>The decommissioning criteria of the payer spec, each scored with evidence and recorded with the decision.</summary>
public static class Decommissioning
{
    public static readonly IReadOnlyList<string> Criteria =
    [
        "health_inequalities_and_equality_impact", "strategic_fit", "alternatives_available", "estate",
        "clinical_effectiveness", "cost_effectiveness", "cost_of_decommissioning", "duplication",
        "public_and_patient_views", "quality_and_safety", "demographic_change",
    ];

    /// <summary>A quintile whose share of affected people is this many times its population share is flagged.</summary>
    public const double DisproportionateRatio = 1.2;

    public static DecommissioningAssessment Assess(
        string assessmentId, string service, IReadOnlyList<string> settings, IReadOnlyList<CriterionScore> scores,
        DecommissioningCosts costs, IReadOnlyList<QuintileImpact> equality, string? decision)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentNullException.ThrowIfNull(equality);
        var unknown = scores.Select(s => s.Criterion).Where(c => !Criteria.Contains(c)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown criteria: {string.Join(", ", unknown)}");
        }
        var missing = Criteria.Where(c => scores.All(s => s.Criterion != c)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"every criterion must be scored with evidence; missing: {string.Join(", ", missing)}");
        }
        foreach (var s in scores)
        {
            if (s.Score is < 0 or > 5 || s.Weight < 0)
            {
                throw new ArgumentException($"{s.Criterion}: score must be 0..5 and weight ≥ 0");
            }
            if (string.IsNullOrWhiteSpace(s.Evidence))
            {
                throw new ArgumentException($"{s.Criterion}: evidence is required");
            }
        }
        if (costs.Stranded < 0 || costs.DoubleRunning < 0)
        {
            throw new ArgumentException("stranded and double-running costs must be ≥ 0");
        }
        var weight = scores.Sum(s => s.Weight);
        var score = weight > 0 ? scores.Sum(s => s.Score * s.Weight) / weight : 0;
        var flags = equality.Where(q => q.Ratio >= DisproportionateRatio)
            .Select(q => $"IMD quintile {q.Quintile} is affected disproportionately ({q.Ratio:0.00}× its population share): a full equality impact assessment is needed")
            .ToList();
        return new DecommissioningAssessment(assessmentId, service, settings, scores, score, costs, equality, flags, decision);
    }
}

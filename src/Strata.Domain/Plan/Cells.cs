namespace Strata.Domain.Plan;

/// <summary>
/// The cohort a plan cell belongs to. Neighbourhood is aggregated away (interventions are planned at place level);
/// risk tier is kept because interventions such as virtual wards target the highest risk tiers.
/// </summary>
public readonly record struct CohortKey(string Segment, string RiskTier, string AgeBand, string Sex, int ImdQuintile, string Place);

/// <summary>People in one cohort over the 12 months to the reference date.</summary>
public sealed record PopulationCell(CohortKey Cohort, double People);

/// <summary>One plan cell: a cohort's activity, bed days and cost in one setting over the 12 months to the reference date.</summary>
public sealed record ActivityCell(CohortKey Cohort, string Setting, double Activity, double BedDays, double Cost);

/// <summary>
/// A provider's share of a place × setting's activity and its unit cost there (cost per unit of activity).
/// Used to spread cell activity over providers for the financial and provider-impact parts.
/// </summary>
public sealed record ProviderShare(string Place, string Setting, string Provider, double Share, double UnitCost);

/// <summary>Everything the projection needs from the workspace: cells and provider mix at one reference date.</summary>
public sealed record PlanBaseline(
    DateOnly ReferenceDate,
    IReadOnlyList<PopulationCell> Population,
    IReadOnlyList<ActivityCell> Activity,
    IReadOnlyList<ProviderShare> Providers);

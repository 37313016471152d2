using Strata.Data.Engine;
using Strata.Data.Understand.Variation;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Data.Understand.Pathways;

/// <summary>A stage's released figures over the 12 months to D; cost per cohort member is spend ÷ people on the pathway.</summary>
public sealed record PathwayStageView(string Stage, string Name, bool Escalation, long? People, long? Activity, double? Cost, double? CostPerCohortMember);

/// <summary>Released spend by one key (setting or provider).</summary>
public sealed record PathwaySpendView(string Key, long? People, long? Activity, double? Cost);

/// <summary>Released time to escalation.</summary>
public sealed record PathwayEscalationView(long? People, long? Escalated, double? MedianDays, double? MeanDays);

/// <summary>A practice's released escalation proportion against the funnel limits.</summary>
public sealed record PathwayVariationView(string Unit, long? Cohort, long? Escalated, double? Proportion, FunnelFlag Flag);

/// <summary>
/// One pathway in one area, disclosure-controlled: what `strata pathway show`, the API and the Pathways page all
/// release. Counts are protected, money is withheld with its few people, Sankey links with a suppressed count are
/// left out, and the practice funnel is drawn from protected counts.
/// </summary>
public sealed record PathwaySummary(
    string Pathway, string Name, string Version, string Source, string SourceUrl, DateOnly ReferenceDate, string Area,
    long? People, IReadOnlyList<PathwayStageView> Stages, IReadOnlyList<PathwaySpendView> Settings, IReadOnlyList<PathwaySpendView> Providers,
    IReadOnlyList<StageTransition> Links, PathwayEscalationView Escalation, IReadOnlyList<PathwayVariationView> Variation, double VariationTarget,
    string Statement);

public static class PathwayReport
{
    /// <summary>
    /// The summary from the current pathway build. Practice variation is computed ICB-wide (the ICB is the standard)
    /// and listed for the practices in <paramref name="practices"/> when given (the caller's scope), else all.
    /// </summary>
    public static PathwaySummary Build(IEngine engine, PathwayDefinition pathway, PathwayArea area, DisclosurePolicy policy, ISet<string>? practices = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(pathway);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(policy);
        var at = PathwayAnalytics.Current(engine) ?? throw new InvalidOperationException("No pathway build in this workspace.");
        var people = PathwayAnalytics.People(engine, pathway.Id, area);
        var cohort = policy.Count(people);
        var stages = PathwayAnalytics.StageSpend(engine, pathway, area).Select(s =>
        {
            var cost = policy.Amount((double)s.Cost, s.People);
            return new PathwayStageView(s.Stage, pathway.Stages[s.Order - 1].Name, s.Escalation, policy.Count(s.People), policy.Count(s.Activity),
                cost, cost is { } c && cohort is > 0 ? c / cohort.Value : null);
        }).ToList();
        PathwaySpendView View(PathwaySpendRow r) => new(r.Key, policy.Count(r.People), policy.Count(r.Activity), policy.Amount((double)r.Cost, r.People));
        var links = PathwayAnalytics.Transitions(engine, pathway.Id, area)
            .Select(t => (t, n: policy.Count(t.People)))
            .Where(x => x.n is > 0)
            .Select(x => x.t with { People = x.n!.Value })
            .ToList();
        var e = PathwayAnalytics.TimeToEscalation(engine, pathway.Id, area);
        var escalatedReleased = policy.Count(e.Escalated);
        var escalation = new PathwayEscalationView(policy.Count(e.People), escalatedReleased,
            escalatedReleased is > 0 ? e.MedianDays : null, escalatedReleased is > 0 ? e.MeanDays : null);
        var units = PathwayAnalytics.EscalationByUnit(engine, pathway.Id, FunnelLevel.Practice).Where(u => u.Size > 0).ToList();
        var variation = new List<PathwayVariationView>();
        var target = 0.0;
        if (units.Count > 0 && units.Sum(u => u.Observed) > 0)
        {
            var funnel = Funnels.Proportions(units, adjustForOverdispersion: true);
            target = funnel.Target;
            variation.AddRange(funnel.Points.Where(p => practices is null || practices.Contains(p.Unit)).Select(p =>
            {
                var o = policy.Count((long)p.Observed);
                var n = policy.Count((long)p.Size);
                return new PathwayVariationView(p.Unit, n, o, o is { } ov && n is > 0 ? ov / (double)n.Value : null, p.Flag);
            }));
        }
        return new PathwaySummary(pathway.Id, pathway.Name, pathway.Version, pathway.Source, pathway.SourceUrl, at,
            area.Level is null ? "ICB" : $"{area.Level.Value.ToString().ToLowerInvariant()} {area.Code}", cohort, stages,
            [.. PathwayAnalytics.SpendBy(engine, pathway.Id, area, "setting").Select(View)],
            [.. PathwayAnalytics.SpendBy(engine, pathway.Id, area, "provider").Select(View)],
            links, escalation, variation, target, policy.Statement + " Sankey links of suppressed counts are left out.");
    }
}

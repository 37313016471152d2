using Strata.Data.Foundation;
using Strata.Data.Understand;
using Strata.Data.Understand.Pathways;
using Strata.Data.Understand.Variation;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;
using Strata.Web.Infrastructure;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Stages;

/// <summary>A pathway's released tables, its Sankey links and the practice funnel points to draw.</summary>
public sealed record PathwayPageView(
    AggregateTable Stages, AggregateTable Providers, AggregateTable Transitions, AggregateTable Variation,
    IReadOnlyList<StageTransition> Links, IReadOnlyList<FunnelPoint> Points, PathwaySummary? Summary);

/// <summary>Utilisation tables: EBI interventions in the area, practices against the ICB; providers, follow-ups and the ICB trend for ICB-wide views only.</summary>
public sealed record UtilisationPageView(AggregateTable Interventions, AggregateTable Practices, AggregateTable Providers, AggregateTable Followups,
    Strata.Domain.Evaluate.SpcResult? Trend)
{
    /// <summary>Follow-up ratios and referral-to-procedure conversion by specialty (ICB-wide views only).</summary>
    public required AggregateTable Specialties { get; init; }
}

/// <summary>Programme budget tables: spend by programme in the area, and spend and outcome by area against the ICB.</summary>
public sealed record ProgrammePageView(AggregateTable Programmes, AggregateTable Comparison);

/// <summary>
/// The Pathways and Programme budget pages (docs/pathways.md) over Strata.Data's PathwayReport and ProgrammeBudget:
/// figures for the user's scope or the area chosen within it (refused outside it), disclosure-controlled once in
/// PathwayReport / here. The pathway tables are (re)built at the data end when missing or older.
/// </summary>
public sealed class PathwayQueries(WorkspaceGate gate, DisclosurePolicy policy)
{
    public static IReadOnlyList<PathwayDefinition> Pathways => PathwayFiles.Shipped;

    public PathwayPageView Pathway(WebUser user, AreaFilter area, string id) => gate.Use(engine =>
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(area);
        // Scope first, so an out-of-scope request is refused whatever exists.
        var practices = Geography.Practices(engine, PopulationQueries.Within(engine, user, area)).ToHashSet();
        var pathway = PathwayFiles.Find(id);
        var scope = area.Describe(user.Scope);
        if (ActivitySpan.Last(engine) is not { } at)
        {
            var missing = AggregateTable.Missing("pathway-stages", pathway.Name, scope, "No activity in this workspace yet: import data first.", policy.Statement);
            return new PathwayPageView(missing, missing with { Name = "pathway-providers" }, missing with { Name = "pathway-transitions" },
                missing with { Name = "pathway-variation" }, [], [], null);
        }
        PathwayAnalytics.EnsureCurrent(engine, at);
        var s = PathwayReport.Build(engine, pathway, Narrowest(user, area), policy, practices);
        var stages = new AggregateTable("pathway-stages", $"{pathway.Name}: spend by stage, 12 months to the reference date ({s.People?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "a suppressed number of"} people on the pathway)", scope, at,
            [
                new("stage", "Stage", ColumnKind.Text), new("escalation", "Escalation", ColumnKind.Text), new("people", "People", ColumnKind.Count),
                new("activity", "Activity", ColumnKind.Count), new("cost", "Spend", ColumnKind.Pounds), new("per_person", "Spend per person on the pathway", ColumnKind.Pounds),
            ],
            [.. s.Stages.Select(x => new object?[] { x.Name, x.Escalation ? "yes" : "no", x.People, x.Activity, Round(x.Cost), Round(x.CostPerCohortMember) })],
            $"{s.Statement} Source: {pathway.Source} ({pathway.SourceUrl}).");
        var providers = new AggregateTable("pathway-providers", $"{pathway.Name}: who holds the money along the pathway (spend by provider)", scope, at,
            [new("provider", "Provider", ColumnKind.Text), new("people", "People", ColumnKind.Count), new("activity", "Activity", ColumnKind.Count), new("cost", "Spend", ColumnKind.Pounds)],
            [.. s.Providers.Select(x => new object?[] { x.Key, x.People, x.Activity, Round(x.Cost) })], policy.Statement);
        string Period(int k) => $"12 months to {at.AddYears(-k):yyyy-MM-dd}";
        var transitions = new AggregateTable("pathway-transitions", $"{pathway.Name}: people moving between stages year on year", scope, at,
            [new("from_period", "From period", ColumnKind.Text), new("from", "From", ColumnKind.Text), new("to", "To (next period)", ColumnKind.Text), new("people", "People", ColumnKind.Count)],
            [.. s.Links.Select(l => new object?[] { Period(l.FromPeriod), Label(pathway, l.From), Label(pathway, l.To), l.People })], s.Statement);
        var variation = new AggregateTable("pathway-variation", $"{pathway.Name}: share of the cohort with an escalation, by practice (ICB {s.VariationTarget:P1})", scope, at,
            [new("practice_code", "Practice", ColumnKind.Text), new("cohort", "People on the pathway", ColumnKind.Count), new("escalated", "With an escalation", ColumnKind.Count),
             new("proportion", "Proportion", ColumnKind.Rate), new("flag", "Against the 95% and 99.8% limits", ColumnKind.Text)],
            [.. s.Variation.Select(v => new object?[] { v.Unit, v.Cohort, v.Escalated, v.Proportion is { } p ? Math.Round(p, 3) : null, VariationQueries.Flag(v.Flag) })],
            policy.Statement);
        // Drawn from released figures only; the limits come from the unrounded funnel (as on the Variation page).
        var units = PathwayAnalytics.EscalationByUnit(engine, pathway.Id, FunnelLevel.Practice).Where(u => u.Size > 0).ToList();
        var points = units.Count > 0 && units.Sum(u => u.Observed) > 0
            ? Funnels.Proportions(units, adjustForOverdispersion: true).Points
                .Where(p => practices.Contains(p.Unit))
                .Select(p => (p, o: policy.Count((long)p.Observed), n: policy.Count((long)p.Size)))
                .Where(x => x.o is not null && x.n is > 0)
                .Select(x => x.p with { Value = x.o!.Value / (double)x.n!.Value })
                .ToList()
            : [];
        return new PathwayPageView(stages, providers, transitions, variation, s.Links, points, s);
    });

    public ProgrammePageView Programmes(WebUser user, AreaFilter area) => gate.Use(engine =>
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(area);
        var practices = Geography.PracticeAreas(engine, PopulationQueries.Within(engine, user, area))
            .Select(r => (r.Practice, r.Neighbourhood, r.Place)).ToList();
        var scope = area.Describe(user.Scope);
        if (ActivitySpan.Last(engine) is not { } at)
        {
            var missing = AggregateTable.Missing("programme-budget", "Programme budget", scope, "No activity in this workspace yet: import data first.", policy.Statement);
            return new ProgrammePageView(missing, missing with { Name = "programme-comparison" });
        }
        var spend = ProgrammeBudget.Spend(engine, at, Narrowest(user, area));
        var total = spend.Sum(p => p.Cost);
        var programmes = new AggregateTable("programme-budget", "Spend by NHS programme budgeting category, 12 months to the reference date", scope, at,
            [new("code", "Code", ColumnKind.Text), new("programme", "Programme", ColumnKind.Text), new("people", "People", ColumnKind.Count),
             new("activity", "Activity", ColumnKind.Count), new("cost", "Spend", ColumnKind.Pounds)],
            [.. spend.Select(p => new object?[] { p.Code, p.Name, policy.Count(p.People), policy.Count(p.Activity), Round(policy.Amount((double)p.Cost, p.People)) })],
            $"{policy.Statement} Every pound is in exactly one category; 23x is activity without a diagnosis or setting rule (docs/pathways.md).");
        // Compare the areas one level below what the user sees: places for the ICB, neighbourhoods within a place.
        var byNeighbourhood = !user.Scope.IsIcbWide || area.Place is not null || area.Neighbourhood is not null;
        var allowed = practices.Select(p => byNeighbourhood ? p.Neighbourhood : p.Place).ToHashSet();
        var rows = ProgrammeBudget.Compare(ProgrammeBudget.ByArea(engine, at, byNeighbourhood ? FunnelLevel.Neighbourhood : FunnelLevel.Place), policy)
            .Where(c => allowed.Contains(c.Area) && c.Programme is not ("22" or ProgrammeBudget.Unmapped))
            .OrderBy(c => c.Programme, StringComparer.Ordinal).ThenBy(c => c.Area, StringComparer.Ordinal);
        var comparison = new AggregateTable("programme-comparison", $"Spend and outcome by {(byNeighbourhood ? "neighbourhood" : "place")} against the ICB (outcome: emergency admissions per 1,000 for the programme; above the ICB is worse)", scope, at,
            [new("area", byNeighbourhood ? "Neighbourhood" : "Place", ColumnKind.Text), new("programme", "Programme", ColumnKind.Text),
             new("spend_per_head", "Spend per head", ColumnKind.Pounds), new("icb_spend_per_head", "ICB spend per head", ColumnKind.Pounds),
             new("admissions_per_1000", "Emergency admissions per 1,000 people per year", ColumnKind.Rate), new("icb_admissions_per_1000", "ICB per 1,000 people per year", ColumnKind.Rate),
             new("quadrant", "Quadrant", ColumnKind.Text)],
            [.. rows.Select(c => new object?[] { c.Area, c.Programme, Math.Round(c.SpendPerHead, 2), Math.Round(c.PeerSpendPerHead, 2),
                c.OutcomeRate is { } o ? Math.Round(o, 2) : null, c.PeerOutcomeRate is { } p ? Math.Round(p, 2) : null, Quadrant(c.Quadrant) })],
            policy.Statement);
        return new ProgrammePageView(programmes, comparison);
    });

    public UtilisationPageView Utilisation(WebUser user, AreaFilter area) => gate.Use(engine =>
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(area);
        var practices = Geography.Practices(engine, PopulationQueries.Within(engine, user, area)).ToHashSet();
        var scope = area.Describe(user.Scope);
        var icbWide = user.Scope.IsIcbWide && area.Place is null && area.Neighbourhood is null;
        if (ActivitySpan.Last(engine) is not { } at)
        {
            var missing = AggregateTable.Missing("ebi-interventions", "Evidence-Based Interventions", scope, "No activity in this workspace yet: import data first.", policy.Statement);
            return new UtilisationPageView(missing, missing with { Name = "ebi-practices" }, missing with { Name = "ebi-providers" }, missing with { Name = "followups" }, null)
            {
                Specialties = missing with { Name = "specialties" },
            };
        }
        var report = UtilisationReports.Build(engine, at, policy);
        // The area's own interventions: its practices' registered people, counted and protected here.
        var rows = Strata.Data.Understand.Utilisation.ByUnit(engine, at, EbiLevel.Practice).Where(r => practices.Contains(r.Unit)).ToList();
        var population = rows.GroupBy(r => r.Unit).Sum(g => g.First().Denominator);
        var interventions = new AggregateTable("ebi-interventions", "Evidence-Based Interventions, 12 months to the reference date", scope, at,
            [new("intervention", "Intervention", ColumnKind.Text), new("list", "List", ColumnKind.Text), new("procedures", "Procedures", ColumnKind.Count),
             new("per_100000", "Per 100,000 registered people", ColumnKind.Rate), new("cost", "Money at stake", ColumnKind.Pounds)],
            [.. Codelists.EbiInterventions.Select(e =>
            {
                long n = rows.Where(r => r.EbiId == e.Id).Sum(r => r.Procedures);
                var cost = policy.Amount((double)rows.Where(r => r.EbiId == e.Id).Sum(r => r.Cost), n);
                return new object?[] { e.Name, e.List == 1 ? "1: not routinely" : "2: on criteria", policy.Count(n), Rate(policy.Rate(n, population, 100_000)), Round(cost) };
            })],
            report.Statement);
        AggregateTable Units(string name, string title, string unit, IEnumerable<EbiUnitView> views) => new(name, title, scope, at,
            [new("unit", unit, ColumnKind.Text), new("intervention", "Intervention", ColumnKind.Text), new("procedures", "Procedures", ColumnKind.Count),
             new("per_100000", "Per 100,000", ColumnKind.Rate), new("icb_per_100000", "ICB per 100,000", ColumnKind.Rate),
             new("excess", "Procedures above the ICB rate", ColumnKind.Number), new("excess_cost", "Their cost", ColumnKind.Pounds)],
            [.. views.Select(u => new object?[] { u.Unit, u.EbiId, u.Procedures, Rate(u.RatePer100k), Rate(u.PeerRatePer100k), Rate(u.ExcessProcedures), Round(u.ExcessCost) })],
            report.Statement);
        var byPractice = Units("ebi-practices", "Practices against the ICB rate (per 100,000 registered people)", "Practice", report.Practices.Where(u => practices.Contains(u.Unit)));
        // Providers serve the whole ICB: their figures are shown on ICB-wide views only.
        var byProvider = icbWide
            ? Units("ebi-providers", "Providers against the ICB rate (per 100,000 elective and day-case spells)", "Provider", report.Providers)
            : AggregateTable.Missing("ebi-providers", "Providers", scope, "Provider figures cover the whole ICB: shown on the ICB-wide view.", policy.Statement);
        var followups = icbWide
            ? new AggregateTable("followups", "Outpatient follow-ups per first attendance by provider", scope, at,
                [new("provider", "Provider", ColumnKind.Text), new("first", "First attendances", ColumnKind.Count), new("followup", "Follow-ups", ColumnKind.Count), new("ratio", "Follow-ups per first", ColumnKind.Rate)],
                [.. report.Followups.Select(f => new object?[] { f.Provider, f.First, f.Followup, f.Ratio is { } x ? Math.Round(x, 2) : null })], policy.Statement)
            : AggregateTable.Missing("followups", "Outpatient follow-ups", scope, "Provider figures cover the whole ICB: shown on the ICB-wide view.", policy.Statement);
        var specialties = icbWide
            ? new AggregateTable("specialties", $"By specialty (treatment function code): follow-ups per first attendance, and first attendances followed by a planned procedure in the specialty within {Strata.Data.Understand.Utilisation.ConversionDays} days", scope, at,
                [new("specialty", "Specialty", ColumnKind.Text), new("first", "First attendances", ColumnKind.Count), new("followup", "Follow-ups", ColumnKind.Count),
                 new("ratio", "Follow-ups per first", ColumnKind.Rate), new("conversion_firsts", "First attendances (conversion window)", ColumnKind.Count),
                 new("converted", "Followed by a procedure", ColumnKind.Count), new("conversion", "Conversion rate", ColumnKind.Rate)],
                [.. report.Specialties.Select(x => new object?[] { x.Specialty, x.First, x.Followup, x.FollowupRatio is { } r ? Math.Round(r, 2) : null,
                    x.ConversionFirsts, x.Converted, x.ConversionRate is { } c ? Math.Round(c, 3) : null })], policy.Statement)
            : AggregateTable.Missing("specialties", "By specialty", scope, "Specialty figures cover the whole ICB: shown on the ICB-wide view.", policy.Statement);
        return new UtilisationPageView(interventions, byPractice, byProvider, followups, icbWide ? report.Trend : null) { Specialties = specialties };
    });

    private static double? Rate(double? v) => v is { } x ? Math.Round(x, 1) : null;

    public static string Quadrant(SpendOutcomeQuadrant? q) => q switch
    {
        SpendOutcomeQuadrant.HigherSpendWorseOutcome => "Higher spend, worse outcome",
        SpendOutcomeQuadrant.HigherSpendBetterOutcome => "Higher spend, better outcome",
        SpendOutcomeQuadrant.LowerSpendWorseOutcome => "Lower spend, worse outcome",
        SpendOutcomeQuadrant.LowerSpendBetterOutcome => "Lower spend, better outcome",
        _ => "No outcome",
    };

    /// <summary>A state's words: the stage's name, or what the special states mean.</summary>
    public static string Label(PathwayDefinition pathway, string state) => state switch
    {
        PathwayDefinition.NoActivity => "No pathway activity",
        PathwayDefinition.Died => "Died",
        PathwayAnalytics.NotYet => "Not yet on the pathway",
        _ => pathway.Stages.FirstOrDefault(s => s.Id == state)?.Name ?? state,
    };

    // The narrowest area the request names, else the user's own scope (checked by PopulationQueries.Within first).
    private static PathwayArea Narrowest(WebUser user, AreaFilter area) =>
        area.Neighbourhood is { } n ? new PathwayArea(FunnelLevel.Neighbourhood, n)
        : area.Place is { } p ? new PathwayArea(FunnelLevel.Place, p)
        : user.Scope.Neighbourhood is { } own ? new PathwayArea(FunnelLevel.Neighbourhood, own)
        : user.Scope.Place is { } ownPlace ? new PathwayArea(FunnelLevel.Place, ownPlace)
        : PathwayArea.Icb;

    private static double? Round(double? v) => v is { } x ? Math.Round(x, 2) : null;
}

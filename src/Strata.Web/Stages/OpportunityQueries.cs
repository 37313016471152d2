using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Evaluate;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;
using Strata.Domain.Understand;
using Strata.Web.Audit;
using Strata.Web.Infrastructure;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Stages;

/// <summary>
/// The opportunities page: the library by area, and for one opportunity its units on a funnel, its monthly SPC chart
/// and its intervention candidate with the panel's judgements.
/// </summary>
public sealed record OpportunityPageView(
    AggregateTable Summary,
    OpportunityLevel Level,
    IReadOnlyList<OpportunityLevel> Levels,
    AggregateTable? Units,
    IReadOnlyList<FunnelPoint> Funnel,
    SpcResult? Trend,
    AggregateTable? TrendTable,
    IReadOnlyList<string> Warnings,
    InterventionCandidate? Candidate);

/// <summary>
/// The opportunity library in the web (docs/plan.md "Opportunities"). Opportunities are benchmarked ICB-wide (the
/// standard and the peer median are the whole ICB's, as on the variation page) and shown for the units wholly inside
/// the user's scope (or the area chosen within it); an area's row sums its units, released through the disclosure
/// policy. The monthly SPC series counts the area's own events. Candidates and judgements are ICB-wide Plan inputs, so
/// only users who may run scenarios (ICB-wide analysts and commissioners) make them; every change is audit-logged.
/// </summary>
public sealed class OpportunityQueries(WorkspaceGate gate, DisclosurePolicy policy)
{
    public static IReadOnlyList<OpportunityDefinition> Library => OpportunityFiles.Library;

    public OpportunityPageView Page(WebUser user, AreaFilter area, OpportunityLevel level, string? selected) => gate.Use(engine =>
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(area);
        var within = PopulationQueries.Within(engine, user, area);
        var scope = within.Describe();
        var levels = LevelsFor(within);
        if (!levels.Contains(level))
        {
            level = OpportunityLevel.Practice;
        }
        const string title = "Opportunities: avoidable activity and the prize at the peer median and top quartile";
        if (ActivitySpan.Last(engine) is not { } at)
        {
            return new OpportunityPageView(AggregateTable.Missing("opportunities", title, scope, "No activity in this workspace yet: import data first.", policy.Statement),
                level, levels, null, [], null, null, [], null);
        }
        var units = UnitsIn(engine, within, level);
        var rows = new List<object?[]>();
        OpportunityResult? chosen = null;
        foreach (var d in Library)
        {
            var benchmark = OpportunityBenchmarks.Compute(d, OpportunityLibrary.Cells(engine, d, level, at), 0);
            var mine = benchmark.Units.Where(u => units is null || units.Contains(u.Unit)).ToList();
            var prizes = benchmark.Prizes.Where(p => units is null || units.Contains(p.Unit)).ToList();
            long events = mine.Sum(u => u.Events), people = mine.Sum(u => u.Base);
            var toMedian = OpportunityReport.Release(prizes.Aggregate(Prize.Zero, (s, p) => s.Plus(p.ToMedian)), policy);
            var toQuartile = OpportunityReport.Release(prizes.Aggregate(Prize.Zero, (s, p) => s.Plus(p.ToTopQuartile)), policy);
            var shown = policy.Count(events);
            rows.Add([d.Name, shown, shown is { } e ? policy.Rate(e, people, d.Per) : null, d.PerSetting is null ? "per 1,000 people" : $"per {Words(d.PerSetting)}",
                toMedian.Activity, Round(toMedian.Cost), toQuartile.Activity, Round(toQuartile.Cost), d.Receiving is { } r ? Words(r.Setting) : ""]);
            if (d.Id == selected)
            {
                chosen = new OpportunityResult(d, level, at, benchmark, [], 0);
            }
        }
        var summary = new AggregateTable("opportunities", title, scope, at,
            [
                new("opportunity", "Opportunity", ColumnKind.Text), new("events", "Events (12 months)", ColumnKind.Count),
                new("rate", "Rate", ColumnKind.Rate), new("per", "Per", ColumnKind.Text),
                new("to_median", "Prize at the peer median (activity)", ColumnKind.Count), new("to_median_gbp", "Prize at the peer median (£)", ColumnKind.Pounds),
                new("to_top_quartile", "Prize at the top quartile (activity)", ColumnKind.Count), new("to_top_quartile_gbp", "Prize at the top quartile (£)", ColumnKind.Pounds),
                new("lands_in", "Avoided activity lands in", ColumnKind.Text),
            ],
            rows,
            policy.Statement + " Each opportunity's published source is given with its detail below." + $" Benchmarked by {Name(level)} across the whole ICB (indirect age-sex standardisation; peers' median and 25th percentile of O/E); the area's prize is the sum of its units'.");
        if (chosen is null)
        {
            return new OpportunityPageView(summary, level, levels, null, [], null, null, [], null);
        }
        var (unitTable, funnel) = UnitsView(chosen, units, scope);
        var (trend, trendTable) = Trend(engine, chosen.Definition, within, scope);
        var candidate = InterventionCandidates.Current(engine).FirstOrDefault(c => c.Id == "opp-" + chosen.Definition.Id);
        return new OpportunityPageView(summary, level, levels, unitTable, funnel, trend, trendTable, chosen.Benchmark.Warnings, candidate);
    });

    /// <summary>
    /// Makes (or makes again, with today's figures) the opportunity's intervention candidate, from the whole ICB's figures
    /// at the level shown; its evidence carries the released summary. ICB-wide analysts and commissioners only.
    /// </summary>
    public InterventionCandidate MakeIntervention(WebUser user, string opportunityId, OpportunityLevel level)
    {
        ArgumentNullException.ThrowIfNull(user);
        Allowed(user);
        var definition = Library.FirstOrDefault(d => d.Id == opportunityId)
            ?? throw new StrataValidationException("opportunity", $"no opportunity '{opportunityId}' in the library");
        return gate.Use(engine =>
        {
            var at = ActivitySpan.Last(engine) ?? throw new StrataValidationException("opportunity", "no activity in this workspace yet: import data first");
            var result = OpportunityLibrary.Compute(engine, definition, level, at);
            InterventionCandidate candidate;
            try
            {
                candidate = InterventionCandidates.Make(engine, result, policy, user.Name);
            }
            catch (InvalidOperationException e)
            {
                throw new StrataValidationException("opportunity", e.Message);
            }
            AuditLog.Write(engine, user.Name, "intervention_candidate.make", "candidate:" + candidate.Id,
                string.Create(CultureInfo.InvariantCulture, $"opportunity={definition.Id}@{definition.Version}; level={Name(level)}; at={at:yyyy-MM-dd}"));
            return candidate;
        });
    }

    /// <summary>Adds a panel member's judgement of a candidate's effect or reach (proportions); pooled on reading.</summary>
    public InterventionCandidate Elicit(WebUser user, string candidateId, Elicitation elicitation)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(elicitation);
        Allowed(user);
        return gate.Use(engine =>
        {
            var candidate = InterventionCandidates.Elicit(engine, candidateId, elicitation, user.Name);
            AuditLog.Write(engine, user.Name, "elicitation.add", "candidate:" + candidateId, string.Create(CultureInfo.InvariantCulture,
                $"{elicitation.Assumption.ToString().ToLowerInvariant()} by {elicitation.Expert}: {elicitation.Low:0.###}/{elicitation.Mode:0.###}/{elicitation.High:0.###}"));
            return candidate;
        });
    }

    public static bool CanEdit(WebUser user) => Roles.CanRunScenarios(user.Role, user.Scope);

    public static string Name(OpportunityLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>Levels whose units lie wholly inside the area: a place user compares neighbourhoods and practices, a neighbourhood user practices.</summary>
    public static IReadOnlyList<OpportunityLevel> LevelsFor(AreaFilter within)
    {
        ArgumentNullException.ThrowIfNull(within);
        return within.Neighbourhood is not null ? [OpportunityLevel.Practice]
            : within.Place is not null ? [OpportunityLevel.Neighbourhood, OpportunityLevel.Practice]
            : [OpportunityLevel.Place, OpportunityLevel.Neighbourhood, OpportunityLevel.Practice];
    }

    private static void Allowed(WebUser user)
    {
        if (!CanEdit(user))
        {
            throw new UnauthorizedAccessException($"Your role ({user.Role}, {user.Scope.Describe()}) may view opportunities but not make interventions or record judgements.");
        }
    }

    /// <summary>The units of the level inside the area; null = every unit (the whole ICB).</summary>
    private static HashSet<string>? UnitsIn(IEngine engine, AreaFilter within, OpportunityLevel level) =>
        within.IsWholeIcb ? null
        : level switch
        {
            OpportunityLevel.Practice => [.. Geography.Practices(engine, within)],
            OpportunityLevel.Neighbourhood => [.. Geography.Codes(engine, AreaLevel.Neighbourhood, within)],
            _ => [.. Geography.Codes(engine, AreaLevel.Place, within)],
        };

    private (AggregateTable, IReadOnlyList<FunnelPoint>) UnitsView(OpportunityResult result, HashSet<string>? units, string scope)
    {
        var released = OpportunityReport.Release(result, policy);
        var shown = released.Units.Where(u => units is null || units.Contains(u.Unit)).ToList();
        var d = result.Definition;
        var table = new AggregateTable("opportunity-units", $"{d.Name} by {Name(result.Level)}", scope, result.At,
            [
                new("unit", Name(result.Level) switch { "practice" => "Practice", "neighbourhood" => "Neighbourhood", _ => "Place" }, ColumnKind.Text),
                new("base", d.PerSetting is null ? "People" : $"Base ({d.PerSetting})", ColumnKind.Count), new("events", "Events", ColumnKind.Count),
                new("expected", "Expected", ColumnKind.Number), new("ratio", "Observed / expected", ColumnKind.Number),
                new("rate", $"Standardised rate ({released.RateUnit})", ColumnKind.Rate), new("funnel", "Funnel", ColumnKind.Text),
                new("to_median", "Prize at the peer median", ColumnKind.Count), new("to_top_quartile", "Prize at the top quartile", ColumnKind.Count),
            ],
            [.. shown.Select(u => new object?[]
            {
                u.Unit, u.Base, u.Events, Math.Round(u.Expected, 1), u.Ratio is { } r ? Math.Round(r, 3) : null,
                u.StandardisedRate is { } s ? Math.Round(s, 2) : null, u.Flag, u.ToMedian.Activity, u.ToTopQuartile.Activity,
            })],
            policy.Statement + $" Source: {d.Source.Title} ({d.Source.Url}); definition {d.Id} v{d.Version}.");
        // The funnel draws released figures only: ratios from the protected count, suppressed units left out.
        var points = (result.Benchmark.Funnel?.Points ?? [])
            .Where(p => units is null || units.Contains(p.Unit))
            .Select(p => (Point: p, Observed: policy.Count((long)p.Observed)))
            .Where(x => x.Observed is not null && x.Point.Size > 0)
            .Select(x => x.Point with { Observed = x.Observed!.Value, Value = x.Observed.Value / x.Point.Size })
            .OrderBy(p => p.Unit, StringComparer.Ordinal)
            .ToList();
        return (table, points);
    }

    /// <summary>Monthly events per 1,000 people (or per base event) in the area, from released counts, on an XmR chart (fewer is better).</summary>
    private (SpcResult?, AggregateTable) Trend(IEngine engine, OpportunityDefinition d, AreaFilter within, string scope)
    {
        var area = within.Neighbourhood is { } n ? new OpportunityArea(true, n) : within.Place is { } p ? new OpportunityArea(false, p) : null;
        var months = OpportunityLibrary.Monthly(engine, d, area);
        var rows = months.Select(m =>
        {
            var events = policy.Count(m.Events);
            return (m.MonthEnding, Events: events, Rate: events is { } e ? policy.Rate(e, m.Base, d.Per) : null);
        }).ToList();
        var unit = d.PerSetting is null ? "per 1,000 people" : $"per {d.PerSetting}";
        var table = new AggregateTable("opportunity-trend", $"{d.Name}: events by month ({unit})", scope, months.Count == 0 ? null : months[^1].MonthEnding,
            [new("month", "Month", ColumnKind.Text), new("events", "Events", ColumnKind.Count), new("rate", $"Rate ({unit})", ColumnKind.Rate)],
            [.. rows.Select(r => new object?[] { r.MonthEnding.ToString("yyyy-MM", CultureInfo.InvariantCulture), r.Events, r.Rate is { } x ? Math.Round(x, 3) : null })],
            policy.Statement + " Suppressed months are left out of the chart. Whole calendar months whose 12-month window lies in the data.");
        var series = rows.Where(r => r.Rate is not null).Select(r => new SpcObservation(r.MonthEnding, r.Rate!.Value)).ToList();
        var spc = series.Count >= 2 ? Spc.Analyse(series, new SpcOptions { Improvement = Improvement.Decrease }) : null;
        return (spc, table);
    }

    /// <summary>A setting as words (names with underscores do not wrap in a narrow column).</summary>
    private static string Words(string setting) => setting.Replace('_', ' ');

    private static double? Round(double? pounds) => pounds is { } x ? Math.Round(x, 2) : null;
}

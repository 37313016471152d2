using Strata.Domain.Reporting;
using System.Globalization;
using Strata.Data.Deliver;
using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;
using Strata.Web.Infrastructure;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Stages;

/// <summary>A stored scenario whose financials can give a decommissioning's stranded and double-running costs.</summary>
public sealed record ScenarioCostSource(string ScenarioId, string Name, IReadOnlyList<string> Interventions);

/// <summary>
/// Read-only views of the Deliver stage's governance records (deliver_records through DecisionLog, PsrLog and
/// DecommissioningLog): decisions filtered to the user's scope (<see cref="DecisionScope"/>), the decision rights
/// register, PSR records and their annual summary, decommissioning assessments.
/// </summary>
public sealed class DecisionQueries(WorkspaceGate gate, DisclosurePolicy policy)
{
    public DisclosurePolicy Policy => policy;

    /// <summary>Current decisions the user may see, in record id order.</summary>
    public AggregateTable Decisions(WebUser user) => gate.Use(engine =>
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!engine.TableExists(DeliverRecords.Table))
        {
            return AggregateTable.Missing("decisions", "Decisions", user.Scope.Describe(),
                "No decision has been recorded yet: `strata decision record` records one.", policy.Statement);
        }
        var placeOfHood = user.Scope.Neighbourhood is { } hood ? Geography.PlaceOf(engine, hood) : null;
        var rows = DeliverRecords.Current(engine, "decision")
            .Select(r => (Stored: r, D: DeliverRecords.Deserialise<DecisionRecord>(r.Payload)))
            .Where(x => DecisionScope.Visible(user.Scope, x.D, placeOfHood))
            .Select(x => new object?[]
            {
                x.D.DecisionId, x.D.Function, TierName(x.D.Tier), Area(x.D), x.D.Amount, x.D.Description,
                x.D.Outcome.Status.ToString().ToLowerInvariant(), x.D.Outcome.Reason, x.Stored.Actor, NhsFormat.Timestamp(x.Stored.At),
            }).ToList();
        return new AggregateTable("decisions", "Decisions (current versions)", user.Scope.Describe(), null,
            [
                new("decision_id", "Decision", ColumnKind.Text), new("function", "Function", ColumnKind.Text), new("tier", "Tier", ColumnKind.Text),
                new("area", "Area", ColumnKind.Text), new("amount_gbp", "Value (£)", ColumnKind.Pounds), new("description", "What is decided", ColumnKind.Text),
                new("status", "Outcome", ColumnKind.Text), new("reason", "Reason", ColumnKind.Text),
                new("actor", "Recorded by", ColumnKind.Text), new("recorded_at", "Recorded at (UTC)", ColumnKind.Text),
            ],
            rows, policy.Statement);
    });

    /// <summary>The decision rights register: every current delegation with its limit (everyone may read it).</summary>
    public AggregateTable Delegations(WebUser user) => gate.Use(engine =>
    {
        ArgumentNullException.ThrowIfNull(user);
        var rows = DeliverRecords.Current(engine, "delegation")
            .Select(r => (Stored: r, D: DeliverRecords.Deserialise<Delegation>(r.Payload)))
            .OrderBy(x => x.D.Function, StringComparer.Ordinal).ThenBy(x => x.D.Tier)
            .Select(x => new object?[]
            {
                x.D.Function, TierName(x.D.Tier), x.D.Limit is { } l ? NhsFormat.Pounds(l) : "no limit", x.Stored.Version.ToString(CultureInfo.InvariantCulture),
                x.Stored.Actor, NhsFormat.Timestamp(x.Stored.At),
            }).ToList();
        return new AggregateTable("delegations", "Decision rights register: delegations", user.Scope.Describe(), null,
            [
                new("function", "Function", ColumnKind.Text), new("tier", "Delegated to", ColumnKind.Text), new("limit", "Limit", ColumnKind.Text),
                new("version", "Version", ColumnKind.Text), new("actor", "Recorded by", ColumnKind.Text), new("recorded_at", "Recorded at (UTC)", ColumnKind.Text),
            ],
            rows, policy.Statement);
    });

    /// <summary>Places and neighbourhoods within the user's scope (the decision form's area choices).</summary>
    public IReadOnlyList<PlaceNeighbourhood> Areas(WebUser user) => gate.Use(engine => DecisionScope.Areas(engine, user.Scope));

    /// <summary>PSR records (current versions): the process, its decision and the dates it implies.</summary>
    public AggregateTable PsrRecords(WebUser user) => gate.Use(engine =>
    {
        ArgumentNullException.ThrowIfNull(user);
        var rows = PsrLog.Current(engine).OrderByDescending(r => r.DecisionDate).ThenBy(r => r.RecordId, StringComparer.Ordinal)
            .Select(r => new object?[]
            {
                r.RecordId, r.Service, r.Provider, ProcessName(r.Process), r.DecisionMaker, Day(r.DecisionDate), r.LifetimeValue,
                // "n/a", not null: null reads as suppressed on the page, and these dates are absent, not withheld.
                r.NoticeOfIntention is { } n ? Day(n) : "n/a", r.StandstillEnd is { } s ? Day(s) : "n/a",
                r.AwardNoticeDeadline is { } a ? Day(a) : "n/a", r.Urgent ? "yes" : "no",
            }).ToList();
        return new AggregateTable("psr-records", "Provider Selection Regime records", user.Scope.Describe(), null,
            [
                new("record_id", "Record", ColumnKind.Text), new("service", "Service", ColumnKind.Text), new("provider", "Provider", ColumnKind.Text),
                new("process", "Process", ColumnKind.Text), new("decision_maker", "Decision maker", ColumnKind.Text),
                new("decision_date", "Decision date", ColumnKind.Text), new("lifetime_value_gbp", "Lifetime value (£)", ColumnKind.Pounds),
                new("notice_of_intention", "Notice of intention", ColumnKind.Text), new("standstill_end", "Standstill ends (end of day)", ColumnKind.Text),
                new("award_notice_deadline", "Award notice by", ColumnKind.Text), new("urgent", "Urgent", ColumnKind.Text),
            ],
            rows, policy.Statement + " PSR records are contract decisions, not counts of people.");
    });

    /// <summary>The annual summary (`strata psr summary`): records by process, urgent awards, representations.</summary>
    public PsrAnnualSummary PsrSummary(int year) => gate.Use(engine => PsrLog.Summary(engine, year));

    /// <summary>The calendar year of the latest PSR decision recorded (the summary's default); null when none is.</summary>
    public int? LatestPsrYear() => gate.Use(engine => PsrLog.Current(engine).Select(r => (int?)r.DecisionDate.Year).Max());

    /// <summary>
    /// Decommissioning assessments whose equality figures are within the user's population: all for an ICB user, a
    /// place's and its neighbourhoods' for a place user, a neighbourhood's own for a neighbourhood user (an ICB-wide
    /// assessment carries the whole ICB's figures, so only ICB users see it).
    /// </summary>
    public AggregateTable Assessments(WebUser user) => gate.Use(engine =>
    {
        ArgumentNullException.ThrowIfNull(user);
        var scope = user.Scope;
        var rows = DecommissioningLog.Current(engine).Where(a => scope.Covers(a.Place, a.Neighbourhood)).Select(a => new object?[]
        {
            a.AssessmentId, a.Service, a.Neighbourhood is { } n ? $"neighbourhood {n} ({a.Place})" : a.Place is { } p ? "place " + p : "whole ICB",
            string.Join(", ", a.Settings), Math.Round(a.WeightedScore, 2, MidpointRounding.AwayFromZero),
            a.Costs.Stranded, a.Costs.DoubleRunning, a.Costs.Source, Flagged(a), a.Decision ?? "none recorded",
        }).ToList();
        return new AggregateTable("decommissioning", "Decommissioning assessments", user.Scope.Describe(), null,
            [
                new("assessment_id", "Assessment", ColumnKind.Text), new("service", "Service", ColumnKind.Text),
                new("population", "Equality impact over", ColumnKind.Text), new("settings", "Settings", ColumnKind.Text),
                new("weighted_score", "Weighted score (0-5)", ColumnKind.Number), new("stranded_gbp", "Stranded cost (£)", ColumnKind.Pounds),
                new("double_running_gbp", "Double running (£)", ColumnKind.Pounds), new("costs_source", "Costs from", ColumnKind.Text),
                new("flags", "Quintiles flagged (affected ÷ population share)", ColumnKind.Text), new("decision", "Decision", ColumnKind.Text),
            ],
            rows, policy.Statement);
    });

    /// <summary>Stored scenarios with financials, newest first (ICB-scope users, as scenarios are).</summary>
    public IReadOnlyList<ScenarioCostSource> ScenarioCostSources(WebUser user) => gate.Use(engine =>
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.Scope.IsIcbWide)
        {
            return (IReadOnlyList<ScenarioCostSource>)[];
        }
        var pairs = ScenarioReads.CostPairs(engine).Select(p => (Id: p.ScenarioId, p.Name, At: p.CreatedAt, p.Intervention));
        return [.. pairs.GroupBy(p => p.Id).OrderByDescending(g => g.Max(p => p.At)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ScenarioCostSource(g.Key, g.First().Name,
                [.. g.Select(p => p.Intervention).OrderBy(i => i == ScenarioReport.Portfolio ? 0 : 1).ThenBy(i => i, StringComparer.Ordinal)]))];
    });

    /// <summary>The quintiles flagged for a full equality impact assessment, briefly: "Q5 1.50×"; "none" otherwise.</summary>
    private static string Flagged(DecommissioningAssessment a)
    {
        var flagged = a.EqualityImpact.Where(q => q.Ratio >= Decommissioning.DisproportionateRatio)
            .Select(q => string.Create(CultureInfo.InvariantCulture, $"Q{q.Quintile} {q.Ratio:0.00}×")).ToList();
        return flagged.Count == 0 ? "none" : string.Join(", ", flagged);
    }

    public static string TierName(Tier tier) => DecisionRightsRegister.Name(tier);

    public static string ProcessName(PsrProcess p) => p switch
    {
        PsrProcess.DirectAwardA => "Direct Award A",
        PsrProcess.DirectAwardB => "Direct Award B",
        PsrProcess.DirectAwardC => "Direct Award C",
        PsrProcess.MostSuitableProvider => "Most Suitable Provider",
        _ => "Competitive process",
    };

    private static string Area(DecisionRecord d) => (d.Place, d.Neighbourhood) switch
    {
        (_, { } n) => $"neighbourhood {n} ({d.Place})",
        ({ } p, null) => "place " + p,
        _ => d.Tier is Tier.Icb or Tier.ProviderCollaborative ? "ICB-wide" : "not recorded",
    };

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

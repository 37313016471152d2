using Strata.Domain.Reporting;
using System.Globalization;
using Strata.Data.Deliver;
using Strata.Data.Foundation;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;
using Strata.Web.Audit;
using Strata.Web.Infrastructure;
using Strata.Web.Security;

namespace Strata.Web.Stages;

/// <summary>
/// Records the Deliver stage's governance from the web (pages and API): decisions, delegations, PSR records and
/// decommissioning assessments. Each is the role check, the scope check, then the Deliver stage's own code
/// (<see cref="DecisionLog"/>, <see cref="PsrLog"/>, <see cref="DecommissioningLog"/> — the same the CLI calls) and
/// the audit entry, in one hold of the workspace so the record and its audit entry go together. A role that may
/// not record gets <see cref="UnauthorizedAccessException"/>, a tier or area outside the scope
/// <see cref="Population.ScopeForbiddenException"/> (both 403 in the API), bad input <see cref="ArgumentException"/> (400).
/// </summary>
public sealed class DecisionEntry(WorkspaceGate gate, DisclosurePolicy policy)
{
    public DecisionRecord Record(WebUser user, string function, Tier tier, double amount, string description, bool escalate,
        string? place = null, string? neighbourhood = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        Require(Roles.CanRecordDecisions(user.Role), $"Your role ({user.Role}) may view decisions but not record them.");
        return gate.Use(engine =>
        {
            var (p, n) = DecisionScope.Resolve(engine, user.Scope, tier, place, neighbourhood);
            var (decision, stored) = DecisionLog.Record(engine, function, tier, amount, description, escalate, user.Name, place: p, neighbourhood: n);
            AuditLog.Write(engine, user.Name, "decision.record", "decision:" + decision.DecisionId,
                $"v{stored.Version} {decision.Outcome.Status.ToString().ToLowerInvariant()}: {decision.Outcome.Reason}");
            return decision;
        });
    }

    public StoredRecord Delegate(WebUser user, string function, Tier tier, double? limit)
    {
        ArgumentNullException.ThrowIfNull(user);
        Require(Roles.CanDelegate(user.Role, user.Scope), "Delegations set every tier's decision rights: ICB-wide commissioners record them.");
        var delegation = new Delegation((function ?? "").Trim(), tier, limit);
        return gate.Use(engine =>
        {
            var stored = DecisionLog.Delegate(engine, delegation, user.Name);
            AuditLog.Write(engine, user.Name, "delegation.record", $"delegation:{stored.RecordId}",
                $"v{stored.Version} {delegation.Function} to {DecisionRightsRegister.Name(tier)}: "
                + (limit is { } l ? "limit " + NhsFormat.Pounds(l) : "no limit"));
            return stored;
        });
    }

    public PsrRecord RecordPsr(WebUser user, PsrRecordInput input)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        Require(Roles.CanRecordDecisions(user.Role), $"Your role ({user.Role}) may view PSR records but not record them.");
        return gate.Use(engine =>
        {
            var (record, stored) = PsrLog.Record(engine, input, user.Name, user.Scope.ToString());
            AuditLog.Write(engine, user.Name, "psr.record", "psr:" + record.RecordId,
                string.Create(CultureInfo.InvariantCulture,
                    $"v{stored.Version} {DecisionQueries.ProcessName(record.Process)}: {record.Service}, {record.Provider}, {NhsFormat.Pounds(record.LifetimeValue)}, standstill ends {(record.StandstillEnd is { } s ? s.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "n/a")}"));
            return record;
        });
    }

    /// <summary>
    /// Assesses a decommissioning for the user's own population: the equality impact covers the whole ICB for an ICB
    /// user, the user's place or neighbourhood otherwise. Costs: as given; else (ICB users, as stored scenarios are
    /// ICB-wide) from the named stored scenario's intervention (default the portfolio), else from the newest stored
    /// scenario that has them; else the request is refused (400).
    /// </summary>
    public DecommissioningAssessment Assess(WebUser user, DecommissioningInput input, string? scenarioId = null, string? intervention = null,
        string? at = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        Require(Roles.CanRecordDecisions(user.Role), $"Your role ({user.Role}) may view decommissioning assessments but not record them.");
        var which = string.IsNullOrWhiteSpace(intervention) ? ScenarioReport.Portfolio : intervention.Trim();
        var icb = user.Scope.IsIcbWide;
        if (!icb && input.Costs is null)
        {
            if (!string.IsNullOrWhiteSpace(scenarioId))
            {
                throw new Population.ScopeForbiddenException(StageQueries.IcbOnly);
            }
            throw new ArgumentException("Give the stranded and double-running costs: stored scenarios are modelled for the whole ICB and shown to ICB-scope users only.");
        }
        return gate.Use(engine =>
        {
            // The user's own area: their place, or their neighbourhood and its place (null for the whole ICB).
            var neighbourhood = user.Scope.Neighbourhood;
            var place = neighbourhood is not null ? Geography.PlaceOf(engine, neighbourhood) : user.Scope.Place;
            var costs = input.Costs
                ?? (string.IsNullOrWhiteSpace(scenarioId)
                    ? DecommissioningLog.LatestScenarioCosts(engine, which)
                      ?? throw new ArgumentException("Give the stranded and double-running costs: no stored scenario has financials to take them from.")
                    : DecommissioningLog.CostsFromScenario(engine, scenarioId, which)
                      ?? throw new ArgumentException($"Scenario '{scenarioId}' has no stranded or double-running costs for '{which}'."));
            var date = Strata.Data.Foundation.ActivitySpan.Resolve(engine, at, "reference_date");
            var (a, stored) = DecommissioningLog.Assess(engine, input, costs, date, policy, user.Name, place, neighbourhood);
            AuditLog.Write(engine, user.Name, "decommissioning.assess", "decommissioning:" + a.AssessmentId,
                string.Create(CultureInfo.InvariantCulture,
                    $"v{stored.Version} {a.Service}: score {a.WeightedScore:0.00}/5, costs {NhsFormat.Pounds(a.Costs.Total)} ({a.Costs.Source}), {a.Flags.Count} equality flag(s) for {user.Scope.Describe()}, at {date:yyyy-MM-dd}"));
            return a;
        });
    }

    private static void Require(bool allowed, string reason)
    {
        if (!allowed)
        {
            throw new UnauthorizedAccessException(reason);
        }
    }
}

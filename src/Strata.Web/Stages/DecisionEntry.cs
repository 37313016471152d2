using Strata.Data.Deliver;
using Strata.Domain.Deliver;
using Strata.Web.Audit;
using Strata.Web.Infrastructure;
using Strata.Web.Security;

namespace Strata.Web.Stages;

/// <summary>
/// Records a decision from the web (page or API): the role check, then the Deliver stage's own
/// <see cref="DecisionLog.Record"/> (tested against the decision rights register, appended to deliver_records),
/// and the audit log — in one hold of the workspace, so the record and its audit entry go together.
/// </summary>
public sealed class DecisionEntry(WorkspaceGate gate)
{
    public DecisionRecord Record(WebUser user, string function, Tier tier, double amount, string description, bool escalate)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Roles.CanRecordDecisions(user.Role))
        {
            throw new UnauthorizedAccessException($"Your role ({user.Role}) may view decisions but not record them.");
        }
        return gate.Use(engine =>
        {
            var (decision, stored) = DecisionLog.Record(engine, function, tier, amount, description, escalate, user.Name);
            AuditLog.Write(engine, user.Name, "decision.record", "decision:" + decision.DecisionId,
                $"v{stored.Version} {decision.Outcome.Status.ToString().ToLowerInvariant()}: {decision.Outcome.Reason}");
            return decision;
        });
    }
}

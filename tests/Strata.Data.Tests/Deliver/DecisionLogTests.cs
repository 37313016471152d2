using Strata.Data.Deliver;
using Strata.Data.Foundation;
using Strata.Domain.Deliver;

namespace Strata.Data.Tests.Deliver;

public class DecisionLogTests
{
    private static Workspace WithPlaceLimit()
    {
        var ws = Workspace.InMemory();
        DeliverRecords.Append(ws.Engine, "delegation", "contract_award@place", "setup",
            DeliverRecords.Serialise(new Delegation("contract_award", Tier.Place, 500_000)));
        DeliverRecords.Append(ws.Engine, "delegation", "contract_award@icb", "setup",
            DeliverRecords.Serialise(new Delegation("contract_award", Tier.Icb, null)));
        return ws;
    }

    [Fact]
    public void A_decision_above_the_tiers_limit_is_refused_and_recorded_with_the_reason()
    {
        using var ws = WithPlaceLimit();
        var (d, stored) = DecisionLog.Record(ws.Engine, "contract_award", Tier.Place, 600_000, "Acute frailty", escalate: false, "pat", "D9");
        Assert.Equal(DecisionStatus.Refused, d.Outcome.Status);
        Assert.Contains("above place's limit", d.Outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(("D9", 1, "pat"), (stored.RecordId, stored.Version, stored.Actor));
        var back = Assert.Single(DecisionLog.Current(ws.Engine));
        Assert.Equal(d, back);
        Assert.Contains("\"status\":\"refused\"", stored.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public void Escalation_passes_the_decision_to_the_first_tier_above_that_covers_it()
    {
        using var ws = WithPlaceLimit();
        var (d, _) = DecisionLog.Record(ws.Engine, "contract_award", Tier.Place, 600_000, "", escalate: true, "pat");
        Assert.Equal((DecisionStatus.Escalated, (Tier?)Tier.Icb), (d.Outcome.Status, d.Outcome.DecidedAt));
    }

    [Fact]
    public void Tiers_are_read_by_name_and_anything_else_is_refused()
    {
        Assert.Equal(Tier.ProviderCollaborative, DecisionLog.ParseTier("provider_collaborative", "tier"));
        Assert.Throws<ArgumentException>(() => DecisionLog.ParseTier("region", "tier"));
        Assert.Throws<ArgumentException>(() => DecisionLog.ParseTier("7", "tier"));
    }
}

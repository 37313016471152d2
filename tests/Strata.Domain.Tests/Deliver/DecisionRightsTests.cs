using Strata.Domain.Deliver;

namespace Strata.Domain.Tests.Deliver;

public class DecisionRightsTests
{
    private static readonly DecisionRightsRegister Register = new([
        new("contract_award", Tier.Neighbourhood, 100_000),
        new("contract_award", Tier.Place, 1_000_000),
        new("contract_award", Tier.Icb, null),
    ]);

    [Fact]
    public void A_decision_at_the_limit_is_within_delegation() =>
        Assert.Equal(DecisionStatus.Approved, Register.Decide("contract_award", Tier.Neighbourhood, 100_000, false).Status);

    [Fact]
    public void A_decision_above_the_limit_is_refused_with_the_reason()
    {
        var d = Register.Decide("contract_award", Tier.Neighbourhood, 100_001, false);
        Assert.Equal(DecisionStatus.Refused, d.Status);
        Assert.Null(d.DecidedAt);
        Assert.Contains("above neighbourhood's limit of £100,000", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Escalation_goes_to_the_first_tier_above_whose_limit_covers_it()
    {
        Assert.Equal(Tier.Place, Register.Decide("contract_award", Tier.Neighbourhood, 250_000, true).DecidedAt);
        var big = Register.Decide("contract_award", Tier.Neighbourhood, 2_000_000, true);
        Assert.Equal(DecisionStatus.Escalated, big.Status);
        Assert.Equal(Tier.Icb, big.DecidedAt);
    }

    [Fact]
    public void A_function_not_delegated_to_the_tier_is_refused() =>
        Assert.Contains("not delegated to provider collaborative",
            Register.Decide("contract_award", Tier.ProviderCollaborative, 1, false).Reason, StringComparison.Ordinal);
}

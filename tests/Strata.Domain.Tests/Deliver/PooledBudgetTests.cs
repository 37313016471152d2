using Strata.Domain.Deliver;

namespace Strata.Domain.Tests.Deliver;

public class PooledBudgetTests
{
    private static PoolAgreement Pool(double reserve, params PoolScheme[] schemes) =>
        new("bcf", ["keep people at home"], [new("ICB", 600), new("LA", 400)], schemes, RiskReserve: reserve);

    [Fact]
    public void Host_defaults_to_the_largest_contributor() =>
        Assert.Equal("ICB", PooledBudget.YearEnd(Pool(0, new PoolScheme("s", 10, 10))).Host);

    [Fact]
    public void An_overspend_fully_offset_by_underspends_leaves_the_rest_in_the_pool()
    {
        var r = PooledBudget.YearEnd(Pool(20, new PoolScheme("s1", 500, 550), new PoolScheme("s2", 500, 440)));
        Assert.Equal(50, r.OffsetWithinPool);
        Assert.Equal(0, r.ReserveUsed);
        Assert.Equal(0, r.SharedOverspend);
        Assert.Equal(10, r.CarriedForward);
        Assert.Equal(20, r.ReserveRemaining);
    }

    [Fact]
    public void A_partly_offset_overspend_draws_the_reserve_then_is_shared_pro_rata_to_contributions()
    {
        // +100 vs −30: offset 30, reserve 50, 20 shared 600:400.
        var r = PooledBudget.YearEnd(Pool(50, new PoolScheme("s1", 500, 600), new PoolScheme("s2", 500, 470)));
        Assert.Equal(30, r.OffsetWithinPool);
        Assert.Equal(50, r.ReserveUsed);
        Assert.Equal(20, r.SharedOverspend, 9);
        Assert.Equal(12, r.PartnerShares["ICB"], 9);
        Assert.Equal(8, r.PartnerShares["LA"], 9);
        Assert.Equal(0, r.CarriedForward);
    }

    [Fact]
    public void A_fixed_share_scheme_puts_its_overspend_on_the_named_partner()
    {
        var r = PooledBudget.YearEnd(Pool(0,
            new PoolScheme("s1", 500, 560, new Dictionary<string, double> { ["LA"] = 1 }), new PoolScheme("s2", 500, 540), new PoolScheme("s3", 500, 470)));
        // Over 100 (60 + 40), under 30: 70 shared; s1 carries 42 (all LA), s2 28 (16.8 ICB, 11.2 LA).
        Assert.Equal(16.8, r.PartnerShares["ICB"], 9);
        Assert.Equal(53.2, r.PartnerShares["LA"], 9);
    }

    [Fact]
    public void An_agreed_ratio_overrides_pro_rata()
    {
        var r = PooledBudget.YearEnd(Pool(0, new PoolScheme("s1", 500, 600)) with { RiskShareRatio = new Dictionary<string, double> { ["ICB"] = 1, ["LA"] = 1 } });
        Assert.Equal(50, r.PartnerShares["ICB"], 9);
    }

    [Fact]
    public void An_underspend_stays_in_the_pool()
    {
        var r = PooledBudget.YearEnd(Pool(10, new PoolScheme("s1", 500, 480), new PoolScheme("s2", 500, 490)));
        Assert.Equal(30, r.CarriedForward);
        Assert.All(r.ReturnedOnTermination.Values, v => Assert.Equal(0, v));
    }

    [Fact]
    public void At_termination_the_surplus_and_unused_reserve_are_returned_pro_rata()
    {
        var r = PooledBudget.YearEnd(Pool(10, new PoolScheme("s1", 500, 480), new PoolScheme("s2", 500, 490)), terminating: true);
        Assert.Equal(24, r.ReturnedOnTermination["ICB"], 9);
        Assert.Equal(16, r.ReturnedOnTermination["LA"], 9);
        Assert.Equal(0, r.CarriedForward);
    }

    [Fact]
    public void Fixed_shares_must_name_partners_and_sum_to_one() =>
        Assert.Throws<ArgumentException>(() => PooledBudget.YearEnd(Pool(0, new PoolScheme("s1", 1, 2, new Dictionary<string, double> { ["LA"] = 0.5 }))));
}

using Strata.Domain.Deliver;

namespace Strata.Domain.Tests.Deliver;

public class IllustrativeOutturnsTests
{
    private static readonly Contract TwoSettings = new("c1", "RC1", ["community_contact", "gp_appointment"],
        new ContractBaseline(0, new Dictionary<string, double> { ["community_contact"] = 30, ["gp_appointment"] = 10 }),
        [new BlockPayment(8_000)], 8_000, new RiskShareCorridor(8_000, 0.05, 0.5, 0.20));

    [Fact]
    public void Without_unit_cost_uncertainty_cost_is_activity_at_the_agreed_unit_cost()
    {
        // 8,000 for 40 units of baseline activity: £200 a unit.
        foreach (var o in IllustrativeOutturns.Draw(TwoSettings, 50, 1, demandSd: 0.05, unitCostSd: 0))
        {
            Assert.Equal(200 * (o.Activity("community_contact") + o.Activity("gp_appointment")), o.Cost, 9);
            Assert.Equal(1, o.Year);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_outturns_and_another_seed_others()
    {
        static double[] Costs(ulong seed) => [.. IllustrativeOutturns.Draw(TwoSettings, 20, seed).Select(o => o.Cost)];
        Assert.Equal(Costs(3), Costs(3));
        Assert.NotEqual(Costs(3), Costs(4));
    }

    [Fact]
    public void A_kpi_is_met_or_missed_with_its_probability()
    {
        var outturns = IllustrativeOutturns.Draw(TwoSettings, 10, 1, kpiProbabilities: new Dictionary<string, double> { ["always"] = 1, ["never"] = 0 });
        Assert.All(outturns, o => Assert.Equal((1.0, 0.0), (o.Achievement("always", 0.5), o.Achievement("never", 0.5))));
    }

    [Fact]
    public void Runs_and_spreads_out_of_range_and_a_contract_without_baseline_activity_are_refused()
    {
        Assert.Throws<ArgumentException>(() => IllustrativeOutturns.Draw(TwoSettings, 0, 1));
        Assert.Throws<ArgumentException>(() => IllustrativeOutturns.Draw(TwoSettings, 10, 1, demandSd: -0.1));
        Assert.Throws<ArgumentException>(() => IllustrativeOutturns.Draw(TwoSettings with { Baseline = new ContractBaseline(5, new Dictionary<string, double>()) }, 10, 1));
    }

    [Fact]
    public void The_payment_curve_follows_the_corridor_from_70_to_130_percent_of_the_agreed_value()
    {
        var curve = ContractSimulator.PaymentCurve(TwoSettings);
        Assert.Equal(61, curve.Count);
        Assert.Equal((5_600, 6_600), (curve[0].Cost, curve[0].Payment));
        // 130%: variance 2,400; provider 400 + 50% of 1,200; the commissioner pays the other 1,400.
        Assert.Equal(10_400, curve[^1].Cost, 9);
        Assert.Equal(9_400, curve[^1].Payment, 9);
        Assert.Equal(8_000, curve[30].Payment, 9);
    }
}

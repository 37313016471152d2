using Strata.Domain.Deliver;

namespace Strata.Domain.Tests.Deliver;

public class ContractTests
{
    private static readonly ContractBaseline Baseline = new(1000, new Dictionary<string, double> { ["elective_admission"] = 100 });

    private static Outturn Out(double activity = 100, double cost = 1_000_000, double? heads = null, Dictionary<string, double>? kpis = null) =>
        new(1, 1, new Dictionary<string, double> { ["elective_admission"] = activity }, cost, heads, kpis);

    [Fact]
    public void Block_pays_the_fixed_sum_whatever_the_activity() =>
        Assert.Equal(500_000, new BlockPayment(500_000).Pay(Out(activity: 250), Baseline));

    [Fact]
    public void Capitation_pays_per_weighted_head_from_the_outturn_or_the_baseline()
    {
        var cap = new CapitationPayment(120);
        Assert.Equal(120_000, cap.Pay(Out(), Baseline));
        Assert.Equal(132_000, cap.Pay(Out(heads: 1100), Baseline));
    }

    [Fact]
    public void Activity_based_pays_unit_price_times_activity() =>
        Assert.Equal(3_000 * 120, new ActivityBasedPayment(new Dictionary<string, double> { ["elective_admission"] = 3_000 }).Pay(Out(activity: 120), Baseline));

    [Fact]
    public void Aligned_payment_pays_75_percent_above_baseline_and_deducts_50_percent_below()
    {
        var api = new AlignedPaymentIncentive(1_000_000, new Dictionary<string, double> { ["elective_admission"] = 2_000 });
        // Fixed 1,000,000 less 1.25% withhold (12,500) earned back in full (no indicators) = 1,000,000.
        Assert.Equal(1_000_000, api.Pay(Out(activity: 100), Baseline), 6);
        // 10 above baseline: 10 × 2,000 × 75% = 15,000.
        Assert.Equal(1_015_000, api.Pay(Out(activity: 110), Baseline), 6);
        // 10 below: 10 × 2,000 × 50% = 10,000 deducted.
        Assert.Equal(990_000, api.Pay(Out(activity: 90), Baseline), 6);
    }

    [Fact]
    public void Cquin_withhold_is_earned_back_on_equally_weighted_indicators()
    {
        var api = new AlignedPaymentIncentive(1_000_000, new Dictionary<string, double>(), Indicators: ["a", "b", "c", "d"]);
        // Withheld 12,500; 3 of 4 met → 9,375 earned, 3,125 lost.
        var paid = api.Pay(Out(kpis: new() { ["a"] = 1, ["b"] = 1, ["c"] = 1, ["d"] = 0 }), Baseline);
        Assert.Equal(996_875, paid, 6);
    }

    [Fact]
    public void Aligned_payment_refuses_more_than_five_indicators() =>
        Assert.Throws<ArgumentException>(() => new AlignedPaymentIncentive(1, new Dictionary<string, double>(), Indicators: ["a", "b", "c", "d", "e", "f"]).Validate());

    [Fact]
    public void Outcomes_withhold_pays_each_kpi_by_its_partial_achievement_band()
    {
        PayoutBand[] bands = [new(0.5, 0.5), new(0.8, 0.8), new(1.0, 1.0)];
        var m = new OutcomesWithhold(1_000_000, 0.10, [new Kpi("x", 3, bands), new Kpi("y", 1, bands)]);
        // Withheld 100,000: x carries 75,000, y 25,000. x at 0.85 → 80% = 60,000; y at 0.4 → nothing.
        Assert.Equal(900_000 + 60_000, m.Pay(Out(kpis: new() { ["x"] = 0.85, ["y"] = 0.4 }), Baseline), 6);
        // Exactly on a band boundary earns that band.
        Assert.Equal(900_000 + 37_500 + 12_500, m.Pay(Out(kpis: new() { ["x"] = 0.5, ["y"] = 0.5 }), Baseline), 6);
    }

    // Corridor: V = 1,000,000, provider bears ±2% (20,000), 50:50 out to ±10% (100,000), commissioner beyond.
    private static readonly RiskShareCorridor Corridor = new(1_000_000, 0.02, 0.5, 0.10, Party.Commissioner);

    [Theory]
    [InlineData(1_000_000, 0, 0)]
    [InlineData(1_020_000, 20_000, 0)]           // exactly at +c: all provider
    [InlineData(1_019_999, 19_999, 0)]           // just inside
    [InlineData(1_020_002, 20_001, 1)]           // just outside: 2 shared 50:50
    [InlineData(1_100_000, 60_000, 40_000)]      // at the cap: 20,000 + 80,000/2
    [InlineData(1_150_000, 60_000, 90_000)]      // beyond the cap: commissioner takes the 50,000 beyond
    [InlineData(980_000, -20_000, 0)]            // exactly at −c: the gain is all the provider's
    [InlineData(970_000, -25_000, -5_000)]       // gain shared beyond the corridor
    [InlineData(850_000, -60_000, -90_000)]      // gain beyond the cap to the commissioner
    public void Corridor_splits_variance_at_every_boundary(double cost, double provider, double commissioner)
    {
        var s = Corridor.Split(cost);
        Assert.Equal(provider, s.Provider, 6);
        Assert.Equal(commissioner, s.Commissioner, 6);
        Assert.Equal(cost - 1_000_000, s.Provider + s.Commissioner, 6);
    }

    [Fact]
    public void Beyond_the_cap_the_named_party_bears_it() =>
        Assert.Equal(110_000, (Corridor with { BeyondCapBearer = Party.Provider }).Split(1_150_000).Provider, 6);

    [Fact]
    public void Simulator_adds_the_commissioner_share_to_the_payment_and_splits_risk()
    {
        var contract = new Contract("c1", "RX1", ["elective_admission"], Baseline, [new BlockPayment(1_000_000)], 1_000_000, Corridor);
        var o = ContractSimulator.Simulate(contract, Out(cost: 1_100_000));
        Assert.Equal(1_040_000, o.Payment, 6);
        Assert.Equal(40_000, o.CommissionerRisk, 6);
        Assert.Equal(60_000, o.ProviderRisk, 6);
        Assert.Equal(-60_000, o.ProviderMargin, 6);
    }

    [Fact]
    public void Profit_cap_returns_margin_above_7_5_percent_of_turnover()
    {
        var contract = new Contract("c1", "RX1", [], Baseline, [new BlockPayment(1_000_000)], 1_000_000, ProfitCap: new ProfitCap());
        // Cost 900,000: margin 100,000, cap 75,000 → 25,000 returned.
        var o = ContractSimulator.Simulate(contract, Out(cost: 900_000));
        Assert.Equal(25_000, o.ProfitCapReturn, 6);
        Assert.Equal(975_000, o.Payment, 6);
    }

    [Fact]
    public void Summary_over_runs_gives_mean_and_interpolated_percentiles()
    {
        var contract = new Contract("c1", "RX1", [], Baseline, [new ActivityBasedPayment(new Dictionary<string, double> { ["elective_admission"] = 1_000 })], 100_000);
        // Five runs with activity 90..130: payments 90k..130k; P10 = 90k + 0.4 × 10k = 94k.
        var outturns = Enumerable.Range(0, 5).Select(i => new Outturn(i, 1, new Dictionary<string, double> { ["elective_admission"] = 90 + 10 * i }, 100_000));
        var s = Assert.Single(ContractSimulator.Summarise(ContractSimulator.Simulate(contract, outturns)));
        Assert.Equal(5, s.Runs);
        Assert.Equal(110_000, s.Payment.Mean, 6);
        Assert.Equal(94_000, s.Payment.P10, 6);
        Assert.Equal(110_000, s.Payment.P50, 6);
        Assert.Equal(126_000, s.Payment.P90, 6);
        Assert.Equal(10_000, s.CommissionerRisk.Mean, 6);
        Assert.Equal(-10_000, s.ProviderRisk.Mean, 6);
    }
}

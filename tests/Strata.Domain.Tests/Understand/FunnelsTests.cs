using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Domain.Tests.Understand;

public class FunnelsTests
{
    [Fact]
    public void Poisson_limits_follow_the_spec_formula()
    {
        // E = 5: lower = qchisq(α/2, 10)/10, upper = qchisq(1 − α/2, 12)/10 (chi-square table values).
        var l = Funnels.PoissonLimits(5);
        Assert.Equal(0.3246973, l.Lower95, 6);
        Assert.Equal(2.3337, l.Upper95, 3);
        Assert.Equal(0.1479, l.Lower998, 3);
        Assert.Equal(3.2909, l.Upper998, 3);
    }

    [Fact]
    public void Poisson_limits_narrow_as_expected_grows()
    {
        var small = Funnels.PoissonLimits(10);
        var large = Funnels.PoissonLimits(1000);
        Assert.True(large.Upper998 < small.Upper998 && large.Lower998 > small.Lower998);
        Assert.True(large.Lower998 < large.Lower95 && large.Lower95 < 1 && 1 < large.Upper95 && large.Upper95 < large.Upper998);
    }

    [Fact]
    public void Binomial_limit_is_interpolated_between_counts()
    {
        // Bin(10, ½): P(R ≤ 1) = 11/1024 < 0.025 ≤ P(R ≤ 2) = 56/1024, so r = 2,
        // α = (56 − 25.6)/(56 − 11) = 0.675556 and the limit is (2 − α)/10.
        Assert.Equal((2 - 30.4 / 45) / 10, Funnels.BinomialLimit(10, 0.5, 0.025), 10);
        // Upper: P(R ≤ 7) = 968/1024 < 0.975 ≤ P(R ≤ 8) = 1013/1024, α = (1013 − 998.4)/45.
        Assert.Equal((8 - 14.6 / 45) / 10, Funnels.BinomialLimit(10, 0.5, 0.975), 10);
    }

    [Fact]
    public void Overdispersion_trims_ten_percent_each_end_and_applies_dersimonian_laird()
    {
        // Ten units: z sorted −3, −1, −1, 0, 0.5, 1, 1, 2, 2, 6 with weights w; one trimmed from each end (z = −3 and 6).
        double[] z = [6, -1, 0, 2, -3, 1, 0.5, -1, 1, 2];
        double[] w = [50, 100, 100, 400, 50, 100, 200, 100, 100, 400];
        var od = Funnels.Estimate(z, w);
        // Kept z: −1, −1, 0, 0.5, 1, 1, 2, 2 → Σz² = 1 + 1 + 0 + 0.25 + 1 + 1 + 4 + 4 = 12.25, φ = 12.25 / 8.
        Assert.Equal(8, od.UnitsUsed);
        Assert.Equal(2, od.UnitsTrimmed);
        Assert.Equal(12.25 / 8, od.Phi, 12);
        // Kept w: 100, 100, 100, 200, 100, 100, 400, 400: Σw = 1500, Σw² = 410000; τ² = (8φ − 7) / (1500 − 410000/1500).
        Assert.Equal((12.25 - 7) / (1500 - 410000.0 / 1500), od.Tau2, 12);
        Assert.True(od.Applied);
    }

    [Fact]
    public void No_adjustment_when_phi_is_at_most_one()
    {
        var od = Funnels.Estimate([0.5, -0.5, 0.2, -0.2], [10, 10, 10, 10]);
        Assert.False(od.Applied);
        Assert.Equal(0, od.Tau2);
        var units = new[] { new FunnelInput("a", 10, 10), new FunnelInput("b", 11, 10), new FunnelInput("c", 9, 10) };
        var funnel = Funnels.Ratios(units, adjustForOverdispersion: true);
        Assert.False(funnel.Overdispersion.Applied);
        Assert.Equal(Funnels.PoissonLimits(10), funnel.Points[0].Limits);
    }

    [Fact]
    public void Adjusted_ratio_limits_use_tau_squared_on_the_log_scale()
    {
        var od = new Overdispersion(2, 0.04, 10, 2, true);
        var l = Funnels.LimitsAt(FunnelKind.Ratio, 1, od, 100);
        var z = Distributions.NormalQuantile(0.975);
        Assert.Equal(Math.Exp(z * Math.Sqrt(0.01 + 0.04)), l.Upper95, 12);
        Assert.Equal(Math.Exp(-z * Math.Sqrt(0.01 + 0.04)), l.Lower95, 12);
    }

    [Fact]
    public void Units_are_flagged_by_the_limits_they_cross()
    {
        // E = 100: 99.8% limits about 0.74–1.32; 95% about 0.81–1.22.
        var funnel = Funnels.Ratios(
        [
            new("high", 140, 100), new("alert", 125, 100), new("ok", 100, 100), new("lowish", 78, 100), new("low", 60, 100),
        ], adjustForOverdispersion: false);
        Assert.Equal([FunnelFlag.High998, FunnelFlag.High95, FunnelFlag.Within, FunnelFlag.Low95, FunnelFlag.Low998], funnel.Points.Select(p => p.Flag));
        Assert.Equal(2, funnel.Outliers);
        Assert.Equal(1.4, funnel.Points[0].Value, 12);
        Assert.Equal(Math.Log(1.4) * 10, funnel.Points[0].Z, 12);
    }

    [Fact]
    public void Proportion_target_is_pooled_and_z_uses_binomial_variance()
    {
        var funnel = Funnels.Proportions([new("a", 30, 100), new("b", 10, 100)], adjustForOverdispersion: false);
        Assert.Equal(0.2, funnel.Target, 12);
        Assert.Equal((0.3 - 0.2) / Math.Sqrt(0.2 * 0.8 / 100), funnel.Points[0].Z, 12);
        Assert.Equal(Funnels.BinomialLimits(100, 0.2), funnel.Points[0].Limits);
    }

    [Fact]
    public void A_numerator_above_its_denominator_is_rejected() =>
        Assert.Throws<ArgumentException>(() => Funnels.Proportions([new("a", 11, 10)], false));
}

public class LargeUnitFunnelTests
{
    [Theory]
    [InlineData(1e4)]
    [InlineData(1.5e6)]
    [InlineData(2e7)]
    public void Poisson_limits_for_large_units_match_wilson_hilferty(double e)
    {
        // For large k, χ²_k quantiles are k·(1 − 2/(9k) ± z·√(2/(9k)))³ (Wilson–Hilferty) to far better than 1e−6.
        static double Wh(double k, double z) => k * Math.Pow(1 - 2 / (9 * k) + z * Math.Sqrt(2 / (9 * k)), 3);
        var l = Funnels.PoissonLimits(e);
        var z = Strata.Domain.Foundation.Distributions.NormalQuantile(0.975);
        Assert.Equal(Wh(2 * e, -z) / (2 * e), l.Lower95, 6);
        Assert.Equal(Wh(2 * (e + 1), z) / (2 * e), l.Upper95, 6);
    }

    [Fact]
    public void Winsorising_pulls_the_extreme_z_to_the_10th_and_90th_percentiles_and_keeps_every_unit()
    {
        // The trimming test's units. Sorted z: −3, −1, −1, 0, 0.5, 1, 1, 2, 2, 6. Type-7 percentiles: q10 at
        // position 0.9 = −3 + 0.9 × 2 = −1.2, q90 at 8.1 = 2 + 0.1 × 4 = 2.4. So −3 → −1.2 and 6 → 2.4:
        // Σz² = 1.44 + 1 + 1 + 0 + 0.25 + 1 + 1 + 4 + 4 + 5.76 = 19.45, φ = 1.945.
        double[] z = [6, -1, 0, 2, -3, 1, 0.5, -1, 1, 2];
        double[] w = [50, 100, 100, 400, 50, 100, 200, 100, 100, 400];
        var od = Funnels.Estimate(z, w, OverdispersionMethod.Winsorised);
        Assert.Equal(OverdispersionMethod.Winsorised, od.Method);
        Assert.Equal((10, 2), (od.UnitsUsed, od.UnitsTrimmed));
        Assert.Equal(1.945, od.Phi, 12);
        // All ten weights: Σw = 1600, Σw² = 415000; τ² = (10 × 1.945 − 9) / (1600 − 415000/1600) = 10.45 / 1340.625.
        Assert.Equal(10.45 / 1340.625, od.Tau2, 12);
        Assert.Contains("Winsorised", od.Describe(), StringComparison.Ordinal);
        Assert.Equal(OverdispersionMethod.Trimmed, Funnels.Estimate(z, w).Method);
    }

    // θ = 305/3030; d (0.15 on 1,000) and c (0.05 on 1,000) are far out, so φ > 1 and the limits widen.
    private static readonly FunnelInput[] Spread =
        [new("a", 0, 10), new("b", 5, 10), new("c", 50, 1000), new("d", 150, 1000), new("e", 100, 1000)];

    [Fact]
    public void Overdispersed_proportion_limits_never_leave_zero_to_one()
    {
        foreach (var method in Enum.GetValues<OverdispersionMethod>())
        {
            var r = Funnels.Proportions(Spread, adjustForOverdispersion: true, method);
            Assert.True(r.Overdispersion.Applied);
            // At n = 10 the normal limit θ − 3.09 √(θ(1 − θ)/10 + τ²) is below 0: it is clamped there.
            var a = r.Points[0].Limits;
            Assert.Equal(0, a.Lower998);
            Assert.Equal(0, a.Lower95);
            Assert.All(r.Points, p => Assert.All(new[] { p.Limits.Lower95, p.Limits.Upper95, p.Limits.Lower998, p.Limits.Upper998 }, v => Assert.InRange(v, 0, 1)));
            var curve = Funnels.LimitsAt(FunnelKind.Proportion, r.Target, r.Overdispersion, 1);
            Assert.Equal((0.0, 1.0), (curve.Lower998, curve.Upper998));
        }
    }

    [Fact]
    public void Many_units_with_no_events_warn_and_a_few_do_not()
    {
        var r = Funnels.Proportions(Spread, adjustForOverdispersion: false);
        Assert.Contains("1 of 5 units have no events", Assert.Single(r.Warnings), StringComparison.Ordinal);
        var ratios = Enumerable.Range(0, 10).Select(i => new FunnelInput($"u{i}", i == 0 ? 0 : 10, 10)).ToList();
        Assert.Single(Funnels.Ratios(ratios, false).Warnings); // 1 of 10 = 10%: warns
        ratios.Add(new FunnelInput("u10", 10, 10));
        Assert.Empty(Funnels.Ratios(ratios, false).Warnings); // 1 of 11 < 10%
    }
}

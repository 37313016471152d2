using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Domain.Tests.Understand;

/// <summary>
/// Beta-binomial and negative-binomial funnel limits, chosen so the distributions are ones a hand can sum: with
/// θ = 0.5 and ρ = 1/3 the beta-binomial has a = b = 1 and is uniform on 0..n; with τ² = 1 the negative binomial has
/// size 1 and is geometric, P(O ≤ r) = 1 − (E/(1 + E))^(r + 1). Each limit is Spiegelhalter's interpolated quantile
/// (r − α)/size with α = (F(r) − p)/(F(r) − F(r − 1)), never below 0.
/// </summary>
public class DiscreteFunnelLimitsTests
{
    [Fact]
    public void Beta_binomial_with_a_equal_b_equal_one_is_uniform_and_interpolates_by_hand()
    {
        // n = 2: P(0) = P(1) = P(2) = 1/3. Upper 97.5%: r = 2, α = (1 − 0.975)/(1/3) = 0.075 → (2 − 0.075)/2.
        // Upper 99.9%: α = 0.001 × 3 = 0.003 → 1.997/2. Lower: r = 0 and (0 − α)/2 < 0 → 0.
        var l = Funnels.BetaBinomialLimits(2, 0.5, 1.0 / 3);
        Assert.Equal(0.9625, l.Upper95, 9);
        Assert.Equal(0.9985, l.Upper998, 9);
        Assert.Equal((0.0, 0.0), (l.Lower95, l.Lower998));
        // n = 4: each count 0.2. Upper 97.5%: r = 4, α = 0.025/0.2 = 0.125 → 3.875/4.
        Assert.Equal(0.96875, Funnels.BetaBinomialLimits(4, 0.5, 1.0 / 3).Upper95, 9);
    }

    [Fact]
    public void Beta_binomial_with_a_equal_b_equal_two_sums_its_pmf()
    {
        // ρ = 1/5 → a = b = 2; n = 2: P(0) = B(2, 4)/B(2, 2) = (1/20)/(1/6) = 0.3, P(1) = 0.4, P(2) = 0.3.
        // Upper 97.5%: r = 2, α = 0.025/0.3 → (2 − 1/12)/2.
        var l = Funnels.BetaBinomialLimits(2, 0.5, 0.2);
        Assert.Equal((2 - 0.025 / 0.3) / 2, l.Upper95, 9);
        Assert.Equal((2 - 0.001 / 0.3) / 2, l.Upper998, 9);
    }

    [Fact]
    public void Beta_binomial_tends_to_the_exact_binomial_as_rho_vanishes_and_widens_with_rho()
    {
        var binomial = Funnels.BinomialLimits(1000, 0.1);
        var almost = Funnels.BetaBinomialLimits(1000, 0.1, 1e-9);
        Assert.Equal(binomial.Lower998, almost.Lower998, 5);
        Assert.Equal(binomial.Upper998, almost.Upper998, 5);
        Assert.Equal(binomial.Upper95, almost.Upper95, 5);
        // ρ = 0.001 at n = 10,000, θ = 0.2: sd = √(0.16 × (1 + 9,999 × 0.001)/10,000) = 0.0132660; the 95% limits are
        // within 0.001 of θ ± 1.96 sd (nearly normal there; the small right skew moves both up by about 0.0005).
        var wide = Funnels.BetaBinomialLimits(10_000, 0.2, 0.001);
        var sd = Math.Sqrt(0.16 * (1 + 9999 * 0.001) / 10_000);
        Assert.Equal(0.2 + 1.96 * sd, wide.Upper95, 0.001);
        Assert.Equal(0.2 - 1.96 * sd, wide.Lower95, 0.001);
    }

    [Fact]
    public void Negative_binomial_with_size_one_is_geometric_and_interpolates_by_hand()
    {
        // E = 1, τ² = 1: P(O ≤ r) = 1 − 0.5^(r + 1). Upper 97.5%: r = 5 (F = 63/64, F(4) = 31/32), α = (63/64 − 0.975)/(1/64)
        // = 0.6 → 4.4. Upper 99.9%: r = 9 (F = 1023/1024, F(8) = 511/512), α = (1023/1024 − 0.999) × 1024 = 0.024 → 8.976.
        var l = Funnels.NegativeBinomialLimits(1, 1);
        Assert.Equal(4.4, l.Upper95, 9);
        Assert.Equal(8.976, l.Upper998, 9);
        Assert.Equal((0.0, 0.0), (l.Lower95, l.Lower998));
        // E = 4: P(O ≤ r) = 1 − 0.8^(r + 1); upper 97.5% at r = 16, α = (F(16) − 0.975)/(F(16) − F(15)), limit (16 − α)/4.
        double F(int r) => 1 - Math.Pow(0.8, r + 1);
        var alpha = (F(16) - 0.975) / (F(16) - F(15));
        Assert.Equal((16 - alpha) / 4, Funnels.NegativeBinomialLimits(4, 1).Upper95, 9);
    }

    [Fact]
    public void The_limit_shape_is_an_option_named_in_the_output_and_checked_against_the_kind()
    {
        FunnelInput[] units = [new("a", 2, 10), new("b", 5, 10), new("c", 50, 100), new("d", 90, 100), new("e", 10, 100)];
        var bb = Funnels.Proportions(units, adjustForOverdispersion: true, OverdispersionMethod.Trimmed, OverdispersionLimits.BetaBinomial);
        Assert.True(bb.Overdispersion.Applied);
        Assert.Contains("beta-binomial", bb.Overdispersion.Describe(), StringComparison.Ordinal);
        var rho = bb.Overdispersion.Tau2 / (bb.Target * (1 - bb.Target));
        Assert.Equal(Funnels.BetaBinomialLimits(100, bb.Target, rho), bb.Points[2].Limits);
        Assert.Throws<StrataValidationException>(() => Funnels.Proportions(units, true, OverdispersionMethod.Trimmed, OverdispersionLimits.NegativeBinomial));

        FunnelInput[] ratios = [new("a", 2, 10), new("b", 30, 10), new("c", 100, 100), new("d", 200, 100), new("e", 40, 100)];
        var nb = Funnels.Ratios(ratios, adjustForOverdispersion: true, OverdispersionMethod.Winsorised, OverdispersionLimits.NegativeBinomial);
        Assert.True(nb.Overdispersion.Applied);
        Assert.Contains("negative-binomial", nb.Overdispersion.Describe(), StringComparison.Ordinal);
        Assert.Equal(Funnels.NegativeBinomialLimits(100, nb.Overdispersion.Tau2), nb.Points[2].Limits);
        Assert.Throws<StrataValidationException>(() => Funnels.Ratios(ratios, true, OverdispersionMethod.Trimmed, OverdispersionLimits.BetaBinomial));
    }

    [Fact]
    public void Exact_binomial_lower_limits_stop_at_zero_for_small_denominators()
    {
        // n = 10, θ = 0.05: P(R ≤ 0) = 0.95^10 = 0.5987; the interpolation gives (0 − (0.5987 − 0.025)/0.5987)/10 = −0.0958.
        var l = Funnels.BinomialLimits(10, 0.05);
        Assert.Equal(0, l.Lower95);
        Assert.Equal(0, l.Lower998);
        Assert.Equal(0, Funnels.BinomialLimit(10, 0.05, 0.025));
    }
}

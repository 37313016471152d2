using Strata.Domain.Understand;

namespace Strata.Domain.Tests.Understand;

public class InequalityTests
{
    [Fact]
    public void Slope_index_on_a_hand_worked_example_with_unequal_populations()
    {
        // Populations 100, 200, 300, 200, 200 (N = 1000); rates 50, 40, 30, 20, 20.
        // Rank midpoints 0.05, 0.20, 0.45, 0.70, 0.90; weighted means x̄ = 0.5, ȳ = 30.
        // Sxy = 100(−0.45)(20) + 200(−0.3)(10) + 0 + 200(0.2)(−10) + 200(0.4)(−10) = −2700.
        // Sxx = 100(0.2025) + 200(0.09) + 300(0.0025) + 200(0.04) + 200(0.16) = 79.
        // slope = −2700/79; SII = 2700/79 = 34.17722; RII = SII / 30.
        var gaps = Inequality.Gaps(
        [
            new(1, 100, 50), new(2, 200, 40), new(3, 300, 30), new(4, 200, 20), new(5, 200, 20),
        ]);
        Assert.Equal(2700.0 / 79, gaps.SlopeIndex!.Value, 9);
        Assert.Equal(2700.0 / 79 / 30, gaps.RelativeIndex!.Value, 9);
        Assert.Equal(30, gaps.AbsoluteGap!.Value, 9);
        Assert.Equal(2.5, gaps.RelativeGap!.Value, 9);
    }

    [Fact]
    public void A_straight_line_gradient_over_equal_groups_recovers_the_end_to_end_difference()
    {
        // Rates 55 − 50x at midpoints 0.1..0.9: fitted(0) − fitted(1) = 50, while Q1 − Q5 = 40.
        var gaps = Inequality.Gaps([new(5, 100, 10), new(4, 100, 20), new(3, 100, 30), new(2, 100, 40), new(1, 100, 50)]);
        Assert.Equal(50, gaps.SlopeIndex!.Value, 9);
        Assert.Equal(40, gaps.AbsoluteGap!.Value, 9);
    }

    [Fact]
    public void Higher_rates_in_the_least_deprived_give_a_negative_index()
    {
        var gaps = Inequality.Gaps([new(1, 100, 10), new(2, 100, 20), new(3, 100, 30), new(4, 100, 40), new(5, 100, 50)]);
        Assert.Equal(-50, gaps.SlopeIndex!.Value, 9);
        Assert.Equal(0.2, gaps.RelativeGap!.Value, 9);
    }

    [Fact]
    public void A_withheld_rate_withholds_the_index_but_not_an_unaffected_gap()
    {
        var gaps = Inequality.Gaps([new(1, 100, 50), new(2, 100, 40), new(3, 0, null), new(4, 100, 20), new(5, 100, 10)]);
        Assert.Null(gaps.SlopeIndex);
        Assert.Null(gaps.RelativeIndex);
        Assert.Equal(40, gaps.AbsoluteGap!.Value, 9);
    }

    [Fact]
    public void Relative_gap_is_not_computable_against_a_zero_rate()
    {
        var gaps = Inequality.Gaps([new(1, 100, 5), new(5, 100, 0)]);
        Assert.Null(gaps.RelativeGap);
        Assert.Equal(5, gaps.AbsoluteGap!.Value, 9);
    }
}

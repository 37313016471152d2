using Strata.Domain.Evaluate;

namespace Strata.Domain.Tests.Evaluate;

/// <summary>Interrupted time series and synthetic control on hand-built series.</summary>
public class ImpactDesignTests
{
    private static List<SpcObservation> Series(params double[] values) =>
        [.. values.Select((v, i) => new SpcObservation(new DateOnly(2023, 1, 1).AddMonths(i), v))];

    [Fact]
    public void Segmented_regression_recovers_level_and_slope_change_and_the_counterfactual()
    {
        // Pre (t = 0..5): 10 + 0.5t. Post (t = 6..11): the same line + 3 + 1 × (t − 6).
        var y = Enumerable.Range(0, 12).Select(t => 10 + 0.5 * t + (t >= 6 ? 3 + (t - 6) : 0)).ToArray();
        var r = InterruptedTimeSeries.Analyse(Series(y), new DateOnly(2023, 7, 1), lag: 1);
        Assert.Equal(10, r.Baseline.Estimate, 9);
        Assert.Equal(0.5, r.PreSlope.Estimate, 9);
        Assert.Equal(3, r.LevelChange.Estimate, 9);
        Assert.Equal(1, r.SlopeChange.Estimate, 9);
        Assert.Equal(3 + 1 * 5, r.EffectAtEnd, 9);
        Assert.Equal((6, 6), (r.PrePeriods, r.PostPeriods));
        Assert.Equal(10 + 0.5 * 11, r.Points[^1].Counterfactual, 9);
        Assert.Equal(y[^1], r.Points[^1].Fitted, 9);
        Assert.False(r.Points[5].Post);
        Assert.True(r.Points[6].Post);
        Assert.Contains("fewer than 8", Assert.Single(r.Warnings), StringComparison.Ordinal);
        Assert.NotEmpty(r.Assumptions);
    }

    [Fact]
    public void Newey_west_standard_error_of_a_mean_by_hand()
    {
        // y = 1, 3, 2, 4: mean 2.5, residuals −1.5, 0.5, −0.5, 1.5. Σe² = 5; lag-1 cross products
        // 0.5·(−1.5) + (−0.5)·0.5 + 1.5·(−0.5) = −1.75, Bartlett weight 1/2: S = 5 + 2 × ½ × (−1.75) = 3.25.
        // V = S / n² × n/(n − k) = 3.25/16 × 4/3.
        double[][] x = [[1], [1], [1], [1]];
        double[] y = [1, 3, 2, 4];
        var nw = NeweyWest.Fit(["mean"], x, y, lag: 1)["mean"];
        Assert.Equal(2.5, nw.Estimate, 12);
        Assert.Equal(Math.Sqrt(3.25 / 16 * 4 / 3), nw.StandardError, 12);
        // Lag 0 is HC1.
        Assert.Equal(Ols.Fit(["mean"], x, y)["mean"].StandardError, NeweyWest.Fit(["mean"], x, y, lag: 0)["mean"].StandardError, 12);
    }

    [Fact]
    public void Default_lag_is_the_newey_west_rule_of_thumb_and_short_series_are_refused()
    {
        Assert.Equal(4, InterruptedTimeSeries.DefaultLag(100)); // 4 × 1
        Assert.Equal(3, InterruptedTimeSeries.DefaultLag(36));  // 4 × 0.36^(2/9) = 3.19
        Assert.Throws<ArgumentException>(() => InterruptedTimeSeries.Analyse(Series(1, 2, 3, 4), new DateOnly(2023, 3, 1)));
        var partial = Series(1, 2, 3, 4, 5, 6);
        partial[^1] = partial[^1] with { Partial = true };
        Assert.Throws<ArgumentException>(() => InterruptedTimeSeries.Analyse(partial, new DateOnly(2023, 4, 1)));
    }

    [Theory]
    [InlineData(new[] { 0.5, 0.5 }, new[] { 0.5, 0.5 })]
    [InlineData(new[] { 2.0, 0.0 }, new[] { 1.0, 0.0 })]
    [InlineData(new[] { 0.3, 0.3, 0.3 }, new[] { 1 / 3.0, 1 / 3.0, 1 / 3.0 })]
    [InlineData(new[] { 0.8, 0.6, -1.0 }, new[] { 0.6, 0.4, 0.0 })]
    public void Simplex_projection_by_hand(double[] v, double[] expected)
    {
        var p = SyntheticControl.Project(v);
        Assert.Equal(expected.Length, p.Length);
        for (var i = 0; i < p.Length; i++)
        {
            Assert.Equal(expected[i], p[i], 12);
        }
    }

    [Fact]
    public void Synthetic_control_finds_the_donor_mix_and_the_post_gap_and_ranks_it_against_placebos()
    {
        // Pre (4 periods) the treated unit is exactly ½A + ½B; after, it is 10 above that mix.
        var a = new UnitSeries("A", [1, 2, 3, 4, 5, 6]);
        var b = new UnitSeries("B", [3, 3, 3, 3, 3, 3]);
        var c = new UnitSeries("C", [10, 0, 10, 0, 10, 0]);
        var treated = new UnitSeries("T", [2, 2.5, 3, 3.5, 14, 14.5]);
        var r = SyntheticControl.Estimate(treated, [a, b, c], prePeriods: 4);
        Assert.Equal(0.5, r.Weights["A"], 4);
        Assert.Equal(0.5, r.Weights["B"], 4);
        Assert.Equal(0, r.Weights["C"], 4);
        Assert.Equal(1, r.Weights.Values.Sum(), 12);
        Assert.All(r.Weights.Values, w => Assert.True(w >= 0));
        Assert.Equal(10, r.MeanPostGap, 3);
        Assert.Equal(4.5, r.Synthetic[5], 3);
        Assert.True(r.PreRmspe < 1e-3);
        // Three placebos: the treated unit's post/pre ratio is the largest, so P = 1/4 (the smallest possible).
        Assert.Equal(3, r.Placebos.Count);
        Assert.Equal(0.25, r.PValue, 12);
        Assert.Contains("smallest possible P is 1/4", r.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Placebos_that_fit_much_worse_than_the_treated_unit_can_be_left_out()
    {
        var a = new UnitSeries("A", [1, 2, 3, 4, 5, 6]);
        var b = new UnitSeries("B", [3, 3, 3, 3, 3, 3]);
        var c = new UnitSeries("C", [10, 0, 10, 0, 10, 0]);
        var treated = new UnitSeries("T", [2.1, 2.4, 3.1, 3.4, 14, 14.5]);
        var r = SyntheticControl.Estimate(treated, [a, b, c], prePeriods: 4, placeboCutoff: 5);
        // C cannot be built from A and B: its pre-period RMSPE is far above 5 × the treated unit's.
        Assert.False(r.Placebos.Single(p => p.Unit == "C").Kept);
        Assert.Throws<ArgumentException>(() => SyntheticControl.Estimate(treated, [a], 4));
        Assert.Throws<ArgumentException>(() => SyntheticControl.Estimate(treated, [a, b, new UnitSeries("T", [1, 2, 3, 4, 5, 6])], 4));
    }
}

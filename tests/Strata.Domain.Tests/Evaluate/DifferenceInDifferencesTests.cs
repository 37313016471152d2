using Strata.Domain.Evaluate;
using Strata.Domain.Foundation;

namespace Strata.Domain.Tests.Evaluate;

public class DifferenceInDifferencesTests
{
    [Fact]
    public void Ols_and_hc1_match_a_hand_worked_example()
    {
        // y = 1, 3, 2, 5 on x = 0..3. X'X = [[4,6],[6,14]], inverse [[0.7,-0.3],[-0.3,0.2]], X'y = [11,22] -> b = (1.1, 1.1).
        // Residuals -0.1, 0.8, -1.3, 0.6; meat = Σe²xx' = [[2.7,5.1],[5.1,10.64]].
        // (X'X)⁻¹ meat (X'X)⁻¹ = [[0.1386,-0.0324],[-0.0324,0.0566]]; HC1 × n/(n-k) = 2 -> var 0.2772 and 0.1132.
        var fit = Ols.Fit(["intercept", "x"], [[1, 0], [1, 1], [1, 2], [1, 3]], [1, 3, 2, 5]);
        Assert.Equal(1.1, fit["intercept"].Estimate, 12);
        Assert.Equal(1.1, fit["x"].Estimate, 12);
        Assert.Equal(Math.Sqrt(0.2772), fit["intercept"].StandardError, 12);
        Assert.Equal(Math.Sqrt(0.1132), fit["x"].StandardError, 12);
        Assert.Equal(1.1 - 1.959963984540054 * Math.Sqrt(0.1132), fit["x"].CiLow, 6);
        Assert.Equal(4, fit.N);
    }

    [Fact]
    public void Without_covariates_the_effect_is_the_difference_of_the_four_cell_mean_differences()
    {
        // Treated: pre 10, 12 (mean 11), post 20, 22 (21). Control: pre 5, 7 (6), post 8, 10 (9). DiD = (21-11) - (9-6) = 7.
        PanelRow R(double y, bool t, bool p) => new(y, t, p, []);
        var fit = DifferenceInDifferences.Estimate(
            [R(10, true, false), R(12, true, false), R(20, true, true), R(22, true, true),
             R(5, false, false), R(7, false, false), R(8, false, true), R(10, false, true)], []);
        Assert.Equal(7, fit[DifferenceInDifferences.EffectTerm].Estimate, 10);
        Assert.Equal(6, fit["intercept"].Estimate, 10);
        Assert.Equal(5, fit["treated"].Estimate, 10);
        Assert.Equal(3, fit["post"].Estimate, 10);
    }

    [Fact]
    public void Recovers_a_known_effect_on_generated_panel_data()
    {
        // 400 units (half treated, with a higher baseline) over 6 periods (3 post); true effect -1.5; covariate slope 0.8.
        var rng = new Rng(20251123);
        var rows = new List<PanelRow>();
        for (var unit = 0; unit < 400; unit++)
        {
            var treated = unit % 2 == 0;
            var unitLevel = rng.Normal(0, 0.5);
            for (var t = 0; t < 6; t++)
            {
                var post = t >= 3;
                var age = rng.Normal(60, 10);
                var y = 10 + (treated ? 2 : 0) + (post ? 1 : 0) + (treated && post ? -1.5 : 0) + 0.8 * (age - 60) / 10 + unitLevel + rng.Normal(0, 1);
                rows.Add(new PanelRow(y, treated, post, [(age - 60) / 10]));
            }
        }
        var effect = DifferenceInDifferences.Estimate(rows, ["age10"])[DifferenceInDifferences.EffectTerm];
        Assert.InRange(-1.5, effect.CiLow, effect.CiHigh);
        Assert.InRange(effect.StandardError, 0.05, 0.3);
        Assert.True(effect.CiHigh < 0, "the effect is distinguishable from zero");
    }

    [Fact]
    public void Bootstrap_interval_covers_the_effect_and_is_reproducible_from_its_seed()
    {
        var rng = new Rng(7);
        var clusters = new List<IReadOnlyList<PanelRow>>();
        for (var unit = 0; unit < 200; unit++)
        {
            var treated = unit < 100;
            var level = rng.Normal(3, 1);
            clusters.Add([new PanelRow(level + rng.Normal(0, 1), treated, false, []),
                new PanelRow(level + 0.5 + (treated ? 2 : 0) + rng.Normal(0, 1), treated, true, [])]);
        }
        var a = DifferenceInDifferences.Bootstrap(clusters, [], 300, 99);
        var b = DifferenceInDifferences.Bootstrap(clusters, [], 300, 99);
        Assert.Equal(a, b);
        Assert.InRange(2.0, a.Low, a.High);
        Assert.True(a.Low > 1 && a.High < 3);
    }

    [Fact]
    public void Collinear_covariate_is_an_error_not_a_silent_fit()
    {
        PanelRow R(double y, bool t, bool p) => new(y, t, p, [1]);
        Assert.Throws<ArgumentException>(() => DifferenceInDifferences.Estimate(
            [R(1, true, false), R(2, true, true), R(3, false, false), R(4, false, true), R(5, true, true), R(6, false, false)], ["constant"]));
    }

    [Fact]
    public void Quantile_is_type_7()
    {
        Assert.Equal(2.5, Statistics.Quantile([1, 2, 3, 4], 0.5), 12);
        Assert.Equal(1.075, Statistics.Quantile([1, 2, 3, 4], 0.025), 12);
    }
}

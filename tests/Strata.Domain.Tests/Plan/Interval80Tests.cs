using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Domain.Tests.Plan;

public class Interval80Tests
{
    [Fact]
    public void An_80_percent_interval_becomes_a_normal_with_the_spec_mean_and_sd()
    {
        var i = new Interval80(0.1, 0.3);
        Assert.Equal(0.2, i.Mean, 12);
        // sd = (hi − lo) / 2.563103 = 0.2 / 2.563103 = 0.078030
        Assert.Equal(0.078030, i.Sd, 6);
        Assert.Equal(2.563103, Interval80.Divisor, 6);
    }

    [Fact]
    public void Draws_put_ten_percent_below_lo_and_ten_percent_above_hi()
    {
        var i = new Interval80(0.1, 0.3);
        var rng = new Rng(7);
        var draws = Enumerable.Range(0, 40_000).Select(_ => i.Draw(rng, 0, 1)).ToList();
        Assert.Equal(0.10, draws.Count(d => d < 0.1) / 40_000.0, 2);
        Assert.Equal(0.10, draws.Count(d => d > 0.3) / 40_000.0, 2);
        Assert.Equal(0.2, draws.Average(), 2);
    }

    [Fact]
    public void Draws_are_clipped_to_the_valid_range()
    {
        // [0.85, 1.0]: hi is the 90th percentile, so 10% of raw draws exceed 1 and must be clipped to exactly 1.
        var i = new Interval80(0.85, 1.0);
        var rng = new Rng(3);
        var draws = Enumerable.Range(0, 10_000).Select(_ => i.Draw(rng, 0, 1)).ToList();
        Assert.All(draws, d => Assert.InRange(d, 0, 1));
        Assert.Contains(1.0, draws);
        Assert.Equal(0.10, draws.Count(d => d == 1.0) / 10_000.0, 2);
    }

    [Fact]
    public void Principal_value_is_the_clipped_mean()
    {
        Assert.Equal(0.2, new Interval80(0.1, 0.3).Principal(0, 1), 12);
        Assert.Equal(1.0, new Interval80(0.9, 1.3).Principal(0, 1), 12);
    }
}

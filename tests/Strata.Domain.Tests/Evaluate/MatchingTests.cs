using Strata.Domain.Evaluate;
using Strata.Domain.Foundation;

namespace Strata.Domain.Tests.Evaluate;

public class MatchingTests
{
    private static MatchCandidate P(string id, bool treated, string cell, double logit, double x = 0) => new(id, treated, cell, logit, [x]);

    [Fact]
    public void Nearest_neighbour_within_the_cell_without_replacement()
    {
        var people = new[]
        {
            P("t1", true, "a", 0.0), P("t2", true, "a", 1.0), P("c1", false, "a", 0.1), P("c2", false, "a", 0.95), P("c3", false, "a", 3.0),
            P("t3", true, "b", 0.5), P("c4", false, "c", 0.5),
        };
        var r = Matching.Match(people, 10, 1);
        Assert.Equal([("t1", "c1"), ("t2", "c2")], r.Pairs.Select(p => (p.TreatedId, p.ControlId)).Order());
        Assert.Equal(1, r.NoCandidates); // t3: nobody in cell b (c4 is in cell c, however close)
        Assert.Equal(0, r.OutsideCaliper);
    }

    [Fact]
    public void Caliper_is_a_multiple_of_the_sd_of_the_logit()
    {
        // Logits 0, 1, 0.1, 0.95, 3: mean 1.01, sample SD 1.2196...; caliper 0.05 SD = 0.061 rejects the 0.1 and 0.05 gaps.
        var people = new[] { P("t1", true, "a", 0.0), P("t2", true, "a", 1.0), P("c1", false, "a", 0.1), P("c2", false, "a", 0.95), P("c3", false, "a", 3.0) };
        var sd = Statistics.MeanSd([0, 1, 0.1, 0.95, 3]).Sd;
        var tight = Matching.Match(people, 0.05, 1);
        Assert.Equal(0.05 * sd, tight.Caliper, 12);
        Assert.Single(tight.Pairs);
        Assert.Equal("t2", tight.Pairs[0].TreatedId);
        Assert.Equal(1, tight.OutsideCaliper);
    }

    [Fact]
    public void Standardised_mean_difference_uses_the_pooled_sd()
    {
        Assert.Equal(1 / Math.Sqrt(5), Matching.Smd((2, 3), (1, 1)), 12);
        Assert.Equal(0, Matching.Smd((1, 0), (1, 0)));
    }

    [Fact]
    public void Balance_compares_treated_with_the_pool_and_with_matched_controls()
    {
        // Treated x = 2, 4 (mean 3, sd √2); pool x = 0, 0, 2, 4 (mean 1.5); matched controls 2, 4 -> SMD after 0.
        var people = new[] { P("t1", true, "a", 0, 2), P("t2", true, "a", 1, 4), P("c1", false, "a", 0, 2), P("c2", false, "a", 1, 4), P("c3", false, "a", 5, 0), P("c4", false, "a", 6, 0) };
        var pairs = new[] { new MatchedPair("t1", "c1", 0), new MatchedPair("t2", "c2", 0) };
        var row = Assert.Single(Matching.Balance(["x"], people, pairs));
        Assert.Equal(3, row.TreatedMean, 12);
        Assert.Equal(1.5, row.PoolMean, 12);
        Assert.Equal(1.5 / Math.Sqrt((2 + 11 / 3.0) / 2), row.SmdBefore, 12);
        Assert.Equal(0, row.SmdAfter, 12);
    }
}

public class LogisticTests
{
    [Fact]
    public void Saturated_two_group_model_gives_the_group_log_odds()
    {
        // Group 0: 1 of 4 positive (log odds -ln 3); group 1: 3 of 4 (ln 3), so the coefficient is 2 ln 3.
        double[][] x = [[1, 0], [1, 0], [1, 0], [1, 0], [1, 1], [1, 1], [1, 1], [1, 1]];
        bool[] y = [true, false, false, false, true, true, true, false];
        var b = Logistic.Fit(x, y);
        Assert.Equal(-Math.Log(3), b[0], 4);
        Assert.Equal(2 * Math.Log(3), b[1], 4);
    }

    [Fact]
    public void Recovers_known_coefficients_on_generated_data()
    {
        var rng = new Rng(11);
        var x = new List<double[]>();
        var y = new List<bool>();
        for (var i = 0; i < 5000; i++)
        {
            var v = rng.Normal();
            x.Add([1, v]);
            y.Add(rng.Bernoulli(1 / (1 + Math.Exp(-(-1 + 2 * v)))));
        }
        var b = Logistic.Fit(x, y);
        Assert.InRange(b[0], -1.15, -0.85);
        Assert.InRange(b[1], 1.8, 2.2);
    }
}

using Strata.Domain.Plan;

namespace Strata.Domain.Tests.Plan;

/// <summary>The Markov segment transition model on hand-built counts.</summary>
public class SegmentTransitionTests
{
    private static readonly TransitionStratum Young = new("30-34", "F", 3);

    private static SegmentTransitionModel Model() => SegmentTransitionModel.Estimate(
    [
        new(Young, "healthy", "healthy", 700), new(Young, "healthy", "ltc_single", 200), new(Young, "healthy", SegmentTransitionModel.Exited, 100),
        new(Young, "ltc_single", "ltc_single", 100),
    ], [new SegmentCell(Young, "healthy", 40)], yearsObserved: 2);

    [Fact]
    public void The_expected_projection_moves_people_by_the_observed_rates_removes_exits_and_adds_entrants_per_year()
    {
        var p = Model().Project([new SegmentCell(Young, "healthy", 1000)], years: 1, runs: 0, seed: 1);
        // 1000 healthy: 70% stay, 20% develop a condition, 10% leave; entrants 40 over 2 years = 20 a year.
        Assert.Equal(700 + 20, p.Of(1, "healthy").People.Mean, 9);
        Assert.Equal(200, p.Of(1, "ltc_single").People.Mean, 9);
        Assert.Equal(1000, p.Of(0, "healthy").People.Mean, 9);
    }

    [Fact]
    public void A_sparse_stratum_shrinks_to_its_segments_pooled_rates_by_the_prior_weight()
    {
        var old = new TransitionStratum("85+", "M", 1);
        var model = SegmentTransitionModel.Estimate(
        [
            new(Young, "healthy", "healthy", 900), new(Young, "healthy", "ltc_single", 100), new(old, "healthy", "ltc_single", 1),
        ], [], 1);
        // Pooled healthy row: 900 stay, 101 move of 1,001; the 85+ row: 1 move + 10 pseudo-people at the pooled rates.
        var row = model.MeanRow(old, "healthy")!;
        Assert.Equal(10 * 900 / 1001.0 / 11, row[model.Segments.ToList().IndexOf("healthy")], 12);
        Assert.Equal((1 + 10 * 101 / 1001.0) / 11, row[model.Segments.ToList().IndexOf("ltc_single")], 12);
    }

    [Fact]
    public void A_fifth_of_each_age_band_ages_into_the_next_band_each_year()
    {
        var model = SegmentTransitionModel.Estimate([new(Young, "healthy", "healthy", 100), new(Young with { AgeBand = "35-39" }, "healthy", "healthy", 100)], [], 1);
        var p = model.Project([new SegmentCell(Young, "healthy", 1000)], 2, 0, 1);
        // No movement between segments or exits: the segment keeps its 1,000 while the people age.
        Assert.Equal(1000, p.Of(2, "healthy").People.Mean, 9);
    }

    [Fact]
    public void Runs_draw_uncertain_rates_so_the_80_percent_interval_brackets_the_expectation_and_is_reproducible()
    {
        var p = Model().Project([new SegmentCell(Young, "healthy", 1000)], 3, 400, 11);
        var q = Model().Project([new SegmentCell(Young, "healthy", 1000)], 3, 400, 11);
        var h = p.Of(3, "healthy").People;
        Assert.True(h.P10 < h.Mean && h.Mean < h.P90, $"{h}");
        Assert.Equal(h, q.Of(3, "healthy").People);
        Assert.Throws<ArgumentException>(() => Model().Project([new SegmentCell(Young, "unknown", 5)], 1, 0, 1));
    }
}

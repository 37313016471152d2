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

public class SegmentMixTests
{
    [Fact]
    public void A_projected_segment_mix_moves_activity_between_segments_while_demography_sets_the_size()
    {
        var young = new TransitionStratum("30-34", "F", 3);
        var model = SegmentTransitionModel.Estimate(
            [new(young, "healthy", "healthy", 80), new(young, "healthy", "ltc_single", 20), new(young, "ltc_single", "ltc_single", 100)], [], 1);
        var projection = model.Project([new SegmentCell(young, "healthy", 800), new SegmentCell(young, "ltc_single", 200)], 1, 0, 1);
        var mix = GrowthAssumptions.MixFrom(projection);
        // Year 1: healthy 640 of 1,000 (share 0.64 from 0.8), ltc_single 360 (0.36 from 0.2).
        Assert.Equal(0.8, mix[("healthy", 1)], 12);
        Assert.Equal(1.8, mix[("ltc_single", 1)], 12);

        var growth = PlanFixtures.NoGrowth() with { SegmentMix = mix };
        var ltc = PlanFixtures.Healthy with { Segment = "ltc_single" };
        var run = PlanFixtures.Run(PlanFixtures.Baseline([new ActivityCell(PlanFixtures.Healthy, "gp_appointment", 1000, 0, 0), new ActivityCell(ltc, "gp_appointment", 500, 0, 0)]),
            [], 1, new ScenarioOptions(Runs: 0), growth);
        Assert.Equal(1000 * 0.8 + 500 * 1.8, PlanFixtures.Total(run.Model, run.Runs[0].Activity, 1), 9);
    }

    [Fact]
    public void Each_Monte_Carlo_run_samples_a_segment_mix_so_transition_uncertainty_reaches_the_outturn()
    {
        var ltc = PlanFixtures.Healthy with { Segment = "ltc_single" };
        var baseline = PlanFixtures.Baseline([new ActivityCell(PlanFixtures.Healthy, "gp_appointment", 1000, 0, 0), new ActivityCell(ltc, "gp_appointment", 500, 0, 0)]);
        Dictionary<(string Segment, int Year), double> Mix(double healthy, double single) => new() { [("healthy", 1)] = healthy, [("ltc_single", 1)] = single };
        var growth = PlanFixtures.NoGrowth() with { SegmentMix = Mix(0.8, 1.8), SegmentMixDraws = [Mix(0.5, 2.0), Mix(1.2, 0.8)] };
        // No Poisson noise, so each run's total is its mix draw's expectation; run r takes draw (r − 1) mod 2.
        var run = PlanFixtures.Run(baseline, [], 1, new ScenarioOptions(Runs: 3, Noise: false), growth);
        double Year1(int r) => PlanFixtures.Total(run.Model, run.Runs[r].Activity, 1);
        Assert.Equal(1000 * 0.8 + 500 * 1.8, Year1(0), 9);
        Assert.Equal(1000 * 0.5 + 500 * 2.0, Year1(1), 9);
        Assert.Equal(1000 * 1.2 + 500 * 0.8, Year1(2), 9);
        Assert.Equal(Year1(1), Year1(3), 9);
        Assert.Equal([-1, 0, 1, 0], run.Runs.Select(r => r.MixDraw));
        // The baseline year is the data: no draw changes it.
        Assert.All(run.Runs, r => Assert.Equal(1500, PlanFixtures.Total(run.Model, r.Activity, 0), 9));
    }

    [Fact]
    public void A_projection_with_runs_gives_one_mix_per_run_around_the_expected_mix()
    {
        var young = new TransitionStratum("30-34", "F", 3);
        var model = SegmentTransitionModel.Estimate(
            [new(young, "healthy", "healthy", 80), new(young, "healthy", "ltc_single", 20), new(young, "ltc_single", "ltc_single", 100)], [], 1);
        var projection = model.Project([new SegmentCell(young, "healthy", 800), new SegmentCell(young, "ltc_single", 200)], 2, 200, 7);
        var draws = GrowthAssumptions.MixDraws(projection);
        Assert.Equal(200, draws.Count);
        var expected = GrowthAssumptions.MixFrom(projection)[("ltc_single", 2)];
        var sampled = draws.Select(d => d[("ltc_single", 2)]).Order().ToList();
        Assert.True(sampled[^1] - sampled[0] > 0.05, "The transition model's uncertainty should vary the mix between runs.");
        Assert.InRange(sampled.Average(), expected * 0.95, expected * 1.05);
    }
}

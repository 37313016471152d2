using Strata.Domain.Tests.Foundation;
using Strata.Domain.Evaluate;
using Strata.Domain.Foundation;

namespace Strata.Domain.Tests.Evaluate;

public class EquityTests
{
    [Fact]
    public void Gaps_and_slope_index_on_a_linear_gradient()
    {
        // Q1..Q5 rates 50, 40, 30, 20, 10 per 1,000 on equal populations: midpoints 0.1..0.9, slope -50 -> SII 50.
        var cells = new[] { (1, 50L, 1000L), (2, 40L, 1000L), (3, 30L, 1000L), (4, 20L, 1000L), (5, 10L, 1000L) };
        var g = Equity.Gaps(cells, 1000, DisclosurePolicy.Off);
        Assert.Equal(40, g.AbsoluteGap!.Value, 10);
        Assert.Equal(5, g.RelativeGap!.Value, 10);
        Assert.Equal(50, g.SlopeIndex!.Value, 10);
    }

    [Fact]
    public void Slope_index_weights_by_population_share()
    {
        // Shares 0.25 and 0.75 -> midpoints 0.125 and 0.625; the line through (0.125, 10) and (0.625, 20) has slope 20,
        // so the most deprived end is 20 lower than the least deprived: SII = -20.
        Assert.Equal(-20, Equity.SlopeIndex([(10, 100), (20, 300)]), 10);
    }

    [Fact]
    public void Suppressed_quintiles_withhold_the_gaps_that_need_them()
    {
        var cells = new[] { (1, 50L, 1000L), (2, 40L, 1000L), (3, 30L, 1000L), (4, 20L, 1000L), (5, 3L, 1000L) };
        var g = Equity.Gaps(cells, 1000, RoundingPolicy.Only);
        Assert.Null(g.Quintiles[4].Rate);
        Assert.Null(g.AbsoluteGap);
        Assert.Null(g.RelativeGap);
        Assert.Null(g.SlopeIndex);
        Assert.Equal(50, g.Quintiles[0].Rate!.Value, 10);
    }
}

public class BenchmarkTests
{
    [Fact]
    public void Ranks_share_ties_as_the_mean_of_their_positions()
    {
        Assert.Equal([1, 2.5, 2.5, 4], Benchmark.Ranks([5, 8, 8, 10]));
    }

    [Fact]
    public void Scores_ties_averages_and_quartile_segments_on_hand_worked_ranks()
    {
        // A (higher better): X 10, Y 8, Z 8, W 5 -> ranks 1, 2.5, 2.5, 4 -> scores equal the ranks (n = 4).
        // B (lower better):  X 3,  Y 1, Z 2, W 4 -> scores 3, 1, 2, 4.
        // Averages X 2, Y 1.75, Z 2.25, W 4; type-7 quartiles 1.9375, 2.125, 2.6875 -> segments Y1, X2, Z3, W4.
        MetricValue A(string area, double v) => new(area, "a", v, true, "outcome");
        MetricValue B(string area, double v) => new(area, "b", v, false, "experience");
        var r = Benchmark.Score([A("X", 10), A("Y", 8), A("Z", 8), A("W", 5), B("X", 3), B("Y", 1), B("Z", 2), B("W", 4)]);
        Assert.Equal(["Y", "X", "Z", "W"], r.Select(a => a.Area));
        Assert.Equal([1.75, 2, 2.25, 4], r.Select(a => a.AverageScore));
        Assert.Equal([1, 2, 3, 4], r.Select(a => a.Segment));
        var y = r[0];
        Assert.Equal(2.5, y.Domains["outcome"]);
        Assert.Equal(1, y.Domains["experience"]);
    }

    [Fact]
    public void Five_areas_score_from_1_to_4_in_steps_of_0_75()
    {
        var r = Benchmark.Score([.. Enumerable.Range(1, 5).Select(i => new MetricValue($"P{i}", "m", i, true))]);
        Assert.Equal([1, 1.75, 2.5, 3.25, 4], r.Select(a => a.AverageScore));
        Assert.Equal("P5", r[0].Area);
    }

    [Fact]
    public void Weights_make_the_composite_a_weighted_mean()
    {
        // X: a score 1, b score 4; with weights 3 and 1 the index is (3·1 + 1·4) / 4 = 1.75.
        var r = Benchmark.Score([new("X", "a", 2, true, "", 3), new("Y", "a", 1, true, "", 3), new("X", "b", 2, false, "", 1), new("Y", "b", 1, false, "", 1)]);
        Assert.Equal(1.75, r.Single(a => a.Area == "X").AverageScore, 12);
    }

    [Fact]
    public void A_metric_repeated_for_an_area_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => Benchmark.Score([new("X", "a", 1, true), new("X", "a", 2, true)]));
    }
}

public class KpiTests
{
    [Fact]
    public void Periods_are_complete_months_quarters_and_financial_years()
    {
        var first = new DateOnly(2022, 4, 1);
        var last = new DateOnly(2025, 3, 31);
        Assert.Equal(36, KpiPeriods.Between(first, last, KpiPeriod.Month).Count);
        Assert.Equal(12, KpiPeriods.Between(first, last, KpiPeriod.Quarter).Count);
        var years = KpiPeriods.Between(first, last, KpiPeriod.Year);
        Assert.Equal([(new DateOnly(2022, 4, 1), new DateOnly(2023, 3, 31)), (new DateOnly(2023, 4, 1), new DateOnly(2024, 3, 31)), (new DateOnly(2024, 4, 1), new DateOnly(2025, 3, 31))], years);
        // Part-months at either end are not periods.
        var part = KpiPeriods.Between(new DateOnly(2022, 4, 15), new DateOnly(2022, 7, 20), KpiPeriod.Month);
        Assert.Equal([new DateOnly(2022, 5, 1), new DateOnly(2022, 6, 1)], part.Select(p => p.Start));
    }

    [Fact]
    public void Released_series_rounds_counts_recomputes_rates_and_leaves_suppressed_points_out_of_spc()
    {
        var kpi = new KpiDefinition { Name = "k", Numerator = new KpiNumerator { Settings = ["emergency_admission"] }, Per = 1000 };
        var counts = Enumerable.Range(0, 13).Select(i => new KpiCount(new DateOnly(2024, 1, 1).AddMonths(i), i == 5 ? 4 : 52, 10_003)).ToList();
        var r = KpiRelease.Analyse("E1", kpi, counts, RoundingPolicy.Only);
        Assert.Equal(50, r.Points[0].Numerator);
        Assert.Equal(10_005, r.Points[0].Denominator);
        Assert.Equal(50 / 10_005.0 * 1000, r.Points[0].Rate!.Value, 12);
        Assert.Null(r.Points[5].Rate);
        Assert.Equal(12, r.Spc!.Points.Count);
        Assert.Contains(r.Warnings, w => w.StartsWith("1 of 13 period(s) suppressed", StringComparison.Ordinal));
    }
}

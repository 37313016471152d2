using Strata.Domain.Evaluate;

namespace Strata.Domain.Tests.Evaluate;

public class RunChartTests
{
    private static List<SpcObservation> Series(params double[] values) =>
        [.. values.Select((v, i) => new SpcObservation(new DateOnly(2024, 1, 1).AddMonths(i), v))];

    [Fact]
    public void Six_points_each_side_of_the_median_are_shifts_and_two_runs_are_too_few()
    {
        // Sorted: 3 3 3 7 7 7 8 8 8 9 9 9, median 7.5: six below, then six above.
        var r = RunChart.Analyse(Series(3, 7, 3, 7, 3, 7, 8, 9, 8, 9, 8, 9), new SpcOptions());
        Assert.Equal(7.5, r.Median);
        Assert.All(r.Points.Take(6), p => Assert.Equal((PointType.SpecialCauseConcern, SpcRule.Shift), (p.PointType, Assert.Single(p.Rules))));
        Assert.All(r.Points.Skip(6), p => Assert.Equal(PointType.SpecialCauseImprovement, p.PointType));
        // Six above and six below: P(R = 2) = 2/924, P(R = 3) = 10/924, P(R = 4) = 50/924;
        // P(R ≤ 3) = 0.013 ≤ 2.5% < P(R ≤ 4) = 0.067, so 3 or fewer runs are too few; by symmetry 11 or more too many.
        Assert.Equal((12, 2, 3, 11, true), (r.UsefulObservations, r.Runs, r.TooFewAt, r.TooManyAt, r.RunsSignal));
        Assert.Equal(VariationIcon.ImprovementHigh, r.VariationIcon);
    }

    [Fact]
    public void Points_on_the_median_neither_break_nor_count_towards_a_shift()
    {
        // Sorted: 4×6, 5, 5, 6×6 → median 5. The 5s sit on it; the 6s either side of the second 5 make one shift of six.
        var r = RunChart.Analyse(Series(4, 4, 4, 4, 4, 4, 5, 6, 6, 6, 5, 6, 6, 6), new SpcOptions());
        Assert.Equal(5, r.Median);
        Assert.Equal(12, r.UsefulObservations);
        Assert.Equal(PointType.CommonCause, r.Points[6].PointType);
        Assert.Equal(PointType.CommonCause, r.Points[10].PointType);
        Assert.All(r.Points.Skip(7).Where(p => p.Value == 6), p => Assert.Equal([SpcRule.Shift], p.Rules));
        Assert.All(r.Points.Take(6), p => Assert.Equal([SpcRule.Shift], p.Rules));
    }

    [Fact]
    public void Five_rising_points_are_a_trend_and_a_repeated_value_neither_breaks_nor_counts()
    {
        // 1, 2, 2, 3, 4, 5: five distinct rising values with a repeat; median of all eight is 3.
        var r = RunChart.Analyse(Series(6, 1, 2, 2, 3, 4, 5, 3), new SpcOptions());
        Assert.Equal(3, r.Median);
        Assert.All(r.Points.Skip(1).Take(6), p => Assert.Equal((PointType.SpecialCauseImprovement, SpcRule.Trend), (p.PointType, Assert.Single(p.Rules))));
        Assert.Equal(PointType.CommonCause, r.Points[0].PointType);
        // Four distinct rising values are not a trend.
        var four = RunChart.Analyse(Series(6, 1, 2, 2, 3, 4, 3), new SpcOptions());
        Assert.All(four.Points, p => Assert.Equal(PointType.CommonCause, p.PointType));
    }

    [Fact]
    public void Runs_bounds_match_the_swed_eisenhart_table_for_ten_and_ten()
    {
        // Probabilities sum to 1 over 2 .. 2·min + 1 runs. n1 = n2 = 10: P(R ≤ 6) = 3422/184756 = 0.0185, P(R ≤ 7) = 9470/184756 = 0.0513 (and symmetric above).
        Assert.Equal(3422.0 / 184756, Enumerable.Range(2, 5).Sum(r => RunChart.RunsProbability(r, 10, 10)), 12);
        Assert.Equal((6, 16), RunChart.RunsBounds(10, 10));
        Assert.Equal(1, Enumerable.Range(2, 19).Sum(r => RunChart.RunsProbability(r, 10, 10)), 12);
        Assert.Equal(1, Enumerable.Range(2, 14).Sum(r => RunChart.RunsProbability(r, 7, 9)), 12);
    }

    [Fact]
    public void A_partial_period_is_charted_but_not_in_the_median_or_the_rules()
    {
        var series = Series(3, 7, 3, 7, 3, 7, 8, 9, 8, 9, 8, 9, 0);
        series[^1] = series[^1] with { Partial = true };
        var r = RunChart.Analyse(series, new SpcOptions());
        Assert.Equal(7.5, r.Median);
        Assert.Equal(PointType.PartialPeriod, r.Points[^1].PointType);
        Assert.Equal(VariationIcon.ImprovementHigh, r.VariationIcon);
    }
}

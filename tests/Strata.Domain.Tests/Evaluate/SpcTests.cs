using Strata.Domain.Evaluate;

namespace Strata.Domain.Tests.Evaluate;

/// <summary>
/// Hand-built series. The baseline B alternates 10, 12 for 12 points: mean 11, AMR 2, limits 11 ± 5.32
/// (5.68 .. 16.32), near limits 11 ± 3.5467 (7.4533 .. 14.5467). It fires no rule by itself: it crosses the
/// mean at every point and never runs in one direction.
/// </summary>
public class SpcTests
{
    private static readonly double[] B = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12];

    private static List<SpcObservation> Series(params double[] values) =>
        [.. values.Select((v, i) => new SpcObservation(new DateOnly(2022, 1, 1).AddMonths(i), v))];

    private static SpcResult Fixed(double[] tail, Improvement improvement = Improvement.Increase, int shift = 7, int trend = 7) =>
        Spc.Analyse(Series([.. B, .. tail]), new SpcOptions { FixAfter = 12, Improvement = improvement, ShiftPoints = shift, TrendPoints = trend });

    private static PointType[] Types(SpcResult r, int lastN) => [.. r.Points.TakeLast(lastN).Select(p => p.PointType)];

    [Fact]
    public void Limits_are_mean_plus_minus_2_66_amr_and_near_limits_two_thirds_of_that()
    {
        // 10, 12, 11, 13, 9: mean 11; moving ranges 2, 1, 2, 4 -> AMR 2.25.
        var r = Spc.Analyse(Series(10, 12, 11, 13, 9), new SpcOptions());
        var p = r.Points[0];
        Assert.Equal(11, p.Mean, 12);
        Assert.Equal(11 + 2.66 * 2.25, p.Upl, 12);
        Assert.Equal(11 - 2.66 * 2.25, p.Lpl, 12);
        Assert.Equal(11 + 2.66 * 2.25 * 2 / 3, p.NearUpl, 12);
        Assert.Equal(11 - 2.66 * 2.25 * 2 / 3, p.NearLpl, 12);
        Assert.All(r.Points, q => Assert.Equal(PointType.CommonCause, q.PointType));
    }

    [Fact]
    public void Baseline_alone_is_common_cause_with_the_worked_limits()
    {
        var r = Spc.Analyse(Series(B), new SpcOptions());
        Assert.All(r.Points, q => Assert.Equal(PointType.CommonCause, q.PointType));
        Assert.Equal(16.32, r.Points[0].Upl, 12);
        Assert.Equal(5.68, r.Points[0].Lpl, 12);
        Assert.Empty(r.Warnings);
        Assert.Equal(VariationIcon.CommonCause, r.VariationIcon);
    }

    [Fact]
    public void Rule1_a_point_exactly_at_the_upper_limit_is_not_beyond_it()
    {
        var upl = Spc.Limits(B, false).Upl;
        Assert.Equal(PointType.CommonCause, Fixed([upl]).Points[^1].PointType);
        var above = Fixed([Math.BitIncrement(upl)]).Points[^1];
        Assert.Equal(PointType.SpecialCauseImprovement, above.PointType);
        Assert.Equal([SpcRule.BeyondLimits], above.Rules);
    }

    [Fact]
    public void Rule1_a_point_exactly_at_the_lower_limit_is_not_beyond_it()
    {
        var lpl = Spc.Limits(B, false).Lpl;
        Assert.Equal(PointType.CommonCause, Fixed([lpl]).Points[^1].PointType);
        Assert.Equal(PointType.SpecialCauseConcern, Fixed([Math.BitDecrement(lpl)]).Points[^1].PointType);
        Assert.Equal(PointType.SpecialCauseImprovement, Fixed([Math.BitDecrement(lpl)], Improvement.Decrease).Points[^1].PointType);
    }

    [Fact]
    public void Rule2_seven_points_below_the_mean_are_a_shift_and_all_are_flagged()
    {
        // The baseline ends on 12 (above the mean), so the run below is exactly these seven.
        var r = Fixed([10.5, 10.5, 10.5, 10.5, 10.5, 10.5, 10.5]);
        Assert.All(r.Points.TakeLast(7), p =>
        {
            Assert.Equal(PointType.SpecialCauseConcern, p.PointType);
            Assert.Equal([SpcRule.Shift], p.Rules);
        });
        Assert.All(r.Points.Take(12), p => Assert.Equal(PointType.CommonCause, p.PointType));
    }

    [Fact]
    public void Rule2_six_points_are_not_a_shift_by_default_but_are_with_shift_points_6()
    {
        double[] six = [10.5, 10.5, 10.5, 10.5, 10.5, 10.5];
        Assert.All(Types(Fixed(six), 6), t => Assert.Equal(PointType.CommonCause, t));
        Assert.All(Types(Fixed(six, shift: 6), 6), t => Assert.Equal(PointType.SpecialCauseConcern, t));
    }

    [Fact]
    public void Rule2_a_point_exactly_on_the_mean_breaks_the_run()
    {
        var r = Fixed([10.5, 10.5, 10.5, 11, 10.5, 10.5, 10.5, 10.5]);
        Assert.All(Types(r, 8), t => Assert.Equal(PointType.CommonCause, t));
    }

    [Fact]
    public void Rule3_seven_strictly_increasing_points_are_a_trend_and_all_are_flagged()
    {
        // Crosses the mean (three below, four above) so no shift; the point before it (12) is higher, so the run is exactly 7.
        var r = Fixed([10.4, 10.6, 10.8, 11.2, 11.4, 11.6, 11.8]);
        Assert.All(r.Points.TakeLast(7), p =>
        {
            Assert.Equal(PointType.SpecialCauseImprovement, p.PointType);
            Assert.Equal([SpcRule.Trend], p.Rules);
        });
        Assert.Equal(PointType.CommonCause, r.Points[11].PointType);
    }

    [Fact]
    public void Rule3_six_points_are_not_a_trend_by_default_but_are_with_trend_points_6()
    {
        // The baseline's last point (12) is below 12.2, so the falling run is exactly these six; three each side of the mean.
        double[] six = [12.2, 11.8, 11.4, 10.8, 10.6, 10.4];
        Assert.All(Types(Fixed(six), 6), t => Assert.Equal(PointType.CommonCause, t));
        Assert.All(Types(Fixed(six, trend: 6), 6), t => Assert.Equal(PointType.SpecialCauseConcern, t));
        Assert.All(Types(Fixed(six, Improvement.Decrease, trend: 6), 6), t => Assert.Equal(PointType.SpecialCauseImprovement, t));
    }

    [Fact]
    public void Rule3_a_tie_breaks_the_trend()
    {
        var r = Fixed([10.4, 10.6, 10.8, 10.8, 11.2, 11.4, 11.6, 11.8]);
        Assert.All(Types(r, 8), t => Assert.Equal(PointType.CommonCause, t));
    }

    [Fact]
    public void Rule4_two_of_three_beyond_the_near_limit_flags_only_those_two()
    {
        var r = Fixed([15, 12, 15]);
        Assert.Equal([PointType.SpecialCauseImprovement, PointType.CommonCause, PointType.SpecialCauseImprovement], Types(r, 3));
        Assert.Equal([SpcRule.TwoOfThree], r.Points[^1].Rules);
    }

    [Fact]
    public void Rule4_does_not_fire_when_the_third_point_is_on_the_other_side_of_the_mean()
    {
        var r = Fixed([15, 10, 15]);
        Assert.All(Types(r, 3), t => Assert.Equal(PointType.CommonCause, t));
    }

    [Fact]
    public void Rule4_a_point_exactly_at_the_near_limit_is_not_beyond_it()
    {
        var near = Spc.Limits(B, false).NearLpl;
        Assert.All(Types(Fixed([near, 10, 7]), 3), t => Assert.Equal(PointType.CommonCause, t));
        Assert.Equal([PointType.SpecialCauseConcern, PointType.CommonCause, PointType.SpecialCauseConcern],
            Types(Fixed([Math.BitDecrement(near), 10, 7]), 3));
    }

    [Fact]
    public void Rebasing_gives_each_group_its_own_mean_and_limits()
    {
        double[] after = [20, 22, 20, 22, 20, 22, 20, 22, 20, 22, 20, 22];
        var series = Series([.. B, .. after]);
        var r = Spc.Analyse(series, new SpcOptions { Rebase = [series[12].Date] });
        Assert.All(r.Points.Take(12), p => Assert.Equal((1, 11.0, 16.32), (p.Group, p.Mean, Math.Round(p.Upl, 10))));
        // The 12 -> 20 step is not a moving range of either group: group 2's AMR is 2, so its limits are 21 ± 5.32.
        Assert.All(r.Points.Skip(12), p => Assert.Equal((2, 21.0, 26.32), (p.Group, p.Mean, Math.Round(p.Upl, 10))));
        Assert.All(r.Points, p => Assert.Equal(PointType.CommonCause, p.PointType));

        var unbased = Spc.Analyse(series, new SpcOptions());
        Assert.Contains(unbased.Points, p => p.PointType != PointType.CommonCause);
    }

    [Fact]
    public void Rebase_date_between_points_starts_the_group_at_the_next_point()
    {
        var series = Series([.. B, .. B]);
        var r = Spc.Analyse(series, new SpcOptions { Rebase = [series[12].Date.AddDays(-3)] });
        Assert.Equal(1, r.Points[11].Group);
        Assert.Equal(2, r.Points[12].Group);
        Assert.Throws<ArgumentException>(() => Spc.Analyse(series, new SpcOptions { Rebase = [series[0].Date] }));
    }

    [Fact]
    public void Screening_drops_large_moving_ranges_and_recomputes_amr_but_not_the_mean()
    {
        // Moving ranges: ten of 2 and one of 18 -> AMR 38/11; 3.267 × 38/11 = 11.29, so 18 is screened and AMR = 2.
        double[] y = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 28];
        var plain = Spc.Analyse(Series(y), new SpcOptions()).Points[0];
        var screened = Spc.Analyse(Series(y), new SpcOptions { ScreenOutliers = true }).Points[0];
        Assert.Equal(148.0 / 12, plain.Mean, 12);
        Assert.Equal(148.0 / 12, screened.Mean, 12);
        Assert.Equal(148.0 / 12 + 2.66 * 38 / 11, plain.Upl, 12);
        Assert.Equal(148.0 / 12 + 2.66 * 2, screened.Upl, 12);
    }

    [Fact]
    public void Fix_after_takes_mean_and_limits_from_the_first_n_points_only()
    {
        var r = Fixed([30, 30]);
        Assert.All(r.Points, p => Assert.Equal(11, p.Mean, 12));
        Assert.All(r.Points, p => Assert.Equal(16.32, p.Upl, 12));
        Assert.Equal([PointType.SpecialCauseImprovement, PointType.SpecialCauseImprovement], Types(r, 2));
        var all = Spc.Analyse(Series([.. B, 30, 30]), new SpcOptions());
        Assert.Equal((11 * 12 + 60) / 14.0, all.Points[0].Mean, 12);
    }

    [Fact]
    public void Fewer_than_12_points_in_a_group_warns_and_12_do_not()
    {
        Assert.Single(Spc.Analyse(Series(B[..11]), new SpcOptions()).Warnings);
        Assert.Empty(Spc.Analyse(Series(B), new SpcOptions()).Warnings);
        var series = Series([.. B, .. B[..5]]);
        var rebased = Spc.Analyse(series, new SpcOptions { Rebase = [series[12].Date] });
        Assert.Contains("Group 2", Assert.Single(rebased.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_fixed_baseline_warns_even_in_a_long_series()
    {
        var r = Spc.Analyse(Series([.. B, .. B]), new SpcOptions { FixAfter = 6 });
        Assert.Contains("6 baseline point(s)", Assert.Single(r.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Assurance_when_higher_is_better()
    {
        var l = Spc.Limits(B, false);
        AssuranceIcon? At(double target) => Spc.Analyse(Series(B), new SpcOptions { Target = target }).AssuranceIcon;
        Assert.Equal(AssuranceIcon.Pass, At(l.Lpl)); // target exactly at the lower limit: consistently passing
        Assert.Equal(AssuranceIcon.Pass, At(5));
        Assert.Equal(AssuranceIcon.HitAndMiss, At(Math.BitIncrement(l.Lpl)));
        Assert.Equal(AssuranceIcon.HitAndMiss, At(11));
        Assert.Equal(AssuranceIcon.Fail, At(l.Upl)); // exactly at the upper limit: consistently failing
    }

    [Theory]
    [InlineData(17.0, AssuranceIcon.Pass)]
    [InlineData(5.0, AssuranceIcon.Fail)]
    [InlineData(12.0, AssuranceIcon.HitAndMiss)]
    public void Assurance_when_lower_is_better_is_the_mirror(double target, AssuranceIcon expected) =>
        Assert.Equal(expected, Spc.Analyse(Series(B), new SpcOptions { Target = target, Improvement = Improvement.Decrease }).AssuranceIcon);

    [Fact]
    public void Neutral_measures_get_neither_and_no_assurance_and_no_target_means_no_assurance()
    {
        var r = Fixed([17], Improvement.Neutral);
        Assert.Equal(PointType.SpecialCauseNeither, r.Points[^1].PointType);
        Assert.Equal(VariationIcon.NeitherHigh, r.VariationIcon);
        Assert.Null(Spc.Analyse(Series(B), new SpcOptions { Improvement = Improvement.Neutral, Target = 1 }).AssuranceIcon);
        Assert.Null(Spc.Analyse(Series(B), new SpcOptions()).AssuranceIcon);
    }

    [Theory]
    [InlineData(17.0, Improvement.Increase, VariationIcon.ImprovementHigh)]
    [InlineData(17.0, Improvement.Decrease, VariationIcon.ConcernHigh)]
    [InlineData(4.0, Improvement.Decrease, VariationIcon.ImprovementLow)]
    [InlineData(4.0, Improvement.Increase, VariationIcon.ConcernLow)]
    [InlineData(4.0, Improvement.Neutral, VariationIcon.NeitherLow)]
    [InlineData(12.0, Improvement.Increase, VariationIcon.CommonCause)]
    public void Variation_icon_comes_from_the_last_point(double last, Improvement improvement, VariationIcon expected) =>
        Assert.Equal(expected, Fixed([last], improvement).VariationIcon);

    // Seven strictly falling points from 17: 17 is above the upper limit (16.32); all seven fall (a downward trend)
    // while above the mean (an upward shift); 17, 16 and 15 are beyond the upper near limit (two of three, up).
    private static readonly double[] FallingFromAbove = [17, 16, 15, 14, 13, 12, 11.5];

    [Fact]
    public void Precedence_reads_each_point_by_the_first_rule_that_flags_it()
    {
        // 17: beyond limits (up) comes first, so it reads high; the rest are read by the downward trend.
        var up = Fixed(FallingFromAbove);
        Assert.Equal([PointType.SpecialCauseImprovement, .. Enumerable.Repeat(PointType.SpecialCauseConcern, 6)], Types(up, 7));
        Assert.Equal([SpcRule.BeyondLimits, SpcRule.Shift, SpcRule.Trend, SpcRule.TwoOfThree], up.Points[12].Rules);
        Assert.Equal(VariationIcon.ConcernLow, up.VariationIcon);
        var down = Fixed(FallingFromAbove, Improvement.Decrease);
        Assert.Equal([PointType.SpecialCauseConcern, .. Enumerable.Repeat(PointType.SpecialCauseImprovement, 6)], Types(down, 7));
        Assert.Equal(VariationIcon.ImprovementLow, down.VariationIcon);
    }

    [Fact]
    public void Precedence_reads_a_rising_run_below_the_mean_as_the_trend()
    {
        // Seven rising points all below the mean: a downward shift and an upward trend. Trend comes before shift.
        double[] tail = [9.0, 9.2, 9.4, 9.6, 9.8, 10.0, 10.2];
        var r = Fixed(tail);
        Assert.All(r.Points.TakeLast(7), p =>
        {
            Assert.Equal(PointType.SpecialCauseImprovement, p.PointType);
            Assert.Equal([SpcRule.Shift, SpcRule.Trend], p.Rules);
        });
        Assert.Equal(VariationIcon.ImprovementHigh, r.VariationIcon);
        var concernFirst = Spc.Analyse(Series([.. B, .. tail]), new SpcOptions { FixAfter = 12, Reading = SpcReading.ConcernFirst });
        Assert.All(Types(concernFirst, 7), t => Assert.Equal(PointType.SpecialCauseConcern, t));
    }

    [Fact]
    public void Concern_first_reading_makes_a_point_flagged_in_both_directions_a_concern()
    {
        // Strata's earlier reading, kept as an option: whichever direction is better, some rule reads each point as bad.
        SpcResult Read(Improvement i) => Spc.Analyse(Series([.. B, .. FallingFromAbove]), new SpcOptions { FixAfter = 12, Improvement = i, Reading = SpcReading.ConcernFirst });
        var up = Read(Improvement.Increase);
        Assert.All(Types(up, 7), t => Assert.Equal(PointType.SpecialCauseConcern, t));
        Assert.Equal(VariationIcon.ConcernLow, up.VariationIcon);
        var down = Read(Improvement.Decrease);
        Assert.All(Types(down, 7), t => Assert.Equal(PointType.SpecialCauseConcern, t));
        Assert.Equal(VariationIcon.ConcernHigh, down.VariationIcon);
    }

    [Fact]
    public void A_partial_last_period_is_charted_but_never_read_and_stays_out_of_the_limits()
    {
        // The partial 2 would be far below the lower limit (5.68) and would pull the mean down to 10.3.
        var series = Series([.. B, 2]);
        series[^1] = series[^1] with { Partial = true };
        var r = Spc.Analyse(series, new SpcOptions { Improvement = Improvement.Decrease });
        Assert.Equal(PointType.PartialPeriod, r.Points[^1].PointType);
        Assert.Empty(r.Points[^1].Rules);
        Assert.All(r.Points, p => Assert.Equal((11.0, 16.32), (p.Mean, Math.Round(p.Upl, 10))));
        Assert.Equal(VariationIcon.CommonCause, r.VariationIcon);
        Assert.Contains(r.Warnings, w => w.Contains("Partial period(s) 2023-01-01", StringComparison.Ordinal));
    }

    [Fact]
    public void Fix_until_takes_the_baseline_from_the_points_dated_on_or_before_it()
    {
        var series = Series([.. B, 30, 30]);
        var r = Spc.Analyse(series, new SpcOptions { FixUntil = series[11].Date.AddDays(10) });
        Assert.All(r.Points, p => Assert.Equal((11.0, 16.32), (p.Mean, Math.Round(p.Upl, 10))));
        Assert.Equal([PointType.SpecialCauseImprovement, PointType.SpecialCauseImprovement], Types(r, 2));
        // A short dated baseline warns like a short counted one.
        var shortBaseline = Spc.Analyse(series, new SpcOptions { FixUntil = series[5].Date });
        Assert.Contains("6 baseline point(s)", Assert.Single(shortBaseline.Warnings), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Spc.Analyse(series, new SpcOptions { FixUntil = series[5].Date, FixAfter = 6 }));
    }

    [Fact]
    public void Dates_must_be_strictly_ascending()
    {
        var d = new DateOnly(2024, 1, 1);
        Assert.Throws<ArgumentException>(() => Spc.Analyse([new(d, 1), new(d, 2)], new SpcOptions()));
        Assert.Throws<ArgumentException>(() => Spc.Analyse(Series(B), new SpcOptions { ShiftPoints = 5 }));
    }
}

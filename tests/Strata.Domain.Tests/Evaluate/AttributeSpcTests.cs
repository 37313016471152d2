using Strata.Domain.Evaluate;

namespace Strata.Domain.Tests.Evaluate;

/// <summary>
/// p, p′, u, u′ and c charts on hand-worked counts. The p series has events 10, 30, 5, 35 over denominators 100,
/// 200, 100, 400: p̄ = 80/800 = 0.1, σᵢ = √(0.09/nᵢ) = 0.03, 0.0212132, 0.03, 0.015 and proportions 0.1, 0.15, 0.05,
/// 0.0875.
/// </summary>
public class AttributeSpcTests
{
    private static List<SpcCount> Counts(double[] events, double[] denominators) =>
        [.. events.Select((e, i) => new SpcCount(new DateOnly(2024, 1, 1).AddMonths(i), e, denominators[i]))];

    private static readonly List<SpcCount> P = Counts([10, 30, 5, 35], [100, 200, 100, 400]);

    [Fact]
    public void P_chart_limits_are_pbar_plus_minus_three_sigma_at_each_denominator()
    {
        var r = AttributeSpc.Analyse(P, AttributeChart.P, new SpcOptions());
        Assert.All(r.Points, p => Assert.Equal(0.1, p.Mean, 12));
        Assert.Equal(0.19, r.Points[0].Upl, 12);
        Assert.Equal(0.01, r.Points[0].Lpl, 12);
        Assert.Equal(0.1 + 3 * Math.Sqrt(0.09 / 200), r.Points[1].Upl, 12);
        Assert.Equal(0.145, r.Points[3].Upl, 12);
        Assert.Equal(0.055, r.Points[3].Lpl, 12);
        Assert.Equal(0.13, r.Points[3].NearUpl, 12);
        Assert.Equal([0.1, 0.15, 0.05, 0.0875], r.Points.Select(p => p.Value));
        Assert.Contains("fewer than 12", Assert.Single(r.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Laney_p_prime_scales_sigma_by_the_moving_range_of_the_z_scores()
    {
        // z = 0, 0.05/0.0212132 = 2.3570226, −0.05/0.03 = −1.6666667, −0.0125/0.015 = −0.8333333;
        // moving ranges 2.3570226, 4.0236893, 0.8333333 → mean 2.4046817; σz = 2.4046817 / 1.128 = 2.1318100.
        var sigmaZ = (2.3570226 + 4.0236893 + 0.8333333) / 3 / 1.128;
        var r = AttributeSpc.Analyse(P, AttributeChart.PPrime, new SpcOptions());
        Assert.Equal(0.1 + 3 * 0.03 * sigmaZ, r.Points[0].Upl, 6);
        Assert.Equal(Math.Max(0, 0.1 - 3 * 0.03 * sigmaZ), r.Points[0].Lpl, 6);
        Assert.Equal(0.1 + 3 * 0.015 * sigmaZ, r.Points[3].Upl, 6);
        Assert.Equal(0.1 - 2 * 0.015 * sigmaZ, r.Points[3].NearLpl, 6);
    }

    [Fact]
    public void Proportion_limits_are_clamped_to_zero_and_one()
    {
        // p̄ = 0.05 with n = 10: σ = 0.0689202, so 3σ below p̄ would be −0.157; 0.95 mirrors it above 1.
        var low = AttributeSpc.Analyse(Counts([1, 0, 1, 0], [10, 10, 10, 10]), AttributeChart.P, new SpcOptions());
        Assert.All(low.Points, p => Assert.Equal(0, p.Lpl));
        Assert.All(low.Points, p => Assert.Equal(0, p.NearLpl));
        Assert.Equal(0.05 + 3 * Math.Sqrt(0.0475 / 10), low.Points[0].Upl, 12);
        var high = AttributeSpc.Analyse(Counts([9, 10, 9, 10], [10, 10, 10, 10]), AttributeChart.P, new SpcOptions());
        Assert.All(high.Points, p => Assert.Equal(1, p.Upl));
        Assert.All(high.Points, p => Assert.Equal(PointType.CommonCause, p.PointType));
    }

    [Fact]
    public void U_chart_limits_are_ubar_plus_minus_three_root_ubar_over_n_floored_at_zero()
    {
        // ū = (2 + 12 + 4) / (4 + 8 + 6) = 1; σ = √(1/n) = 0.5, 0.3535534, 0.4082483.
        var r = AttributeSpc.Analyse(Counts([2, 12, 4], [4, 8, 6]), AttributeChart.U, new SpcOptions());
        Assert.All(r.Points, p => Assert.Equal(1, p.Mean, 12));
        Assert.Equal(2.5, r.Points[0].Upl, 12);
        Assert.Equal(0, r.Points[0].Lpl, 12);
        Assert.Equal(0, r.Points[1].Lpl); // 1 − 3 × 0.354 < 0
        Assert.Equal(1 - 2 * Math.Sqrt(1 / 8.0), r.Points[1].NearLpl, 12);
        Assert.Equal([0.5, 1.5, 4 / 6.0], r.Points.Select(p => p.Value));
    }

    [Fact]
    public void Laney_u_prime_uses_the_same_z_moving_range()
    {
        // z = (0.5 − 1)/0.5 = −1, (1.5 − 1)/0.3535534 = 1.4142136, (0.6666667 − 1)/0.4082483 = −0.8164966;
        // moving ranges 2.4142136 and 2.2307102 → mean 2.3224619; σz = 2.0589201.
        var sigmaZ = (2.4142136 + 2.2307102) / 2 / 1.128;
        var r = AttributeSpc.Analyse(Counts([2, 12, 4], [4, 8, 6]), AttributeChart.UPrime, new SpcOptions());
        Assert.Equal(1 + 3 * 0.5 * sigmaZ, r.Points[0].Upl, 6);
        Assert.Equal(Math.Max(0, 1 - 3 * Math.Sqrt(1 / 8.0) * sigmaZ), r.Points[1].Lpl, 6);
    }

    [Fact]
    public void C_chart_limits_are_cbar_plus_minus_three_root_cbar_and_read_with_the_same_rules()
    {
        // Counts 4, 9, 5, 2: c̄ = 5, limits 5 ± 3√5 = (−1.708 → 0, 11.708); denominators are ignored.
        var counts = Counts([4, 9, 5, 2, 12], [1, 1, 1, 1, 1]);
        var r = AttributeSpc.Analyse(counts, AttributeChart.C, new SpcOptions { FixAfter = 4 });
        Assert.All(r.Points, p => Assert.Equal((5.0, 0.0), (p.Mean, p.Lpl)));
        Assert.Equal(5 + 3 * Math.Sqrt(5), r.Points[0].Upl, 12);
        Assert.Equal(PointType.SpecialCauseImprovement, r.Points[^1].PointType);
        Assert.Equal([SpcRule.BeyondLimits], r.Points[^1].Rules);
        Assert.Equal(VariationIcon.ImprovementHigh, r.VariationIcon);
    }

    [Fact]
    public void Partial_periods_stay_out_of_the_centre_line_and_are_not_read()
    {
        var counts = Counts([10, 30, 5, 35, 0], [100, 200, 100, 400, 50]);
        counts[^1] = counts[^1] with { Partial = true };
        var r = AttributeSpc.Analyse(counts, AttributeChart.P, new SpcOptions());
        Assert.All(r.Points, p => Assert.Equal(0.1, p.Mean, 12));
        Assert.Equal(PointType.PartialPeriod, r.Points[^1].PointType);
    }

    [Fact]
    public void Bad_counts_are_rejected_with_the_period_named()
    {
        var e = Assert.Throws<ArgumentException>(() => AttributeSpc.Analyse(Counts([11], [10]), AttributeChart.P, new SpcOptions()));
        Assert.Contains("2024-01-01", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => AttributeSpc.Analyse(Counts([1], [0]), AttributeChart.U, new SpcOptions()));
        Assert.Throws<ArgumentException>(() => AttributeSpc.Analyse(Counts([0, 0], [10, 10]), AttributeChart.PPrime, new SpcOptions()));
    }
}

using Strata.Domain.Plan;

namespace Strata.Domain.Tests.Plan;

public class OpportunityBenchmarkTests
{
    private static readonly OpportunityDefinition Zero = new("zero", "Zero-day stays", "1", new("Source", "https://example.org"),
        "emergency_admission", new([], MaxLengthOfStayDays: 0), Receiving: new("ae_attendance", 3));

    private static OpportunityCell Cell(string unit, string band, long people, long events) =>
        new(unit, band, "F", people, events, 2.0 * events, 1000.0 * events);

    [Fact]
    public void Units_with_the_ICB_rate_in_every_age_band_have_a_ratio_of_one_whatever_their_age_mix()
    {
        // Young rate 0.01 and old rate 0.1 everywhere: A is young, B is old, so their crude rates differ tenfold.
        var b = OpportunityBenchmarks.Compute(Zero, [Cell("A", "20-24", 1000, 10), Cell("A", "85+", 100, 10), Cell("B", "20-24", 100, 1), Cell("B", "85+", 1000, 100)], 0);
        Assert.Equal(20, b.Units.Single(u => u.Unit == "A").Expected, 9);
        Assert.Equal(101, b.Units.Single(u => u.Unit == "B").Expected, 9);
        Assert.All(b.Units, u => Assert.Equal(1.0, u.Ratio, 9));
        Assert.All(b.Units, u => Assert.Equal(b.CrudeRate, u.StandardisedRate, 9)); // 121 / 2,200 per 1,000 = 55
        Assert.Equal(55, b.CrudeRate, 9);
    }

    [Fact]
    public void The_prize_is_the_events_above_the_peer_median_or_top_quartile_with_their_bed_days_cost_and_receiving_activity()
    {
        // Same population, events 50/100/150/200: E = 125 each, O/E 0.4, 0.8, 1.2, 1.6; median 1.0, 25th percentile 0.7.
        var b = OpportunityBenchmarks.Compute(Zero, [Cell("U1", "70-74", 1000, 50), Cell("U2", "70-74", 1000, 100), Cell("U3", "70-74", 1000, 150), Cell("U4", "70-74", 1000, 200)], 50);
        Assert.Equal(1.0, b.MedianRatio, 9);
        Assert.Equal(0.7, b.TopQuartileRatio, 9);
        Assert.Equal(100, b.TotalToMedian.Activity, 9);      // 25 + 75
        Assert.Equal(187.5, b.TotalToTopQuartile.Activity, 9); // 12.5 + 62.5 + 112.5
        var u4 = b.Prizes.Single(p => p.Unit == "U4").ToMedian;
        Assert.Equal(new Prize(75, 150, 75_000, 225, 11_250), u4);
        Assert.Equal(Prize.Zero, b.Prizes.Single(p => p.Unit == "U1").ToTopQuartile);
        Assert.Equal(4, b.Funnel!.Points.Count);
    }

    [Fact]
    public void The_trend_is_standardised_to_the_reference_years_population()
    {
        IReadOnlyList<OpportunityCell> reference = [Cell("ICB", "20-24", 1000, 10), Cell("ICB", "85+", 1000, 100)];
        IReadOnlyList<OpportunityCell> earlier = [Cell("ICB", "20-24", 3000, 30), Cell("ICB", "85+", 500, 50)];
        var trend = OpportunityBenchmarks.Trend(Zero, [(new DateOnly(2025, 3, 31), reference), (new DateOnly(2024, 3, 31), earlier)]);
        Assert.Equal([new DateOnly(2024, 3, 31), new DateOnly(2025, 3, 31)], trend.Select(t => t.YearEnding).ToArray());
        Assert.Equal(80 / 3.5, trend[0].CrudeRate, 9);          // per 1,000: the earlier year is younger
        Assert.Equal(55, trend[0].StandardisedRate, 9);         // same band rates: same standardised rate
        Assert.Equal(55, trend[1].StandardisedRate, 9);
    }

    [Fact]
    public void No_events_is_a_warning_not_an_error()
    {
        var b = OpportunityBenchmarks.Compute(Zero, [Cell("U1", "70-74", 1000, 0)], 0);
        Assert.Null(b.Funnel);
        Assert.Contains(b.Warnings, w => w.Contains("nothing to benchmark", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ae_attendance", null, "$.criteria")]
    [InlineData("emergency_admission", "emergency_admission", "$.receiving.setting")]
    public void Validate_names_the_bad_field(string setting, string? receiving, string field)
    {
        var d = Zero with { Setting = setting, Receiving = receiving is null ? null : new(receiving, 1) };
        Assert.StartsWith(field + ":", d.Validate(), StringComparison.Ordinal);
    }
}

public class OpportunityReportTests
{
    [Fact]
    public void A_prize_of_a_few_events_is_withheld_with_its_bed_days_and_money()
    {
        var small = OpportunityReport.Release(new Prize(5, 10, 5000, 15, 900), Strata.Domain.Foundation.DisclosurePolicy.Default);
        Assert.Equal(new ReleasedPrize(null, null, null, null, null), small);
        var large = OpportunityReport.Release(new Prize(12.4, 20, 6000, 37.2, 900), Strata.Domain.Foundation.DisclosurePolicy.Default);
        Assert.Equal(new ReleasedPrize(10, 20, 6000, 35, 900), large);
    }
}

using Strata.Domain.Tests.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Domain.Tests.Understand;

public class ProfileInequalitiesTests
{
    [Fact]
    public void A_cell_is_released_with_rounded_counts_and_rates_from_them()
    {
        var row = new ProfileCell(["healthy"], People: 98, Activity: 13, BedDays: 12, CostGbp: 9800).Protect(RoundingPolicy.Only);
        Assert.Equal(100, row.People);
        Assert.Equal(15, row.Activity);
        Assert.Equal(150.0, row.ActivityPer1000!.Value, 9);
        Assert.Equal(10, row.BedDays);
        // Spend per head over the published 100 people, not the true 98: spend ÷ per head gives back only 100.
        Assert.Equal(98.0, row.SpendPerHead!.Value, 9);
    }

    [Fact]
    public void A_small_cell_has_its_people_suppressed_and_its_spend_and_rate_withheld()
    {
        var row = new ProfileCell(["end_of_life"], People: 5, Activity: 40, BedDays: 30, CostGbp: 50_000).Protect(RoundingPolicy.Only);
        Assert.Null(row.People);
        Assert.Equal(40, row.Activity);
        Assert.Null(row.ActivityPer1000);
        Assert.Null(row.SpendPerHead);
        Assert.Null(row.CostGbp);
    }

    [Fact]
    public void Without_disclosure_control_figures_are_exact()
    {
        var row = new ProfileCell([], People: 5, Activity: 3, BedDays: 0, CostGbp: 50).Protect(DisclosurePolicy.Off);
        Assert.Equal((5L, 3L, 600.0, 10.0), (row.People!.Value, row.Activity!.Value, row.ActivityPer1000!.Value, row.SpendPerHead!.Value));
    }

    private static List<ProfileCell> ByQuintile(params (long People, long Activity, double Cost)[] q) =>
        [.. q.Select((c, i) => new ProfileCell([(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)], c.People, c.Activity, 0, c.Cost))];

    [Fact]
    public void Measures_come_from_released_figures_per_quintile()
    {
        var byQ = ByQuintile((1000, 500, 300_000), (1000, 400, 250_000), (1000, 300, 200_000), (1000, 200, 150_000), (1000, 100, 100_000));
        var bySetting = byQ.Select(c => new ProfileCell([c.Keys[0], "emergency_admission"], c.People, c.Activity / 5, 0, 0)).ToList();
        var measures = ProfileInequalities.Compute(byQ, bySetting, RoundingPolicy.Only,
            [ProfileInequalities.AllActivity, ProfileInequalities.SpendPerHead, ProfileInequalities.ActivityMeasure("emergency_admission")]);
        var all = measures.Single(m => m.Measure == "activity_per_1000:all");
        Assert.Equal([500.0, 400, 300, 200, 100], all.Quintiles.Select(q => q.Value!.Value));
        Assert.Equal(400, all.Gaps.AbsoluteGap!.Value, 9);
        Assert.Equal(5, all.Gaps.RelativeGap!.Value, 9);
        Assert.Equal(500, all.Gaps.SlopeIndex!.Value, 9); // straight line over equal groups: 550 − 500x, fitted(0) − fitted(1)
        var emergency = measures.Single(m => m.Measure == "activity_per_1000:emergency_admission");
        Assert.Equal([100.0, 80, 60, 40, 20], emergency.Quintiles.Select(q => q.Value!.Value));
        Assert.Equal(300.0 - 100.0, measures.Single(m => m.Measure == "spend_per_head").Gaps.AbsoluteGap!.Value, 9); // £300 vs £100 per head
    }

    [Fact]
    public void A_suppressed_quintile_withholds_the_slope_index()
    {
        var byQ = ByQuintile((1000, 500, 0), (5, 4, 0), (1000, 300, 0), (1000, 200, 0), (1000, 100, 0));
        var m = ProfileInequalities.Compute(byQ, [], RoundingPolicy.Only, [ProfileInequalities.AllActivity]).Single();
        Assert.Null(m.Quintiles[1].People);
        Assert.Null(m.Quintiles[1].Value);
        Assert.Null(m.Gaps.SlopeIndex);
        Assert.Equal(400, m.Gaps.AbsoluteGap!.Value, 9);
    }

    [Fact]
    public void Every_setting_has_a_measure_and_unknown_measures_are_rejected()
    {
        Assert.Equal(Vocabulary.Settings.Count + 2, ProfileInequalities.MeasureNames.Count);
        Assert.Throws<ArgumentException>(() => ProfileInequalities.Compute([], [], RoundingPolicy.Only, ["beds"]));
    }
}

using Strata.Domain.Evaluate;
using Strata.Domain.Foundation;

namespace Strata.Domain.Tests.Evaluate;

public class GroupInequalityTests
{
    [Fact]
    public void Core20_gap_ratio_and_slope_index_across_two_ranked_groups()
    {
        // Core20: 30 events in 1,000 (30 per 1,000); rest: 40 in 4,000 (10 per 1,000); all: 70 in 5,000 (14).
        // Rank midpoints 0.1 and 0.6: slope = (10 − 30) / 0.5 = −40, so SII = 40; RII = 40 / 14.
        var r = GroupInequality.Of(InequalityDimension.Core20, [("core20", 30, 1000), ("rest", 40, 4000)], 1000, DisclosurePolicy.Off);
        Assert.Equal(20, r.AbsoluteGap!.Value, 12);
        Assert.Equal(3, r.RelativeGap!.Value, 12);
        Assert.Equal(40, r.SlopeIndex!.Value, 9);
        Assert.Equal(40 / 14.0, r.RelativeIndex!.Value, 9);
        Assert.Equal(30 / 14.0, r.Groups[0].RatioToAll!.Value, 12);
    }

    [Fact]
    public void Ethnicity_compares_the_highest_and_lowest_known_group_and_has_no_slope_index()
    {
        // Rates per 1,000: asian 20, black 30, mixed 10, white 15, other 25; unknown 100 is shown but not compared.
        var r = GroupInequality.Of(InequalityDimension.Ethnicity,
            [("asian", 20, 1000), ("black", 30, 1000), ("mixed", 10, 1000), ("white", 15, 1000), ("other", 25, 1000), ("unknown", 100, 1000)],
            1000, DisclosurePolicy.Off);
        Assert.Equal(["asian", "black", "mixed", "white", "other", "unknown"], r.Groups.Select(g => g.Group));
        Assert.Equal(20, r.AbsoluteGap!.Value, 12);
        Assert.Equal(3, r.RelativeGap!.Value, 12);
        Assert.Null(r.SlopeIndex);
        Assert.Null(r.RelativeIndex);
        Assert.Equal(100, r.Groups[^1].Rate!.Value, 12);
    }

    [Fact]
    public void Plus_group_against_the_rest_and_suppression_withholds_the_gap()
    {
        var r = GroupInequality.Of(InequalityDimension.LearningDisability, [("learning_disability", 12, 400), ("rest", 300, 20000)], 1000, DisclosurePolicy.Off);
        Assert.Equal(30 - 15, r.AbsoluteGap!.Value, 12);
        Assert.Equal(2, r.RelativeGap!.Value, 12);
        // With disclosure control, 5 events are suppressed (1–7): the group's rate and every gap needing it are withheld.
        var small = GroupInequality.Of(InequalityDimension.SevereMentalIllness, [("severe_mental_illness", 5, 100), ("rest", 300, 20000)], 1000, DisclosurePolicy.Default);
        Assert.Null(small.Groups[0].Rate);
        Assert.Null(small.AbsoluteGap);
        Assert.Throws<ArgumentException>(() => GroupInequality.Of(InequalityDimension.Core20, [("q1", 1, 10)], 1000, DisclosurePolicy.Off));
    }

    [Fact]
    public void Every_dimension_without_a_slope_index_says_why()
    {
        var ethnicity = GroupInequality.Of(InequalityDimension.Ethnicity, [("white", 10, 1000), ("asian", 5, 100)], 1000, DisclosurePolicy.Off);
        Assert.Contains("no slope index (groups have no order)", ethnicity.Comparison, StringComparison.Ordinal);
        foreach (var plus in new[] { InequalityDimension.LearningDisability, InequalityDimension.SevereMentalIllness })
        {
            var r = GroupInequality.Of(plus, [(GroupInequality.Groups(plus)[0], 12, 400), ("rest", 300, 20000)], 1000, DisclosurePolicy.Off);
            Assert.Null(r.SlopeIndex);
            Assert.Contains("no slope index", r.Comparison, StringComparison.Ordinal);
        }
        var ranked = GroupInequality.Of(InequalityDimension.ImdQuintile, [("1", 30, 1000), ("5", 10, 1000)], 1000, DisclosurePolicy.Off);
        Assert.DoesNotContain("no slope index", ranked.Comparison, StringComparison.Ordinal);
    }

    [Fact]
    public void Imd_quintiles_give_q1_minus_q5_and_the_slope_and_relative_indices()
    {
        // Equal populations, rates 50, 40, 30, 20, 10: rank midpoints 0.1 … 0.9, slope −50, SII 50, mean 30, RII 5/3.
        var r = GroupInequality.Of(InequalityDimension.ImdQuintile,
            [("1", 50, 1000), ("2", 40, 1000), ("3", 30, 1000), ("4", 20, 1000), ("5", 10, 1000)], 1000, DisclosurePolicy.Off);
        Assert.Equal(40, r.AbsoluteGap!.Value, 12);
        Assert.Equal(5, r.RelativeGap!.Value, 12);
        Assert.Equal(50, r.SlopeIndex!.Value, 9);
        Assert.Equal(50 / 30.0, r.RelativeIndex!.Value, 9);
    }
}

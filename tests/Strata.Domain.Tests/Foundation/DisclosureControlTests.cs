using Strata.Domain.Foundation;

namespace Strata.Domain.Tests.Foundation;

public class DisclosureControlTests
{
    private static readonly DisclosurePolicy Policy = DisclosurePolicy.Default;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void Counts_one_to_seven_are_suppressed(long count) => Assert.Null(Policy.Count(count));

    [Fact]
    public void Zero_is_released_as_zero() => Assert.Equal(0, Policy.Count(0));

    [Theory]
    [InlineData(8, 10)]
    [InlineData(12, 10)]
    [InlineData(13, 15)]
    [InlineData(1002, 1000)]
    [InlineData(1003, 1005)]
    public void Other_counts_round_to_nearest_five(long count, long expected) => Assert.Equal(expected, Policy.Count(count));

    [Fact]
    public void Rates_are_recomputed_from_rounded_numerator_and_denominator() =>
        // 13/98 → 15/100, not the raw 0.1327.
        Assert.Equal(150.0, Policy.Rate(13, 98, per: 1000)!.Value, 9);

    [Fact]
    public void Rate_is_withheld_when_the_numerator_is_suppressed() => Assert.Null(Policy.Rate(3, 500));

    [Fact]
    public void Switched_off_policy_releases_raw_values_and_says_so()
    {
        Assert.Equal(3, DisclosurePolicy.Off.Count(3));
        Assert.Contains("OFF", DisclosurePolicy.Off.Statement, StringComparison.Ordinal);
        Assert.Contains("1-7 suppressed", Policy.Statement, StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_are_withheld_with_a_suppressed_group() => Assert.Null(Policy.Amount(1234.5, 4));

    [Fact]
    public void A_withheld_part_of_a_released_total_takes_the_smallest_released_part_with_it() =>
        Assert.Equal([5000.0, null, null, 900.5], Policy.Complement([5000.0, null, 300.0, 900.5]));

    [Fact]
    public void Parts_all_released_or_all_withheld_are_left_as_they_are()
    {
        Assert.Equal([1.0, 2.0], Policy.Complement([1.0, 2.0]));
        Assert.Equal([null, null], Policy.Complement([null, null]));
        Assert.Equal([1.0, null], DisclosurePolicy.Off.Complement([1.0, null]));
    }
}

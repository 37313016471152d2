using Strata.Domain.Foundation;

namespace Strata.Domain.Tests.Foundation;

public class DisclosureControlTests
{
    private static readonly DisclosurePolicy Policy = DisclosurePolicy.Default;

    private static readonly DisclosurePolicy RoundingOnly = RoundingPolicy.Only;

    private static IEnumerable<long> AllKeys => Enumerable.Range(0, DisclosurePolicy.KeyRange).Select(k => (long)k);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void Counts_one_to_seven_are_suppressed_whatever_their_key(long count) =>
        Assert.All(AllKeys, k => Assert.Null(Policy.Count(new KeyedCount(count, k))));

    [Fact]
    public void Zero_is_released_as_zero() => Assert.All(AllKeys, k => Assert.Equal(0, Policy.Count(new KeyedCount(0, k))));

    [Fact]
    public void Other_counts_are_published_as_multiples_of_five_from_ten_within_the_perturbation_and_rounding()
    {
        foreach (var n in Enumerable.Range(8, 300))
        {
            foreach (var k in AllKeys)
            {
                var p = Policy.Count(new KeyedCount(n, k))!.Value;
                Assert.Equal(0, p % 5);
                Assert.True(p >= 10, $"{n} key {k} published as {p}");
                Assert.True(Math.Abs(p - n) <= 2 + Policy.MaxPerturbation || p == 10, $"{n} key {k} published as {p}");
            }
        }
    }

    [Fact]
    public void The_same_cell_is_published_the_same_way_and_different_cells_of_one_size_differently()
    {
        Assert.Equal(Policy.Count(new KeyedCount(1003, 17)), Policy.Count(new KeyedCount(1003, 17)));
        // Over the keys a count of 1003 lands on 1000 and 1005 (and sometimes further), not on one value.
        Assert.True(AllKeys.Select(k => Policy.Count(new KeyedCount(1003, k))).Distinct().Count() >= 2);
    }

    [Fact]
    public void The_perturbation_table_is_centred_on_zero_in_every_row()
    {
        foreach (var row in Enumerable.Range(0, DisclosurePolicy.TableRows))
        {
            var perturbations = AllKeys.Select(k => Policy.Perturbation(row, k)).ToList();
            Assert.InRange(perturbations.Average(), -0.05, 0.05);
            Assert.Equal(-Policy.MaxPerturbation, perturbations.Min());
            Assert.Equal(Policy.MaxPerturbation, perturbations.Max());
        }
    }

    [Fact]
    public void Bounds_from_a_published_value_always_hold_the_true_count_and_never_pin_it()
    {
        foreach (var n in Enumerable.Range(0, 400))
        {
            foreach (var k in AllKeys)
            {
                var (low, high) = Policy.Bounds(Policy.Count(new KeyedCount(n, k)));
                Assert.InRange(n, low, high);
                Assert.True(n == 0 || high > low, $"{n} pinned by its own published value");
            }
        }
    }

    [Fact]
    public void A_margin_is_keyed_by_the_sum_of_its_parts_keys()
    {
        var total = KeyedCount.Sum([new KeyedCount(500, 200), new KeyedCount(370, 100), new KeyedCount(1, 10)]);
        Assert.Equal(new KeyedCount(871, 54), total);
    }

    [Theory]
    [InlineData(8, 10)]
    [InlineData(12, 10)]
    [InlineData(13, 15)]
    [InlineData(1002, 1000)]
    [InlineData(1003, 1005)]
    public void Without_perturbation_counts_round_to_nearest_five(long count, long expected) => Assert.Equal(expected, RoundingOnly.Count(count));

    [Fact]
    public void Rates_are_recomputed_from_published_numerator_and_denominator()
    {
        var numerator = new KeyedCount(13, 40);
        var denominator = new KeyedCount(98, 3);
        Assert.Equal(Policy.Count(numerator)!.Value * 1000.0 / Policy.Count(denominator)!.Value, Policy.Rate(numerator, denominator, per: 1000)!.Value, 9);
        // 13/98 → 15/100 without perturbation, not the raw 0.1327.
        Assert.Equal(150.0, RoundingOnly.Rate(13, 98, per: 1000)!.Value, 9);
    }

    [Fact]
    public void Per_head_divides_by_the_published_count_so_money_over_per_head_gives_only_that()
    {
        var people = new KeyedCount(1234, 99);
        var perHead = Policy.PerHead(1_000_000, people)!.Value;
        Assert.Equal((double)Policy.Count(people)!.Value, 1_000_000 / perHead, 6);
        Assert.NotEqual(1234, Math.Round(1_000_000 / perHead));
        Assert.Null(Policy.PerHead(1_000, new KeyedCount(5, 1)));
    }

    [Fact]
    public void Rate_is_withheld_when_the_numerator_is_suppressed() => Assert.Null(Policy.Rate(3, 500));

    [Fact]
    public void Switched_off_policy_releases_raw_values_and_says_so()
    {
        Assert.Equal(3, DisclosurePolicy.Off.Count(3));
        Assert.Contains("OFF", DisclosurePolicy.Off.Statement, StringComparison.Ordinal);
        Assert.Contains("1-7 suppressed", Policy.Statement, StringComparison.Ordinal);
        Assert.Contains("perturbed", Policy.Statement, StringComparison.Ordinal);
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

using Strata.Domain.Deliver;
using Strata.Domain.Foundation;
using Strata.Domain.Foundation.Synthetic;

namespace Strata.Domain.Tests.Foundation.Synthetic;

/// <summary>The demo's world: names drawn per seed, and contracts whose mechanism fits the provider.</summary>
public sealed class PlaceNamesTests
{
    [Fact]
    public void Every_seed_names_its_own_places_and_no_two_places_look_alike()
    {
        var one = PlaceLayout.PlaceNames(10, Rng.Fork(1, "place-names", 0));
        var two = PlaceLayout.PlaceNames(10, Rng.Fork(2, "place-names", 0));
        Assert.NotEqual(one, two);
        Assert.Equal(one, PlaceLayout.PlaceNames(10, Rng.Fork(1, "place-names", 0)));
        foreach (var names in new[] { one, two })
        {
            Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
            Assert.All(names, n => Assert.Matches("^[A-Z][a-z]+( [A-Z][a-z]+)?$", n));
        }
    }

    [Fact]
    public void The_layout_is_the_same_whatever_the_names()
    {
        var a = PlaceLayout.Build(100_000, new Rng(7), Rng.Fork(1, "place-names", 0));
        var b = PlaceLayout.Build(100_000, new Rng(7), Rng.Fork(2, "place-names", 0));
        Assert.Equal(a.Places.Select(p => p.Weight), b.Places.Select(p => p.Weight));
        Assert.Equal(a.Practices.Select(p => p.Weight), b.Practices.Select(p => p.Weight));
        Assert.NotEqual(a.Places.Select(p => p.Name), b.Places.Select(p => p.Name));
    }

    [Fact]
    public void Aligned_payment_is_for_nhs_trusts_not_local_authority_social_care()
    {
        var api = new AlignedPaymentIncentive(1_000_000, new Dictionary<string, double> { ["social_care"] = 100 });
        Assert.False(MechanismFit.Fits("social_care", api));
        Assert.False(MechanismFit.Fits("vcse", api));
        Assert.True(MechanismFit.Fits("acute", api));
        Assert.True(MechanismFit.Fits("social_care", new BlockPayment(500_000)));
    }
}

using Strata.Data.Deliver;
using Strata.Domain.Foundation;

namespace Strata.Data.Tests.Deliver;

public class EqualityImpactDataTests
{
    [Fact]
    public void People_affected_by_imd_quintile_from_the_service_settings()
    {
        using var ws = DeliverFixture.Build();
        // community_contact in the year to D: p2 (decile 10 → Q5) and p4 (decile 6 → Q3).
        var q = EqualityImpactData.ByImdQuintile(ws.Engine, DeliverFixture.D, ["community_contact"], null, DisclosurePolicy.Off)
            .ToDictionary(x => x.Quintile);
        Assert.Equal(0, q[1].Affected);
        Assert.Equal(1, q[3].Affected);
        Assert.Equal(2, q[3].Population);   // p3 and p4
        Assert.Equal(0.5, q[5].AffectedShare);
        Assert.Equal(0.25, q[5].PopulationShare);
    }

    [Fact]
    public void Counts_pass_disclosure_control()
    {
        using var ws = DeliverFixture.Build();
        var q = EqualityImpactData.ByImdQuintile(ws.Engine, DeliverFixture.D, ["community_contact"], "RC1", DisclosurePolicy.Default);
        Assert.All(q, x => Assert.True(x.Affected is null or 0));
        Assert.All(q, x => Assert.Null(x.Population));
    }

    [Fact]
    public void Unknown_settings_are_refused() =>
        Assert.Throws<ArgumentException>(() => EqualityImpactData.ByImdQuintile(DeliverFixture.Build().Engine, DeliverFixture.D, ["spa"], null, DisclosurePolicy.Off));
}

using Strata.Data.Deliver;
using Strata.Data.Foundation;
using Strata.Domain.Deliver;

namespace Strata.Data.Tests.Deliver;

public class ContractBookTests
{
    private static Contract Block(string id, string setting = "community_contact") => new(id, "RC1", [setting],
        new ContractBaseline(0, new Dictionary<string, double> { [setting] = 40 }), [new BlockPayment(8_000)], 8_000);

    [Fact]
    public void A_contract_for_a_setting_outside_the_vocabulary_is_refused_naming_the_field()
    {
        using var ws = Workspace.InMemory();
        var e = Assert.Throws<ArgumentException>(() => ContractBook.Add(ws.Engine, Block("c1", "spa_day"), "fiona"));
        Assert.Equal("settings: not settings of the vocabulary: spa_day", e.Message);
        Assert.Empty(ContractBook.Current(ws.Engine));
    }

    [Fact]
    public void Adding_a_contract_again_makes_a_new_current_version()
    {
        using var ws = Workspace.InMemory();
        ContractBook.Add(ws.Engine, Block("c1"), "fiona");
        ContractBook.Add(ws.Engine, Block("c1") with { AgreedValue = 9_000 }, "carl");
        var c = Assert.Single(ContractBook.Current(ws.Engine));
        Assert.Equal((2, "carl", 9_000.0), (c.Version, c.Actor, c.Contract.AgreedValue));
        Assert.Equal(9_000, ContractBook.Load(ws.Engine, "c1").Contract.AgreedValue);
        Assert.Throws<ArgumentException>(() => ContractBook.Load(ws.Engine, "c2"));
    }

    [Fact]
    public void A_simulation_summarises_payment_by_year_and_keeps_runs_only_when_asked()
    {
        using var ws = Workspace.InMemory();
        ContractBook.Add(ws.Engine, Block("c1"), "fiona");
        var stored = ContractBook.Load(ws.Engine, "c1");
        var outturns = new[] { 7_000.0, 9_000.0 }.Select((cost, i) => new Outturn(i, 1, stored.Contract.Baseline.ActivityBySetting, cost)).ToList();
        var sim = ContractBook.Simulate(stored, outturns, "test", keepOutcomes: false);
        // A block without a corridor pays 8,000 whatever the cost: margin +1,000 and −1,000.
        Assert.Equal((2, 8_000.0, 0.0), (sim.Outturns, sim.Years[0].Payment.Mean, sim.Years[0].ProviderMargin.Mean));
        Assert.Null(sim.Outcomes);
        Assert.Equal(2, ContractBook.Simulate(stored, outturns, "test", keepOutcomes: true).Outcomes!.Count);
    }

    [Fact]
    public void A_pool_is_validated_before_it_is_recorded()
    {
        using var ws = Workspace.InMemory();
        var pool = new PoolAgreement("p1", [], [new("ICB", 100)], [new("S", 100, 120)]);
        Assert.Throws<ArgumentException>(() => ContractBook.AddPool(ws.Engine, pool with { RiskReserve = -1 }, "carl"));
        Assert.Throws<ArgumentException>(() => ContractBook.AddPool(ws.Engine, pool with { AgreementId = " " }, "carl"));
        ContractBook.AddPool(ws.Engine, pool, "carl");
        Assert.Equal("p1", Assert.Single(ContractBook.Pools(ws.Engine)).Agreement.AgreementId);
    }
}

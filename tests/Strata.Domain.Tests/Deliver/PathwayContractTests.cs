using Strata.Domain.Deliver;
using Strata.Domain.Foundation;

namespace Strata.Domain.Tests.Deliver;

public class PathwayContractTests
{
    private static readonly ContractBaseline Baseline = new(1000, new Dictionary<string, double> { ["primary_care"] = 1000, ["admission"] = 100 });

    /// <summary>
    /// Lead L paid £500 per weighted head plus a £100,000 outcomes element with 10% withheld on one KPI; agreed value
    /// £600,000 with a 2% corridor, 50/50 sharing out to 10%, the commissioner beyond. Community provider S is
    /// sub-contracted at £100 per primary-care contact; anyone else is paid their cost.
    /// </summary>
    private static PathwayContract Contract(double corridor = 0.02) => new("PC1", "copd", "L",
        [new SubContract("S", new ActivityBasedPayment(new Dictionary<string, double> { ["primary_care"] = 100 }))],
        Baseline,
        [
            new CapitationPayment(500),
            new OutcomesWithhold(100_000, 0.10, [new Kpi("admissions_reduced", 1, [new PayoutBand(0.5, 0.5), new PayoutBand(1, 1)])]),
        ],
        600_000,
        new RiskShareCorridor(600_000, corridor));

    private static PathwayOutturn Outturn(double leadCost = 300_000, double achievement = 0.6) => new(1, 1,
        [
            new ProviderOutturn("L", new Dictionary<string, double> { ["primary_care"] = 800 }, leadCost),
            new ProviderOutturn("S", new Dictionary<string, double> { ["primary_care"] = 300 }, 25_000),
            new ProviderOutturn("T", new Dictionary<string, double> { ["admission"] = 20 }, 50_000),
        ],
        KpiAchievement: new Dictionary<string, double> { ["admissions_reduced"] = achievement });

    [Fact]
    public void The_lead_is_paid_capitation_and_outcomes_shares_the_pathway_underspend_and_pays_the_others_on()
    {
        var o = PathwayContractSimulator.Simulate(Contract(), Outturn());
        // Base 500,000 + 90,000 + 5,000 (half the withheld 10,000 at 60% achievement) = 595,000. The pathway costs the
        // lead 300,000 + 30,000 (S: 300 × £100) + 50,000 (T at cost) = 380,000: 220,000 under the agreed value. The lead
        // keeps the first 12,000 (2%) and half of the next 48,000; the commissioner takes back 184,000.
        Assert.Equal(595_000, o.Commissioner.BasePayment, 6);
        Assert.Equal(-184_000, o.Commissioner.CorridorAdjustment, 6);
        Assert.Equal(411_000, o.Payment, 6);
        var flows = o.Flows.ToDictionary(f => f.Provider);
        Assert.Equal((PathwayRole.Lead, 331_000.0, 31_000.0), (flows["L"].Role, flows["L"].Receives, flows["L"].Margin));
        Assert.Equal((PathwayRole.SubContractor, 30_000.0, 5_000.0), (flows["S"].Role, flows["S"].Receives, flows["S"].Margin));
        Assert.Equal((PathwayRole.Spot, 50_000.0, 0.0), (flows["T"].Role, flows["T"].Receives, flows["T"].Margin));
    }

    [Fact]
    public void Whatever_the_outturn_the_payment_is_exactly_what_the_providers_receive()
    {
        var rng = new Rng(5);
        for (var i = 0; i < 200; i++)
        {
            var outturn = Outturn(leadCost: 100_000 + 600_000 * rng.NextDouble(), achievement: rng.NextDouble());
            var o = PathwayContractSimulator.Simulate(Contract(corridor: 0.05 * rng.NextDouble()), outturn);
            Assert.Equal(o.Payment, o.Flows.Sum(f => f.Receives), 6);
        }
    }

    [Fact]
    public void An_overspent_pathway_costs_the_lead_its_share_and_a_sub_contractor_without_activity_keeps_a_block()
    {
        var contract = Contract() with
        {
            SubContracts = [new SubContract("S", new ActivityBasedPayment(new Dictionary<string, double> { ["primary_care"] = 100 })), new SubContract("V", new BlockPayment(10_000))],
        };
        var o = PathwayContractSimulator.Simulate(contract, Outturn(leadCost: 560_000, achievement: 1));
        // Cost 560,000 + 30,000 + 50,000 + 10,000 = 650,000: 50,000 over. Lead bears 12,000 + 19,000 = 31,000.
        Assert.Equal(19_000, o.Commissioner.CorridorAdjustment, 6);
        var flows = o.Flows.ToDictionary(f => f.Provider);
        Assert.Equal(10_000, flows["V"].Receives);
        // Paid 600,000 + 19,000; the lead passes on 90,000 and keeps 529,000 against its own 560,000.
        Assert.Equal(529_000, flows["L"].Receives, 6);
        Assert.Equal(-31_000, flows["L"].Margin, 6);
    }

    [Theory]
    [InlineData("L", "sub_contracts[0].provider")]
    [InlineData("", "sub_contracts[0].provider")]
    public void A_sub_contract_must_name_another_provider(string provider, string field)
    {
        var bad = Contract() with { SubContracts = [new SubContract(provider, new BlockPayment(1))] };
        var e = Assert.Throws<ArgumentException>(bad.Validate);
        Assert.StartsWith(field + ":", e.Message);
    }

    [Fact]
    public void A_bad_sub_contract_payment_names_its_field()
    {
        var bad = Contract() with { SubContracts = [new SubContract("S", new BlockPayment(-1))] };
        Assert.StartsWith("sub_contracts[0].payment.amount:", Assert.Throws<ArgumentException>(bad.Validate).Message);
    }
}

using Strata.Data.Deliver;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;

namespace Strata.Application.Deliver;

/// <summary>What the demo's Deliver stage computed and stored (null allocation: no spend in the year to D).</summary>
public sealed record DeliverDemoResult(
    StoredAllocation Allocation, Contract Contract, ContractSimulation Simulation, ProcessSelection Selection,
    PoolAgreement Pool, PoolYearEnd PoolYearEnd, IReadOnlyList<Delegation> Delegations);

/// <summary>
/// The demo's Deliver stage, with its illustrative defaults in one place: an allocation of next year's budget on the
/// web's basis (current = each area's spend in the year to D), a contract on the largest provider-setting, a PSR
/// case, a Better Care Fund pool and a decision rights register. Everything is stored in the workspace, so
/// `strata serve` shows exactly what the demo printed; `strata demo` and the web's demo job both run it.
/// </summary>
public static class DeliverDemo
{
    /// <summary>Next year's budget: this year's spend plus this growth.</summary>
    public const double BudgetGrowth = 0.03;
    public const int ConvergenceYears = 5;
    public const int ContractRuns = 500;
    public const ulong ContractSeed = 42;
    public const string Actor = "demo";

    /// <summary>The example register: who may award contracts and redesign services, and up to what value.</summary>
    public static readonly IReadOnlyList<Delegation> Delegations =
    [
        new("contract_award", Tier.Icb, 5_000_000),
        new("contract_award", Tier.Place, 500_000),
        new("contract_award", Tier.Neighbourhood, 100_000),
        new("service_redesign", Tier.Place, 250_000),
        new("service_redesign", Tier.Neighbourhood, 50_000),
    ];

    /// <summary>The allocation the demo runs at D for a budget: 5-year convergence from the spend basis, growing 3% a year.</summary>
    public static AllocateRequest AllocationRequest(DateOnly at, double spend) =>
        new(Math.Round(spend * (1 + BudgetGrowth)), ReferenceDate.Text(at), Years: ConvergenceYears, BudgetGrowth: BudgetGrowth, CurrentFromSpend: true);

    public static DeliverDemoResult? Run(IEngine engine, DateOnly at, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(policy);
        var spend = ActivitySpend.Total(engine, at);
        if (spend <= 0)
        {
            return null;
        }
        var allocation = AllocateHandler.Run(engine, AllocationRequest(at, spend), policy, Actor);

        // A contract on the largest NHS trust provider-setting by spend (aligned payment and incentive fits NHS trusts,
        // not local-authority social care: MechanismFit), with a ±2% corridor; any provider when there is no trust.
        var top = (ActivitySpend.Largest(engine, at, MechanismFit.AlignedPaymentProviderTypes) ?? ActivitySpend.Largest(engine, at))!;
        var price = top.Cost / top.Activity;
        var contract = new Contract($"demo-{top.Provider}-{top.Setting}", top.Provider, [top.Setting],
            new ContractBaseline(0, new Dictionary<string, double> { [top.Setting] = top.Activity }),
            [new AlignedPaymentIncentive(top.Cost, new Dictionary<string, double> { [top.Setting] = price }, Indicators: ["cquin_1", "cquin_2"])],
            top.Cost, new RiskShareCorridor(top.Cost, 0.02, 0.5, 0.10));
        ContractBook.Add(engine, contract, Actor);
        // Stand-in outturns until a Plan scenario is fed in: activity ±5% demand uncertainty, cost ±4% per unit.
        var outturns = IllustrativeOutturns.Draw(contract, ContractRuns, ContractSeed,
            kpiProbabilities: new Dictionary<string, double> { ["cquin_1"] = 0.8, ["cquin_2"] = 0.6 });
        var outcomes = ContractSimulator.Simulate(contract, outturns);
        var simulation = new ContractSimulation(contract.ContractId, contract.Provider, 1, "illustrative", outcomes.Count,
            [ContractSimulator.Summarise(outcomes)[0]], outcomes);

        // PSR: an expiring community contract whose value rises 15%, notice of intention on D.
        var selection = ProviderSelection.Select(new PsrCase(false, false, true, true, true, new ValueChange(2_000_000, 2_300_000), true));

        // A Better Care Fund pool at year end.
        var pool = new PoolAgreement("demo-bcf", ["Keep people well at home"], [new("ICB", 6_000_000), new("Council", 4_000_000)],
            [new("Reablement", 4_000_000, 4_450_000), new("Home adaptations", 3_000_000, 2_900_000), new("Carers", 3_000_000, 3_050_000)],
            RiskReserve: 200_000);
        ContractBook.AddPool(engine, pool, Actor);

        // The example register, where the workspace has not delegated that function to that tier already.
        var recorded = DecisionLog.Register(engine);
        var added = Delegations.Where(d => recorded.Find(d.Function, d.Tier) is null).ToList();
        foreach (var d in added)
        {
            DecisionLog.Delegate(engine, d, Actor);
        }
        return new DeliverDemoResult(allocation, contract, simulation, selection, pool, PooledBudget.YearEnd(pool), added);
    }
}

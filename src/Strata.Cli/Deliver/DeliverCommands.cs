using System.CommandLine;
using System.Globalization;
using Strata.Cli.Infrastructure;
using Strata.Data.Deliver;
using Strata.Data.Foundation;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;

namespace Strata.Cli.Deliver;

/// <summary>The Deliver stage's commands, and its part of `strata demo`.</summary>
public static class DeliverCommands
{
    public static IEnumerable<Command> Create() => [AllocationCommand.Create(), ContractCommands.Create(), .. GovernanceCommands.Create()];

    /// <summary>Runs this stage on the demo workspace and adds its lines to the summary.</summary>
    public static void Demo(DemoContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ws = context.Workspace;
        var d = context.ReferenceDate;
        var engine = ws.Engine;
        var spend = ActivitySpend.Total(engine, d);
        if (spend <= 0)
        {
            context.Report("Deliver", "skipped: no spend in the year to the reference date");
            return;
        }

        // 1. Allocation: next year's budget (+3%) against a current allocation that is simply per head.
        var budget = Math.Round(spend * 1.03);
        NeedData.Build(engine, d);
        var places = NeedData.Read(engine, d, "place", new ImdWeights()).Areas;
        var heads = places.Sum(p => p.Population);
        var current = places.ToDictionary(p => p.Area, p => Math.Round(spend * p.Population / heads, 2));
        var allocation = AllocationRun.Run(engine, new AllocationRequest(d, budget, current, AllocationCalculator.DefaultInequalitiesShare,
            new ImdWeights(), 30, 5, new ConvergencePolicy(), 0.03), context.Disclosure);
        File.WriteAllText(Path.Combine(context.OutputDirectory.FullName, "deliver-allocation.html"), AllocationCommand.Html(allocation));
        var placeLevel = allocation.Levels.Single(l => l.Level == "place");
        var furthest = placeLevel.Areas.Where(a => a.DistanceFromTarget is not null).OrderBy(a => a.DistanceFromTarget).FirstOrDefault();
        var neighbourhoods = allocation.Levels.Single(l => l.Level == "neighbourhood").Areas.Count;
        var under = furthest is null ? "" : string.Create(CultureInfo.InvariantCulture, $"; furthest under target {furthest.Area} at {furthest.DistanceFromTarget:P1}");
        context.Report("Deliver", string.Create(CultureInfo.InvariantCulture,
            $"allocation of £{budget:N0} to {placeLevel.Areas.Count} places and {neighbourhoods} neighbourhoods (10% by unmet need){under}; 5-year convergence path in deliver-allocation.html"));

        // 2. A contract on the largest provider-setting by spend, aligned payment and incentive with a corridor.
        var top = ActivitySpend.Largest(engine, d)!;
        var price = top.Cost / top.Activity;
        var contract = new Contract($"demo-{top.Provider}-{top.Setting}", top.Provider, [top.Setting],
            new ContractBaseline(0, new Dictionary<string, double> { [top.Setting] = top.Activity }),
            [new AlignedPaymentIncentive(top.Cost, new Dictionary<string, double> { [top.Setting] = price }, Indicators: ["cquin_1", "cquin_2"])],
            top.Cost, new RiskShareCorridor(top.Cost, 0.02, 0.5, 0.10));
        ContractBook.Add(engine, contract, "demo");
        // Stand-in outturns until a Plan scenario is fed in: activity ±5% demand uncertainty, cost ±4% per unit.
        var outturns = IllustrativeOutturns.Draw(contract, 500, 42, kpiProbabilities: new Dictionary<string, double> { ["cquin_1"] = 0.8, ["cquin_2"] = 0.6 });
        var outcomes = ContractSimulator.Simulate(contract, outturns);
        var year = ContractSimulator.Summarise(outcomes)[0];
        File.WriteAllText(Path.Combine(context.OutputDirectory.FullName, "deliver-contract.html"),
            ContractCommands.Html(contract, new ContractSimulation(contract.ContractId, contract.Provider, 1, "illustrative", outcomes.Count, [year], outcomes)));
        context.Report("Deliver", string.Create(CultureInfo.InvariantCulture,
            $"contract {contract.ContractId} (API, ±2% corridor) over {year.Runs} runs: payment P10-P90 £{year.Payment.P10:N0}-£{year.Payment.P90:N0}; commissioner risk mean £{year.CommissionerRisk.Mean:N0}, provider risk mean £{year.ProviderRisk.Mean:N0}"));

        // 3. PSR: an expiring community contract, notice of intention on the reference date.
        var selection = ProviderSelection.Select(new PsrCase(false, false, true, true, true, new ValueChange(2_000_000, 2_300_000), true));
        context.Report("Deliver", string.Create(CultureInfo.InvariantCulture,
            $"PSR: expiring contract +15% → {selection.Process}; notice of intention {d:yyyy-MM-dd}, standstill ends {ProviderSelection.StandstillEnd(d):yyyy-MM-dd}"));

        // 4. A Better Care Fund pool year end.
        var pool = new PoolAgreement("demo-bcf", ["Keep people well at home"], [new("ICB", 6_000_000), new("Council", 4_000_000)],
            [new("Reablement", 4_000_000, 4_450_000), new("Home adaptations", 3_000_000, 2_900_000), new("Carers", 3_000_000, 3_050_000)],
            RiskReserve: 200_000);
        ContractBook.AddPool(engine, pool, "demo");
        var end = PooledBudget.YearEnd(pool);
        context.Report("Deliver", string.Create(CultureInfo.InvariantCulture,
            $"BCF pool year end: overspend £{end.Overspend:N0} − offset £{end.OffsetWithinPool:N0} − reserve £{end.ReserveUsed:N0} = £{end.SharedOverspend:N0} shared ({string.Join(", ", end.PartnerShares.Select(kv => $"{kv.Key} £{kv.Value:N0}"))})"));
    }
}

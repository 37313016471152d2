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
    /// <summary>Better Care Fund pooled budget per head per year: about £9bn over England's 57 million people.</summary>
    private const double BcfPerHead = 150;

    /// <summary>The demo pool is rounded to this many pounds.</summary>
    private const double BcfRounding = 10_000;

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

        // 2. A contract on the largest NHS trust provider-setting by spend (aligned payment and incentive applies to
        // NHS trusts, not to local-authority social care: MechanismFit), with a risk-share corridor.
        if (ActivitySpend.Largest(engine, d, MechanismFit.AlignedPaymentProviderTypes) is { } top)
        {
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
        }
        else
        {
            context.Report("Deliver", "contract skipped: no NHS trust activity in the year to the reference date");
        }

        // 3. PSR: an expiring community contract, notice of intention on the reference date.
        var selection = ProviderSelection.Select(new PsrCase(false, false, true, true, true, new ValueChange(2_000_000, 2_300_000), true));
        context.Report("Deliver", string.Create(CultureInfo.InvariantCulture,
            $"PSR: expiring contract +15% → {selection.Process}; notice of intention {d:yyyy-MM-dd}, standstill ends {ProviderSelection.StandstillEnd(d):yyyy-MM-dd}"));

        // 4. A Better Care Fund pool year end.
        // Sized to the population: about £150 a head a year (the Better Care Fund's national pool over England's
        // population), 60% from the ICB and 40% from the council; schemes over- and underspend by a few per cent.
        var pooled = Math.Max(BcfRounding, Math.Round(BcfPerHead * heads / BcfRounding) * BcfRounding);
        double Part(double share) => Math.Round(pooled * share / 1_000) * 1_000;
        var reablement = Part(0.4);
        var adaptations = Part(0.3);
        var carers = pooled - reablement - adaptations;
        var icb = Part(0.6);
        var pool = new PoolAgreement("demo-bcf", ["Keep people well at home"], [new("ICB", icb), new("Council", pooled - icb)],
            [new("Reablement", reablement, Part(0.445)), new("Home adaptations", adaptations, Part(0.29)), new("Carers", carers, Part(0.305))],
            RiskReserve: Part(0.02));
        ContractBook.AddPool(engine, pool, "demo");
        var end = PooledBudget.YearEnd(pool);
        context.Report("Deliver", string.Create(CultureInfo.InvariantCulture,
            $"BCF pool year end: overspend £{end.Overspend:N0} − offset £{end.OffsetWithinPool:N0} − reserve £{end.ReserveUsed:N0} = £{end.SharedOverspend:N0} shared ({string.Join(", ", end.PartnerShares.Select(kv => $"{kv.Key} £{kv.Value:N0}"))})"));
    }
}

using System.CommandLine;
using System.Globalization;
using Strata.Application.Deliver;
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

    /// <summary>Runs this stage on the demo workspace (<see cref="DeliverDemo"/>, stored for the web) and adds its lines to the summary.</summary>
    public static void Demo(DemoContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var d = context.ReferenceDate;
        if (DeliverDemo.Run(context.Workspace.Engine, d, context.Disclosure) is not { } result)
        {
            context.Report("Deliver", "skipped: no spend in the year to the reference date");
            return;
        }
        var allocation = result.Allocation.Report;
        File.WriteAllText(Path.Combine(context.OutputDirectory.FullName, "deliver-allocation.html"), AllocationCommand.Html(allocation));
        var placeLevel = allocation.Levels.Single(l => l.Level == "place");
        var furthest = placeLevel.Areas.Where(a => a.DistanceFromTarget is not null).OrderBy(a => a.DistanceFromTarget).FirstOrDefault();
        var neighbourhoods = allocation.Levels.Single(l => l.Level == "neighbourhood").Areas.Count;
        var under = furthest is null ? "" : string.Create(CultureInfo.InvariantCulture, $"; furthest under target {furthest.Area} at {furthest.DistanceFromTarget:P1}");
        context.Report("Deliver", string.Create(CultureInfo.InvariantCulture,
            $"allocation of £{allocation.Budget:N0} to {placeLevel.Areas.Count} places and {neighbourhoods} neighbourhoods (10% by unmet need, current = spend in the year to D){under}; "
            + $"{DeliverDemo.ConvergenceYears}-year convergence path in deliver-allocation.html; stored as version {result.Allocation.Version} (the web's Allocation page)"));

        var contract = result.Contract;
        var year = result.Simulation.Years[0];
        File.WriteAllText(Path.Combine(context.OutputDirectory.FullName, "deliver-contract.html"), ContractCommands.Html(contract, result.Simulation));
        context.Report("Deliver", string.Create(CultureInfo.InvariantCulture,
            $"contract {contract.ContractId} (API, ±2% corridor) over {year.Runs} runs: payment P10-P90 £{year.Payment.P10:N0}-£{year.Payment.P90:N0}; commissioner risk mean £{year.CommissionerRisk.Mean:N0}, provider risk mean £{year.ProviderRisk.Mean:N0}"));
        context.Report("Deliver", string.Create(CultureInfo.InvariantCulture,
            $"PSR: expiring contract +15% → {result.Selection.Process}; notice of intention {d:yyyy-MM-dd}, standstill ends {ProviderSelection.StandstillEnd(d):yyyy-MM-dd}"));
        var end = result.PoolYearEnd;
        context.Report("Deliver", string.Create(CultureInfo.InvariantCulture,
            $"BCF pool year end: overspend £{end.Overspend:N0} − offset £{end.OffsetWithinPool:N0} − reserve £{end.ReserveUsed:N0} = £{end.SharedOverspend:N0} shared ({string.Join(", ", end.PartnerShares.Select(kv => $"{kv.Key} £{kv.Value:N0}"))})"));
        context.Report("Deliver", "Delegations: " + string.Join("; ", result.Delegations.Select(x =>
            string.Create(CultureInfo.InvariantCulture, $"{x.Function} → {x.Tier} {(x.Limit is { } l ? $"up to £{l:N0}" : "no limit")}"))));
    }
}

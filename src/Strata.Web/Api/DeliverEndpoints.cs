using System.Security.Claims;
using Strata.Web.Security;
using Strata.Web.Stages;

namespace Strata.Web.Api;

/// <summary>The allocation, contracts and pooled-budget endpoints (Plan allocation and Deliver stages).</summary>
public static class DeliverEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        // A role that may read but not change answers 403, like an out-of-scope request.
        var group = api.MapGroup("").AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context).ConfigureAwait(false);
            }
            catch (UnauthorizedAccessException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed for your role");
            }
        });

        group.MapGet("/allocation", (ClaimsPrincipal p, AllocationQueries q, string? level, string? place) =>
            Allocation(q.Latest(WebUser.Signed(p), level ?? AllocationQueries.DefaultLevel(WebUser.Signed(p)), place))).WithTags("Plan")
            .WithSummary("The latest need-weighted allocation at one level (place or neighbourhood), the user's own areas only.");
        group.MapPost("/allocation", (ClaimsPrincipal p, AllocationQueries q, AllocationSettings settings, string? level, string? place) =>
            Allocation(q.Run(WebUser.Signed(p), settings, level ?? AllocationQueries.DefaultLevel(WebUser.Signed(p)), place))).DisableAntiforgery().WithTags("Plan")
            .WithSummary("Run a need-weighted allocation of a budget with convergence from current spend (finance and commissioners); recorded and audit-logged.");

        group.MapGet("/contracts", (ClaimsPrincipal p, ContractQueries q) => ApiTable.From(q.Contracts(WebUser.Signed(p)))).WithTags("Deliver")
            .WithSummary("Current contracts (ICB-scope users: contracts are ICB-level records).");
        group.MapPost("/contracts", async (HttpRequest request, ClaimsPrincipal p, ContractQueries q) =>
        {
            var me = WebUser.Signed(p);
            using var reader = new StreamReader(request.Body);
            var contract = ContractQueries.ParseContract(await reader.ReadToEndAsync().ConfigureAwait(false));
            var stored = q.Add(me, contract);
            return Results.Ok(new { stored.Contract.ContractId, stored.Version, RecordedBy = stored.Actor, RecordedAt = stored.At, q.Statement });
        }).DisableAntiforgery().WithTags("Deliver").Accepts<object>("application/json")
            .WithSummary("Record a contract (finance and commissioners, ICB scope); the JSON `strata contract add` reads, with the same validation; audit-logged.");
        group.MapGet("/contracts/{id}/simulation", (ClaimsPrincipal p, ContractQueries q, string id, int? runs, ulong? seed, double? demandSd, double? unitCostSd) =>
        {
            var settings = new Stages.SimulationSettings(runs ?? 500, seed ?? 42, demandSd ?? Strata.Domain.Deliver.IllustrativeOutturns.DefaultDemandSd,
                unitCostSd ?? Strata.Domain.Deliver.IllustrativeOutturns.DefaultUnitCostSd);
            var sim = q.Simulate(WebUser.Signed(p), id, settings);
            return sim is null
                ? Results.Problem($"No contract '{id}'.", statusCode: StatusCodes.Status404NotFound)
                : Results.Ok(new { sim.Contract.Contract.ContractId, sim.Contract.Version, sim.Settings, Years = ApiTable.From(sim.Years), Curve = ApiTable.From(sim.Curve), Disclosure = q.Statement });
        }).WithTags("Deliver")
            .WithSummary("A contract's payment, provider margin and each party's risk over stand-in outturns (runs, seed, demand_sd, unit_cost_sd), with the corridor's payment curve.");

        group.MapGet("/pools", (ClaimsPrincipal p, ContractQueries q) => new { Pools = q.Pools(WebUser.Signed(p)).Select(Pool), Disclosure = q.Statement }).WithTags("Deliver")
            .WithSummary("Pooled-budget agreements with their year end (ICB-scope users).");
        group.MapPost("/pools", async (HttpRequest request, ClaimsPrincipal p, ContractQueries q, bool? terminating) =>
        {
            var me = WebUser.Signed(p);
            using var reader = new StreamReader(request.Body);
            var agreement = ContractQueries.ParsePool(await reader.ReadToEndAsync().ConfigureAwait(false));
            return Results.Ok(new { Pool = Pool(q.AddPool(me, agreement, terminating ?? false)), Disclosure = q.Statement });
        }).DisableAntiforgery().WithTags("Deliver").Accepts<object>("application/json")
            .WithSummary("Record a pooled-budget agreement with scheme actuals (finance and commissioners, ICB scope) and get its year end; the JSON `strata pool yearend` reads; audit-logged.");
    }

    private static object Allocation(AllocationView v) => new
    {
        v.Level, v.Budget, v.Allocated, v.WholeIcb, v.Settings, v.RunBy, v.RunAt, v.Version,
        Areas = ApiTable.From(v.Areas), Path = ApiTable.From(v.Path), v.Areas.Disclosure,
    };

    private static object Pool(PoolView v) => new
    {
        v.Agreement.AgreementId, v.Agreement.Schemes, v.Agreement.RiskReserve, v.YearEnd, v.Version, v.RecordedBy, v.RecordedAt,
        Partners = ApiTable.From(v.Partners),
    };
}

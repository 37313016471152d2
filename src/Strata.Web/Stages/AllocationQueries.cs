using System.Globalization;
using Strata.Application.Deliver;
using Strata.Data.Deliver;
using Strata.Data.Engine;
using Strata.Domain.Deliver;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Web.Audit;
using Strata.Web.Infrastructure;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Stages;

/// <summary>
/// An allocation as the Allocation page and POST /api/allocation ask for it: the budget (£) and the pace-of-change
/// options `strata allocate` offers. Percentages are fractions (0.01 = 1%). The current allocation is each area's
/// spend in the 12 months to the reference date <paramref name="At"/> (yyyy-mm-dd; default the end of the data). Defaults: `strata allocate`'s, with a 3-year path and 3% budget growth
/// a year (the demo's; a flat budget cannot fund the 1% floor in year 2).
/// </summary>
public sealed record AllocationSettings(
    double Budget, string? At = null, double HiShare = AllocationCalculator.DefaultInequalitiesShare, string ImdWeights = AllocateRequest.DefaultImdWeights,
    int MinCell = AllocateRequest.DefaultMinCell, int Years = 3, double Floor = AllocateRequest.DefaultFloor, double GapClosure = AllocateRequest.DefaultGapClosure,
    double Cap = AllocateRequest.DefaultCap, double BudgetGrowth = 0.03)
{
    /// <summary>The application's request: these settings on the spend basis (current = each area's spend in the year to D).</summary>
    public AllocateRequest ToRequest() => new(Budget, At, HiShare, ImdWeights, MinCell, Years, Floor, GapClosure, Cap, BudgetGrowth, CurrentFromSpend: true);

    /// <summary>Throws <see cref="Strata.Domain.Foundation.StrataValidationException"/> naming the field when a setting is out of range.</summary>
    public void Validate() => ToRequest().Validate();

    /// <summary>A stored run's settings, as the page shows them beside the allocation.</summary>
    public static AllocationSettings From(AllocateRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Budget ?? 0, r.At, r.HiShare, r.ImdWeights, r.MinCell, r.Years, r.Floor, r.GapClosure, r.Cap, r.BudgetGrowth);
    }
}

/// <summary>The latest allocation as one user may see it: their own areas' rows only.</summary>
/// <param name="Areas">Per area: population, need index, target share and £, current £, allocation £, distance, £ per head.</param>
/// <param name="Path">The convergence path of the areas shown, by year.</param>
/// <param name="Allocated">Sum of the year-1 allocations shown (for an ICB user at a level: the whole budget).</param>
/// <param name="WholeIcb">The rows are every area of the level, so <paramref name="Allocated"/> is the ICB total.</param>
public sealed record AllocationView(
    string Level, AggregateTable Areas, AggregateTable Path, double? Budget, double? Allocated, bool WholeIcb,
    AllocationSettings? Settings, string? RunBy, DateTime? RunAt, int? Version);

/// <summary>
/// Runs need-weighted allocations from the web (<see cref="AllocationRun"/>, the code `strata allocate` runs) and
/// shows the latest to each user scoped to their population: an ICB user sees every place and neighbourhood; a place
/// user only their place and its neighbourhoods; a neighbourhood user only their neighbourhood. The allocation
/// itself is always ICB-wide (shares of one budget), so a scoped user's rows are theirs of the ICB's allocation.
/// </summary>
public sealed class AllocationQueries(WorkspaceGate gate, DisclosurePolicy policy)
{
    public static readonly IReadOnlyList<string> Levels = NeedData.Levels;

    /// <summary>The level a user sees first: neighbourhood for a neighbourhood user (they see no place rows), else place.</summary>
    public static string DefaultLevel(WebUser user) => user?.Scope.Neighbourhood is not null ? "neighbourhood" : "place";

    /// <summary>Runs an allocation, records it (Deliver record store) and audit-logs it in one hold of the workspace.</summary>
    public AllocationView Run(WebUser user, AllocationSettings settings, string level, string? place = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(settings);
        if (!Roles.CanRunAllocations(user.Role))
        {
            throw new UnauthorizedAccessException($"Your role ({user.Role}) may view allocations but not run them; finance and commissioners run them.");
        }
        var request = settings.ToRequest();
        request.Validate();
        CheckLevel(level);
        return gate.Use(engine =>
        {
            // Scope first: an out-of-scope request is refused before anything is written.
            VisibleAreas(engine, user, level, place);
            var stored = AllocateHandler.Run(engine, request, policy, user.Name, user.Scope.ToString());
            AuditLog.Write(engine, user.Name, "allocation.run", $"allocation:{AllocationRun.RecordFor(user.Scope.ToString())} v{stored.Version}",
                request.Describe(stored.Request.At));
            return View(engine, user, stored, level, place);
        });
    }

    /// <summary>The latest allocation at one level for the user (403 for areas outside their scope).</summary>
    public AllocationView Latest(WebUser user, string level, string? place = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        CheckLevel(level);
        return gate.Use(engine =>
        {
            VisibleAreas(engine, user, level, place);
            // The user's own scope's latest run; without one, the ICB's (its rows are cut to the user's areas below).
            var stored = engine.TableExists(DeliverRecords.Table)
                ? AllocationRun.Latest(engine, user.Scope.ToString()) ?? AllocationRun.Latest(engine)
                : null;
            if (stored is null)
            {
                var missing = AggregateTable.Missing("allocation", "Allocation", user.Scope.Describe(),
                    "No allocation has been run yet: finance or commissioner users run one on this page (or `strata allocate`).", policy.Statement);
                return new AllocationView(level, missing, missing with { Name = "allocation-path" }, null, null, false, null, null, null, null);
            }
            return View(engine, user, stored, level, place);
        });
    }

    private AllocationView View(IEngine engine, WebUser user, StoredAllocation stored, string level, string? place)
    {
        var visible = VisibleAreas(engine, user, level, place);
        var report = stored.Report;
        var levelReport = report.Levels.Single(l => l.Level == level);
        var areas = levelReport.Areas.Where(a => visible.Contains(a.Area)).ToList();
        var scope = place is null ? user.Scope.Describe() : $"{user.Scope.Describe()}, place {place}";
        var word = level == "place" ? "Place" : "Neighbourhood";
        var table = new AggregateTable("allocation", $"Allocation by {level}", scope, report.ReferenceDate,
            [
                new("area", word, ColumnKind.Text), new("population", "Registered people", ColumnKind.Count),
                new("need_index", "Need index (1 = ICB average)", ColumnKind.Number),
                new("target_share_percent", "Target share (%)", ColumnKind.Number), new("target_gbp", "Target (£)", ColumnKind.Pounds),
                new("current_gbp", "Current spend (£)", ColumnKind.Pounds), new("allocation_gbp", "Allocation year 1 (£)", ColumnKind.Pounds),
                new("distance_from_target_percent", "Distance from target (%)", ColumnKind.Number),
                new("per_head_gbp", "Allocation per head (£)", ColumnKind.Pounds),
            ],
            [.. areas.Select(a => new object?[]
            {
                a.Area, a.Population, Round(a.AgeSexIndex * a.MorbidityFactor, 3), Round(a.TargetShare * 100, 2), Round(a.TargetAmount, 2),
                Round(a.Current, 2), a.Allocation, Round(a.DistanceFromTarget * 100, 1), Round(a.AllocationPerHead, 2),
            })],
            report.Disclosure);
        // A path step is released with its area's row: withheld where the area's population is suppressed.
        var released = areas.Where(a => a.Population is not null).Select(a => a.Area).ToHashSet(StringComparer.Ordinal);
        var path = new AggregateTable("allocation-path", $"Convergence path by {level}", scope, report.ReferenceDate,
            [
                new("year", "Year", ColumnKind.Text), new("area", word, ColumnKind.Text), new("previous_gbp", "Previous year (£)", ColumnKind.Pounds),
                new("allocation_gbp", "Allocation (£)", ColumnKind.Pounds), new("target_gbp", "Target (£)", ColumnKind.Pounds),
                new("distance_from_target_percent", "Distance from target (%)", ColumnKind.Number), new("above_cap", "Above cap (floor growth only)", ColumnKind.Text),
            ],
            [.. (levelReport.Convergence ?? []).Where(s => visible.Contains(s.Area)).Select(s => released.Contains(s.Area)
                ? new object?[] { s.Year.ToString(CultureInfo.InvariantCulture), s.Area, Round(s.Previous, 2), s.Allocation, Round(s.Target, 2), Round(s.DistanceFromTarget * 100, 1), s.AboveCap ? "yes" : "no" }
                : [s.Year.ToString(CultureInfo.InvariantCulture), s.Area, null, null, null, null, null])],
            report.Disclosure);
        var whole = areas.Count == levelReport.Areas.Count;
        var allocated = areas.All(a => a.Allocation is not null) ? Math.Round(areas.Sum(a => a.Allocation!.Value), 2) : (double?)null;
        var settings = AllocationSettings.From(AllocateRequest.From(stored.Request));
        return new AllocationView(level, table, path, report.Budget, allocated, whole, settings, stored.Actor, stored.At, stored.Version);
    }

    /// <summary>
    /// The areas of a level the user may see, through the one scoping predicate (403 for a place outside the scope).
    /// A neighbourhood user sees no place rows: a place's figures cover more than their population.
    /// </summary>
    private static HashSet<string> VisibleAreas(IEngine engine, WebUser user, string level, string? place)
    {
        if (level == "place" && user.Scope.Neighbourhood is not null)
        {
            throw new ScopeForbiddenException($"Place allocations cover more than your scope ({user.Scope.Describe()}); choose the neighbourhood level.");
        }
        var within = PopulationQueries.Within(engine, user, new AreaFilter(place));
        return [.. Geography.Codes(engine, level == "place" ? AreaLevel.Place : AreaLevel.Neighbourhood, within)];
    }

    private static void CheckLevel(string level)
    {
        if (!Levels.Contains(level))
        {
            throw new ArgumentException($"level: '{level}' is not one of {string.Join(", ", Levels)}");
        }
    }

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits, MidpointRounding.AwayFromZero) : null;
}

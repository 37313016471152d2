using Strata.Data.Engine;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;

namespace Strata.Data.Deliver;

/// <summary>One area's released figures; null where the area's population is suppressed.</summary>
/// <param name="Allocation">Year 1 of the convergence path (pence; the level's allocations add up to the budget), when there is one.</param>
/// <param name="AllocationPerHead">The allocation (or, without a path, the target amount) per registered person.</param>
public sealed record AreaAllocation(
    string Area, long? Population, double? AgeSexIndex, double? MorbidityFactor, double? AgeSexWeighted, double? NeedWeighted,
    double? UnmetNeed, double? CoreShare, double? InequalitiesShare, double? CoreComponent, double? InequalitiesComponent,
    double? TargetShare, double? TargetAmount, double? Current, double? DistanceFromTarget,
    double? Allocation = null, double? AllocationPerHead = null);

public sealed record CellIndex(string AgeBand, string Sex, int? LtcBand, long? People, double? MeanCost, double? Index);

public sealed record LevelAllocation(string Level, IReadOnlyList<AreaAllocation> Areas, IReadOnlyList<ConvergenceStep>? Convergence);

public sealed record AllocationReport(
    DateOnly ReferenceDate, string RuleVersion, double HiShare, ImdWeights ImdWeights, int MinCellPeople, double? Budget,
    ConvergencePolicy? Convergence, IReadOnlyList<LevelAllocation> Levels, IReadOnlyList<CellIndex> AgeSexCells,
    IReadOnlyList<CellIndex> MorbidityCells, string Disclosure);

/// <summary>The settings of one allocation run.</summary>
/// <param name="Current">A current allocation for the places or the neighbourhoods (the level whose areas it names).</param>
/// <param name="CurrentFromSpend">Without <paramref name="Current"/>: take each area's spend in the 12 months to D
/// (activity cost of its registered people) as its current allocation, at every level.</param>
public sealed record AllocationRequest(
    DateOnly At, double? Budget, IReadOnlyDictionary<string, double>? Current, double HiShare, ImdWeights ImdWeights,
    int MinCellPeople, int Years, ConvergencePolicy Policy, double BudgetGrowth,
    IReadOnlyDictionary<string, double>? UnmetNeed = null, bool CurrentFromSpend = false);

/// <summary>An allocation run kept in the Deliver record store: its settings and its released report.</summary>
public sealed record StoredAllocation(AllocationRequest Request, AllocationReport Report, int Version, string Actor, DateTime At);

/// <summary>
/// Need-weighted target shares, distance from target and convergence, per place and neighbourhood: the one way
/// `strata allocate` and the web's Allocation page run an allocation. Builds the need tables (<see cref="NeedData"/>),
/// applies <see cref="AllocationCalculator"/> and <see cref="Convergence"/>, and releases every figure through the
/// disclosure policy.
/// </summary>
public static class AllocationRun
{
    public static AllocationReport Run(IEngine engine, AllocationRequest req, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(req);
        ArgumentNullException.ThrowIfNull(policy);
        NeedData.Build(engine, req.At, req.MinCellPeople);
        var levels = new List<LevelAllocation>();
        NeedResult? last = null;
        foreach (var level in NeedData.Levels)
        {
            var need = NeedData.Read(engine, req.At, level, req.ImdWeights);
            last = need;
            var names = need.Areas.Select(a => a.Area).ToHashSet(StringComparer.Ordinal);
            // A current allocation applies to the level whose areas it names.
            var current = req.Current is not null
                ? req.Current.Keys.All(names.Contains) ? req.Current : null
                : req.CurrentFromSpend ? NeedData.Spend(engine, level) : null;
            // Targets are computed from the published populations and rounded indices, so no released figure (share,
            // target, weighted population, per head) carries more about a count than the published count itself.
            var published = policy.Enabled ? FromPublished(need.Areas, policy) : need.Areas;
            var areas = req.UnmetNeed is { } u && u.Keys.All(names.Contains) ? WithUnmetNeed(published, u) : published;
            var targets = AllocationCalculator.Targets(areas, req.HiShare, req.Budget, current);
            IReadOnlyList<ConvergenceStep>? path = null;
            if (current is not null && req.Years > 0)
            {
                var budget0 = req.Budget ?? throw new ArgumentException("--budget is needed for a convergence path");
                var budgets = Enumerable.Range(0, req.Years).Select(y => budget0 * Math.Pow(1 + req.BudgetGrowth, y)).ToList();
                path = Convergence.Path(current, targets.ToDictionary(t => t.Area, t => t.TargetShare), budgets, req.Policy);
            }
            var year1 = path?.Where(s => s.Year == 1).ToDictionary(s => s.Area, s => s.Allocation);
            var populations = need.Areas.ToDictionary(a => a.Area, a => KeyedCount.Of(a.Population, a.PopulationKey), StringComparer.Ordinal);
            levels.Add(new LevelAllocation(level, [.. targets.Select(t => Protect(t, populations[t.Area], req.HiShare, year1, policy))], path));
        }
        if (req.UnmetNeed is not null && !levels.Any(l => req.UnmetNeed.Keys.All(l.Areas.Select(a => a.Area).Contains)))
        {
            throw new ArgumentException($"--unmet-need: its areas ({string.Join(", ", req.UnmetNeed.Keys)}) are not all places or all neighbourhoods of the workspace");
        }
        if (req.Current is not null && levels.All(l => l.Areas.All(a => a.Current is null)))
        {
            throw new ArgumentException($"--current: its areas ({string.Join(", ", req.Current.Keys)}) are not all places or all neighbourhoods of the workspace");
        }
        CellIndex Cell(CostCell c) => new(c.AgeBand, c.Sex, c.LtcBand, policy.Count(c.PeopleCell),
            policy.Amount(c.MeanCost, c.PeopleCell), policy.Amount(c.Index, c.PeopleCell));
        return new AllocationReport(req.At, NeedData.RuleVersion, req.HiShare, req.ImdWeights, req.MinCellPeople, req.Budget,
            (req.Current is not null || req.CurrentFromSpend) && req.Years > 0 ? req.Policy : null, levels,
            [.. last!.AgeSexCells.Select(Cell)], [.. last.MorbidityCells.Select(Cell)], policy.Statement);
    }

    /// <summary>The ICB's runs (the CLI's, and ICB-scope web users'): every run is a new version of one record per scope.</summary>
    public const string RecordId = "icb";

    /// <summary>
    /// Keeps a run's settings and (already disclosure-controlled) report in the Deliver record store, as the next
    /// version of the record of <paramref name="area"/> (the running user's scope): one scope's run never replaces
    /// what another scope sees, and the history of who allocated what is kept per scope.
    /// </summary>
    public static StoredAllocation Record(IEngine engine, AllocationRequest request, AllocationReport report, string actor, string area = DeliverRecords.Icb)
    {
        var stored = DeliverRecords.Append(engine, "allocation", RecordFor(area), actor, DeliverRecords.Serialise(new Payload(request, report)), area: area);
        return new StoredAllocation(request, report, stored.Version, stored.Actor, stored.At);
    }

    /// <summary>The record id of a scope's allocation runs.</summary>
    public static string RecordFor(string area) => area == DeliverRecords.Icb ? RecordId : area;

    /// <summary>The latest run recorded for <paramref name="area"/>, or null when none has been recorded.</summary>
    public static StoredAllocation? Latest(IEngine engine, string area = DeliverRecords.Icb)
    {
        var stored = DeliverRecords.Current(engine, "allocation").FirstOrDefault(r => r.RecordId == RecordFor(area));
        if (stored is null)
        {
            return null;
        }
        var p = DeliverRecords.Deserialise<Payload>(stored.Payload);
        return new StoredAllocation(p.Request, p.Report, stored.Version, stored.Actor, stored.At);
    }

    private sealed record Payload(AllocationRequest Request, AllocationReport Report);

    /// <summary>A locally supplied unmet-need index (e.g. avoidable mortality) replaces the IMD-weighted population.</summary>
    private static IReadOnlyList<AreaNeed> WithUnmetNeed(IReadOnlyList<AreaNeed> areas, IReadOnlyDictionary<string, double> index)
    {
        var missing = areas.Where(a => !index.ContainsKey(a.Area)).Select(a => a.Area).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"--unmet-need: no index for {string.Join(", ", missing)}");
        }
        return [.. areas.Select(a => a with { UnmetNeed = index[a.Area] })];
    }

    /// <summary>Decimal places of the published per-head indices (age-sex index, morbidity factor, unmet need per head).</summary>
    public const int IndexDecimals = 3;

    /// <summary>
    /// The areas' needs as the allocation publishes them: each area's population is its published (perturbed,
    /// rounded) count, and its weighted populations are that count times its per-head indices rounded to
    /// <see cref="IndexDecimals"/> places. A suppressed area keeps its true count in the sums (its own figures are
    /// withheld) so that the money still goes where the people are (docs/disclosure-control.md, residual risks).
    /// </summary>
    public static IReadOnlyList<AreaNeed> FromPublished(IReadOnlyList<AreaNeed> areas, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(policy);
        return [.. areas.Select(a =>
        {
            var population = policy.Count(KeyedCount.Of(a.Population, a.PopulationKey)) ?? a.Population;
            var ageSex = a.Population > 0 ? Math.Round(a.AgeSexWeighted / a.Population, IndexDecimals) : 0;
            var morbidity = a.AgeSexWeighted > 0 ? Math.Round(a.NeedWeighted / a.AgeSexWeighted, IndexDecimals) : 1;
            var unmet = a.Population > 0 ? Math.Round(a.UnmetNeed / a.Population, IndexDecimals) : 0;
            return a with
            {
                Population = population,
                AgeSexWeighted = population * ageSex,
                NeedWeighted = population * ageSex * morbidity,
                UnmetNeed = population * unmet,
            };
        })];
    }

    private static AreaAllocation Protect(AreaTarget t, KeyedCount population, double hi, IReadOnlyDictionary<string, double>? year1, DisclosurePolicy policy)
    {
        double? P(double v) => policy.Amount(v, population);
        double? Pn(double? v) => v is null ? null : P(v.Value);
        double? allocation = year1 is not null && year1.TryGetValue(t.Area, out var a) ? a : null;
        // Per head over the published population: amount ÷ per head then gives back only the published count.
        double? perHead = (allocation ?? t.TargetAmount) is { } amount ? policy.PerHead(amount, population) : null;
        return new AreaAllocation(t.Area, policy.Count(population), P(t.AgeSexIndex), P(t.MorbidityFactor), P(t.AgeSexWeighted),
            P(t.NeedWeighted), P(t.UnmetNeed), P(t.CoreShare), P(t.InequalitiesShare), P((1 - hi) * t.CoreShare), P(hi * t.InequalitiesShare),
            P(t.TargetShare), Pn(t.TargetAmount), Pn(t.Current), Pn(t.DistanceFromTarget), Pn(allocation), Pn(perHead));
    }
}

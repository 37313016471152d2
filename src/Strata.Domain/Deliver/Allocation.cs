namespace Strata.Domain.Deliver;

/// <summary>
/// One area's need, read from the workspace: registered population, the age-sex weighted population
/// (Σ age-sex cost index), the need-weighted population (Σ age-sex index × morbidity adjustment) and the
/// unmet-need index (default IMD-weighted population).
/// </summary>
/// <param name="PopulationKey">The cell key of the area's people (docs/disclosure-control.md), when the engine aggregated it.</param>
public sealed record AreaNeed(string Area, long Population, double AgeSexWeighted, double NeedWeighted, double UnmetNeed, long? PopulationKey = null);

/// <summary>One area's target, with the weight of every component so the number can be explained.</summary>
/// <param name="AgeSexIndex">Age-sex weighted population per head (1 = ICB average).</param>
/// <param name="MorbidityFactor">Need-weighted / age-sex weighted: what the morbidity adjustment did.</param>
/// <param name="CoreShare">Share of the need-weighted population (before the health-inequalities share).</param>
/// <param name="InequalitiesShare">Share of the unmet-need index.</param>
/// <param name="TargetShare">(1 − hi) × core share + hi × inequalities share.</param>
/// <param name="Current">Current allocation, when given.</param>
/// <param name="DistanceFromTarget">(current − target) / target, when a current allocation is given.</param>
public sealed record AreaTarget(
    string Area,
    long Population,
    double AgeSexWeighted,
    double NeedWeighted,
    double UnmetNeed,
    double AgeSexIndex,
    double MorbidityFactor,
    double CoreShare,
    double InequalitiesShare,
    double TargetShare,
    double? TargetAmount,
    double? Current,
    double? DistanceFromTarget);

/// <summary>Need-weighted target shares (payer spec, "Need-weighted allocation", after NHS England fair shares).</summary>
public static class AllocationCalculator
{
    /// <summary>NHS England's share of core allocations distributed for health inequalities.</summary>
    public const double DefaultInequalitiesShare = 0.10;

    public static IReadOnlyList<AreaTarget> Targets(
        IReadOnlyList<AreaNeed> areas,
        double inequalitiesShare = DefaultInequalitiesShare,
        double? budget = null,
        IReadOnlyDictionary<string, double>? current = null)
    {
        ArgumentNullException.ThrowIfNull(areas);
        if (inequalitiesShare is < 0 or > 1)
        {
            throw new ArgumentException("hi-share: must be in 0..1");
        }
        if (current is not null)
        {
            var unknown = current.Keys.Except(areas.Select(a => a.Area)).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException($"current allocation names areas not in the workspace: {string.Join(", ", unknown)}");
            }
        }
        var needTotal = areas.Sum(a => a.NeedWeighted);
        var unmetTotal = areas.Sum(a => a.UnmetNeed);
        if (needTotal <= 0)
        {
            throw new InvalidOperationException("no weighted population: the workspace has no people or no spend in the year to the reference date");
        }
        var currentTotal = current?.Values.Sum();
        return [.. areas.Select(a =>
        {
            var core = a.NeedWeighted / needTotal;
            var hi = unmetTotal > 0 ? a.UnmetNeed / unmetTotal : core;
            var target = (1 - inequalitiesShare) * core + inequalitiesShare * hi;
            double? cur = current is not null && current.TryGetValue(a.Area, out var c) ? c : null;
            // Distance compares like with like: the current sum's share against the target share.
            double? distance = cur is not null && currentTotal > 0 ? (cur.Value / currentTotal.Value - target) / target : null;
            return new AreaTarget(a.Area, a.Population, a.AgeSexWeighted, a.NeedWeighted, a.UnmetNeed,
                a.Population > 0 ? a.AgeSexWeighted / a.Population : 0,
                a.AgeSexWeighted > 0 ? a.NeedWeighted / a.AgeSexWeighted : 1,
                core, hi, target, budget * target, cur, distance);
        })];
    }
}

/// <summary>Pace-of-change rules: floor growth, the fraction of the gap closed each year, and the cap above target.</summary>
public sealed record ConvergencePolicy(double FloorGrowth = 0.01, double GapClosure = 0.25, double CapAboveTarget = 0.05);

/// <summary>One area in one year of the convergence path.</summary>
public sealed record ConvergenceStep(
    int Year,
    string Area,
    double Previous,
    double Target,
    double FloorAmount,
    double GapExtra,
    double ResidualShare,
    double Allocation,
    double DistanceFromTarget,
    bool AboveCap);

/// <summary>
/// Multi-year convergence towards target: each year every area gets at least the floor growth; areas under
/// target get extra growth closing <see cref="ConvergencePolicy.GapClosure"/> of the gap left after the floor;
/// what is left of the budget goes to areas not more than the cap above target, pro rata to target; areas more than
/// the cap above target get floor growth only. Allocations are in pence and add up to the budget exactly.
/// </summary>
public static class Convergence
{
    public static IReadOnlyList<ConvergenceStep> Path(
        IReadOnlyDictionary<string, double> current,
        IReadOnlyDictionary<string, double> targetShares,
        IReadOnlyList<double> budgets,
        ConvergencePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(targetShares);
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(policy);
        var areas = targetShares.Keys.Order(StringComparer.Ordinal).ToList();
        var missing = areas.Where(a => !current.ContainsKey(a)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"current allocation missing for: {string.Join(", ", missing)}");
        }
        var steps = new List<ConvergenceStep>();
        var previous = areas.ToDictionary(a => a, a => current[a]);
        for (var y = 0; y < budgets.Count; y++)
        {
            var budget = budgets[y];
            var target = areas.ToDictionary(a => a, a => targetShares[a] * budget);
            var floor = areas.ToDictionary(a => a, a => previous[a] * (1 + policy.FloorGrowth));
            var floorTotal = floor.Values.Sum();
            if (floorTotal > budget + 0.005)
            {
                throw new InvalidOperationException(
                    $"year {y + 1}: budget £{budget:N2} is below the floor (£{floorTotal:N2} = last year + {policy.FloorGrowth:P2}); lower the floor or raise the budget");
            }
            var aboveCap = areas.ToDictionary(a => a, a => previous[a] > target[a] * (1 + policy.CapAboveTarget));
            var gap = areas.ToDictionary(a => a, a => aboveCap[a] ? 0 : Math.Max(0, target[a] - floor[a]) * policy.GapClosure);
            var headroom = budget - floorTotal;
            var gapTotal = gap.Values.Sum();
            // When the budget cannot fund every gap step, each is scaled down alike.
            var gapScale = gapTotal > headroom && gapTotal > 0 ? headroom / gapTotal : 1;
            var residual = Math.Max(0, headroom - gapTotal * gapScale);
            var eligible = areas.Where(a => !aboveCap[a]).ToList();
            if (eligible.Count == 0)
            {
                eligible = areas;
            }
            var eligibleTarget = eligible.Sum(a => target[a]);
            var raw = areas.ToDictionary(a => a, a =>
            {
                var share = eligible.Contains(a) ? residual * target[a] / eligibleTarget : 0;
                return (Gap: gap[a] * gapScale, Share: share);
            });
            var alloc = areas.ToDictionary(a => a, a => Math.Round(floor[a] + raw[a].Gap + raw[a].Share, 2, MidpointRounding.AwayFromZero));
            // Pence rounding leaves at most a few pence; the largest eligible area absorbs them.
            var drift = Math.Round(budget - alloc.Values.Sum(), 2);
            var absorber = eligible.OrderByDescending(a => alloc[a]).ThenBy(a => a, StringComparer.Ordinal).First();
            alloc[absorber] = Math.Round(alloc[absorber] + drift, 2);
            foreach (var a in areas)
            {
                steps.Add(new ConvergenceStep(y + 1, a, previous[a], target[a], floor[a], raw[a].Gap, raw[a].Share, alloc[a],
                    (alloc[a] - target[a]) / target[a], aboveCap[a]));
            }
            previous = alloc;
        }
        return steps;
    }
}

using System.Globalization;
using Strata.Domain.Foundation;

namespace Strata.Domain.Plan;

/// <summary>Financial years (1 April to 31 March) labelled as NHS planning does: 2026/27.</summary>
public static class FinancialYears
{
    /// <summary>Start year of the financial year a reference date falls in (the baseline year: plan year 0).</summary>
    public static int BaselineStart(DateOnly reference) => reference.Month >= 4 ? reference.Year : reference.Year - 1;

    public static string Label(int startYear) => string.Create(CultureInfo.InvariantCulture, $"{startYear}/{(startYear + 1) % 100:00}");

    /// <summary>The label of projection year y (0 = the baseline's financial year).</summary>
    public static string Label(DateOnly reference, int year) => Label(BaselineStart(reference) + year);

    /// <summary>Parses "2026/27" (the second part must be the next year).</summary>
    public static bool TryParse(string? text, out int startYear)
    {
        startYear = 0;
        var parts = text?.Trim().Split('/') ?? [];
        return parts.Length == 2 && parts[0].Length == 4 && parts[1].Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out startYear)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end) && end == (startYear + 1) % 100;
    }

    /// <summary>"2026/27-2028/29" → the projection years it covers from the reference date (each ≥ 1); null with a reason if invalid.</summary>
    public static IReadOnlyList<int> Range(string text, DateOnly reference, out string? error)
    {
        error = null;
        var ends = (text ?? "").Split('-', StringSplitOptions.TrimEntries);
        if (ends.Length is < 1 or > 2 || !TryParse(ends[0], out var from) || !TryParse(ends[^1], out var to) || to < from)
        {
            error = $"'{text}' is not a range of financial years such as 2026/27-2028/29";
            return [];
        }
        var baseline = BaselineStart(reference);
        if (from <= baseline)
        {
            error = $"{Label(from)} is not after the baseline year {Label(baseline)} (reference date {reference:yyyy-MM-dd})";
            return [];
        }
        return [.. Enumerable.Range(from - baseline, to - from + 1)];
    }
}

/// <summary>Capacity a provider has of a resource (null year = every year).</summary>
public sealed record AvailableCapacity(string Provider, string Resource, string? Year, double Available);

/// <summary>A place's current allocation and its need-weighted target (£ a year, at baseline prices).</summary>
public sealed record PlaceAllocation(string Place, double Current, double Target);

/// <summary>Allocation convergence: each year a share (pace) of the distance from target is closed, on top of a cash uplift.</summary>
public sealed record ConvergenceAssumptions(double Pace, double Uplift)
{
    /// <summary>Illustrative: a fifth of the distance from target closed each year, no uplift unless given.</summary>
    public static ConvergenceAssumptions Default { get; } = new(0.2, 0);

    /// <summary>allocation(y) = (target + (current − target) × (1 − pace)^y) × (1 + uplift)^y.</summary>
    public double Allocation(PlaceAllocation place, int year)
    {
        ArgumentNullException.ThrowIfNull(place);
        return (place.Target + (place.Current - place.Target) * Math.Pow(1 - Pace, year)) * Math.Pow(1 + Uplift, year);
    }
}

/// <summary>One line of the plan: a place's activity at one provider in one setting in one financial year, in money, capacity and staff.</summary>
public sealed record PlanLine(string FinancialYear, int Year, string Place, string Provider, string Setting,
    double BaselineActivity, double Activity, double BaselineBedDays, double BedDays, decimal BaselineCost, decimal Cost, IReadOnlyList<ResourceNeed> Needs)
{
    public double Need(string resource) => Needs.Where(n => n.Resource == resource).Sum(n => n.Amount);
}

/// <summary>The funding transition of the scenario's interventions in one year (principal run, portfolio).</summary>
public sealed record PlanFunding(string FinancialYear, int Year, decimal InterventionCost, decimal ReceivingCost, decimal GrossSaving,
    decimal Released, decimal Stranded, decimal DoubleRunning);

/// <summary>A place's allocation on its convergence path against the plan's cost of its population's care.</summary>
public sealed record PlaceFunding(string FinancialYear, int Year, string Place, decimal Allocation, decimal Target, decimal Cost, decimal Headroom);

/// <summary>A provider's need for a resource against what it has (null available = not given).</summary>
public sealed record CapacityPosition(string FinancialYear, int Year, string Provider, string Resource, double Needed, double BaselineNeeded,
    double? Available, double? Shortfall);

public sealed record PlanCheck(string Name, bool Passed, string Detail);

/// <summary>
/// The three-year plan (NHS planning framework): per financial year, place and provider, activity, cost, beds and WTE
/// from one scenario run (its principal run), the funding transition, allocation convergence per place and capacity
/// against demand, with checks that money, activity, capacity and workforce tie to the same activity. Costs are
/// rounded to the penny per line and every total is a sum of lines, so totals tie exactly.
/// </summary>
public sealed record ThreeYearPlan(DateOnly ReferenceDate, IReadOnlyList<string> FinancialYears, IReadOnlyList<int> Years, string CapacityVersion,
    IReadOnlyList<PlanLine> Lines, IReadOnlyList<PlanFunding> Funding, IReadOnlyList<PlaceFunding> Places, IReadOnlyList<CapacityPosition> Capacity,
    IReadOnlyList<PlanCheck> Checks)
{
    public static ThreeYearPlan Build(ScenarioRun run, DateOnly referenceDate, IReadOnlyList<int> years, CapacityTable capacity,
        IReadOnlyList<AvailableCapacity>? available = null, IReadOnlyList<PlaceAllocation>? allocations = null, ConvergenceAssumptions? convergence = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(years);
        ArgumentNullException.ThrowIfNull(capacity);
        var model = run.Model;
        if (years.Count == 0 || years.Any(y => y < 1 || y > model.Years))
        {
            throw new ArgumentOutOfRangeException(nameof(years), $"Plan years must be within the scenario's 1..{model.Years} projection years.");
        }
        var principal = run.Runs[0];
        var byPlace = principal.ByPlace ?? throw new InvalidOperationException("The principal run has no outturn by place.");
        var o = model.Outlets.Count;
        var places = model.Places.Count;
        var lines = new List<PlanLine>();
        foreach (var y in years)
        {
            var fy = Plan.FinancialYears.Label(referenceDate, y);
            for (var p = 0; p < places; p++)
            {
                foreach (var j in Enumerable.Range(0, o).OrderBy(j => model.Outlets[j].Provider, StringComparer.Ordinal).ThenBy(j => model.SettingIndex(model.Outlets[j].Setting)))
                {
                    var at = (y * places + p) * o + j;
                    if (byPlace.Activity[at] == 0 && byPlace.BaselineActivity[at] == 0 && byPlace.Cost[at] == 0)
                    {
                        continue;
                    }
                    var outlet = model.Outlets[j];
                    lines.Add(new PlanLine(fy, y, model.Places[p], outlet.Provider, outlet.Setting, byPlace.BaselineActivity[at], byPlace.Activity[at],
                        byPlace.BaselineBedDays[at], byPlace.BedDays[at], Pence(byPlace.BaselineCost[at]), Pence(byPlace.Cost[at]),
                        capacity.Needs(outlet.Setting, byPlace.Activity[at], byPlace.BedDays[at])));
                }
            }
        }

        var flows = principal.Flows[^1];
        var doubleRunning = FinancialTransition.DoubleRunning(flows);
        var funding = years.Select(y => new PlanFunding(Plan.FinancialYears.Label(referenceDate, y), y, Pence(flows.InterventionCost[y]),
            Pence(flows.ReceivingCost[y]), Pence(flows.Gross[y]), Pence(flows.Released[y]), Pence(flows.Stranded(y)), Pence(doubleRunning[y]))).ToList();

        // Allocation per place: given, or (when not given) the baseline cost of the place's care at target.
        convergence ??= ConvergenceAssumptions.Default;
        var baselineCost = Enumerable.Range(0, places).ToDictionary(p => model.Places[p],
            p => Enumerable.Range(0, o).Sum(j => byPlace.BaselineCost[p * o + j]));
        var placeRows = new List<PlaceFunding>();
        foreach (var y in years)
        {
            foreach (var place in model.Places)
            {
                var a = allocations?.FirstOrDefault(x => x.Place == place) ?? new PlaceAllocation(place, baselineCost[place], baselineCost[place]);
                var cost = lines.Where(l => l.Year == y && l.Place == place).Sum(l => l.Cost);
                var allocation = Pence(convergence.Allocation(a, y));
                placeRows.Add(new PlaceFunding(Plan.FinancialYears.Label(referenceDate, y), y, place, allocation,
                    Pence(a.Target * Math.Pow(1 + convergence.Uplift, y)), cost, allocation - cost));
            }
        }

        var positions = new List<CapacityPosition>();
        foreach (var y in years)
        {
            var fy = Plan.FinancialYears.Label(referenceDate, y);
            foreach (var provider in lines.Where(l => l.Year == y).Select(l => l.Provider).Distinct().Order(StringComparer.Ordinal))
            {
                var mine = lines.Where(l => l.Year == y && l.Provider == provider).ToList();
                foreach (var resource in capacity.ResourceNames)
                {
                    var needed = mine.Sum(l => l.Need(resource));
                    var baselineNeeded = mine.Sum(l => capacity.Needs(l.Setting, l.BaselineActivity, l.BaselineBedDays).Where(n => n.Resource == resource).Sum(n => n.Amount));
                    if (needed == 0 && baselineNeeded == 0)
                    {
                        continue;
                    }
                    var has = available?.Where(c => c.Provider == provider && c.Resource == resource && (c.Year is null || c.Year == fy))
                        .OrderBy(c => c.Year is null).Select(c => (double?)c.Available).FirstOrDefault();
                    positions.Add(new CapacityPosition(fy, y, provider, resource, needed, baselineNeeded, has, has is null ? null : Math.Max(0, needed - has.Value)));
                }
            }
        }

        var plan = new ThreeYearPlan(referenceDate, [.. years.Select(y => Plan.FinancialYears.Label(referenceDate, y))], years, capacity.Version,
            lines, funding, placeRows, positions, []);
        return plan with { Checks = Check(plan, run, capacity) };
    }

    public decimal TotalCost(int year) => Lines.Where(l => l.Year == year).Sum(l => l.Cost);

    /// <summary>Cost by provider and place in a year (the planning return's finance rows).</summary>
    public IReadOnlyDictionary<(string Provider, string Place), decimal> CostByProviderAndPlace(int year) =>
        Lines.Where(l => l.Year == year).GroupBy(l => (l.Provider, l.Place)).ToDictionary(g => g.Key, g => g.Sum(l => l.Cost));

    public IReadOnlyDictionary<string, decimal> CostBySetting(int year) =>
        Lines.Where(l => l.Year == year).GroupBy(l => l.Setting).ToDictionary(g => g.Key, g => g.Sum(l => l.Cost));

    /// <summary>Money, activity, capacity and workforce tie: each is recomputed from the run's setting totals and compared with the lines.</summary>
    private static List<PlanCheck> Check(ThreeYearPlan plan, ScenarioRun run, CapacityTable capacity)
    {
        var model = run.Model;
        var principal = run.Runs[0];
        var o = model.Outlets.Count;
        var checks = new List<PlanCheck>();
        foreach (var y in plan.Years)
        {
            var fy = Plan.FinancialYears.Label(plan.ReferenceDate, y);
            var mine = plan.Lines.Where(l => l.Year == y).ToList();
            var activityOff = new List<string>();
            var capacityOff = new List<string>();
            foreach (var setting in model.Settings)
            {
                var outlets = Enumerable.Range(0, o).Where(j => model.Outlets[j].Setting == setting).ToList();
                var activity = outlets.Sum(j => principal.Activity[y * o + j]);
                var bedDays = outlets.Sum(j => principal.BedDays[y * o + j]);
                var lines = mine.Where(l => l.Setting == setting).ToList();
                if (!Close(lines.Sum(l => l.Activity), activity) || !Close(lines.Sum(l => l.BedDays), bedDays))
                {
                    activityOff.Add(setting);
                }
                // Capacity and workforce are linear in activity and bed days: converting the setting's total must give the lines' sum.
                foreach (var need in capacity.Needs(setting, activity, bedDays))
                {
                    if (!Close(lines.Sum(l => l.Need(need.Resource)), need.Amount))
                    {
                        capacityOff.Add($"{setting} {need.Resource}");
                    }
                }
            }
            checks.Add(new PlanCheck($"{fy} activity", activityOff.Count == 0,
                activityOff.Count == 0 ? "plan lines sum to the scenario run's activity and bed days in every setting" : "differs in " + string.Join(", ", activityOff)));
            checks.Add(new PlanCheck($"{fy} capacity and workforce", capacityOff.Count == 0,
                capacityOff.Count == 0 ? "beds, sessions and WTE of the lines equal the conversion of the same activity" : "differs in " + string.Join(", ", capacityOff)));
            var runCost = Enumerable.Range(0, o).Sum(j => principal.Cost[y * o + j]);
            var total = plan.TotalCost(y);
            var tolerance = 0.005m * Math.Max(1, mine.Count);
            var money = Math.Abs(total - (decimal)runCost) <= tolerance
                && plan.CostByProviderAndPlace(y).Values.Sum() == total && plan.CostBySetting(y).Values.Sum() == total
                && plan.Places.Where(p => p.Year == y).Sum(p => p.Cost) == total;
            checks.Add(new PlanCheck($"{fy} money", money, string.Create(CultureInfo.InvariantCulture,
                $"total £{total:N2} = sum over providers and places = sum over settings = sum over places; run £{runCost:N2} (line rounding ≤ ½p a line)")));
        }
        return checks;
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Abs(b));

    internal static decimal Pence(double pounds) => Math.Round((decimal)pounds, 2, MidpointRounding.AwayFromZero);
}

using Strata.Domain.Foundation;

namespace Strata.Domain.Plan;

/// <summary>One setting in one year. Cost is null when withheld: with its suppressed activity, or as the complement of a withheld cost.</summary>
public sealed record ProjectionSetting(int Year, string Setting, long? Activity, long? BedDays, double? Cost, double? Capacity, bool OverCapacity);

public sealed record ProjectionTotal(int Year, double Cost, double? Budget, double? Gap);

/// <summary>
/// The demand projection (`strata project`, the "curve of doom"): the scenario engine's principal run with no
/// interventions — activity and cost by setting per year against an optional capacity per setting and a budget.
/// </summary>
public sealed record ProjectionReport(DateOnly ReferenceDate, int Years, IReadOnlyList<ProjectionSetting> BySetting,
    IReadOnlyList<ProjectionTotal> Totals, int? FirstYearOverBudget, string Disclosure)
{
    /// <param name="capacity">Activity capacity by setting and year (null year = every year).</param>
    public static ProjectionReport Build(PlanBaseline baseline, GrowthAssumptions growth, int years, DisclosurePolicy policy,
        double? budget = null, IReadOnlyList<(string Setting, int? Year, double Capacity)>? capacity = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return Build(Run(baseline, growth, years), baseline.ReferenceDate, policy, budget, capacity);
    }

    /// <summary>The projection run: the scenario engine's principal run with no interventions.</summary>
    public static ScenarioRun Run(PlanBaseline baseline, GrowthAssumptions growth, int years) =>
        MonteCarlo.Run(ScenarioModel.Build(baseline, growth, [], years), FinanceAssumptions.Default, new ScenarioOptions(Runs: 0));

    public static ProjectionReport Build(ScenarioRun run, DateOnly referenceDate, DisclosurePolicy policy,
        double? budget = null, IReadOnlyList<(string Setting, int? Year, double Capacity)>? capacity = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(policy);
        var model = run.Model;
        var years = model.Years;
        var principal = run.Runs[0];
        var o = model.Outlets.Count;
        var rows = new List<ProjectionSetting>();
        foreach (var setting in model.Settings)
        {
            var outlets = Enumerable.Range(0, o).Where(j => model.Outlets[j].Setting == setting).ToArray();
            for (var y = 0; y <= years; y++)
            {
                double Sum(double[] v) => outlets.Sum(j => v[y * o + j]);
                var activity = Sum(principal.Activity);
                var cap = capacity?.Where(c => c.Setting == setting && (c.Year is null || c.Year == y))
                    .OrderBy(c => c.Year is null).Select(c => (double?)c.Capacity).FirstOrDefault();
                rows.Add(new ProjectionSetting(y, setting, CountSummary.Protect(activity, policy), CountSummary.Protect(Sum(principal.BedDays), policy),
                    Sum(principal.Cost), cap, cap is not null && activity > cap));
            }
        }
        // A setting's cost goes with its activity (a few events' cost is withheld); the year's total is released, so
        // the smallest released cost that year is withheld too and no withheld cost can be had by subtraction.
        var cost = new double?[rows.Count];
        foreach (var year in Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].Year))
        {
            var index = year.ToList();
            var released = policy.Complement([.. index.Select(i => rows[i].Activity is null ? null : (double?)rows[i].Cost)]);
            for (var k = 0; k < index.Count; k++)
            {
                cost[index[k]] = released[k];
            }
        }
        rows = [.. rows.Select((r, i) => r with { Cost = cost[i] })];
        var totals = Enumerable.Range(0, years + 1).Select(y =>
        {
            var cost = Enumerable.Range(0, o).Sum(j => principal.Cost[y * o + j]);
            return new ProjectionTotal(y, cost, budget, budget is null ? null : cost - budget);
        }).ToList();
        var over = totals.FirstOrDefault(t => t.Gap > 0)?.Year;
        return new ProjectionReport(referenceDate, years, rows, totals, over, policy.Statement);
    }
}

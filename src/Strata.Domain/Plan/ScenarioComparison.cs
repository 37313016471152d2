namespace Strata.Domain.Plan;

/// <summary>
/// One scenario's portfolio figures for side-by-side comparison (`strata scenario compare` and the web's compare):
/// NPV across runs, ROI and payback, discounted cost and gross saving, the portfolio's mean net cost by year
/// (index 0 = year 1) and, by setting, activity and cost avoided over the horizon.
/// </summary>
public sealed record ScenarioComparison(string Name, string ScenarioId, IReadOnlyList<string> Interventions, int Years, int Runs, Summary Npv,
    double? Roi, int? PaybackYear, double DiscountedCost, double DiscountedGross, IReadOnlyList<SettingHorizon> Horizon, Summary FinalYearCost,
    IReadOnlyList<double> NetCost)
{
    /// <summary>Activity avoided over the horizon by setting.</summary>
    public IReadOnlyDictionary<string, CountSummary> Avoided => Horizon.ToDictionary(h => h.Setting, h => h.Avoided);

    public static ScenarioComparison Of(string name, string scenarioId, ScenarioReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var p = report.Financials.Single(f => f.Id == ScenarioReport.Portfolio);
        return new ScenarioComparison(name, scenarioId, [.. report.Interventions.Select(i => $"{i.Id}@{i.Version}")], report.Years, report.Runs,
            p.Npv, p.Roi, p.PaybackYear, p.DiscountedCost, p.DiscountedGross, report.Horizon, report.Totals[^1].Cost,
            [.. p.Years.OrderBy(y => y.Year).Select(y => y.Net)]);
    }

    /// <summary>
    /// Per setting, each scenario's mean cost avoided over its horizon and its difference from the first scenario's
    /// (settings in the first scenario's order, then any others).
    /// </summary>
    public static IReadOnlyList<SettingDifference> BySetting(IReadOnlyList<ScenarioComparison> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var settings = scenarios.SelectMany(s => s.Horizon.Select(h => h.Setting)).Distinct(StringComparer.Ordinal).ToList();
        return [.. settings.Select(setting =>
        {
            var avoided = scenarios.Select(s => s.Horizon.FirstOrDefault(h => h.Setting == setting)?.CostAvoided.Mean ?? 0).ToList();
            return new SettingDifference(setting, avoided, [.. avoided.Select(a => a - avoided[0])]);
        })];
    }
}

/// <summary>One setting's mean cost avoided over the horizon in each compared scenario, and each one's difference from the first.</summary>
public sealed record SettingDifference(string Setting, IReadOnlyList<double> CostAvoided, IReadOnlyList<double> DifferenceFromFirst);

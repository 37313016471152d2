namespace Strata.Domain.Plan;

/// <summary>
/// One scenario's portfolio figures for side-by-side comparison (`strata scenario compare` and the web's compare):
/// NPV across runs, ROI and payback, discounted cost and gross saving, the portfolio's mean net cost by year
/// (index 0 = year 1) and, by setting, activity and cost avoided over the horizon. NPV is a distribution over runs
/// (10th, 50th, 90th percentile); ROI and payback come from the mean cash flows, so each is labelled with which it is.
/// </summary>
public sealed record ScenarioComparison(string Name, string ScenarioId, IReadOnlyList<string> Interventions, int Years, int Runs, Summary Npv,
    double? Roi, int? PaybackYear, double DiscountedCost, double DiscountedGross, IReadOnlyList<SettingHorizon> Horizon, Summary FinalYearCost,
    IReadOnlyList<double> NetCost, string? Seed = null)
{
    /// <summary>Activity avoided over the horizon by setting.</summary>
    public IReadOnlyDictionary<string, CountSummary> Avoided => Horizon.ToDictionary(h => h.Setting, h => h.Avoided);

    public static ScenarioComparison Of(string name, string scenarioId, ScenarioReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var p = report.Financials.Single(f => f.Id == ScenarioReport.Portfolio);
        return new ScenarioComparison(name, scenarioId, [.. report.Interventions.Select(i => $"{i.Id}@{i.Version}")], report.Years, report.Runs,
            p.Npv, p.Roi, p.PaybackYear, p.DiscountedCost, p.DiscountedGross, report.Horizon, report.Totals[^1].Cost,
            [.. p.Years.OrderBy(y => y.Year).Select(y => y.Net)], report.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// What a reader must know before acting on a comparison, in plain words: that every scenario loses money (median
    /// NPV below zero), so the comparison ranks losses rather than recommending one; that a scenario's middle NPV and
    /// its mean-based ROI point different ways; and that runs made at different seeds differ partly by simulation noise
    /// (runs at one seed share their random numbers: see <see cref="MonteCarlo"/>).
    /// </summary>
    public static IReadOnlyList<string> Caveats(IReadOnlyList<ScenarioComparison> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var caveats = new List<string>();
        if (scenarios.Count > 0 && scenarios.All(s => s.Npv.P50 < 0))
        {
            caveats.Add(scenarios.Count == 1
                ? "This scenario loses money: its median NPV is below zero, so on these assumptions it does not pay for itself over the horizon."
                : "Every scenario compared loses money (median NPV below zero): on these assumptions none pays for itself over the horizon, so the comparison shows which loses least, not which to fund.");
        }
        foreach (var s in scenarios.Where(s => s.Npv.P50 < 0 && s.Roi is > 0))
        {
            caveats.Add($"{s.Name}: the median NPV is negative while the ROI (from mean cash flows) is positive: a few runs with large savings lift the mean; read the NPV range.");
        }
        var seeds = scenarios.Select(s => s.Seed).Where(s => s is not null).Distinct(StringComparer.Ordinal).ToList();
        if (seeds.Count > 1)
        {
            caveats.Add($"These runs used different seeds ({string.Join(", ", seeds)}), so part of each difference is simulation noise; run them at one seed to compare like with like.");
        }
        return caveats;
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

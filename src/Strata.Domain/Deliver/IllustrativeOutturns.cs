using Strata.Domain.Foundation;

namespace Strata.Domain.Deliver;

/// <summary>
/// Stand-in outturns for a contract when no Plan scenario's runs are fed in: each run draws one demand factor
/// max(0.5, Normal(1, demand sd)) shared by the contract's settings, activity per setting Poisson(baseline × factor),
/// and cost = activity × the agreed value's unit cost (agreed value ÷ baseline activity) × Normal(1, unit-cost sd).
/// A KPI or CQUIN indicator given a probability is met (1) or missed (0) by a Bernoulli draw. Seeded: the same
/// inputs give the same outturns.
/// </summary>
public static class IllustrativeOutturns
{
    public const double DefaultDemandSd = 0.05;
    public const double DefaultUnitCostSd = 0.04;

    public static IReadOnlyList<Outturn> Draw(Contract contract, int runs, ulong seed, double demandSd = DefaultDemandSd,
        double unitCostSd = DefaultUnitCostSd, IReadOnlyDictionary<string, double>? kpiProbabilities = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (runs is < 1 or > 100_000)
        {
            throw new ArgumentException("runs: must be 1-100,000");
        }
        if (demandSd is < 0 or > 1 || unitCostSd is < 0 or > 1)
        {
            throw new ArgumentException("demand_sd and unit_cost_sd: must be in 0..1");
        }
        var baseline = contract.Baseline.ActivityBySetting;
        var baseTotal = baseline.Values.Sum();
        if (baseTotal <= 0)
        {
            throw new ArgumentException("baseline.activity_by_setting: simulated outturns need baseline activity");
        }
        var unitCost = contract.AgreedValue / baseTotal;
        var rng = new Rng(seed);
        return [.. Enumerable.Range(0, runs).Select(run =>
        {
            var factor = Math.Max(0.5, rng.Normal(1, demandSd));
            var activity = baseline.ToDictionary(b => b.Key, b => (double)rng.Poisson(b.Value * factor), StringComparer.Ordinal);
            var cost = activity.Values.Sum() * unitCost * rng.Normal(1, unitCostSd);
            var kpis = kpiProbabilities?.ToDictionary(k => k.Key, k => rng.Bernoulli(k.Value) ? 1.0 : 0.0, StringComparer.Ordinal);
            return new Outturn(run, 1, activity, cost, KpiAchievement: kpis);
        })];
    }
}

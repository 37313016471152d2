namespace Strata.Domain.Plan;

/// <summary>
/// One provider's change in one setting and year against the same run's baseline: activity, income under its payment
/// mechanism, the avoided cost it can release (variable share and whole capacity steps) and what stays stranded, and
/// the capacity freed (beds, sessions, WTE).
/// </summary>
public sealed record ProviderImpactLine(string FinancialYear, int Year, string Provider, string Setting, string PaymentModel,
    double BaselineActivity, double Activity, decimal BaselineIncome, decimal Income, decimal AvoidedCost, decimal Released, decimal Stranded,
    IReadOnlyList<ResourceNeed> CapacityFreed)
{
    public double ActivityChange => Activity - BaselineActivity;

    public decimal IncomeChange => Income - BaselineIncome;

    public double Freed(string resource) => CapacityFreed.Where(n => n.Resource == resource).Sum(n => n.Amount);
}

/// <summary>The provider impact pack: every provider × setting × plan year of one scenario's principal run.</summary>
public sealed record ProviderImpactPack(DateOnly ReferenceDate, IReadOnlyList<int> Years, IReadOnlyList<ProviderImpactLine> Lines)
{
    public IReadOnlyList<string> Providers => [.. Lines.Select(l => l.Provider).Distinct().Order(StringComparer.Ordinal)];

    public static ProviderImpactPack Build(ScenarioRun run, DateOnly referenceDate, IReadOnlyList<int> years, CapacityTable capacity,
        IReadOnlyDictionary<string, IProviderPaymentModel>? payment = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(years);
        ArgumentNullException.ThrowIfNull(capacity);
        var model = run.Model;
        var finance = run.Finance;
        var principal = run.Runs[0];
        var o = model.Outlets.Count;
        var lines = new List<ProviderImpactLine>();
        foreach (var y in years)
        {
            var fy = FinancialYears.Label(referenceDate, y);
            foreach (var j in Enumerable.Range(0, o).OrderBy(j => model.Outlets[j].Provider, StringComparer.Ordinal).ThenBy(j => model.SettingIndex(model.Outlets[j].Setting)))
            {
                var (provider, setting) = (model.Outlets[j].Provider, model.Outlets[j].Setting);
                var at = y * o + j;
                var pm = payment is not null && payment.TryGetValue(provider, out var m) ? m : ActivityBasedPayment.Instance;
                var (baseCost, cost) = (principal.BaselineCost[at], principal.Cost[at]);
                // Released and stranded as in the scenario's money (planning spec): variable share, then whole steps.
                var avoided = Math.Max(0, baseCost - cost);
                var units = FinanceAssumptions.StepsInBedDays(setting)
                    ? Math.Max(0, principal.BaselineBedDays[at] - principal.BedDays[at])
                    : Math.Max(0, principal.BaselineActivity[at] - principal.Activity[at]);
                var released = FinancialTransition.Released(avoided, units, finance.VariableShareOf(setting), finance.StepOf(setting));
                var before = capacity.Needs(setting, principal.BaselineActivity[at], principal.BaselineBedDays[at]);
                var after = capacity.Needs(setting, principal.Activity[at], principal.BedDays[at]);
                lines.Add(new ProviderImpactLine(fy, y, provider, setting, pm.Name, principal.BaselineActivity[at], principal.Activity[at],
                    ThreeYearPlan.Pence(pm.Income(baseCost, baseCost)), ThreeYearPlan.Pence(pm.Income(cost, baseCost)), ThreeYearPlan.Pence(avoided),
                    ThreeYearPlan.Pence(released), ThreeYearPlan.Pence(avoided) - ThreeYearPlan.Pence(released),
                    [.. before.Select(b => new ResourceNeed(b.Resource, b.Amount - after.Where(a => a.Resource == b.Resource).Sum(a => a.Amount)))]));
            }
        }
        return new ProviderImpactPack(referenceDate, years, lines);
    }
}

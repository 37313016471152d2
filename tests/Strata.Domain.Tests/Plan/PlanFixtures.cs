using Strata.Domain.Plan;

namespace Strata.Domain.Tests.Plan;

/// <summary>Hand-built cells and interventions for the Plan tests.</summary>
internal static class PlanFixtures
{
    public static readonly CohortKey FrailOld = new("frailty", "very_high", "85+", "F", 1, "P1");
    public static readonly CohortKey Healthy = new("healthy", "low", "30-34", "M", 5, "P1");

    public static GrowthAssumptions NoGrowth() => new(new DemographicGrowth(), new Dictionary<string, double>());

    public static Intervention Avoid(string id, double lo, double hi, CohortFilter? target = null, IReadOnlyList<double>? ramp = null,
        double fixedCost = 0, double perPerson = 0, int start = 1, Interval80? reach = null, string setting = "emergency_admission") =>
        new(id, id, "1", target ?? CohortFilter.Everyone, [setting], new InterventionEffect(EffectKind.Avoid, new Interval80(lo, hi)),
            ramp ?? [], fixedCost, perPerson, start, reach ?? Interval80.Point(1));

    public static CohortFilter Segment(string segment) => new([segment], [], [], [], []);

    public static PlanBaseline Baseline(IReadOnlyList<ActivityCell> activity, IReadOnlyList<PopulationCell>? people = null,
        IReadOnlyList<ProviderShare>? providers = null) =>
        new(new DateOnly(2025, 3, 31), people ?? [], activity, providers ?? []);

    public static ScenarioRun Run(PlanBaseline baseline, IReadOnlyList<Intervention> interventions, int years, ScenarioOptions options,
        GrowthAssumptions? growth = null, FinanceAssumptions? finance = null) =>
        MonteCarlo.Run(ScenarioModel.Build(baseline, growth ?? NoGrowth(), interventions, years), finance ?? FinanceAssumptions.Default, options);

    /// <summary>Total of an outlet array for one year over outlets of a setting.</summary>
    public static double Total(ScenarioModel model, double[] values, int year, string? setting = null)
    {
        var o = model.Outlets.Count;
        var total = 0.0;
        for (var j = 0; j < o; j++)
        {
            if (setting is null || model.Outlets[j].Setting == setting)
            {
                total += values[year * o + j];
            }
        }
        return total;
    }
}

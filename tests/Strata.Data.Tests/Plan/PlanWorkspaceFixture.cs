using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Tests.Plan;

/// <summary>Hand-built cohort tables (the Understand stage's contract) and a little activity for provider mix.</summary>
public static class PlanWorkspaceFixture
{
    public static readonly DateOnly At = new(2025, 3, 31);

    public static void Build(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        // Shapes from the table catalogue, as the profile stage writes them.
        engine.CreateTable(Tables.CohortPeople);
        engine.CreateTable(Tables.CohortActivity);
        using (var p = engine.Append("cohort_people"))
        {
            // Two neighbourhoods of one place: the plan aggregates them away.
            p.Row(At, "frailty_dementia", "very_high", "P1", "N1", "85+", "F", 1, 600L);
            p.Row(At, "frailty_dementia", "very_high", "P1", "N2", "85+", "F", 1, 400L);
            p.Row(At, "healthy", "low", "P1", "N1", "30-34", "M", 5, 5000L);
            p.Row(At.AddYears(-1), "healthy", "low", "P1", "N1", "30-34", "M", 5, 9999L);
        }
        using (var a = engine.Append("cohort_activity"))
        {
            a.Row(At, "frailty_dementia", "very_high", "P1", "N1", "85+", "F", 1, "emergency_admission", 120L, 960L, 360_000m);
            a.Row(At, "frailty_dementia", "very_high", "P1", "N2", "85+", "F", 1, "emergency_admission", 80L, 640L, 240_000m);
            a.Row(At, "healthy", "low", "P1", "N1", "30-34", "M", 5, "emergency_admission", 200L, 400L, 400_000m);
            a.Row(At, "healthy", "low", "P1", "N1", "30-34", "M", 5, "gp_appointment", 20_000L, null, 840_000m);
        }
        engine.Execute("""
            INSERT INTO practices VALUES ('G1', 'Practice 1', 'N1', 'P1', 'Place 1', 'ICB');
            INSERT INTO providers VALUES ('RA', 'Acute A', 'acute', 'P1'), ('RB', 'Acute B', 'acute', NULL);
            INSERT INTO people VALUES ('p1', 'F', 1935, NULL, 'G1', NULL, 1, NULL);
            INSERT INTO activity VALUES
              ('a1', 'p1', 'emergency_admission', 'RA', DATE '2024-06-01', DATE '2024-06-09', NULL, 3000),
              ('a2', 'p1', 'emergency_admission', 'RA', DATE '2024-09-01', DATE '2024-09-05', NULL, 2000),
              ('a3', 'p1', 'emergency_admission', 'RA', DATE '2025-01-01', DATE '2025-01-02', NULL, 4000),
              ('a4', 'p1', 'emergency_admission', 'RB', DATE '2025-02-01', DATE '2025-02-03', NULL, 6000),
              ('a5', 'p1', 'emergency_admission', 'RB', DATE '2023-02-01', DATE '2023-02-03', NULL, 9999);
            """);
    }

    /// <summary>
    /// The fixture's cells with a ward (version 2.0) avoiding 25% of frail emergency admissions (200 a year at £3,000):
    /// no growth, no noise, 3 runs with seed 77, 2 years.
    /// </summary>
    public static (PlanBaseline Baseline, ScenarioReport Report) Ward(IEngine engine)
    {
        Build(engine);
        var baseline = PlanCells.Load(engine);
        var ward = new Intervention("ward", "Ward", "2.0", new CohortFilter(["frailty_dementia"], [], [], [], []), ["emergency_admission"],
            new InterventionEffect(EffectKind.Avoid, Interval80.Point(0.25)), [], 1000, 0, 1, Interval80.Point(1));
        var run = MonteCarlo.Run(ScenarioModel.Build(baseline, new GrowthAssumptions(new DemographicGrowth(), new Dictionary<string, double>()), [ward], 2),
            FinanceAssumptions.Default, new ScenarioOptions(Runs: 3, Seed: 77, Noise: false));
        // Rounding without perturbation, so stored figures read as worked examples (perturbation: DisclosureControlTests).
        return (baseline, ScenarioReport.Build(run, DisclosurePolicy.Default with { MaxPerturbation = 0 }));
    }
}

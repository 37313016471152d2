using Strata.Domain.Plan;
using static Strata.Domain.Tests.Plan.PlanFixtures;

namespace Strata.Domain.Tests.Plan;

/// <summary>Population projection variants and the health-status adjustment, sampled per Monte Carlo run.</summary>
public class PopulationInputsTests
{
    private static PopulationVariant Variant(string name, double weight, double persons85Year1, double persons85Year2) =>
        PopulationVariant.FromPersons(name, weight,
        [
            new("85+", "F", 2024, 1000), new("85+", "F", 2025, persons85Year1), new("85+", "F", 2026, persons85Year2),
        ], baseYear: 2024);

    [Fact]
    public void A_variant_grows_a_band_by_its_projected_persons_over_the_base_year_and_holds_its_last_factor()
    {
        var v = Variant("principal", 1, 1100, 1210);
        Assert.Equal(1.1, v.Growth.Factor("85+", "F", 1), 12);
        Assert.Equal(1.21, v.Growth.Factor("85+", "F", 2), 12);
        Assert.Equal(1.21, v.Growth.Factor("85+", "F", 7), 12);
        Assert.Equal(1.0, v.Growth.Factor("30-34", "M", 2), 12);
    }

    [Fact]
    public void Births_drive_maternity_and_deaths_drive_the_end_of_life_segment_while_other_cells_follow_their_band()
    {
        // Persons of 30-34 F hold steady and 85+ F grows 10%, but births rise 20% and deaths 5% in year 1.
        PopulationVariant V(string name, double weight, double births1, double deaths1) => PopulationVariant.FromPersons(name, weight,
            [new("30-34", "F", 2024, 1000), new("30-34", "F", 2025, 1000), new("85+", "F", 2024, 1000), new("85+", "F", 2025, 1100)], 2024,
            [new(2024, 100, 200), new(2025, births1, deaths1)]);
        var population = new PopulationInputs([V("low", 1, 110, 200), V("high", 1, 130, 220)], null);
        var growth = NoGrowth().WithPopulation(population);
        var mother = new CohortKey("maternal_infant", "low", "30-34", "F", 3, "P1");
        var dying = FrailOld with { Segment = "end_of_life" };
        var baseline = Baseline([new ActivityCell(mother, "maternity", 100, 0, 0), new ActivityCell(dying, "emergency_admission", 50, 0, 0),
            new ActivityCell(FrailOld, "emergency_admission", 200, 0, 0)]);
        var run = Run(baseline, [], 1, new ScenarioOptions(Runs: 40, Seed: 3, Noise: false), growth);

        // Principal: births × (1.1 + 1.3) / 2 = 1.2, deaths × (1.0 + 1.1) / 2 = 1.05, the frail 85+ band × 1.1.
        Assert.Equal(120, Total(run.Model, run.Runs[0].Activity, 1, "maternity"), 9);
        Assert.Equal(50 * 1.05 + 200 * 1.1, Total(run.Model, run.Runs[0].Activity, 1, "emergency_admission"), 9);
        // Each run uses its own variant's births and deaths.
        Assert.All(run.Runs.Skip(1), r =>
        {
            Assert.Equal(r.Variant == 0 ? 110 : 130, Total(run.Model, r.Activity, 1, "maternity"), 9);
            Assert.Equal(r.Variant == 0 ? 50 * 1.0 + 220 : 50 * 1.1 + 220, Total(run.Model, r.Activity, 1, "emergency_admission"), 9);
        });
        Assert.Contains(run.Runs.Skip(1), r => r.Variant == 0);
        Assert.Contains(run.Runs.Skip(1), r => r.Variant == 1);
    }

    [Fact]
    public void Without_births_and_deaths_for_the_base_year_every_cell_follows_its_band()
    {
        var v = PopulationVariant.FromPersons("p", 1, [new("30-34", "F", 2024, 1000), new("30-34", "F", 2025, 900)], 2024, [new(2025, 120, 200)]);
        Assert.Null(v.BirthsFactor(1));
        var growth = NoGrowth().WithPopulation(new PopulationInputs([v], null));
        Assert.Equal(0.9, growth.DemographicFactor(new CohortKey("maternal_infant", "low", "30-34", "F", 3, "P1"), "maternity", 1), 12);
    }

    [Fact]
    public void A_variant_without_the_base_year_for_a_band_is_refused_naming_the_band()
    {
        var e = Assert.Throws<ArgumentException>(() => PopulationVariant.FromPersons("low", 1, [new("85+", "F", 2025, 10)], 2024));
        Assert.Contains("85+ F", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_principal_run_uses_the_weighted_mean_variant_and_each_run_uses_exactly_one_variant_drawn_by_weight()
    {
        var population = new PopulationInputs([Variant("low", 1, 1000, 1000), Variant("high", 3, 1200, 1200)], null);
        var growth = NoGrowth().WithPopulation(population);
        var baseline = Baseline([new ActivityCell(FrailOld, "emergency_admission", 100, 0, 100_000)]);
        var run = Run(baseline, [], 1, new ScenarioOptions(Runs: 2000, Seed: 5, Noise: false), growth);

        // Principal: 100 × (0.25 × 1.0 + 0.75 × 1.2) = 115.
        Assert.Equal(115, Total(run.Model, run.Runs[0].Activity, 1), 9);
        var year1 = run.Runs.Skip(1).Select(r => Total(run.Model, r.Activity, 1)).ToList();
        Assert.All(run.Runs.Skip(1), r => Assert.Equal(r.Variant == 0 ? 100 : 120, Total(run.Model, r.Activity, 1), 9));
        var highShare = run.Runs.Skip(1).Count(r => r.Variant == 1) / 2000.0;
        Assert.InRange(highShare, 0.72, 0.78);
        Assert.Equal(100, year1.Min(), 9);
        Assert.Equal(120, year1.Max(), 9);
    }

    [Fact]
    public void Health_status_gradient_is_the_slope_of_log_activity_per_person_over_the_neighbouring_bands()
    {
        var baseline = BandedBaseline();
        var g = HealthStatusAdjustment.Default.Gradients(baseline);
        // 75–79 sits between 70–74 (1 admission a person) and 80–84 (4 a person), 10 years apart.
        Assert.Equal(Math.Log(4) / 10, g[("75-79", "F", "emergency_admission")], 12);
        // The top band: one-sided between 80–84 (4) and 85+ (8), 5 years apart.
        Assert.Equal(Math.Log(2) / 5, g[("85+", "F", "emergency_admission")], 12);
        // Below the minimum age (55) nothing is adjusted.
        Assert.False(g.ContainsKey(("50-54", "F", "emergency_admission")));
    }

    [Fact]
    public void Health_status_adjustment_takes_theta_times_year_times_gradient_off_each_run_with_its_drawn_theta()
    {
        var baseline = BandedBaseline();
        var health = new HealthStatusAdjustment(new Interval80(0.05, 0.15));
        var growth = NoGrowth().WithPopulation(new PopulationInputs([], health));
        var run = Run(baseline, [], 3, new ScenarioOptions(Runs: 50, Seed: 9, Noise: false), growth);
        var gradients = health.Gradients(baseline);
        double Expected(double theta, int y) => baseline.Activity.Sum(c =>
            c.Activity * HealthStatusAdjustment.Multiplier(theta, y, gradients.TryGetValue((c.Cohort.AgeBand, c.Cohort.Sex, c.Setting), out var gr) ? gr : 0));

        Assert.Equal(Expected(0.10, 3), Total(run.Model, run.Runs[0].Activity, 3), 6);
        Assert.All(run.Runs.Skip(1), r => Assert.Equal(Expected(r.HealthYearsPerYear, 3), Total(run.Model, r.Activity, 3), 6));
        var thetas = run.Runs.Skip(1).Select(r => r.HealthYearsPerYear).ToList();
        Assert.True(thetas.Distinct().Count() > 40, "θ is drawn per run");
        Assert.InRange(thetas.Average(), 0.08, 0.12);
        // The adjustment only lowers demand: a run with any healthy years gained is below the unadjusted baseline.
        Assert.All(run.Runs.Skip(1), r => Assert.True(r.HealthYearsPerYear == 0
            ? Math.Abs(Total(run.Model, r.Activity, 3) - 1550) < 1e-9
            : Total(run.Model, r.Activity, 3) < 1550));
    }

    private static PlanBaseline BandedBaseline()
    {
        var bands = new (string Band, double PerPerson)[] { ("50-54", 0.5), ("70-74", 1), ("75-79", 2), ("80-84", 4), ("85+", 8) };
        return Baseline(
            [.. bands.Select(b => new ActivityCell(FrailOld with { AgeBand = b.Band }, "emergency_admission", 100 * b.PerPerson, 0, 0))],
            [.. bands.Select(b => new PopulationCell(FrailOld with { AgeBand = b.Band }, 100))]);
    }
}

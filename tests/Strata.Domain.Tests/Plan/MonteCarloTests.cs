using Strata.Domain.Plan;
using static Strata.Domain.Tests.Plan.PlanFixtures;

namespace Strata.Domain.Tests.Plan;

public class MonteCarloTests
{
    // 200 frail admissions (1,600 bed days, £600k) and 200 others; 1,000 frail people.
    private static PlanBaseline TwoCohorts() => Baseline(
        [
            new ActivityCell(FrailOld, "emergency_admission", 200, 1600, 600_000),
            new ActivityCell(Healthy, "emergency_admission", 200, 400, 400_000),
        ],
        [new PopulationCell(FrailOld, 1000), new PopulationCell(Healthy, 5000)]);

    private static Intervention FrailtyWard() => Avoid("ward", 0.2, 0.2, Segment("frailty"), ramp: [0.5, 1.0],
        fixedCost: 10_000, perPerson: 10, reach: Interval80.Point(0.5));

    [Fact]
    public void With_zero_uncertainty_every_run_equals_the_analytic_result()
    {
        var run = Run(TwoCohorts(), [FrailtyWard()], 3, new ScenarioOptions(Runs: 5, Seed: 9, Noise: false));
        // p(y) = 0.2 × 0.5 reach × ramp: y1 0.05 → 10 avoided, y2 and y3 0.1 → 20 avoided, of 200 frail admissions.
        double[] avoided = [0, 10, 20, 20];
        foreach (var r in run.Runs)
        {
            for (var y = 1; y <= 3; y++)
            {
                Assert.Equal(400 - avoided[y], Total(run.Model, r.Activity, y), 9);
                Assert.Equal(2000 - avoided[y] * 8, Total(run.Model, r.BedDays, y), 9);
                Assert.Equal(1_000_000 - avoided[y] * 3000, Total(run.Model, r.Cost, y), 6);
                var f = r.Flows[0];
                Assert.Equal(avoided[y] * 3000, f.Gross[y], 6);
                // Variable share 0.5; 160 bed days is far below a ward step, so the rest is stranded.
                Assert.Equal(avoided[y] * 1500, f.Released[y], 6);
                Assert.Equal(avoided[y] * 1500, f.Stranded(y), 6);
            }
            // Cost: £10k fixed + £10 × 1,000 people × 0.5 reach × ramp.
            Assert.Equal(12_500, r.Flows[0].InterventionCost[1], 6);
            Assert.Equal(15_000, r.Flows[0].InterventionCost[2], 6);
            // Net benefit 2,500, 15,000, 15,000 discounted at 3.5% from year 1 as appraisal year 0.
            Assert.Equal(2_500 + 15_000 / 1.035 + 15_000 / (1.035 * 1.035), FinancialTransition.Npv(r.Flows[0], 0.035), 6);
        }
        var report = ScenarioReport.Build(run, Strata.Domain.Foundation.DisclosurePolicy.Off);
        var y2 = report.BySetting.Single(s => s.Year == 2 && s.Setting == "emergency_admission");
        Assert.Equal(20, y2.Avoided.P10);
        Assert.Equal(20, y2.Avoided.P90);
        Assert.Equal(1, report.Financials.Single(f => f.Id == "ward").PaybackYear);
    }

    [Fact]
    public void Steps_sum_exactly_to_the_total_change_in_every_run()
    {
        var shift = new Intervention("shift", "shift", "1", CohortFilter.Everyone, ["emergency_admission"],
            new InterventionEffect(EffectKind.Shift, new Interval80(0.05, 0.15), "community_contact", 120), [], 0, 0, 1, new Interval80(0.4, 0.8));
        var los = new Intervention("los", "los", "1", Segment("frailty"), ["emergency_admission"],
            new InterventionEffect(EffectKind.ReduceLengthOfStay, new Interval80(0.1, 0.3)), [0.5, 1], 0, 0, 2, Interval80.Point(1));
        var ivs = new[] { FrailtyWard() with { Effect = new InterventionEffect(EffectKind.Avoid, new Interval80(0.1, 0.3)) }, shift, los };
        var run = Run(TwoCohorts(), ivs, 4, new ScenarioOptions(Runs: 40, Seed: 5));
        var m = run.Model;
        var k = ivs.Length;
        foreach (var r in run.Runs)
        {
            for (var y = 1; y <= 4; y++)
            {
                var cost = Total(m, r.Cost, y) - Total(m, r.BaselineCost, y);
                var beds = Total(m, r.BedDays, y) - Total(m, r.BaselineBedDays, y);
                Assert.Equal(cost, Enumerable.Range(0, k).Sum(i => r.StepCost[y * k + i]), 6);
                Assert.Equal(beds, Enumerable.Range(0, k).Sum(i => r.StepBedDays[y * k + i]), 6);
                foreach (var setting in m.Settings)
                {
                    var s = m.SettingIndex(setting);
                    var change = Total(m, r.Activity, y, setting) - Total(m, r.BaselineActivity, y, setting);
                    Assert.Equal(change, Enumerable.Range(0, k).Sum(i => r.StepActivity[(y * k + i) * m.Settings.Count + s]), 6);
                }
            }
        }
        var report = ScenarioReport.Build(run, Strata.Domain.Foundation.DisclosurePolicy.Off);
        Assert.All(report.Decomposition, d => Assert.Equal(0, d.Interaction, 6));
    }

    [Fact]
    public void Standalone_steps_leave_the_overlap_as_an_interaction_term()
    {
        // Two avoidance schemes on the same 100 admissions: 20% and 50%. In order: −20 then −40 (50% of the 80 left).
        // Alone: −20 and −50, total −60, so the interaction (overlap) is +10.
        var baseline = Baseline([new ActivityCell(FrailOld, "emergency_admission", 100, 0, 100_000)]);
        var run = Run(baseline, [Avoid("a", 0.2, 0.2), Avoid("b", 0.5, 0.5)], 1, new ScenarioOptions(Runs: 0));
        var d = ScenarioReport.Build(run, Strata.Domain.Foundation.DisclosurePolicy.Off).Decomposition
            .Single(x => x.Year == 1 && x.Measure == "activity:emergency_admission");
        Assert.Equal([-20, -40], d.Steps.Select(s => Math.Round(s.Value, 9)));
        Assert.Equal([-20, -50], d.Standalone.Select(s => Math.Round(s.Value, 9)));
        Assert.Equal(-60, d.PrincipalTotal, 9);
        Assert.Equal(10, d.StandaloneInteraction, 9);
    }

    [Fact]
    public void Shifted_activity_reappears_in_the_receiving_setting_at_its_own_unit_cost()
    {
        var baseline = Baseline([new ActivityCell(FrailOld, "emergency_admission", 100, 500, 300_000)]);
        var shift = new Intervention("s", "s", "1", CohortFilter.Everyone, ["emergency_admission"],
            new InterventionEffect(EffectKind.Shift, Interval80.Point(0.3), "community_contact", 150), [], 0, 0, 1, Interval80.Point(1));
        var run = Run(baseline, [shift], 1, new ScenarioOptions(Runs: 0));
        var r = run.Runs[0];
        Assert.Equal(70, Total(run.Model, r.Activity, 1, "emergency_admission"), 9);
        Assert.Equal(30, Total(run.Model, r.Activity, 1, "community_contact"), 9);
        Assert.Equal(30 * 150, Total(run.Model, r.Cost, 1, "community_contact"), 9);
        Assert.Equal(30 * 150, r.Flows[0].ReceivingCost[1], 9);
        Assert.Equal(30 * 3000, r.Flows[0].Gross[1], 9);
    }

    [Fact]
    public void Length_of_stay_reduction_saves_bed_days_and_their_share_of_spell_cost_but_not_spells()
    {
        var baseline = Baseline([new ActivityCell(FrailOld, "emergency_admission", 100, 1000, 300_000)]);
        var los = new Intervention("l", "l", "1", CohortFilter.Everyone, ["emergency_admission"],
            new InterventionEffect(EffectKind.ReduceLengthOfStay, Interval80.Point(0.2)), [], 0, 0, 1, Interval80.Point(1));
        var r = Run(baseline, [los], 1, new ScenarioOptions(Runs: 0));
        Assert.Equal(100, Total(r.Model, r.Runs[0].Activity, 1), 9);
        Assert.Equal(800, Total(r.Model, r.Runs[0].BedDays, 1), 9);
        Assert.Equal(240_000, Total(r.Model, r.Runs[0].Cost, 1), 6);
    }

    [Fact]
    public void Results_are_reproducible_from_the_seed_whatever_the_thread_count()
    {
        var ivs = new[] { FrailtyWard() with { Reach = new Interval80(0.3, 0.7) } };
        var one = Run(TwoCohorts(), ivs, 3, new ScenarioOptions(Runs: 30, Seed: 11, Threads: 1));
        var two = Run(TwoCohorts(), ivs, 3, new ScenarioOptions(Runs: 30, Seed: 11, Threads: 2));
        var other = Run(TwoCohorts(), ivs, 3, new ScenarioOptions(Runs: 30, Seed: 12, Threads: 2));
        for (var i = 0; i < one.Runs.Count; i++)
        {
            Assert.Equal(one.Runs[i].Activity, two.Runs[i].Activity);
            Assert.Equal(one.Runs[i].Cost, two.Runs[i].Cost);
            Assert.Equal(one.Runs[i].Reach, two.Runs[i].Reach);
        }
        Assert.NotEqual(one.Runs[5].Activity, other.Runs[5].Activity);
    }

    [Fact]
    public void Noisy_runs_centre_on_the_principal_run()
    {
        var big = Baseline([new ActivityCell(FrailOld, "emergency_admission", 20_000, 0, 1)], [new PopulationCell(FrailOld, 1000)]);
        var run = Run(big, [Avoid("a", 0.1, 0.3)], 1, new ScenarioOptions(Runs: 2000, Seed: 1));
        var avoided = run.Runs.Skip(1).Select(r => Total(run.Model, r.BaselineActivity, 1) - Total(run.Model, r.Activity, 1)).ToList();
        // Principal 4,000 avoided; the effect's sd 0.078 dominates: sd of avoided ≈ 20,000 × 0.078 ≈ 1,560.
        Assert.InRange(avoided.Average(), 3900, 4100);
        var sd = Math.Sqrt(avoided.Sum(a => (a - avoided.Average()) * (a - avoided.Average())) / (avoided.Count - 1));
        Assert.InRange(sd, 1450, 1680);
        // Baseline Poisson noise: sd of baseline activity ≈ √20,000 ≈ 141.
        var baselineSd = Math.Sqrt(run.Runs.Skip(1).Select(r => Total(run.Model, r.BaselineActivity, 1)).Select(v => (v - 20_000) * (v - 20_000)).Average());
        Assert.InRange(baselineSd, 125, 160);
    }

    [Fact]
    public void Cells_that_no_intervention_or_output_distinguishes_share_one_class()
    {
        // Two frail cells (different IMD quintile and age band) both targeted by the ward, one healthy cell not targeted:
        // two classes in emergency admissions, one for the GP cell.
        var older = FrailOld with { AgeBand = "80-84", ImdQuintile = 2 };
        var baseline = Baseline(
        [
            new ActivityCell(FrailOld, "emergency_admission", 100, 800, 300_000),
            new ActivityCell(older, "emergency_admission", 50, 400, 150_000),
            new ActivityCell(Healthy, "emergency_admission", 200, 400, 400_000),
            new ActivityCell(Healthy, "gp_appointment", 900, 0, 36_000),
        ]);
        var model = ScenarioModel.Build(baseline, NoGrowth(), [Avoid("ward", 0.2, 0.2, Segment("frailty"))], 2);
        Assert.Equal(3, model.ClassCount);
        var r = MonteCarlo.Run(model, FinanceAssumptions.Default, new ScenarioOptions(Runs: 0)).Runs[0];
        Assert.Equal(350 - 30, Total(model, r.Activity, 1, "emergency_admission"), 9);
    }

    [Fact]
    public void Interventions_do_not_act_before_their_start_year()
    {
        var run = Run(TwoCohorts(), [Avoid("late", 0.5, 0.5, start: 3, fixedCost: 100)], 3, new ScenarioOptions(Runs: 0));
        Assert.Equal(400, Total(run.Model, run.Runs[0].Activity, 2), 9);
        Assert.Equal(200, Total(run.Model, run.Runs[0].Activity, 3), 9);
        Assert.Equal(0, run.Runs[0].Flows[0].InterventionCost[2]);
        Assert.Equal(100, run.Runs[0].Flows[0].InterventionCost[3]);
    }
    /// <summary>
    /// Common random numbers: two scenarios compared at one seed see the same baseline in every run and year, although
    /// one has an extra intervention (which splits the frail cells into another class and draws its own parameters),
    /// and the intervention they share draws the same effect and reach in every run.
    /// </summary>
    [Fact]
    public void Scenarios_compared_at_one_seed_share_the_baseline_and_shared_interventions_draws()
    {
        // Two frail cells at different unit costs: the ward alone keeps them in one class, the extra intervention (for
        // the 80-84s only) splits them into two.
        var older = FrailOld with { AgeBand = "80-84" };
        var baseline = Baseline(
        [
            new ActivityCell(FrailOld, "emergency_admission", 150, 1200, 450_000),
            new ActivityCell(older, "emergency_admission", 90, 500, 180_000),
            new ActivityCell(Healthy, "emergency_admission", 200, 400, 400_000),
        ],
        [new PopulationCell(FrailOld, 800), new PopulationCell(older, 400), new PopulationCell(Healthy, 5000)]);
        var ward = FrailtyWard() with { Reach = new Interval80(0.3, 0.7) };
        var extra = Avoid("extra", 0.05, 0.15, new([], [], ["80-84"], [], []), reach: new Interval80(0.2, 0.6));
        var options = new ScenarioOptions(Runs: 40, Seed: 21);
        var one = Run(baseline, [ward], 4, options);
        var two = Run(baseline, [extra, ward], 4, options);
        Assert.True(two.Model.ClassCount > one.Model.ClassCount);
        for (var r = 1; r < one.Runs.Count; r++)
        {
            for (var y = 1; y <= 4; y++)
            {
                Assert.Equal(Total(one.Model, one.Runs[r].BaselineCost, y), Total(two.Model, two.Runs[r].BaselineCost, y), 6);
                Assert.Equal(Total(one.Model, one.Runs[r].BaselineActivity, y), Total(two.Model, two.Runs[r].BaselineActivity, y), 9);
            }
            Assert.Equal(one.Runs[r].Effect[0], two.Runs[r].Effect[1]);
            Assert.Equal(one.Runs[r].Reach[0], two.Runs[r].Reach[1]);
        }
        // The baseline still varies from run to run (it is noise shared, not noise removed).
        Assert.NotEqual(Total(one.Model, one.Runs[1].BaselineCost, 2), Total(one.Model, one.Runs[2].BaselineCost, 2));
    }
}

using Strata.Domain.Plan;
using static Strata.Domain.Tests.Plan.PlanFixtures;

namespace Strata.Domain.Tests.Plan;

public class ProjectionTests
{
    [Fact]
    public void Activity_grows_by_the_demographic_factor_times_compound_non_demographic_growth()
    {
        var demography = new DemographicGrowth();
        demography.SetRate("85+", "F", 0.035);
        var growth = new GrowthAssumptions(demography, new Dictionary<string, double> { ["emergency_admission"] = 0.01 });
        var baseline = Baseline([new ActivityCell(FrailOld, "emergency_admission", 100, 800, 300_000), new ActivityCell(Healthy, "emergency_admission", 50, 100, 100_000)]);
        var run = Run(baseline, [], 2, new ScenarioOptions(Runs: 0), growth);
        var principal = run.Runs[0];

        // Year 2: 100 × 1.035² × 1.01² + 50 × 1 × 1.01² (the healthy band has no demographic growth listed).
        Assert.Equal(100 * 1.071225 * 1.0201 + 50 * 1.0201, Total(run.Model, principal.Activity, 2), 9);
        Assert.Equal(300_000 * 1.071225 * 1.0201 + 100_000 * 1.0201, Total(run.Model, principal.Cost, 2), 6);
        Assert.Equal(800 * 1.071225 * 1.0201 + 100 * 1.0201, Total(run.Model, principal.BedDays, 2), 9);
        Assert.Equal(150, Total(run.Model, principal.Activity, 0), 12);
    }

    [Fact]
    public void An_explicit_factor_for_a_year_overrides_the_rate()
    {
        var g = new DemographicGrowth();
        g.SetRate("85+", "F", 0.03);
        g.SetFactor("85+", "F", 2, 1.5);
        Assert.Equal(1.03, g.Factor("85+", "F", 1), 12);
        Assert.Equal(1.5, g.Factor("85+", "F", 2), 12);
        Assert.Equal(1.0, g.Factor("00-04", "M", 3), 12);
    }

    [Fact]
    public void Default_growth_profile_grows_older_bands_faster()
    {
        var g = DemographicGrowth.Default();
        Assert.True(g.Factor("85+", "F", 10) > g.Factor("65-69", "F", 10));
        Assert.True(g.Factor("65-69", "M", 10) > g.Factor("30-34", "M", 10));
    }

    [Fact]
    public void Provider_activity_follows_the_place_setting_mix_and_cost_follows_share_times_unit_cost()
    {
        var baseline = Baseline([new ActivityCell(FrailOld, "emergency_admission", 100, 0, 400_000)], providers:
        [
            new ProviderShare("P1", "emergency_admission", "A", 0.75, 3000),
            new ProviderShare("P1", "emergency_admission", "B", 0.25, 7000),
        ]);
        var run = Run(baseline, [], 1, new ScenarioOptions(Runs: 0));
        var m = run.Model;
        var a = m.Outlets.ToList().IndexOf(new Outlet("A", "emergency_admission"));
        var b = m.Outlets.ToList().IndexOf(new Outlet("B", "emergency_admission"));
        var o = m.Outlets.Count;
        Assert.Equal(75, run.Runs[0].Activity[o + a], 9);
        Assert.Equal(25, run.Runs[0].Activity[o + b], 9);
        // Cost weights 0.75 × 3000 : 0.25 × 7000 = 2250 : 1750 of the cells' 400,000.
        Assert.Equal(225_000, run.Runs[0].Cost[o + a], 6);
        Assert.Equal(175_000, run.Runs[0].Cost[o + b], 6);
    }

    [Fact]
    public void A_settings_cost_is_withheld_with_its_few_events_and_the_smallest_other_cost_with_it()
    {
        // Three emergency admissions (suppressed), 40 elective admissions and 100 outpatient first attendances.
        var baseline = Baseline(
        [
            new ActivityCell(FrailOld, "emergency_admission", 3, 20, 9_000),
            new ActivityCell(FrailOld, "elective_admission", 40, 80, 160_000),
            new ActivityCell(Healthy, "outpatient_first", 100, 0, 20_000),
        ]);
        var report = ProjectionReport.Build(baseline, NoGrowth(), 1, Strata.Domain.Foundation.DisclosurePolicy.Default);
        var year1 = report.BySetting.Where(s => s.Year == 1).ToDictionary(s => s.Setting);
        Assert.Null(year1["emergency_admission"].Activity);
        Assert.Null(year1["emergency_admission"].Cost);
        // The total is released, so the smallest released cost goes too: £20,000 of outpatients, not £160,000.
        Assert.Null(year1["outpatient_first"].Cost);
        Assert.Equal(160_000, year1["elective_admission"].Cost!.Value, 6);
        Assert.Equal(189_000, report.Totals.Single(t => t.Year == 1).Cost, 6);
    }
}

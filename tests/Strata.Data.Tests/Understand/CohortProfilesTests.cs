using Strata.Data.Understand;
using Strata.Domain.Foundation;

namespace Strata.Data.Tests.Understand;

public class CohortProfilesTests
{
    private static readonly DateOnly D = new(2025, 3, 31);

    private static World Built(World w, string? riskModel = null)
    {
        Segmentation.Run(w.Ws.Engine, D);
        CohortProfiles.Build(w.Ws.Engine, riskModel);
        return w;
    }

    [Fact]
    public void People_in_every_slice_reconcile_with_the_segments_table()
    {
        using var w = new World().Person("a", sex: "M").Person("b", imdDecile: 1).Person("c", practice: "P2").Condition("c", "dementia")
            .Person("dead", died: "2024-01-01").Activity("a", "gp_appointment", "2024-09-01");
        Built(w);
        var segmented = w.Ws.Engine.Scalar<long>("SELECT count(*) FROM segments");
        Assert.Equal(3, segmented);
        Assert.Equal(segmented, w.Ws.Engine.Scalar<long>("SELECT CAST(sum(people) AS BIGINT) FROM cohort_people"));
        Assert.Equal(segmented, CohortProfiles.Slice(w.Ws.Engine, []).Single().People);
        Assert.Equal(segmented, CohortProfiles.Slice(w.Ws.Engine, ["segment"]).Sum(c => c.People));
        Assert.Equal(segmented, CohortProfiles.Slice(w.Ws.Engine, ["place", "sex", "imd"]).Sum(c => c.People));
        var bySetting = CohortProfiles.Slice(w.Ws.Engine, ["segment", "setting"]);
        Assert.Equal(2 * Vocabulary.Settings.Count, bySetting.Count);
        Assert.All(bySetting.Where(c => c.Keys[0] == "healthy"), c => Assert.Equal(2, c.People));
    }

    [Fact]
    public void A_filtered_slice_counts_only_the_filtered_people_and_a_setting_narrows_activity_only()
    {
        // a and b in PL1, c in PL2; a has a GP appointment and an A&E attendance, c one GP appointment.
        using var w = new World().Person("a").Person("b").Person("c", practice: "P2")
            .Activity("a", "gp_appointment", "2024-09-01", cost: 40m).Activity("a", "ae_attendance", "2024-10-01", cost: 200m)
            .Activity("c", "gp_appointment", "2024-09-01", cost: 40m);
        Built(w);
        var pl1 = CohortProfiles.Slice(w.Ws.Engine, [], new AreaFilter(Place: "PL1")).Single();
        Assert.Equal((2L, 2L, 240.0), (pl1.People, pl1.Activity, pl1.CostGbp));
        var pl1Gp = CohortProfiles.Slice(w.Ws.Engine, [], new AreaFilter(Place: "PL1"), "gp_appointment").Single();
        Assert.Equal((2L, 1L, 40.0), (pl1Gp.People, pl1Gp.Activity, pl1Gp.CostGbp));
    }

    [Fact]
    public void Activity_counts_the_12_months_to_D_with_bed_days_for_admitted_settings_and_spend()
    {
        using var w = new World().Person("a")
            .Activity("a", "emergency_admission", "2024-06-01", end: "2024-06-05", cost: 2000m)
            .Activity("a", "elective_admission", "2025-03-31", end: "2025-04-02", cost: 1500m)
            .Activity("a", "outpatient_first", "2024-07-01", end: "2024-07-03", cost: 150m)
            .Activity("a", "emergency_admission", "2024-03-31", end: "2024-04-10", cost: 999m)
            .Activity("a", "gp_appointment", "2025-04-01", cost: 30m);
        Built(w);
        var cells = CohortProfiles.Slice(w.Ws.Engine, ["setting"]).ToDictionary(c => c.Keys[0]);
        Assert.Equal((1L, 4L, 2000.0), (cells["emergency_admission"].Activity, cells["emergency_admission"].BedDays, cells["emergency_admission"].CostGbp));
        Assert.Equal((1L, 2L, 1500.0), (cells["elective_admission"].Activity, cells["elective_admission"].BedDays, cells["elective_admission"].CostGbp));
        Assert.Equal((1L, 0L, 150.0), (cells["outpatient_first"].Activity, cells["outpatient_first"].BedDays, cells["outpatient_first"].CostGbp));
        Assert.Equal(0, cells["gp_appointment"].Activity);
        var total = CohortProfiles.Slice(w.Ws.Engine, []).Single();
        Assert.Equal((3L, 6L, 3650.0), (total.Activity, total.BedDays, total.CostGbp));
    }

    [Fact]
    public void Activity_of_people_outside_the_segmented_population_is_not_counted()
    {
        using var w = new World().Person("dead", died: "2024-01-01").Person("a")
            .Activity("dead", "gp_appointment", "2023-12-01").Activity("a", "gp_appointment", "2024-12-01");
        Built(w);
        Assert.Equal(1, CohortProfiles.Slice(w.Ws.Engine, []).Single().Activity);
    }

    [Fact]
    public void Risk_tier_comes_from_risk_scores_at_D_and_unscored_otherwise()
    {
        using var w = new World().Person("a").Person("b").Person("c");
        w.Ws.Engine.Execute("""
            CREATE TABLE risk_scores (person_id VARCHAR, reference_date DATE, model VARCHAR, probability DOUBLE, tier VARCHAR);
            INSERT INTO risk_scores VALUES ('a', DATE '2025-03-31', 'logistic', 0.9, 'very_high'),
              ('b', DATE '2024-03-31', 'logistic', 0.5, 'high'), ('c', DATE '2025-03-31', 'logistic', 0.01, 'low');
            """);
        var build = CohortProfiles.Build(Built(w).Ws.Engine);
        Assert.Equal("logistic", build.RiskModel);
        var tiers = CohortProfiles.Slice(w.Ws.Engine, ["risk_tier"]).ToDictionary(c => c.Keys[0], c => c.People);
        Assert.Equal(new Dictionary<string, long> { ["low"] = 1, ["unscored"] = 1, ["very_high"] = 1 }, tiers);
    }

    [Fact]
    public void Without_a_risk_scores_table_everyone_is_unscored()
    {
        using var w = new World().Person("a");
        Built(w);
        Assert.Equal("unscored", CohortProfiles.Slice(w.Ws.Engine, ["risk_tier"]).Single().Keys[0]);
        Assert.Throws<InvalidOperationException>(() => CohortProfiles.Build(w.Ws.Engine, "gbm"));
    }

    [Fact]
    public void Tables_carry_the_reference_date_and_the_run_is_recorded()
    {
        using var w = new World().Person("a").Activity("a", "gp_appointment", "2024-12-01");
        Built(w);
        Assert.Equal("2025-03-31", w.Ws.Engine.Scalar<string>("SELECT DISTINCT CAST(reference_date AS VARCHAR) FROM cohort_activity"));
        Assert.Equal(D, CohortProfiles.Current(w.Ws.Engine));
        Assert.Equal(1, w.Ws.Engine.Scalar<long>("SELECT count(*) FROM strata_runs WHERE stage = 'understand.profile' AND rule_version = 'v1'"));
    }

    [Fact]
    public void A_cube_older_than_the_segmentation_is_rebuilt_and_a_current_one_is_kept()
    {
        using var w = new World().Person("a");
        Built(w);
        Assert.False(CohortProfiles.EnsureCurrent(w.Ws.Engine));
        Segmentation.Run(w.Ws.Engine, new DateOnly(2024, 3, 31));
        Assert.True(CohortProfiles.EnsureCurrent(w.Ws.Engine));
        Assert.Equal(new DateOnly(2024, 3, 31), CohortProfiles.Current(w.Ws.Engine));
    }

    [Fact]
    public void Profiling_before_segmentation_is_an_error_saying_what_to_run()
    {
        using var w = new World().Person("a");
        var e = Assert.Throws<InvalidOperationException>(() => CohortProfiles.Build(w.Ws.Engine));
        Assert.Contains("strata segment", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_dimensions_are_rejected()
    {
        using var w = new World().Person("a");
        Built(w);
        Assert.Throws<ArgumentException>(() => CohortProfiles.Slice(w.Ws.Engine, ["postcode"]));
    }

    [Fact]
    public void Export_writes_released_rows_to_csv()
    {
        using var w = new World();
        for (var i = 0; i < 13; i++)
        {
            w.Person($"p{i}").Activity($"p{i}", "gp_appointment", "2024-12-01", cost: 10m);
        }
        Built(w);
        var rows = CohortProfiles.Slice(w.Ws.Engine, ["segment"]).Select(c => c.Protect(DisclosurePolicy.Default with { MaxPerturbation = 0 })).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"profile-{Guid.NewGuid():N}.csv");
        try
        {
            CohortProfiles.Export(w.Ws.Engine, ["segment"], rows, path);
            var lines = File.ReadAllLines(path);
            Assert.Equal("segment,people,activity,activity_per_1000,bed_days,spend_per_head,cost_gbp", lines[0]);
            // 13 people and 13 activities are released as 15 and 15; the rate and spend per head are computed from them.
            Assert.StartsWith("healthy,15,15,1000.0,0,", lines[1], StringComparison.Ordinal);
            Assert.Equal(130.0 / 15, double.Parse(lines[1].Split(',')[5], System.Globalization.CultureInfo.InvariantCulture), 9);
            Assert.EndsWith(",130.0", lines[1], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

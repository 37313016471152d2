using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Data.Understand.Pathways;
using Strata.Data.Understand.Variation;
using Strata.Domain.Understand;

namespace Strata.Data.Tests.Understand.Pathways;

public class PathwayTests
{
    // Before 1 July, so age at D = 2024 − year_of_birth.
    private static readonly DateOnly D = new(2025, 3, 31);

    /// <summary>A small pathway: GP care, then any emergency admission, then an admission coded to diabetes.</summary>
    private static readonly PathwayDefinition Test = new("test", "v1", "Test", "NICE NG28", "https://www.nice.org.uk/guidance/ng28",
        new PathwayCohort(["diabetes"], MinAge: 18),
        [
            new("primary", "Primary care", ["gp_appointment"], [], false),
            new("admission", "Any emergency admission", ["emergency_admission"], [], true),
            new("complication", "Admission coded to diabetes", ["emergency_admission"], ["E11"], true),
        ]);

    /// <summary>A world whose activity starts 1 April 2021, so D has four whole 12-month periods (0 = the latest).</summary>
    private static World NewWorld()
    {
        var w = new World().Person("anchor", yearOfBirth: 1950);
        w.Activity("anchor", "gp_appointment", "2021-04-01");
        return w;
    }

    private static PathwayBuild Build(World w, params PathwayDefinition[] defs) => PathwayAnalytics.Build(w.Ws.Engine, D, defs.Length == 0 ? [Test] : defs);

    private static string? StageOf(World w, string activityId) =>
        w.Ws.Engine.Scalar<string>("SELECT stage FROM pathway_activity WHERE activity_id = $1", activityId);

    private static bool OnPathway(World w, string person) =>
        w.Ws.Engine.Scalar<long>("SELECT count(*) FROM pathway_people WHERE person_id = $1", person) == 1;

    [Fact]
    public void The_cohort_is_people_with_a_cohort_condition_by_D_within_the_age_range()
    {
        using var w = NewWorld();
        w.Person("adult", yearOfBirth: 1970).Condition("adult", "diabetes");
        w.Person("coded", yearOfBirth: 1970).Condition("coded", "E119", system: "icd10");
        w.Person("child", yearOfBirth: 2008).Condition("child", "diabetes");
        w.Person("eighteen", yearOfBirth: 2006).Condition("eighteen", "diabetes");
        w.Person("later", yearOfBirth: 1970).Condition("later", "diabetes", "2025-04-01");
        w.Person("none", yearOfBirth: 1970).Condition("none", "copd");
        Build(w);
        Assert.True(OnPathway(w, "adult"));
        Assert.True(OnPathway(w, "coded"));
        Assert.True(OnPathway(w, "eighteen"));
        Assert.False(OnPathway(w, "child"));
        Assert.False(OnPathway(w, "later"));
        Assert.False(OnPathway(w, "none"));
    }

    [Fact]
    public void A_row_goes_to_the_most_escalated_stage_it_matches_and_rows_outside_every_stage_are_not_on_the_pathway()
    {
        using var w = NewWorld();
        w.Person("a", yearOfBirth: 1960).Condition("a", "diabetes", "2020-01-01")
            .Activity("a", "gp_appointment", "2024-05-01")                      // a2
            .Activity("a", "emergency_admission", "2024-06-01", "R074")          // a3: any admission
            .Activity("a", "emergency_admission", "2024-07-01", "E11.9")         // a4: diabetes code, dot removed
            .Activity("a", "outpatient_first", "2024-08-01")                     // a5: no stage has outpatients
            .Activity("a", "gp_appointment", "2025-04-01");                      // a6: after D
        Build(w);
        Assert.Equal("primary", StageOf(w, "a2"));
        Assert.Equal("admission", StageOf(w, "a3"));
        Assert.Equal("complication", StageOf(w, "a4"));
        Assert.Null(StageOf(w, "a5"));
        Assert.Null(StageOf(w, "a6"));
    }

    [Fact]
    public void Activity_before_entry_to_the_pathway_is_not_pathway_activity()
    {
        using var w = NewWorld();
        w.Person("a", yearOfBirth: 1960).Condition("a", "diabetes", "2023-06-01")
            .Activity("a", "gp_appointment", "2023-05-31")
            .Activity("a", "gp_appointment", "2023-06-01");
        Build(w);
        Assert.Null(StageOf(w, "a2"));
        Assert.Equal("primary", StageOf(w, "a3"));
    }

    [Fact]
    public void Transitions_link_each_persons_most_escalated_stage_in_consecutive_years()
    {
        using var w = NewWorld();
        // a: GP in period 3 (Apr 21–Mar 22), nothing in 2, an admission and GP in 1, died before period 0.
        w.Person("a", yearOfBirth: 1950, died: "2024-02-01").Condition("a", "diabetes", "2019-01-01")
            .Activity("a", "gp_appointment", "2021-06-01")
            .Activity("a", "gp_appointment", "2023-06-01")
            .Activity("a", "emergency_admission", "2023-07-01", "E110");
        // b: joins the pathway in period 1 and is seen in primary care in periods 1 and 0.
        w.Person("b", yearOfBirth: 1960).Condition("b", "diabetes", "2023-05-01")
            .Activity("b", "gp_appointment", "2023-06-01")
            .Activity("b", "gp_appointment", "2024-06-01");
        var build = Build(w);
        Assert.Equal(4, build.Periods);
        var links = PathwayAnalytics.Transitions(w.Ws.Engine, "test", PathwayArea.Icb)
            .Select(t => (t.FromPeriod, t.From, t.To, t.People)).ToHashSet();
        var expected = new HashSet<(int, string, string, long)>
        {
            (3, "primary", "no_activity", 1), (2, "no_activity", "complication", 1), (1, "complication", "died", 1),
            (2, PathwayAnalytics.NotYet, "primary", 1), (1, "primary", "primary", 1),
        };
        Assert.Equal(expected, links);
    }

    [Fact]
    public void Time_to_escalation_runs_from_the_first_pathway_activity_and_leaves_out_people_who_start_escalated()
    {
        using var w = NewWorld();
        w.Person("a", yearOfBirth: 1960).Condition("a", "diabetes", "2019-01-01")
            .Activity("a", "gp_appointment", "2022-01-01")
            .Activity("a", "emergency_admission", "2022-03-02", "R074");          // 60 days
        w.Person("b", yearOfBirth: 1960).Condition("b", "diabetes", "2019-01-01")
            .Activity("b", "gp_appointment", "2022-01-01")
            .Activity("b", "emergency_admission", "2022-05-01", "E11");           // 120 days
        w.Person("c", yearOfBirth: 1960).Condition("c", "diabetes", "2019-01-01").Activity("c", "gp_appointment", "2022-01-01");
        w.Person("d", yearOfBirth: 1960).Condition("d", "diabetes", "2019-01-01").Activity("d", "emergency_admission", "2022-01-01");
        Build(w);
        var t = PathwayAnalytics.TimeToEscalation(w.Ws.Engine, "test", PathwayArea.Icb);
        Assert.Equal(3, t.People);
        Assert.Equal(2, t.Escalated);
        Assert.Equal(90, t.MedianDays);
    }

    [Fact]
    public void Spend_by_stage_setting_and_provider_counts_the_12_months_to_D_within_the_area()
    {
        using var w = NewWorld();
        w.Person("a", yearOfBirth: 1960).Condition("a", "diabetes", "2019-01-01")
            .Activity("a", "gp_appointment", "2024-05-01", cost: 40m, provider: "GP1")
            .Activity("a", "emergency_admission", "2024-06-01", "E11", cost: 2000.50m, provider: "ACUTE")
            .Activity("a", "gp_appointment", "2024-03-31", cost: 999m, provider: "GP1");   // before the 12 months
        w.Person("b", yearOfBirth: 1960, practice: "P2").Condition("b", "diabetes", "2019-01-01")
            .Activity("b", "gp_appointment", "2024-05-01", cost: 45m, provider: "GP2");
        Build(w);
        var stages = PathwayAnalytics.StageSpend(w.Ws.Engine, Test, PathwayArea.Icb);
        Assert.Equal(["primary", "admission", "complication"], stages.Select(s => s.Stage));
        Assert.Equal((2L, 85m), (stages[0].People, stages[0].Cost));
        Assert.Equal(0m, stages[1].Cost);
        Assert.Equal(2000.50m, stages[2].Cost);
        var providers = PathwayAnalytics.SpendBy(w.Ws.Engine, "test", new PathwayArea(FunnelLevel.Place, "PL1"), "provider");
        Assert.Equal([("ACUTE", 2000.50m), ("GP1", 40m)], providers.Select(p => (p.Key, p.Cost)));
        Assert.Equal(1, PathwayAnalytics.People(w.Ws.Engine, "test", new PathwayArea(FunnelLevel.Practice, "P2")));
    }

    [Fact]
    public void Practice_variation_is_the_share_of_the_cohort_with_an_escalation_in_the_12_months_to_D()
    {
        using var w = NewWorld();
        w.Person("a", yearOfBirth: 1960).Condition("a", "diabetes", "2019-01-01").Activity("a", "emergency_admission", "2024-06-01");
        w.Person("b", yearOfBirth: 1960).Condition("b", "diabetes", "2019-01-01").Activity("b", "gp_appointment", "2024-06-01");
        w.Person("c", yearOfBirth: 1960, practice: "P2").Condition("c", "diabetes", "2019-01-01");
        w.Person("new", yearOfBirth: 1960, practice: "P2").Condition("new", "diabetes", "2024-06-01");   // joined within the year
        Build(w);
        var units = PathwayAnalytics.EscalationByUnit(w.Ws.Engine, "test", FunnelLevel.Practice);
        Assert.Equal([("P1", 1.0, 2.0), ("P2", 0.0, 1.0)], units.Select(u => (u.Unit, u.Observed, u.Size)));
    }

    /// <summary>Diabetes v2: amputation and renal replacement are recognised by OPCS-4 procedure as well as by diagnosis.</summary>
    [Fact]
    public void A_stage_with_procedures_takes_rows_with_one_of_its_procedures_or_one_of_its_diagnoses()
    {
        using var w = NewWorld();
        w.Person("a", yearOfBirth: 1960).Condition("a", "diabetes", "2020-01-01")
            .Activity("a", "emergency_admission", "2024-06-01", "E11.5", procedure: "X101")   // a2: foot amputation for a diabetic foot
            .Activity("a", "emergency_admission", "2024-06-02", "E11.5", procedure: "W281")   // a3: another procedure: the complication stage
            .Activity("a", "daycase", "2024-06-03", "Z49.1", procedure: "X403")               // a4: haemodialysis, by both
            .Activity("a", "daycase", "2024-06-04", "R69", procedure: "X403")                 // a5: dialysis coded to another diagnosis
            .Activity("a", "daycase", "2024-06-05", "Z49.1")                                  // a6: dialysis without a procedure code
            .Activity("a", "daycase", "2024-06-06", "R69", procedure: "X12")                  // a7: X12 is not X1x of the list
            .Activity("a", "outpatient_first", "2024-06-07", procedure: "X401");              // a8: the setting still decides
        PathwayAnalytics.Build(w.Ws.Engine, D, [PathwayFiles.Find("diabetes")]);
        Assert.Equal("amputation_renal_replacement", StageOf(w, "a2"));
        Assert.Equal("complication_admission", StageOf(w, "a3"));
        Assert.Equal("amputation_renal_replacement", StageOf(w, "a4"));
        Assert.Equal("amputation_renal_replacement", StageOf(w, "a5"));
        Assert.Equal("amputation_renal_replacement", StageOf(w, "a6"));
        Assert.Null(StageOf(w, "a7"));
        Assert.Equal("outpatient", StageOf(w, "a8"));
    }

    [Fact]
    public void The_latest_version_of_a_shipped_pathway_is_used_and_the_older_one_is_kept()
    {
        Assert.Equal("v2", PathwayFiles.Find("diabetes").Version);
        Assert.Contains(PathwayFiles.AllShippedVersions, p => p.Id == "diabetes" && p.Version == "v1");
        Assert.Equal(["X09", "X10", "X11", "X40", "X41", "M01"], PathwayFiles.Find("diabetes").Stages[^1].ProcedurePrefixes);
    }

    [Fact]
    public void A_procedure_that_is_not_an_opcs4_prefix_is_rejected_naming_the_field()
    {
        var json = JsonInput.Parse("bad.json", """
            {"id":"x","version":"v1","name":"X","source":"NICE","source_url":"https://nice.org.uk",
             "cohort":{"conditions":["copd"]},
             "stages":[{"id":"a","name":"A","settings":["gp_appointment"]},{"id":"b","name":"B","settings":["daycase"],"procedures":["X40.3"],"escalation":true}]}
            """);
        var e = Assert.Throws<InputException>(() => PathwayFiles.Parse(json));
        Assert.Equal("$.stages[1].procedures", e.Field);
    }

    [Fact]
    public void Six_shipped_pathways_each_cite_their_source_and_validate()
    {
        var ids = PathwayFiles.Shipped.Select(p => p.Id).ToList();
        Assert.Equal(["copd", "diabetes", "end_of_life", "frailty", "heart_failure", "msk"], ids);
        Assert.All(PathwayFiles.Shipped, p => Assert.StartsWith("https://", p.SourceUrl));
    }

    [Fact]
    public void A_definition_with_an_unknown_setting_is_rejected_naming_the_file_and_field()
    {
        var json = JsonInput.Parse("bad.json", """
            {"id":"x","version":"v1","name":"X","source":"NICE","source_url":"https://nice.org.uk",
             "cohort":{"conditions":["copd"]},
             "stages":[{"id":"a","name":"A","settings":["gp"]},{"id":"b","name":"B","settings":["emergency_admission"],"escalation":true}]}
            """);
        var e = Assert.Throws<InputException>(() => PathwayFiles.Parse(json));
        Assert.Equal("bad.json", e.File);
        Assert.Equal("$.stages[0].settings", e.Field);
    }

    [Fact]
    public void The_shipped_pathways_build_on_a_hand_built_world()
    {
        using var w = NewWorld();
        w.Person("a", yearOfBirth: 1940).Conditions("a", "diabetes", "copd", "heart_failure")
            .Condition("a", "frailty_severe", "2024-01-01")   // frailty counts for 24 months
            .Activity("a", "emergency_admission", "2024-06-01", "J44");
        var build = PathwayAnalytics.Build(w.Ws.Engine, D);
        Assert.Equal(6, build.Definitions.Count);
        Assert.Equal("exacerbation_admission", w.Ws.Engine.Scalar<string>("SELECT stage FROM pathway_activity WHERE pathway = 'copd'"));
        Assert.Equal("emergency_admission", w.Ws.Engine.Scalar<string>("SELECT stage FROM pathway_activity WHERE pathway = 'frailty'"));
        Assert.Equal(0, w.Ws.Engine.Scalar<long>("SELECT count(*) FROM pathway_activity WHERE pathway = 'diabetes'"));
    }
}

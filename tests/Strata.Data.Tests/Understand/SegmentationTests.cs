using Strata.Data.Understand;
using Strata.Domain.Understand;

namespace Strata.Data.Tests.Understand;

public class SegmentationTests
{
    // Before 1 July, so age at D = 2024 − year_of_birth (birthdays taken as 1 July).
    private static readonly DateOnly D = new(2025, 3, 31);

    private static string SegmentOf(World w, string person, SegmentationRules? rules = null)
    {
        Segmentation.Run(w.Ws.Engine, D, rules);
        return Field<string>(w, person, "segment");
    }

    private static T Field<T>(World w, string person, string column) =>
        w.Ws.Engine.Scalar<T>($"SELECT {column} FROM segments WHERE person_id = '{person}'")!;

    private static bool Segmented(World w, string person) =>
        w.Ws.Engine.Scalar<long>($"SELECT count(*) FROM segments WHERE person_id = '{person}'") == 1;

    [Fact]
    public void Someone_with_no_conditions_and_no_activity_is_healthy()
    {
        using var w = new World().Person("a");
        Assert.Equal("healthy", SegmentOf(w, "a"));
    }

    [Fact]
    public void Palliative_care_is_end_of_life_and_outranks_dementia()
    {
        using var w = new World().Person("a").Conditions("a", "palliative_care", "dementia");
        w.Condition("a", "palliative_care", "2024-06-01");
        Assert.Equal("end_of_life", SegmentOf(w, "a"));
    }

    [Fact]
    public void Palliative_care_older_than_12_months_no_longer_counts()
    {
        using var w = new World().Person("a").Condition("a", "palliative_care", "2024-03-31");
        Assert.Equal("healthy", SegmentOf(w, "a"));
    }

    [Fact]
    public void Dementia_is_frailty_dementia_at_any_age_and_outranks_organ_failure()
    {
        using var w = new World().Person("a", yearOfBirth: 1990).Conditions("a", "dementia", "heart_failure");
        Assert.Equal("frailty_dementia", SegmentOf(w, "a"));
    }

    [Fact]
    public void Severe_frailty_R54_within_two_years_is_frailty_dementia()
    {
        using var w = new World().Person("a", yearOfBirth: 1990).Condition("a", "R54", "2023-06-01", "icd10");
        Assert.Equal("frailty_dementia", SegmentOf(w, "a"));
        Assert.Contains("severe_frailty", Field<string>(w, "a", "subsegments").Split(';'));
    }

    [Fact]
    public void Moderate_frailty_counts_from_age_65_exactly_not_64()
    {
        using var w = new World().Person("at65", yearOfBirth: 1959).Person("at64", yearOfBirth: 1960)
            .Condition("at65", "frailty_moderate", "2024-01-01").Condition("at64", "frailty_moderate", "2024-01-01");
        Assert.Equal("frailty_dementia", SegmentOf(w, "at65"));
        Assert.Equal(65, Field<int>(w, "at65", "age"));
        Assert.Contains("moderate_frailty", Field<string>(w, "at65", "subsegments").Split(';'));
        Assert.Equal("healthy", Field<string>(w, "at64", "segment"));
        Assert.DoesNotContain("moderate_frailty", Field<string>(w, "at64", "subsegments").Split(';'));
    }

    [Theory]
    [InlineData("heart_failure")]
    [InlineData("end_stage_renal")]
    [InlineData("liver_failure")]
    public void Organ_failure_conditions_are_organ_failure(string condition)
    {
        using var w = new World().Person("a").Condition("a", condition);
        Assert.Equal("organ_failure", SegmentOf(w, "a"));
    }

    [Fact]
    public void Ckd_is_organ_failure_with_four_emergency_admissions_in_12_months_not_three()
    {
        using var w = new World().Person("four").Person("three").Condition("four", "ckd").Condition("three", "ckd");
        foreach (var day in new[] { "2024-05-01", "2024-08-01", "2024-11-01", "2025-02-01" })
        {
            w.Activity("four", "emergency_admission", day, end: day);
        }
        foreach (var day in new[] { "2024-05-01", "2024-08-01", "2024-11-01" })
        {
            w.Activity("three", "emergency_admission", day, end: day);
        }
        w.Activity("three", "emergency_admission", "2024-03-31", end: "2024-04-02"); // exactly 12 months before D: outside
        Assert.Equal("organ_failure", SegmentOf(w, "four"));
        Assert.Contains("ckd_with_admissions", Field<string>(w, "four", "subsegments").Split(';'));
        Assert.Equal("ltc_single", Field<string>(w, "three", "segment"));
    }

    [Fact]
    public void Copd_is_organ_failure_with_an_emergency_admission_for_J40_to_J47_only()
    {
        using var w = new World().Person("j47").Person("j44").Person("j18").Person("elective")
            .Conditions("j47", "copd").Conditions("j44", "copd").Conditions("j18", "copd").Conditions("elective", "copd")
            .Activity("j47", "emergency_admission", "2024-10-01", "J47.9", "2024-10-03")
            .Activity("j44", "emergency_admission", "2024-10-01", "J44.1", "2024-10-03")
            .Activity("j18", "emergency_admission", "2024-10-01", "J18.9", "2024-10-03")
            .Activity("elective", "elective_admission", "2024-10-01", "J44.1", "2024-10-03");
        Segmentation.Run(w.Ws.Engine, D);
        Assert.Equal("organ_failure", Field<string>(w, "j47", "segment"));
        Assert.Equal("organ_failure", Field<string>(w, "j44", "segment"));
        Assert.Contains("copd_with_admission", Field<string>(w, "j44", "subsegments").Split(';'));
        Assert.Equal("ltc_single", Field<string>(w, "j18", "segment"));
        Assert.Equal("ltc_single", Field<string>(w, "elective", "segment"));
    }

    [Fact]
    public void Incurable_cancer_and_disability_segments()
    {
        using var w = new World().Person("c").Person("ld").Person("pd")
            .Condition("c", "C78", "2019-01-01", "icd10").Condition("ld", "learning_disability").Condition("pd", "physical_disability");
        Segmentation.Run(w.Ws.Engine, D);
        Assert.Equal("incurable_cancer", Field<string>(w, "c", "segment"));
        Assert.Equal("disability", Field<string>(w, "ld", "segment"));
        Assert.Equal("disability", Field<string>(w, "pd", "segment"));
    }

    [Theory]
    [InlineData(4, "ltc_complex")]
    [InlineData(3, "ltc_multiple")]
    [InlineData(2, "ltc_multiple")]
    [InlineData(1, "ltc_single")]
    public void Long_term_condition_count_sets_the_ltc_segment(int count, string expected)
    {
        using var w = new World().Person("a").Conditions("a", [.. new[] { "hypertension", "asthma", "diabetes", "ibs" }.Take(count)]);
        Assert.Equal(expected, SegmentOf(w, "a"));
        Assert.Equal(count, Field<int>(w, "a", "ltc_count"));
    }

    [Fact]
    public void Disability_and_frailty_flags_are_not_long_term_conditions()
    {
        using var w = new World().Person("a").Conditions("a", "learning_disability", "asthma");
        Segmentation.Run(w.Ws.Engine, D);
        Assert.Equal(1, Field<int>(w, "a", "ltc_count"));
    }

    [Fact]
    public void Maternity_activity_counts_in_the_308_days_to_D_but_not_on_day_308()
    {
        // D − 307 days = 2024-05-28 (inside); D − 308 days = 2024-05-27 (outside).
        using var w = new World().Person("in").Person("out").Person("odiag")
            .Activity("in", "maternity", "2024-05-28", end: "2024-05-30")
            .Activity("out", "maternity", "2024-05-27", end: "2024-05-29")
            .Activity("odiag", "outpatient_first", "2024-12-01", "O26.8");
        Segmentation.Run(w.Ws.Engine, D);
        Assert.Equal("maternal_infant", Field<string>(w, "in", "segment"));
        Assert.Contains("maternity_activity", Field<string>(w, "in", "subsegments").Split(';'));
        Assert.Equal("healthy", Field<string>(w, "out", "segment"));
        Assert.Equal("maternal_infant", Field<string>(w, "odiag", "segment"));
    }

    [Fact]
    public void Infants_under_one_at_D_are_maternal_infant()
    {
        // At 2025-03-31 with 1 July birthdays: born 2024 → 0; born 2025 (before D's birthday) → 0; born 2023 → 1.
        using var w = new World().Person("b2024", yearOfBirth: 2024).Person("b2025", yearOfBirth: 2025).Person("b2023", yearOfBirth: 2023);
        Segmentation.Run(w.Ws.Engine, D);
        Assert.Equal("maternal_infant", Field<string>(w, "b2024", "segment"));
        Assert.Equal("maternal_infant", Field<string>(w, "b2025", "segment"));
        Assert.Equal(0, Field<int>(w, "b2025", "age"));
        Assert.Equal("healthy", Field<string>(w, "b2023", "segment"));
    }

    [Fact]
    public void People_born_after_D_s_year_are_excluded()
    {
        using var w = new World().Person("future", yearOfBirth: 2026);
        var run = Segmentation.Run(w.Ws.Engine, D);
        Assert.False(Segmented(w, "future"));
        Assert.Equal(1, run.NotYetBorn);
    }

    [Fact]
    public void Acutely_ill_needs_an_emergency_admission_or_AE_attendance_inside_12_months()
    {
        // D − 12 months = 2024-03-31: outside; 2024-04-01: inside.
        using var w = new World().Person("ae").Person("edge").Person("old").Person("gp")
            .Activity("ae", "ae_attendance", "2024-04-01")
            .Activity("edge", "emergency_admission", "2024-04-01", end: "2024-04-02")
            .Activity("old", "ae_attendance", "2024-03-31")
            .Activity("gp", "gp_appointment", "2025-01-01");
        Segmentation.Run(w.Ws.Engine, D);
        Assert.Equal("acutely_ill", Field<string>(w, "ae", "segment"));
        Assert.Equal("acutely_ill", Field<string>(w, "edge", "segment"));
        Assert.Equal("healthy", Field<string>(w, "old", "segment"));
        Assert.Equal("healthy", Field<string>(w, "gp", "segment"));
    }

    [Fact]
    public void Activity_after_D_does_not_count()
    {
        using var w = new World().Person("a").Activity("a", "ae_attendance", "2025-04-01");
        Assert.Equal("healthy", SegmentOf(w, "a"));
    }

    [Fact]
    public void People_who_died_before_D_are_excluded_and_those_dying_on_D_are_kept()
    {
        using var w = new World().Person("before", died: "2025-03-30").Person("on", died: "2025-03-31").Person("after", died: "2025-06-01");
        var run = Segmentation.Run(w.Ws.Engine, D);
        Assert.False(Segmented(w, "before"));
        Assert.True(Segmented(w, "on"));
        Assert.True(Segmented(w, "after"));
        Assert.Equal(1, run.DiedBeforeDate);
        Assert.Equal(2, run.People);
    }

    [Fact]
    public void People_whose_practice_is_not_in_practices_are_excluded()
    {
        using var w = new World().Person("reg").Person("unreg", practice: "Z99");
        var run = Segmentation.Run(w.Ws.Engine, D);
        Assert.True(Segmented(w, "reg"));
        Assert.False(Segmented(w, "unreg"));
        Assert.Equal(1, run.NotRegistered);
    }

    [Fact]
    public void A_person_meeting_two_segments_gets_the_higher_one()
    {
        // Four LTCs and a recent maternity spell: ltc_complex (6) outranks maternal_infant (9).
        using var w = new World().Person("a").Conditions("a", "hypertension", "asthma", "diabetes", "ibs")
            .Activity("a", "maternity", "2025-01-10", end: "2025-01-12");
        Assert.Equal("ltc_complex", SegmentOf(w, "a"));
        Assert.Contains("maternity_activity", Field<string>(w, "a", "subsegments").Split(';'));
    }

    /// <summary>Gives a person exactly what one segment's rule needs (and nothing that a higher segment needs).</summary>
    private static void Meet(World w, string person, string segment)
    {
        _ = segment switch
        {
            "end_of_life" => w.Condition(person, "palliative_care", "2024-06-01"),
            "frailty_dementia" => w.Condition(person, "dementia"),
            "organ_failure" => w.Condition(person, "liver_failure"),
            "incurable_cancer" => w.Condition(person, "C78.0", "2019-01-01", "icd10"),
            "disability" => w.Condition(person, "learning_disability"),
            "ltc_complex" => w.Conditions(person, "hypertension", "asthma", "diabetes", "ibs"),
            "ltc_single" => w.Conditions(person, "hypertension"),
            "maternal_infant" => w.Activity(person, "maternity", "2025-01-10", end: "2025-01-12"),
            "acutely_ill" => w.Activity(person, "ae_attendance", "2025-01-10"),
            _ => throw new ArgumentException(segment),
        };
    }

    [Theory]
    [InlineData("end_of_life", "frailty_dementia")]
    [InlineData("frailty_dementia", "organ_failure")]
    [InlineData("organ_failure", "incurable_cancer")]
    [InlineData("incurable_cancer", "disability")]
    [InlineData("disability", "ltc_complex")]
    [InlineData("ltc_single", "maternal_infant")]
    [InlineData("maternal_infant", "acutely_ill")]
    public void Each_segment_outranks_the_next_by_default_and_swapping_them_swaps_the_result(string higher, string lower)
    {
        using var w = new World().Person("a");
        Meet(w, "a", higher);
        Meet(w, "a", lower);
        Assert.Equal(higher, SegmentOf(w, "a"));
        var swapped = new SegmentationRules
        {
            Version = "swapped",
            Precedence = [.. Segments.DefaultPrecedence.Select(s => s == higher ? lower : s == lower ? higher : s)],
        };
        Assert.Equal(lower, SegmentOf(w, "a", swapped));
    }

    [Fact]
    public void A_configured_precedence_changes_the_segment_and_is_stored_with_the_result()
    {
        using var w = new World().Person("a").Conditions("a", "hypertension", "asthma", "diabetes", "ibs")
            .Activity("a", "maternity", "2025-01-10", end: "2025-01-12");
        var rules = new SegmentationRules
        {
            Version = "maternity-first",
            Precedence = ["maternal_infant", .. Segments.DefaultPrecedence.Where(s => s != "maternal_infant")],
        };
        Assert.Equal("maternal_infant", SegmentOf(w, "a", rules));
        Assert.Equal("maternity-first", Field<string>(w, "a", "rule_version"));
        Assert.Equal("maternity-first", w.Ws.Engine.Scalar<string>("SELECT rule_version FROM strata_runs WHERE stage = 'understand.segment'"));
        Assert.Contains("maternal_infant", w.Ws.Engine.Scalar<string>("SELECT parameters FROM strata_runs WHERE stage = 'understand.segment'"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_threshold_changes_the_segment()
    {
        using var w = new World().Person("a", yearOfBirth: 1957).Condition("a", "frailty_moderate", "2024-01-01");
        Assert.Equal("frailty_dementia", SegmentOf(w, "a"));
        Assert.Equal("healthy", SegmentOf(w, "a", new SegmentationRules { Version = "frailty-70", FrailtyMinAge = 70 }));
    }

    [Fact]
    public void Ltc_count_and_cms_match_hand_computed_scores()
    {
        // diabetes + copd + dementia: general 0.75 + 1.46 + 2.50 = 4.71; mortality 10.23 + 42.50 + 124.42 = 177.15.
        using var w = new World().Person("a").Conditions("a", "diabetes", "copd", "dementia");
        Segmentation.Run(w.Ws.Engine, D);
        Assert.Equal(3, Field<int>(w, "a", "ltc_count"));
        Assert.Equal(4.71, Field<double>(w, "a", "cms_general"), 9);
        Assert.Equal(177.15, Field<double>(w, "a", "cms_mortality"), 9);
        Assert.Equal("copd;dementia;diabetes", Field<string>(w, "a", "subsegments"));
    }

    [Fact]
    public void Cms_mortality_weights_can_be_negative()
    {
        // hypertension + hearing_loss: general 0.08 + 0.09 = 0.17; mortality −2.09 − 3.94 = −6.03.
        using var w = new World().Person("a").Conditions("a", "hypertension", "hearing_loss");
        Segmentation.Run(w.Ws.Engine, D);
        Assert.Equal(0.17, Field<double>(w, "a", "cms_general"), 9);
        Assert.Equal(-6.03, Field<double>(w, "a", "cms_mortality"), 9);
    }

    [Fact]
    public void Non_ltc_conditions_add_nothing_to_cms_and_healthy_people_score_zero()
    {
        using var w = new World().Person("a").Person("b").Conditions("a", "learning_disability", "heart_failure");
        Segmentation.Run(w.Ws.Engine, D);
        Assert.Equal(1.18, Field<double>(w, "a", "cms_general"), 9);
        Assert.Equal(0.0, Field<double>(w, "b", "cms_general"));
        Assert.Equal("", Field<string>(w, "b", "subsegments"));
    }

    [Fact]
    public void Subsegments_list_every_condition_and_qualifying_rule_sorted()
    {
        using var w = new World().Person("a").Conditions("a", "ckd", "hypertension");
        foreach (var day in new[] { "2024-05-01", "2024-08-01", "2024-11-01", "2025-02-01" })
        {
            w.Activity("a", "emergency_admission", day, end: day);
        }
        Segmentation.Run(w.Ws.Engine, D);
        Assert.Equal("acute_activity;ckd;ckd_with_admissions;hypertension", Field<string>(w, "a", "subsegments"));
    }

    [Fact]
    public void Rows_carry_reference_date_demographics_and_geography()
    {
        using var w = new World().Person("a", yearOfBirth: 1959, sex: "M", imdDecile: 3, practice: "P2");
        Segmentation.Run(w.Ws.Engine, D);
        Assert.Equal("2025-03-31", Field<string>(w, "a", "CAST(reference_date AS VARCHAR)"));
        Assert.Equal((D, "v1"), Segmentation.Current(w.Ws.Engine));
        Assert.Equal("v1", Field<string>(w, "a", "rule_version"));
        Assert.Equal("65-69", Field<string>(w, "a", "age_band"));
        Assert.Equal("M", Field<string>(w, "a", "sex"));
        Assert.Equal(2, Field<int>(w, "a", "imd_quintile"));
        Assert.Equal("N2", Field<string>(w, "a", "neighbourhood_code"));
        Assert.Equal("PL2", Field<string>(w, "a", "place_code"));
        Assert.Equal("P2", Field<string>(w, "a", "practice_code"));
    }

    [Fact]
    public void Summary_counts_people_per_segment_in_precedence_order()
    {
        using var w = new World().Person("a").Person("b").Person("c").Condition("c", "dementia");
        var run = Segmentation.Run(w.Ws.Engine, D);
        Assert.Equal(Segments.DefaultPrecedence, run.Segments.Select(s => s.Segment));
        Assert.Equal(2, run.Segments.Single(s => s.Segment == "healthy").People);
        Assert.Equal(1, run.Segments.Single(s => s.Segment == "frailty_dementia").People);
        Assert.Equal(2.5, run.Segments.Single(s => s.Segment == "frailty_dementia").MeanCmsGeneral, 9);
    }

    [Fact]
    public void Export_writes_the_person_level_columns()
    {
        using var w = new World().Person("a").Conditions("a", "asthma");
        Segmentation.Run(w.Ws.Engine, D);
        var path = Path.Combine(Path.GetTempPath(), $"segments-{Guid.NewGuid():N}.csv");
        try
        {
            Segmentation.Export(w.Ws.Engine, path);
            var lines = File.ReadAllLines(path);
            Assert.Equal("person_id,segment,subsegments,ltc_count,cms_general,cms_mortality", lines[0]);
            Assert.Equal("a,ltc_single,asthma,1,0.19,-2.73", lines[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

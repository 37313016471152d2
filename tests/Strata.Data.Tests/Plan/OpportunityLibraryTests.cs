using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Data.Tests.Understand;
using Strata.Domain.Plan;

namespace Strata.Data.Tests.Plan;

/// <summary>
/// One specification per shipped opportunity, on hand-built people: who is in, who is out, and the boundaries.
/// The window is the 12 months to D (1 April 2024 – 31 March 2025). Ages at an event in August are year − birth year.
/// </summary>
public class OpportunityLibraryTests
{
    private static readonly DateOnly D = new(2025, 3, 31);

    private static OpportunityDefinition Def(string id) => OpportunityFiles.Library.Single(d => d.Id == id);

    /// <summary>The opportunity's events for the whole ICB.</summary>
    private static long Events(World w, string id) => OpportunityLibrary.Cells(w.Ws.Engine, Def(id), OpportunityLevel.Icb, D).Sum(c => c.Events);

    [Fact]
    public void The_library_has_every_definition_with_a_source()
    {
        var ids = OpportunityFiles.Library.Select(d => d.Id).ToList();
        Assert.Equal(14, ids.Count);
        Assert.All(OpportunityFiles.Library, d =>
        {
            Assert.Null(d.Validate());
            Assert.StartsWith("https://", d.Source.Url, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(d.Source.Title));
        });
    }

    [Fact]
    public void Chronic_ACSC_counts_emergency_admissions_with_a_listed_primary_diagnosis_inside_the_window()
    {
        using var w = new World().Person("a").Person("b").Person("c").Person("d").Person("e")
            .Activity("a", "emergency_admission", "2024-06-01", "J440", "2024-06-03")      // COPD: in
            .Activity("b", "emergency_admission", "2025-03-31", "I50.9", "2025-03-31")     // heart failure, dotted, last day: in
            .Activity("c", "elective_admission", "2024-06-01", "J440", "2024-06-02")       // not an emergency: out
            .Activity("d", "emergency_admission", "2024-06-01", "J189", "2024-06-02")      // pneumonia is not chronic: out
            .Activity("e", "emergency_admission", "2024-03-31", "J440", "2024-04-02");     // started before the window: out
        Assert.Equal(2, Events(w, "acsc_chronic"));
    }

    [Fact]
    public void Acute_ACSC_counts_urinary_infection_and_cellulitis_not_chest_pain()
    {
        using var w = new World().Person("a").Person("b").Person("c")
            .Activity("a", "emergency_admission", "2024-06-01", "N390", "2024-06-02")
            .Activity("b", "emergency_admission", "2024-06-01", "L031", "2024-06-02")
            .Activity("c", "emergency_admission", "2024-06-01", "R074", "2024-06-02");
        Assert.Equal(2, Events(w, "acsc_acute"));
    }

    [Fact]
    public void Vaccine_preventable_ACSC_takes_listed_pneumonia_codes_and_measles_but_not_unspecified_pneumonia()
    {
        using var w = new World().Person("a").Person("b").Person("c")
            .Activity("a", "emergency_admission", "2024-06-01", "J181", "2024-06-02")
            .Activity("b", "emergency_admission", "2024-06-01", "B059", "2024-06-02")
            .Activity("c", "emergency_admission", "2024-06-01", "J189", "2024-06-02");
        Assert.Equal(2, Events(w, "acsc_vaccine_preventable"));
    }

    [Fact]
    public void Frail_older_admissions_need_age_75_and_frailty_recorded_by_the_admission()
    {
        using var w = new World()
            .Person("at75", yearOfBirth: 1949).Condition("at75", "frailty_moderate", "2023-01-01")
            .Person("at74", yearOfBirth: 1950).Condition("at74", "frailty_moderate", "2023-01-01")
            .Person("r54", yearOfBirth: 1930).Condition("r54", "R54", "2023-01-01", "icd10")
            .Person("later", yearOfBirth: 1930).Condition("later", "frailty_severe", "2024-09-01")
            .Person("fit", yearOfBirth: 1930);
        foreach (var p in new[] { "at75", "at74", "r54", "later", "fit" })
        {
            w.Activity(p, "emergency_admission", "2024-08-01", "R69", "2024-08-05");
        }
        Assert.Equal(2, Events(w, "frail_older_emergency")); // at75 and r54 (ICD-10 R54 maps to severe frailty)
    }

    [Fact]
    public void Hip_fracture_counts_from_age_65_exactly()
    {
        using var w = new World().Person("at65", yearOfBirth: 1959).Person("at64", yearOfBirth: 1960).Person("shaft", yearOfBirth: 1940)
            .Activity("at65", "emergency_admission", "2024-08-01", "S7200", "2024-08-09")
            .Activity("at64", "emergency_admission", "2024-08-01", "S7200", "2024-08-09")
            .Activity("shaft", "emergency_admission", "2024-08-01", "S723", "2024-08-09");
        Assert.Equal(1, Events(w, "falls_hip_fracture_65"));
    }

    [Fact]
    public void Falls_count_fall_codes_in_primary_position_from_65()
    {
        using var w = new World().Person("old", yearOfBirth: 1950).Person("young", yearOfBirth: 1970).Person("repeat", yearOfBirth: 1940)
            .Activity("old", "emergency_admission", "2024-08-01", "W19", "2024-08-02")
            .Activity("young", "emergency_admission", "2024-08-01", "W19", "2024-08-02")
            .Activity("repeat", "emergency_admission", "2024-08-01", "R296", "2024-08-02");
        Assert.Equal(2, Events(w, "falls_65"));
    }

    [Fact]
    public void Death_within_90_days_counts_up_to_day_90_after_discharge_not_91()
    {
        // Discharged 2024-06-10: day 90 after is 2024-09-08. Deaths after D still count for admissions inside the window.
        using var w = new World().Person("d90", died: "2024-09-08").Person("d91", died: "2024-09-09").Person("alive")
            .Activity("d90", "emergency_admission", "2024-06-01", "R69", "2024-06-10")
            .Activity("d91", "emergency_admission", "2024-06-01", "R69", "2024-06-10")
            .Activity("alive", "emergency_admission", "2024-06-01", "R69", "2024-06-10");
        Assert.Equal(1, Events(w, "eol_death_within_90_days"));
    }

    [Fact]
    public void Died_in_hospital_means_death_on_or_before_the_discharge_date()
    {
        using var w = new World().Person("in", died: "2024-06-10").Person("after", died: "2024-06-11")
            .Activity("in", "emergency_admission", "2024-06-01", "R69", "2024-06-10")
            .Activity("after", "emergency_admission", "2024-06-01", "R69", "2024-06-10");
        Assert.Equal(1, Events(w, "eol_died_in_hospital"));
    }

    [Fact]
    public void Zero_length_of_stay_is_same_day_discharge_only()
    {
        using var w = new World().Person("a").Person("b").Person("c")
            .Activity("a", "emergency_admission", "2024-06-01", "R104", "2024-06-01")
            .Activity("b", "emergency_admission", "2024-06-01", "R104", "2024-06-02")
            .Activity("c", "emergency_admission", "2024-06-01", "R104");  // no discharge date: unknown, out
        Assert.Equal(1, Events(w, "zero_los_emergency"));
    }

    [Fact]
    public void Readmission_within_30_days_of_discharge_counts_the_readmission_not_the_index_and_not_day_31()
    {
        using var w = new World().Person("r30").Person("r31")
            .Activity("r30", "elective_admission", "2024-06-01", "M179", "2024-06-05")
            .Activity("r30", "emergency_admission", "2024-07-05", "R69", "2024-07-06")   // 30 days after discharge: in
            .Activity("r31", "emergency_admission", "2024-06-01", "R69", "2024-06-05")   // index: out
            .Activity("r31", "emergency_admission", "2024-07-06", "R69", "2024-07-07");  // 31 days: out
        Assert.Equal(1, Events(w, "readmission_30_days"));
    }

    [Fact]
    public void Alcohol_specific_admissions_take_wholly_attributable_codes_only()
    {
        using var w = new World().Person("a").Person("b").Person("c")
            .Activity("a", "emergency_admission", "2024-06-01", "K703", "2024-06-04")
            .Activity("b", "emergency_admission", "2024-06-01", "F102", "2024-06-02")
            .Activity("c", "emergency_admission", "2024-06-01", "K746", "2024-06-02");  // cirrhosis, not specified alcoholic: out
        Assert.Equal(2, Events(w, "alcohol_specific"));
    }

    [Fact]
    public void Frequent_attenders_count_every_attendance_of_people_with_five_or_more_in_the_year()
    {
        using var w = new World().Person("five").Person("four");
        foreach (var day in new[] { "2024-05-01", "2024-06-01", "2024-07-01", "2024-08-01", "2024-09-01" })
        {
            w.Activity("five", "ae_attendance", day);
        }
        foreach (var day in new[] { "2024-05-01", "2024-06-01", "2024-07-01", "2024-08-01" })
        {
            w.Activity("four", "ae_attendance", day);
        }
        w.Activity("four", "ae_attendance", "2024-03-01"); // before the window: does not make a fifth
        Assert.Equal(5, Events(w, "ae_frequent_attenders"));
    }

    [Fact]
    public void Follow_up_ratio_counts_follow_ups_against_first_attendances()
    {
        using var w = new World().Person("a").Person("b")
            .Activity("a", "outpatient_first", "2024-05-01").Activity("a", "outpatient_followup", "2024-06-01").Activity("a", "outpatient_followup", "2024-07-01")
            .Activity("b", "outpatient_first", "2024-05-01").Activity("b", "outpatient_followup", "2024-06-01");
        var cells = OpportunityLibrary.Cells(w.Ws.Engine, Def("outpatient_followup_ratio"), OpportunityLevel.Icb, D);
        Assert.Equal(3, cells.Sum(c => c.Events));
        Assert.Equal(2, cells.Sum(c => c.Base));
        Assert.Equal(1.5, OpportunityBenchmarks.Compute(Def("outpatient_followup_ratio"), cells, 0).CrudeRate, 9);
    }

    [Fact]
    public void Ambulance_not_admitted_excludes_conveyances_admitted_that_day_or_the_next()
    {
        using var w = new World().Person("same").Person("next").Person("later")
            .Activity("same", "ambulance_conveyance", "2024-06-01").Activity("same", "emergency_admission", "2024-06-01", "R69", "2024-06-02")
            .Activity("next", "ambulance_conveyance", "2024-06-01").Activity("next", "emergency_admission", "2024-06-02", "R69", "2024-06-03")
            .Activity("later", "ambulance_conveyance", "2024-06-01").Activity("later", "emergency_admission", "2024-06-03", "R69", "2024-06-04");
        Assert.Equal(1, Events(w, "ambulance_not_conveyed_admitted"));
    }

    [Fact]
    public void Units_are_practices_neighbourhoods_or_places_and_an_area_restricts_the_population()
    {
        using var w = new World().Person("a").Person("b", practice: "P2")
            .Activity("a", "emergency_admission", "2024-06-01", "R104", "2024-06-01")
            .Activity("b", "emergency_admission", "2024-06-01", "R104", "2024-06-01");
        var byPlace = OpportunityLibrary.Cells(w.Ws.Engine, Def("zero_los_emergency"), OpportunityLevel.Place, D);
        Assert.Equal(["PL1", "PL2"], byPlace.Select(c => c.Unit).Distinct().Order().ToArray());
        var inN2 = OpportunityLibrary.Cells(w.Ws.Engine, Def("zero_los_emergency"), OpportunityLevel.Practice, D, new OpportunityArea(true, "N2"));
        Assert.Equal(["P2"], inN2.Select(c => c.Unit).Distinct().ToArray());
        Assert.Equal(1, inN2.Sum(c => c.Events));
    }

    [Fact]
    public void People_who_died_before_the_window_are_not_in_the_population()
    {
        using var w = new World().Person("alive").Person("gone", died: "2024-01-01");
        var cells = OpportunityLibrary.Cells(w.Ws.Engine, Def("zero_los_emergency"), OpportunityLevel.Icb, D);
        Assert.Equal(1, cells.Sum(c => c.Base));
    }
}

public class OpportunityFilesTests
{
    private static InputException Fails(string json) =>
        Assert.Throws<InputException>(() => OpportunityFiles.Parse(JsonInput.Parse("x.json", json)));

    private const string Head = """ "id": "x", "name": "X", "version": "1", "source": {"title": "T", "url": "https://example.org"} """;

    [Fact]
    public void Unknown_fields_and_conditions_are_named_by_path()
    {
        Assert.Equal("$.criteria.min_agee", Fails($$"""{ {{Head}}, "setting": "emergency_admission", "criteria": {"min_agee": 3} }""").Field);
        Assert.Equal("$.criteria.conditions[0]", Fails($$"""{ {{Head}}, "setting": "emergency_admission", "criteria": {"conditions": ["frail"]} }""").Field);
    }

    [Fact]
    public void Length_of_stay_on_a_setting_without_spells_is_refused()
    {
        var e = Fails($$"""{ {{Head}}, "setting": "ae_attendance", "criteria": {"max_length_of_stay_days": 0} }""");
        Assert.Equal("$.criteria", e.Field);
        Assert.Equal("x.json", e.File);
    }

    [Fact]
    public void Diagnoses_are_taken_without_dots_in_upper_case()
    {
        var d = OpportunityFiles.Parse(JsonInput.Parse("x.json", $$"""{ {{Head}}, "setting": "emergency_admission", "criteria": {"diagnoses": ["j44.0"]} }"""));
        Assert.Equal(["J440"], d.Criteria.Diagnoses);
    }
}

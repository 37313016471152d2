using Strata.Data.Foundation;
using Strata.Data.Foundation.Import;
using Strata.Data.Foundation.Synthetic;
using Strata.Data.Understand;

namespace Strata.Data.Tests.Foundation.Import;

/// <summary>
/// `import --from omop`: a small OMOP CDM v5.4 sample written here (the CDM's own table and column names) goes
/// through the mapping; each derivation of docs/import-mappings.md ("omop") is a test, and its conditions reach segments.
/// </summary>
public sealed class OmopImportTests : IDisposable
{
    private static readonly DateOnly D = new(2024, 12, 31);

    private readonly string _root = Directory.CreateTempSubdirectory("strata-omop-").FullName;

    private readonly Dictionary<string, List<string>> _files = new()
    {
        ["location"] =
        [
            "location_id,address_1,city,state,zip,county,location_source_value,country_concept_id",
            "L1,,Leeds,QWO,LS1,Leeds,E01011001,",
            "L2,,Bradford,QWO,,Bradford,E01010001,",
        ],
        ["care_site"] =
        [
            "care_site_id,care_site_name,place_of_service_concept_id,location_id,care_site_source_value,place_of_service_source_value",
            "10,Park Surgery,8940,L1,B86001,",
            "20,City Hospital,8717,L1,RR8,",
        ],
        ["person"] =
        [
            "person_id,gender_concept_id,year_of_birth,month_of_birth,day_of_birth,birth_datetime,race_concept_id,ethnicity_concept_id,location_id,provider_id,care_site_id,person_source_value,gender_source_value,gender_source_concept_id,race_source_value,race_source_concept_id,ethnicity_source_value,ethnicity_source_concept_id",
            "1,8532,1948,,,,0,0,L1,,10,,,,A,,,",
            "2,8507,1960,,,,0,0,L2,,10,,,,H,,,",
            "3,8507,1990,,,,0,0,L1,,10,,,,,,,",
        ],
        ["death"] =
        [
            "person_id,death_date,death_datetime,death_type_concept_id,cause_concept_id,cause_source_value,cause_source_concept_id",
            "2,2024-11-30,,32817,,,",
        ],
        ["observation_period"] =
        [
            "observation_period_id,person_id,observation_period_start_date,observation_period_end_date,period_type_concept_id",
            "1,1,2000-01-01,2024-12-31,32817",
            "2,2,2005-01-01,2024-11-30,32817",
            "3,3,2010-01-01,2024-12-31,32817",
        ],
        ["visit_occurrence"] =
        [
            "visit_occurrence_id,person_id,visit_concept_id,visit_start_date,visit_start_datetime,visit_end_date,visit_end_datetime,visit_type_concept_id,provider_id,care_site_id,visit_source_value,visit_source_concept_id,admitted_from_concept_id,admitted_from_source_value,discharged_to_concept_id,discharged_to_source_value,preceding_visit_occurrence_id",
            "100,1,9203,2024-02-01,,2024-02-01,,32817,,20,,,,,,,",
            "101,1,9201,2024-02-01,,2024-02-06,,32817,,20,,,8870,,,,",
            "102,2,9201,2024-03-10,,2024-03-12,,32817,,20,,,,,,,",
            "103,2,9202,2024-04-01,,2024-04-01,,32817,,20,,,,,,,",
            "104,2,9202,2024-05-01,,2024-05-01,,32817,,20,,,,,,,",
            "105,3,581477,2024-06-01,,2024-06-01,,32817,,10,,,,,,,",
        ],
        ["condition_occurrence"] =
        [
            "condition_occurrence_id,person_id,condition_concept_id,condition_start_date,condition_start_datetime,condition_end_date,condition_end_datetime,condition_type_concept_id,condition_status_concept_id,stop_reason,provider_id,visit_occurrence_id,visit_detail_id,condition_source_value,condition_source_concept_id,condition_status_source_value",
            "1,1,201826,2015-01-01,,,,32817,,,,,,,,",
            "2,1,316139,2024-02-01,,,,32817,,,,101,,,,",
            "3,2,45591400,2019-06-01,,,,32817,,,,,,,,",
            "4,3,4112343,2020-01-01,,,,32817,,,,,,,,",
        ],
        ["concept"] =
        [
            "concept_id,concept_name,domain_id,vocabulary_id,concept_class_id,standard_concept,concept_code,valid_start_date,valid_end_date,invalid_reason",
            "201826,Type 2 diabetes mellitus,Condition,SNOMED,Clinical Finding,S,44054006,1970-01-01,2099-12-31,",
            "316139,Heart failure,Condition,SNOMED,Clinical Finding,S,84114007,1970-01-01,2099-12-31,",
            "45591400,Asthma,Condition,ICD10,ICD10 code,,J45.9,1970-01-01,2099-12-31,",
            "4112343,Acute pharyngitis,Condition,SNOMED,Clinical Finding,S,363746003,1970-01-01,2099-12-31,",
        ],
        ["cost"] =
        [
            "cost_id,cost_event_id,cost_domain_id,cost_type_concept_id,currency_concept_id,total_charge,total_cost,total_paid,paid_by_payer",
            "1,101,Visit,32817,44818568,,,4200.00,",
            "2,100,Visit,32817,44818568,,,250.00,",
        ],
    };

    public OmopImportTests()
    {
        Directory.CreateDirectory(Data);
        Directory.CreateDirectory(Lookups);
        File.WriteAllText(Path.Combine(Lookups, "imd.csv"), "key,value\nE01011001,2\nE01010001,6\n");
        SusExtract.WriteReferenceLookup(Lookups, "ethnicity.csv");
        Write();
    }

    private string Data => Path.Combine(_root, "omop");

    private string Lookups => Path.Combine(_root, "lookups");

    private ImportOptions Options => new() { Format = "omop", LookupsDirectory = Lookups, AsOf = D, RejectsFile = Path.Combine(_root, "rejects.csv") };

    [Fact]
    public void An_omop_sample_imports_and_its_conditions_reach_segments()
    {
        using var ws = Import(out var summary);

        Assert.Equal("omop-v1", summary.Format);
        Assert.Equal(0, summary.Rejected);
        var run = Segmentation.Run(ws.Engine, D);
        // Person 1: diabetes (SNOMED) and heart failure (SNOMED, on the admission); person 2 died before D; person 3:
        // pharyngitis is no long-term condition.
        Assert.Equal(["diabetes", "heart_failure"], Conditions(ws, "1"));
        Assert.Equal(["asthma"], Conditions(ws, "2"));
        Assert.Equal(2, run.People);
        Assert.Equal(1, run.Segments.Where(s => s.Segment.StartsWith("ltc_", StringComparison.Ordinal) || s.Segment == "organ_failure").Sum(s => s.People));
    }

    [Fact]
    public void Care_sites_give_practices_and_providers_with_their_location()
    {
        using var ws = Import(out _);
        Assert.Equal("10|Park Surgery|LS1|Leeds|QWO", Row(ws, "SELECT practice_code || '|' || practice_name || '|' || neighbourhood_code || '|' || place_code || '|' || icb_code FROM practices WHERE practice_code = '10'"));
        Assert.Equal("primary_care|acute", Row(ws, "SELECT (SELECT provider_type FROM providers WHERE provider_code = '10') || '|' || (SELECT provider_type FROM providers WHERE provider_code = '20')"));
    }

    [Fact]
    public void People_take_sex_from_gender_concept_deprivation_from_their_locations_lsoa_ethnicity_from_the_lookup_and_death_from_death()
    {
        using var ws = Import(out _);
        Assert.Equal("F|1948|10|E01011001|2|white|", Row(ws, "SELECT sex || '|' || year_of_birth || '|' || practice_code || '|' || lsoa_code || '|' || imd_decile || '|' || ethnicity || '|' || coalesce(CAST(death_date AS VARCHAR), '') FROM people WHERE person_id = '1'"));
        Assert.Equal("M|6|asian|2024-11-30", Row(ws, "SELECT sex || '|' || imd_decile || '|' || ethnicity || '|' || death_date FROM people WHERE person_id = '2'"));
        Assert.Equal("true", Row(ws, "SELECT CAST(ethnicity IS NULL AS VARCHAR) FROM people WHERE person_id = '3'"));
    }

    [Fact]
    public void Visits_become_activity_by_visit_concept_with_costs_from_cost_or_else_estimated()
    {
        using var ws = Import(out _);
        Assert.Equal(
            [
                "visit:100|ae_attendance|2024-02-01||250.00", "visit:101|emergency_admission|2024-02-01|2024-02-06|4200.00",
                $"visit:102|elective_admission|2024-03-10|2024-03-12|{Price("elective_admission")}", $"visit:103|outpatient_first|2024-04-01||{Price("outpatient_first")}",
                $"visit:104|outpatient_followup|2024-05-01||{Price("outpatient_followup")}", $"visit:105|gp_appointment|2024-06-01||{Price("gp_appointment")}",
            ],
            ws.Engine.Query("SELECT activity_id || '|' || setting || '|' || start_date || '|' || coalesce(CAST(end_date AS VARCHAR), '') || '|' || cost_gbp FROM activity ORDER BY 1", r => r.GetString(0)));
        Assert.Equal(["visit:102", "visit:103", "visit:104", "visit:105"],
            ws.Engine.Query("SELECT activity_id FROM activity_cost_estimates ORDER BY 1", r => r.GetString(0)));
    }

    [Fact]
    public void Observation_periods_are_kept_as_registration_periods()
    {
        using var ws = Import(out _);
        Assert.Equal("2|10|2005-01-01|2024-11-30", Row(ws, "SELECT person_id || '|' || practice_code || '|' || start_date || '|' || end_date FROM registration_periods WHERE person_id = '2'"));
    }

    [Fact]
    public void A_condition_concept_missing_from_concept_csv_is_rejected_naming_it()
    {
        _files["condition_occurrence"].Add("5,3,999999,2021-01-01,,,,32817,,,,,,,,");
        _files["concept"].Add("1567956,Type 2 diabetes,Condition,Read,Read,,C10F.,1970-01-01,2099-12-31,");
        _files["condition_occurrence"].Add("6,3,1567956,2021-01-01,,,,32817,,,,,,,,");
        Write();
        using var ws = Import(out _);
        Assert.Equal(["condition_occurrence.csv|6|condition_concept_id|concept 999999 not in concept.csv", "condition_occurrence.csv|7|condition_concept_id|vocabulary Read"],
            ws.Engine.Query("SELECT file || '|' || line || '|' || field || '|' || value FROM import_rejects ORDER BY line", r => r.GetString(0)));
    }

    [Fact]
    public void An_unknown_visit_concept_gender_concept_or_place_of_service_is_rejected()
    {
        _files["visit_occurrence"].Add("106,3,32036,2024-07-01,,2024-07-01,,32817,,10,,,,,,,");
        _files["person"].Add("4,12345,1970,,,,0,0,L1,,10,,,,A,,,");
        _files["care_site"].Add("30,Hospice,8546,L2,X1,");
        Write();
        using var ws = Import(out _);
        Assert.Equal(
            ["care_site.csv|4|place_of_service_concept_id|8546", "person.csv|5|gender_concept_id|12345", "visit_occurrence.csv|8|visit_concept_id|32036"],
            ws.Engine.Query("SELECT file || '|' || line || '|' || field || '|' || value FROM import_rejects ORDER BY file", r => r.GetString(0)));
    }

    [Fact]
    public void A_location_whose_lsoa_is_missing_from_the_imd_lookup_rejects_its_people()
    {
        File.WriteAllText(Path.Combine(Lookups, "imd.csv"), "key,value\nE01011001,2\n");
        using var ws = Import(out _);
        Assert.Equal("person.csv|3|location_id|no IMD decile in lookups/imd.csv for location L2",
            Row(ws, "SELECT file || '|' || line || '|' || field || '|' || value FROM import_rejects WHERE table_name = 'people'"));
    }

    [Fact]
    public void Death_and_cost_files_are_optional()
    {
        File.Delete(Path.Combine(Data, "death.csv"));
        File.Delete(Path.Combine(Data, "cost.csv"));
        using var ws = Import(out var summary);
        Assert.Equal(0, summary.Rejected);
        Assert.Equal(6, ws.Engine.Scalar<long>("SELECT count(*) FROM activity_cost_estimates"));
        Assert.Equal(0, ws.Engine.Scalar<long>("SELECT count(*) FROM people WHERE death_date IS NOT NULL"));
    }

    private static decimal Price(string setting) => NationalPrices.Prices.Single(p => p.Basis == "setting" && p.Code == setting).UnitCost;

    private static List<string> Conditions(Workspace ws, string person) =>
        [.. ws.Engine.Query($"SELECT condition FROM person_conditions WHERE person_id = '{person}' ORDER BY 1", r => r.GetString(0))];

    private static string? Row(Workspace ws, string sql) => ws.Engine.Scalar<string>(sql);

    private Workspace Import(out ImportSummary summary)
    {
        var ws = Workspace.InMemory();
        summary = Importer.Import(ws, Data, Options);
        Assert.All(summary.Files, f => Assert.Equal(f.Read, f.Loaded + f.Rejected));
        return ws;
    }

    private void Write()
    {
        foreach (var (name, lines) in _files)
        {
            File.WriteAllText(Path.Combine(Data, name + ".csv"), string.Join("\n", lines) + "\n");
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

using Strata.Data.Foundation;
using Strata.Data.Foundation.Import;
using Strata.Data.Understand;

namespace Strata.Data.Tests.Foundation.Import;

/// <summary>
/// `import --from synthea`: a small Synthea CSV sample written here (same columns as Synthea's CSV exporter) goes
/// through the mapping, and its SNOMED-coded conditions reach long-term-condition segments.
/// </summary>
public sealed class SyntheaImportTests : IDisposable
{
    private static readonly DateOnly D = new(2024, 12, 31);

    private readonly string _root = Directory.CreateTempSubdirectory("strata-synthea-").FullName;

    private readonly Dictionary<string, List<string>> _files = new()
    {
        ["patients"] =
        [
            "Id,BIRTHDATE,DEATHDATE,SSN,FIRST,LAST,RACE,ETHNICITY,GENDER,COUNTY,ZIP,INCOME",
            "pat-1,1950-04-02,,999-1,Ann,A,white,nonhispanic,F,Kent County,,40000",
            "pat-2,1961-07-15,,999-2,Bob,B,black,nonhispanic,M,Kent County,,30000",
            "pat-3,1975-01-30,,999-3,Cy,C,asian,nonhispanic,M,Essex County,,50000",
            "pat-4,2001-09-09,,999-4,Di,D,native,hispanic,F,Essex County,,20000",
        ],
        ["organizations"] =
        [
            "Id,NAME,ADDRESS,CITY,STATE,ZIP,LAT,LON,PHONE,REVENUE,UTILIZATION",
            "org-gp,Main Street Clinic,1 Main St,Springfield,MA,01101,0,0,,0,10",
            "org-hosp,Springfield General,2 High St,Springfield,MA,01102,0,0,,0,10",
        ],
        ["providers"] =
        [
            "Id,ORGANIZATION,NAME,GENDER,SPECIALITY,ADDRESS,CITY,STATE,ZIP,LAT,LON,ENCOUNTERS,PROCEDURES",
            "prov-1,org-gp,Dr One,F,GENERAL PRACTICE,1 Main St,Springfield,MA,01101,0,0,5,0",
        ],
        ["encounters"] =
        [
            "Id,START,STOP,PATIENT,ORGANIZATION,PROVIDER,PAYER,ENCOUNTERCLASS,CODE,DESCRIPTION,BASE_ENCOUNTER_COST,TOTAL_CLAIM_COST,PAYER_COVERAGE,REASONCODE,REASONDESCRIPTION",
            "enc-1,2023-02-01T09:00:00Z,2023-02-01T09:15:00Z,pat-1,org-gp,prov-1,pay,wellness,162673000,General examination,100.00,120.50,0,,",
            "enc-2,2023-03-01T09:00:00Z,2023-03-01T09:15:00Z,pat-2,org-gp,prov-1,pay,ambulatory,185345009,Encounter,80.00,80.00,0,44054006,Diabetes",
            "enc-3,2023-04-01T09:00:00Z,2023-04-01T10:00:00Z,pat-3,org-gp,prov-1,pay,wellness,162673000,General examination,100.00,100.00,0,,",
            "enc-4,2023-05-01T09:00:00Z,2023-05-01T10:00:00Z,pat-4,org-gp,prov-1,pay,wellness,162673000,General examination,100.00,100.00,0,,",
            "enc-5,2024-01-10T20:00:00Z,2024-01-10T23:00:00Z,pat-1,org-hosp,prov-1,pay,emergency,50849002,Emergency,300.00,300.00,0,,",
            "enc-6,2024-01-10T23:30:00Z,2024-01-14T10:00:00Z,pat-1,org-hosp,prov-1,pay,inpatient,32485007,Admission,4000.00,4200.00,0,84114007,Heart failure",
            "enc-7,2024-02-01T09:00:00Z,2024-02-01T10:00:00Z,pat-2,org-hosp,prov-1,pay,outpatient,185347001,Outpatient,150.00,150.00,0,,",
            "enc-8,2024-03-01T09:00:00Z,2024-03-01T10:00:00Z,pat-2,org-hosp,prov-1,pay,outpatient,185347001,Outpatient,150.00,150.00,0,,",
            "enc-9,2024-04-01T09:00:00Z,2024-04-03T10:00:00Z,pat-3,org-hosp,prov-1,pay,inpatient,32485007,Admission,2000.00,2000.00,0,,",
        ],
        ["conditions"] =
        [
            "START,STOP,PATIENT,ENCOUNTER,SYSTEM,CODE,DESCRIPTION",
            "2010-05-01,,pat-1,enc-1,SNOMED-CT,59621000,Essential hypertension (disorder)",
            "2012-06-01,,pat-1,enc-1,SNOMED-CT,44054006,Diabetes mellitus type 2 (disorder)",
            "2015-01-01,,pat-1,enc-1,SNOMED-CT,433144002,Chronic kidney disease stage 3 (disorder)",
            "2018-01-01,,pat-2,enc-2,SNOMED-CT,195967001,Asthma (disorder)",
            "2019-01-01,,pat-3,enc-3,SNOMED-CT,444814009,Viral sinusitis (disorder)",
        ],
    };

    private string Data => Path.Combine(_root, "synthea");

    private string Lookups => Path.Combine(_root, "lookups");

    public SyntheaImportTests()
    {
        Directory.CreateDirectory(Data);
        Directory.CreateDirectory(Lookups);
        File.WriteAllText(Path.Combine(Lookups, "imd.csv"), "key,value\nKent County,3\nEssex County,8\n");
        Write();
    }

    private ImportOptions Options => new()
    {
        Format = "synthea", LookupsDirectory = Lookups, AsOf = D, RejectsFile = Path.Combine(_root, "rejects.csv"),
    };

    [Fact]
    public void A_synthea_sample_imports_and_its_snomed_conditions_reach_ltc_segments()
    {
        using var ws = Workspace.InMemory();
        var summary = Importer.Import(ws, Data, Options);

        Assert.Equal("synthea-v1", summary.Format);
        Assert.Equal(0, summary.Rejected);
        Assert.All(summary.Files, f => Assert.Equal(f.Read, f.Loaded + f.Rejected));
        var run = Segmentation.Run(ws.Engine, D);
        var segments = run.Segments.ToDictionary(s => s.Segment, s => s.People);
        // pat-1: hypertension, diabetes, CKD 3 and heart failure from an admission's reason code; pat-2: asthma and
        // diabetes (an encounter's reason code); pat-3: sinusitis is no long-term condition; pat-4: none.
        Assert.Equal(["ckd", "diabetes", "heart_failure", "hypertension"], Conditions(ws, "pat-1"));
        Assert.Equal(["asthma", "diabetes"], Conditions(ws, "pat-2"));
        Assert.Equal(4, run.People);
        Assert.Equal(2, segments.Where(s => s.Key.StartsWith("ltc_", StringComparison.Ordinal)).Sum(s => s.Value) + segments["organ_failure"]);
        Assert.Contains(new ConditionFlags.Coverage("snomed", 7, 1), run.Coding);
    }

    [Fact]
    public void Each_mapping_rule_derives_the_v1_values()
    {
        using var ws = Workspace.InMemory();
        Importer.Import(ws, Data, Options);

        Assert.Equal("org-gp|3|F|1950|white", Row(ws, "SELECT practice_code || '|' || imd_decile || '|' || sex || '|' || year_of_birth || '|' || ethnicity FROM people WHERE person_id = 'pat-1'"));
        Assert.Equal("other", Row(ws, "SELECT ethnicity FROM people WHERE person_id = 'pat-4'"));
        // Setting: inpatient after an emergency visit the same day is an emergency admission; otherwise elective.
        Assert.Equal("emergency_admission|2024-01-10|2024-01-14|4200.00", Row(ws, "SELECT setting || '|' || start_date || '|' || end_date || '|' || cost_gbp FROM activity WHERE activity_id = 'enc-6'"));
        Assert.Equal("elective_admission", Row(ws, "SELECT setting FROM activity WHERE activity_id = 'enc-9'"));
        // Outpatient: the first at an organisation is a first attendance, later ones follow-ups.
        Assert.Equal("outpatient_first,outpatient_followup", Row(ws, "SELECT string_agg(setting, ',' ORDER BY start_date) FROM activity WHERE person_id = 'pat-2' AND setting LIKE 'outpatient%'"));
        Assert.Equal("gp_appointment|ae_attendance", Row(ws, "SELECT (SELECT setting FROM activity WHERE activity_id = 'enc-1') || '|' || (SELECT setting FROM activity WHERE activity_id = 'enc-5')"));
        Assert.Equal("acute|primary_care", Row(ws, "SELECT (SELECT provider_type FROM providers WHERE provider_code = 'org-hosp') || '|' || (SELECT provider_type FROM providers WHERE provider_code = 'org-gp')"));
    }

    [Fact]
    public void Source_columns_the_mapping_does_not_use_are_reported_not_fatal()
    {
        using var ws = Workspace.InMemory();
        var summary = Importer.Import(ws, Data, Options);

        Assert.Contains("patients.csv: 6 column(s) not used by the synthea mapping: SSN, FIRST, LAST, ETHNICITY, ZIP, INCOME", summary.Notes);
        Assert.Equal(0, ws.Engine.Scalar<long>("SELECT count(*) FROM information_schema.columns WHERE column_name IN ('SSN', 'FIRST', 'LAST')"));
    }

    [Fact]
    public void A_reject_names_the_source_file_line_and_column()
    {
        _files["encounters"].Add("enc-10,2024/05/01 09:00,,pat-3,org-gp,prov-1,pay,wellness,1,x,1,1e3,0,,");
        _files["patients"].Add("pat-5,1980-01-01,,999-5,Ed,E,white,nonhispanic,X,Kent County,,1");
        Write();
        using var ws = Workspace.InMemory();
        var summary = Importer.Import(ws, Data, Options);

        Assert.Equal(
            ["patients.csv|6|GENDER|not one of: F, M, U|X", "encounters.csv|11|START|not a date (yyyy-mm-dd)|2024/05/01 09:00"],
            ws.Engine.Query("SELECT file || '|' || line || '|' || field || '|' || reason || '|' || value FROM import_rejects ORDER BY table_name DESC", r => r.GetString(0)));
        Assert.Equal((10L, 9L, 1L), summary.Files.Where(f => f.Table == "activity").Select(f => (f.Read, f.Loaded, f.Rejected)).Single());
    }

    [Fact]
    public void A_missing_lookup_is_a_clear_error_never_a_default_decile()
    {
        File.Delete(Path.Combine(Lookups, "imd.csv"));
        using var ws = Workspace.InMemory();
        var e = Assert.Throws<InputException>(() => Importer.Import(ws, Data, Options));
        Assert.Contains("lookup 'imd' is required", e.Reason, StringComparison.Ordinal);
        Assert.Equal(0, ws.Engine.Scalar<long>("SELECT count(*) FROM people"));
    }

    [Fact]
    public void An_area_missing_from_the_lookup_rejects_the_person_rather_than_guessing()
    {
        File.WriteAllText(Path.Combine(Lookups, "imd.csv"), "key,value\nKent County,3\n");
        using var ws = Workspace.InMemory();
        Importer.Import(ws, Data, Options);

        Assert.Equal(["patients.csv|4|COUNTY|missing required value", "patients.csv|5|COUNTY|missing required value"],
            ws.Engine.Query("SELECT file || '|' || line || '|' || field || '|' || reason FROM import_rejects WHERE table_name = 'people' ORDER BY line", r => r.GetString(0)));
    }

    [Fact]
    public void A_user_mapping_file_renames_columns_and_overrides_value_maps()
    {
        _files["patients"][0] = _files["patients"][0].Replace("GENDER", "SEX_CODE", StringComparison.Ordinal);
        for (var i = 1; i < _files["patients"].Count; i++)
        {
            _files["patients"][i] = _files["patients"][i].Replace(",F,", ",2,", StringComparison.Ordinal).Replace(",M,", ",1,", StringComparison.Ordinal);
        }
        Write();
        var mappingFile = Path.Combine(_root, "local.json");
        File.WriteAllText(mappingFile, """{ "rename": { "patients.csv": { "SEX_CODE": "GENDER" } }, "values": { "sex": { "1": "M", "2": "F" } } }""");
        using var ws = Workspace.InMemory();
        var summary = Importer.Import(ws, Data, Options with { MappingFile = mappingFile });

        Assert.Equal(0, summary.Rejected);
        Assert.Equal("F,M,M,F", Row(ws, "SELECT string_agg(sex, ',' ORDER BY person_id) FROM people"));
    }

    private static List<string> Conditions(Workspace ws, string person) =>
        [.. ws.Engine.Query($"SELECT condition FROM person_conditions WHERE person_id = '{person}' ORDER BY 1", r => r.GetString(0))];

    private static string? Row(Workspace ws, string sql) => ws.Engine.Scalar<string>(sql);

    private void Write()
    {
        foreach (var (name, lines) in _files)
        {
            File.WriteAllText(Path.Combine(Data, name + ".csv"), string.Join("\n", lines) + "\n");
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

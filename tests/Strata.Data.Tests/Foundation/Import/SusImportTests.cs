using Strata.Data.Foundation;
using Strata.Data.Foundation.Import;
using Strata.Data.Foundation.Synthetic;
using Strata.Data.Understand;

namespace Strata.Data.Tests.Foundation.Import;

/// <summary>
/// `import --from sus`: SUS+-shaped APC, outpatient and ECDS extracts with GP registrations and events. Each test is
/// one derivation of docs/import-sus.md.
/// </summary>
public sealed class SusImportTests : IDisposable
{
    private static readonly DateOnly D = new(2025, 3, 31);

    private readonly string _root = Directory.CreateTempSubdirectory("strata-sus-").FullName;

    private readonly Dictionary<string, List<string>> _files = new()
    {
        ["practices"] =
        [
            "practice_code,practice_name,neighbourhood_code,place_code,place_name,icb_code",
            "A1,Alpha Surgery,N1,PL1,North,QXX",
            "A2,Beta Surgery,N2,PL2,South,QXX",
        ],
        ["providers"] =
        [
            "provider_code,provider_name,provider_type,place_code",
            "RX1,General Hospital,acute,PL1",
        ],
        ["gp_registrations"] =
        [
            "Der_Pseudo_NHS_Number,GP_Practice_Code,Registration_Start_Date,Registration_End_Date,Person_Stated_Gender_Code,Year_Of_Birth,Date_Of_Death,LSOA_Code,Ethnic_Category",
            "p1,A1,2010-01-01,2022-06-30,2,1950,,E01000001,A",
            "p1,A2,2022-07-01,,2,1950,,E01000001,A",
            "p2,A1,2015-03-01,,1,1980,,E01000002,H",
            "p3,A2,2024-02-01,,9,2024,,E01000002,Z",
        ],
        ["gp_events"] =
        [
            "Der_Pseudo_NHS_Number,Event_Date,SNOMED_Concept_ID",
            "p1,2015-05-01,44054006",
            "p1,2016-05-01,59621000",
            "p2,2019-01-01,195967001",
            "p2,2020-01-01,999999999",
        ],
        ["apc"] =
        [
            "Der_Pseudo_NHS_Number,Provider_Code,Hospital_Provider_Spell_Number,Episode_Number,Admission_Method_Hospital_Provider_Spell,Patient_Classification,Start_Date_Hospital_Provider_Spell,Discharge_Date_Hospital_Provider_Spell,Discharge_Method_Hospital_Provider_Spell,Discharge_Destination_Hospital_Provider_Spell,Primary_Diagnosis_Code,Secondary_Diagnosis_Code_1,Secondary_Diagnosis_Code_2,Secondary_Diagnosis_Code_3,Primary_Procedure_Code,Spell_Core_HRG,Grand_Total_Payment_MFF",
            "p1,RX1,S100,2,21,1,2024-01-10,2024-01-20,1,19,I500,N184,,,,EB03A,",
            "p1,RX1,S100,1,21,1,2024-01-10,2024-01-20,1,19,I214,I10,,,K401,EB10A,5120.00",
            "p2,RX1,S200,1,11,2,2024-06-05,2024-06-05,1,19,K590,,,,H221,FE21Z,612.40",
            "p2,RX1,S201,1,12,1,2024-05-05,2024-05-07,1,19,M161,,,,W371,HN12A,6100.00",
            "p1,RX1,S300,1,31,1,2024-07-01,2024-07-02,1,19,O800,,,,,NZ30A,1500.00",
        ],
        ["op"] =
        [
            "Der_Pseudo_NHS_Number,Attendance_Identifier,Provider_Code,Appointment_Date,First_Attendance,Attendance_Status,Primary_Diagnosis_Code,Grand_Total_Payment_MFF",
            "p2,OA1,RX1,2024-02-01,1,5,,160.00",
            "p2,OA2,RX1,2024-03-01,2,6,,90.00",
            "p2,OA3,RX1,2024-04-01,2,3,,0",
            "p2,OA4,RX1,2024-05-01,2,2,,0",
        ],
        ["ecds"] =
        [
            "Der_Pseudo_NHS_Number,EC_Attendance_Identifier,Provider_Code,Arrival_Date,EC_Department_Type,EC_Arrival_Mode_SNOMED_CT,EC_Diagnosis_01,EC_Discharge_Status_SNOMED_CT,Grand_Total_Payment_MFF",
            "p1,EC1,RX1,2024-01-10,01,,84114007,,250.00",
            "p3,EC2,RX1,2024-06-01,03,,,,95.00",
        ],
    };

    public SusImportTests()
    {
        Directory.CreateDirectory(Data);
        Directory.CreateDirectory(Lookups);
        File.WriteAllText(Path.Combine(Lookups, "imd.csv"), "key,value\nE01000001,2\nE01000002,9\n");
        SusExtract.WriteReferenceLookup(Lookups, "ethnicity.csv");
        Write();
    }

    private string Data => Path.Combine(_root, "sus");

    private string Lookups => Path.Combine(_root, "lookups");

    private ImportOptions Options => new() { Format = "sus", LookupsDirectory = Lookups, AsOf = D, RejectsFile = Path.Combine(_root, "rejects.csv") };

    [Fact]
    public void Episodes_of_one_spell_become_one_activity_row_with_the_spells_dates_payment_and_first_episodes_diagnosis()
    {
        using var ws = Import();
        Assert.Equal("p1|emergency_admission|2024-01-10|2024-01-20|I214|5120.00", Activity(ws, "apc:RX1:S100"));
        Assert.Equal(4, ws.Engine.Scalar<long>("SELECT count(*) FROM activity WHERE activity_id LIKE 'apc:%'"));
    }

    [Fact]
    public void Every_diagnosis_position_of_every_episode_is_a_condition_record()
    {
        using var ws = Import();
        // First episode: primary I214 (on the spell) and secondary I10; second episode: primary I500 and secondary N184.
        Assert.Equal("I10,I500,N184", ws.Engine.Scalar<string>(
            "SELECT string_agg(code, ',' ORDER BY code) FROM conditions WHERE person_id = 'p1' AND code_system = 'icd10'"));
        ConditionFlags.Build(ws.Engine, D);
        Assert.Equal(["chd", "ckd", "diabetes", "heart_failure", "hypertension"],
            ws.Engine.Query("SELECT condition FROM person_conditions WHERE person_id = 'p1' ORDER BY 1", r => r.GetString(0)));
    }

    [Fact]
    public void Setting_comes_from_admission_method_and_patient_classification()
    {
        using var ws = Import();
        Assert.Equal("daycase", Setting(ws, "apc:RX1:S200"));          // 11 waiting list, class 2 day case
        Assert.Equal("elective_admission", Setting(ws, "apc:RX1:S201")); // 12 booked, class 1 ordinary
        Assert.Equal("maternity", Setting(ws, "apc:RX1:S300"));          // 31 maternity ante-partum
        Assert.Equal("ae_attendance", Setting(ws, "ecds:RX1:EC2"));      // department type 03 (UTC)
    }

    [Fact]
    public void An_unknown_admission_method_is_rejected_naming_the_source_column()
    {
        _files["apc"].Add("p2,RX1,S400,1,99,1,2024-06-01,2024-06-02,1,19,R69,,,,,WD11Z,300.00");
        Write();
        using var ws = Import();
        Assert.Equal("apc.csv|7|Admission_Method_Hospital_Provider_Spell|admission method 99 / patient classification 1",
            ws.Engine.Scalar<string>("SELECT file || '|' || line || '|' || field || '|' || value FROM import_rejects"));
    }

    [Fact]
    public void Outpatient_first_and_follow_ups_are_activity_and_non_attendances_are_kept_apart()
    {
        using var ws = Import(out var summary);
        Assert.Equal("outpatient_first,outpatient_followup", ws.Engine.Scalar<string>(
            "SELECT string_agg(setting, ',' ORDER BY start_date) FROM activity WHERE activity_id LIKE 'op:%'"));
        Assert.Equal("OA3 dna|OA4 cancelled", string.Join("|", ws.Engine.Query(
            "SELECT CASE WHEN did_not_attend THEN 'dna' ELSE 'cancelled' END, line FROM op_non_attendances ORDER BY line",
            r => (r.GetInt64(1) == 4 ? "OA3 " : "OA4 ") + r.GetString(0))));
        Assert.Contains(summary.Notes, n => n.StartsWith("op.csv: 2 outpatient appointments not attended", StringComparison.Ordinal));
        Assert.Equal((2L, 2L, 0L), summary.Files.Where(f => f.File == "op.csv" && f.Table == "activity").Select(f => (f.Read, f.Loaded, f.Rejected)).Single());
    }

    [Fact]
    public void The_latest_gp_registration_gives_the_practice_and_registrations_give_the_people()
    {
        using var ws = Import();
        Assert.Equal("A2|F|2|white", ws.Engine.Scalar<string>("SELECT practice_code || '|' || sex || '|' || imd_decile || '|' || ethnicity FROM people WHERE person_id = 'p1'"));
        Assert.Equal("U|true|asian", ws.Engine.Scalar<string>(
            "SELECT (SELECT sex FROM people WHERE person_id = 'p3') || '|' || (SELECT ethnicity IS NULL FROM people WHERE person_id = 'p3') || '|' || (SELECT ethnicity FROM people WHERE person_id = 'p2')"));
        Assert.Equal(3, ws.Engine.Scalar<long>("SELECT count(*) FROM people"));
    }

    [Fact]
    public void Snomed_coded_gp_events_and_ecds_diagnoses_reach_segments_and_unknown_codes_are_counted()
    {
        using var ws = Import();
        var run = Segmentation.Run(ws.Engine, D);

        Assert.Equal(["asthma", "constipation"], ws.Engine.Query("SELECT condition FROM person_conditions WHERE person_id = 'p2' ORDER BY 1", r => r.GetString(0)));
        Assert.Contains(new ConditionFlags.Coverage("snomed", 5, 1), run.Coding);
        Assert.Equal(2, run.Segments.Where(s => s.Segment != "healthy" && s.Segment != "maternal_infant" && s.Segment != "acutely_ill").Sum(s => s.People));
    }

    [Fact]
    public void An_lsoa_missing_from_the_imd_lookup_is_rejected_never_given_a_default_decile()
    {
        File.WriteAllText(Path.Combine(Lookups, "imd.csv"), "key,value\nE01000001,2\n");
        using var ws = Import();
        Assert.Equal(["gp_registrations.csv|4|LSOA_Code|no IMD decile in lookups/imd.csv for E01000002", "gp_registrations.csv|5|LSOA_Code|no IMD decile in lookups/imd.csv for E01000002"],
            ws.Engine.Query("SELECT file || '|' || line || '|' || field || '|' || value FROM import_rejects WHERE table_name = 'people' ORDER BY line", r => r.GetString(0)));
    }

    [Fact]
    public void Ethnic_category_maps_through_the_ethnicity_lookup_and_a_category_it_lacks_is_rejected()
    {
        File.WriteAllText(Path.Combine(Lookups, "ethnicity.csv"), "key,value\nA,white\nZ,\n");
        using var ws = Import();
        // p1 (A) is white; p3 (Z, not stated) has no ethnicity; p2's H is not in this lookup, so p2 is rejected by name.
        Assert.Equal("white|true", ws.Engine.Scalar<string>(
            "SELECT (SELECT ethnicity FROM people WHERE person_id = 'p1') || '|' || (SELECT ethnicity IS NULL FROM people WHERE person_id = 'p3')"));
        Assert.Equal("gp_registrations.csv|4|Ethnic_Category|no ethnic group in lookups/ethnicity.csv for H",
            ws.Engine.Scalar<string>("SELECT file || '|' || line || '|' || field || '|' || value FROM import_rejects WHERE table_name = 'people'"));
    }

    [Fact]
    public void A_missing_ethnicity_lookup_is_a_clear_error()
    {
        File.Delete(Path.Combine(Lookups, "ethnicity.csv"));
        using var ws = Workspace.InMemory();
        var e = Assert.Throws<InputException>(() => Importer.Import(ws, Data, Options));
        Assert.Contains("lookup 'ethnicity' is required", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_without_payment_is_costed_from_the_national_price_table_by_hrg_else_setting_and_marked_estimated()
    {
        _files["apc"].Add("p2,RX1,S500,1,11,2,2024-08-01,2024-08-01,1,19,K590,,,,H221,FE21Z,");   // HRG in the price table
        _files["apc"].Add("p2,RX1,S501,1,11,2,2024-09-01,2024-09-01,1,19,K590,,,,H221,ZZ99Z,");   // HRG not priced: day case price
        _files["op"].Add("p2,OA5,RX1,2024-06-01,1,5,,");
        Write();
        using var ws = Import(out var summary);

        Assert.Equal(0, summary.Rejected);
        Assert.Equal(Price("hrg", "FE21Z"), ws.Engine.Scalar<decimal>("SELECT cost_gbp FROM activity WHERE activity_id = 'apc:RX1:S500'"));
        Assert.Equal(Price("setting", "daycase"), ws.Engine.Scalar<decimal>("SELECT cost_gbp FROM activity WHERE activity_id = 'apc:RX1:S501'"));
        Assert.Equal(Price("setting", "outpatient_first"), ws.Engine.Scalar<decimal>("SELECT cost_gbp FROM activity WHERE activity_id = 'op:RX1:OA5'"));
        Assert.Equal(
            ["apc:RX1:S500|hrg FE21Z|national-prices-v1", "apc:RX1:S501|setting daycase|national-prices-v1", "op:RX1:OA5|setting outpatient_first|national-prices-v1"],
            ws.Engine.Query("SELECT activity_id || '|' || basis || '|' || price_table FROM activity_cost_estimates ORDER BY 1", r => r.GetString(0)));
        Assert.Contains(summary.Notes, n => n.StartsWith("3 activity rows had no payment and were costed from the national price table", StringComparison.Ordinal));
    }

    [Fact]
    public void Procedure_hrg_and_discharge_fields_are_stored_with_the_spell_and_ecds_arrival_and_discharge_with_the_attendance()
    {
        _files["apc"][2] = _files["apc"][2].Replace("I214,I10,,,K401", "I214,I10,,,K40.1", StringComparison.Ordinal);
        _files["ecds"][1] = "p1,EC1,RX1,2024-01-10,01,1048031000000100,84114007,1066331000000109,250.00";
        Write();
        using var ws = Import(out var summary);

        Assert.Equal("K401|EB10A|1|19", ws.Engine.Scalar<string>(
            "SELECT procedure_code || '|' || hrg || '|' || discharge_method || '|' || discharge_destination FROM apc_spells WHERE activity_id = 'apc:RX1:S100'"));
        Assert.Equal(4, ws.Engine.Scalar<long>("SELECT count(*) FROM apc_spells"));
        Assert.Equal("01|1048031000000100|1066331000000109", ws.Engine.Scalar<string>(
            "SELECT department_type || '|' || arrival_mode || '|' || discharge_status FROM ecds_attendances WHERE activity_id = 'ecds:RX1:EC1'"));
        Assert.Contains("apc.csv: 4 admitted patient care spells with their primary procedure (OPCS-4), HRG and discharge method and destination (details of loaded activity rows, in apc_spells)", summary.Notes);
    }

    [Fact]
    public void Details_of_a_rejected_spell_are_not_kept()
    {
        _files["apc"].Add("p2,RX1,S400,1,99,1,2024-06-01,2024-06-02,1,19,R69,,,,W401,WD11Z,300.00");
        Write();
        using var ws = Import();
        Assert.Equal(0, ws.Engine.Scalar<long>("SELECT count(*) FROM apc_spells WHERE activity_id = 'apc:RX1:S400'"));
        Assert.Equal(4, ws.Engine.Scalar<long>("SELECT count(*) FROM apc_spells"));
    }

    [Fact]
    public void An_emergency_admission_within_30_days_of_a_discharge_is_flagged_as_a_readmission()
    {
        // p1's emergency spell S100 ends 2024-01-20: S600 starts 30 days later (a readmission), S601 31 days after
        // S600's discharge (not one); p2's elective S201 ends 2024-05-07 and S602 starts the same day (a readmission).
        _files["apc"].Add("p1,RX1,S600,1,21,1,2024-02-19,2024-02-21,1,19,I500,,,,,EB03A,3000.00");
        _files["apc"].Add("p1,RX1,S601,1,2A,1,2024-03-23,2024-03-24,1,19,I500,,,,,EB03A,3000.00");
        _files["apc"].Add("p2,RX1,S602,1,22,1,2024-05-07,2024-05-08,1,19,T818,,,,,WH07A,900.00");
        Write();
        using var ws = Import(out var summary);

        Assert.Equal(["apc:RX1:S600|apc:RX1:S100|30", "apc:RX1:S602|apc:RX1:S201|0"],
            ws.Engine.Query("SELECT activity_id || '|' || index_activity_id || '|' || days_after_discharge FROM emergency_readmissions ORDER BY 1", r => r.GetString(0)));
        Assert.Contains("2 emergency admissions were readmissions within 30 days of a discharge (in emergency_readmissions)", summary.Notes);
    }

    [Fact]
    public void Registration_periods_are_kept_with_their_end_dates()
    {
        using var ws = Import();
        Assert.Equal(["p1|A1|2010-01-01|2022-06-30", "p1|A2|2022-07-01|", "p2|A1|2015-03-01|", "p3|A2|2024-02-01|"],
            ws.Engine.Query("SELECT person_id || '|' || practice_code || '|' || start_date || '|' || coalesce(CAST(end_date AS VARCHAR), '') FROM registration_periods ORDER BY 1", r => r.GetString(0)));
    }

    [Fact]
    public void A_parquet_file_in_place_of_a_csv_is_read_the_same_way()
    {
        using (var engine = Strata.Data.Engine.DuckDbEngine.InMemory())
        {
            engine.Execute(engine.Dialect.CopyTo($"SELECT * FROM {engine.Dialect.ReadCsvAsText(Path.Combine(Data, "apc.csv"))}", Path.Combine(Data, "apc.parquet"), "parquet"));
        }
        File.Delete(Path.Combine(Data, "apc.csv"));
        _files["apc"].Add("p2,RX1,S400,1,99,1,2024-06-01,2024-06-02,1,19,R69,,,,,WD11Z,300.00");
        using (var engine = Strata.Data.Engine.DuckDbEngine.InMemory())
        {
            // Rows of a Parquet source are numbered from 1 (no header line); the bad row is the sixth.
            File.WriteAllText(Path.Combine(_root, "apc.csv"), string.Join("\n", _files["apc"]) + "\n");
            engine.Execute(engine.Dialect.CopyTo($"SELECT * FROM {engine.Dialect.ReadCsvAsText(Path.Combine(_root, "apc.csv"))}", Path.Combine(Data, "apc.parquet"), "parquet"));
        }
        _files.Remove("apc");
        Write();
        using var ws = Import();

        Assert.Equal("p1|emergency_admission|2024-01-10|2024-01-20|I214|5120.00", Activity(ws, "apc:RX1:S100"));
        Assert.Equal("apc.parquet|6|Admission_Method_Hospital_Provider_Spell|admission method 99 / patient classification 1",
            ws.Engine.Scalar<string>("SELECT file || '|' || line || '|' || field || '|' || value FROM import_rejects"));
    }

    [Fact]
    public void A_csv_and_a_parquet_file_for_the_same_source_is_an_error()
    {
        File.WriteAllText(Path.Combine(Data, "op.parquet"), "");
        using var ws = Workspace.InMemory();
        var e = Assert.Throws<InputException>(() => Importer.Import(ws, Data, Options));
        Assert.Equal("both op.csv and op.parquet exist; keep one of them", e.Reason);
    }

    private static decimal Price(string basis, string code) => NationalPrices.Prices.Single(p => p.Basis == basis && p.Code == code).UnitCost;

    private Workspace Import() => Import(out _);

    private Workspace Import(out ImportSummary summary)
    {
        var ws = Workspace.InMemory();
        summary = Importer.Import(ws, Data, Options);
        Assert.All(summary.Files, f => Assert.Equal(f.Read, f.Loaded + f.Rejected));
        return ws;
    }

    private static string? Activity(Workspace ws, string id) => ws.Engine.Scalar<string>(
        $"SELECT person_id || '|' || setting || '|' || start_date || '|' || coalesce(CAST(end_date AS VARCHAR), '') || '|' || coalesce(primary_diagnosis, '') || '|' || cost_gbp FROM activity WHERE activity_id = '{id}'");

    private static string? Setting(Workspace ws, string id) => ws.Engine.Scalar<string>($"SELECT setting FROM activity WHERE activity_id = '{id}'");

    private void Write()
    {
        foreach (var (name, lines) in _files)
        {
            File.WriteAllText(Path.Combine(Data, name + ".csv"), string.Join("\n", lines) + "\n");
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

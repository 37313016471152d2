using Strata.Data.Engine;

namespace Strata.Data.Foundation.Synthetic;

/// <summary>
/// Rewrites a generated format v1 folder as the extracts `import --from sus` reads (docs/import-sus.md), so the SUS
/// mapping is exercised on a whole synthetic ICB and a round trip (v1 vs SUS, same seed) can be compared:
/// admissions become APC episodes (a third of spells of two or more days get a second episode), outpatient
/// attendances get first/follow-up codes and every tenth appointment a did-not-attend twin, A&amp;E attendances
/// become ECDS rows with SNOMED CT diagnoses, people become GP registrations (every fifth adult also has an earlier
/// registration at another practice) and conditions become SNOMED CT GP events. Settings SUS does not cover (GP
/// appointments, community, mental health, prescribing, social care, ambulance) stay in v1 activity shape in
/// <c>other_activity.csv</c>, and the LSOA → IMD decile lookup goes to <c>lookups/imd.csv</c> (with a copy of the national ethnic category
/// lookup, reference/lookups/ethnicity.csv).
/// All of it is SQL in the engine (COPY), never row by row.
/// </summary>
public static class SusExtract
{
    public const string LookupsFolder = "lookups";

    private const string Admissions = "('emergency_admission', 'elective_admission', 'daycase', 'maternity')";

    public static void Write(string v1Directory, string susDirectory)
    {
        Directory.CreateDirectory(Path.Combine(susDirectory, LookupsFolder));
        using var engine = DuckDbEngine.InMemory();
        var d = engine.Dialect;
        string Read(string table) => d.ReadCsvAsText(Path.Combine(v1Directory, table + ".csv"));
        void Copy(string query, string file) => engine.Execute(d.CopyTo(query, Path.Combine(susDirectory, file), "csv"));
        foreach (var table in new[] { "practices", "providers", "people", "conditions", "activity" })
        {
            engine.Execute($"CREATE TEMP TABLE v1_{table} AS SELECT * FROM {Read(table)}");
        }
        Codelists.Install(engine);
        // One SNOMED CT concept per condition that maps to that condition only, so each event gives back exactly it.
        var single = Codelists.SnomedConcepts.GroupBy(c => c.ConceptId).Where(g => g.Count() == 1).Select(g => g.Single()).ToList();
        var representative = Codelists.Conditions.Select(c => (c.Condition, single.First(s => s.Condition == c.Condition).ConceptId));
        engine.Execute("CREATE TEMP TABLE rep (condition VARCHAR, concept_id VARCHAR)");
        using (var a = engine.Append("rep"))
        {
            foreach (var (condition, concept) in representative)
            {
                a.Row(condition, concept);
            }
        }
        var lengths = Codelists.Icd10Prefixes.Select(p => p.Prefix.Length).Distinct().Order().ToList();
        string Icd10Conditions(string source, string person, string code, string date) => string.Join(" UNION ALL ", lengths.Select(len =>
            $"SELECT s.{person} AS person_id, m.condition, s.{date} AS on_date, s.{code} AS code FROM {source} s JOIN codelist_condition_icd10 m " +
            $"ON length(m.icd10_prefix) = {len} AND m.icd10_prefix = left(upper(replace(s.{code}, '.', '')), {len})"));
        engine.Execute($"""
            CREATE TEMP TABLE ae_conditions AS
            {Icd10Conditions($"(SELECT * FROM v1_activity WHERE setting = 'ae_attendance' AND primary_diagnosis IS NOT NULL)", "person_id", "primary_diagnosis", "start_date")}
            """);

        Copy("SELECT * FROM v1_practices", "practices.csv");
        Copy("SELECT * FROM v1_providers", "providers.csv");
        Copy("SELECT DISTINCT lsoa_code AS key, imd_decile AS value FROM v1_people WHERE lsoa_code IS NOT NULL ORDER BY 1",
            Path.Combine(LookupsFolder, "imd.csv"));
        WriteReferenceLookup(Path.Combine(susDirectory, LookupsFolder), "ethnicity.csv");
        var sex = "CASE sex WHEN 'M' THEN '1' WHEN 'F' THEN '2' ELSE '9' END";
        var ethnic = "CASE ethnicity WHEN 'white' THEN 'A' WHEN 'mixed' THEN 'D' WHEN 'asian' THEN 'H' WHEN 'black' THEN 'M' WHEN 'other' THEN 'S' ELSE 'Z' END";
        var mover = "(hash(person_id) % 5 = 0 AND CAST(year_of_birth AS INTEGER) <= 2000)";
        Copy($"""
            SELECT person_id AS Der_Pseudo_NHS_Number, practice_code AS GP_Practice_Code,
                CASE WHEN {mover} THEN CAST(CAST(year_of_birth AS INTEGER) + 2 AS VARCHAR) ELSE year_of_birth END || '-01-01' AS Registration_Start_Date,
                CAST(NULL AS VARCHAR) AS Registration_End_Date, {sex} AS Person_Stated_Gender_Code, year_of_birth AS Year_Of_Birth,
                death_date AS Date_Of_Death, lsoa_code AS LSOA_Code, {ethnic} AS Ethnic_Category,
                CASE WHEN lsoa_code IS NULL THEN imd_decile END AS Index_Of_Multiple_Deprivation_Decile
            FROM v1_people
            UNION ALL
            SELECT person_id, (SELECT min(practice_code) FROM v1_practices x WHERE x.practice_code <> p.practice_code),
                year_of_birth || '-01-01', CAST(CAST(year_of_birth AS INTEGER) + 1 AS VARCHAR) || '-12-31', {sex}, year_of_birth, death_date, lsoa_code, {ethnic},
                CASE WHEN lsoa_code IS NULL THEN imd_decile END
            FROM v1_people p WHERE {mover} AND EXISTS (SELECT 1 FROM v1_practices x WHERE x.practice_code <> p.practice_code)
            ORDER BY 1, 3
            """, "gp_registrations.csv");
        Copy($"""
            SELECT c.person_id AS Der_Pseudo_NHS_Number, c.recorded_on AS Event_Date, r.concept_id AS SNOMED_Concept_ID
            FROM v1_conditions c JOIN rep r ON r.condition = c.code WHERE c.code_system = 'strata'
            UNION ALL
            SELECT i.person_id, i.on_date, r.concept_id FROM ({Icd10Conditions("(SELECT * FROM v1_conditions WHERE code_system = 'icd10')", "person_id", "code", "recorded_on")}) i
            JOIN rep r ON r.condition = i.condition
            UNION ALL
            SELECT person_id, recorded_on, code FROM v1_conditions WHERE code_system = 'snomed'
            UNION ALL
            SELECT i.person_id, i.on_date, r.concept_id FROM ae_conditions i JOIN rep r ON r.condition = i.condition
            ORDER BY 1, 2, 3
            """, "gp_events.csv");
        var split = "(hash(a.activity_id) % 3 = 0 AND CAST(a.end_date AS DATE) - CAST(a.start_date AS DATE) >= 2)";
        var method = """
            CASE a.setting WHEN 'emergency_admission' THEN CASE WHEN hash(a.activity_id) % 7 = 0 THEN '2A' ELSE '21' END
                WHEN 'maternity' THEN '31' ELSE CASE WHEN hash(a.activity_id) % 2 = 0 THEN '11' ELSE '12' END END
            """;
        Copy($"""
            SELECT a.person_id AS Der_Pseudo_NHS_Number, a.provider_code AS Provider_Code, a.activity_id AS Hospital_Provider_Spell_Number,
                e.n AS Episode_Number, {method} AS Admission_Method_Hospital_Provider_Spell,
                CASE a.setting WHEN 'daycase' THEN '2' ELSE '1' END AS Patient_Classification,
                a.start_date AS Start_Date_Hospital_Provider_Spell, a.end_date AS Discharge_Date_Hospital_Provider_Spell,
                '1' AS Discharge_Method_Hospital_Provider_Spell, '19' AS Discharge_Destination_Hospital_Provider_Spell,
                a.primary_diagnosis AS Primary_Diagnosis_Code, CAST(NULL AS VARCHAR) AS Secondary_Diagnosis_Code_1,
                CAST(NULL AS VARCHAR) AS Secondary_Diagnosis_Code_2, CAST(NULL AS VARCHAR) AS Secondary_Diagnosis_Code_3,
                CAST(NULL AS VARCHAR) AS Primary_Procedure_Code, CAST(NULL AS VARCHAR) AS Spell_Core_HRG,
                CASE WHEN e.n = 1 THEN a.cost_gbp END AS Grand_Total_Payment_MFF
            FROM v1_activity a JOIN (SELECT 1 AS n UNION ALL SELECT 2) e ON e.n = 1 OR {split}
            WHERE a.setting IN {Admissions}
            ORDER BY a.activity_id, e.n
            """, "apc.csv");
        Copy("""
            SELECT person_id AS Der_Pseudo_NHS_Number, activity_id AS Attendance_Identifier, provider_code AS Provider_Code,
                start_date AS Appointment_Date, CASE setting WHEN 'outpatient_first' THEN '1' ELSE '2' END AS First_Attendance,
                '5' AS Attendance_Status, primary_diagnosis AS Primary_Diagnosis_Code, cost_gbp AS Grand_Total_Payment_MFF
            FROM v1_activity WHERE setting IN ('outpatient_first', 'outpatient_followup')
            UNION ALL
            SELECT person_id, activity_id || '-dna', provider_code, start_date, '2', '3', NULL, '0'
            FROM v1_activity WHERE setting = 'outpatient_followup' AND hash(activity_id) % 10 = 0
            ORDER BY 2
            """, "op.csv");
        Copy("""
            SELECT a.person_id AS Der_Pseudo_NHS_Number, a.activity_id AS EC_Attendance_Identifier, a.provider_code AS Provider_Code,
                a.start_date AS Arrival_Date, CASE WHEN hash(a.activity_id) % 4 = 0 THEN '03' ELSE '01' END AS EC_Department_Type,
                CAST(NULL AS VARCHAR) AS EC_Arrival_Mode_SNOMED_CT,
                (SELECT min(r.concept_id) FROM ae_conditions c JOIN rep r ON r.condition = c.condition
                 WHERE c.person_id = a.person_id AND c.on_date = a.start_date AND c.code = a.primary_diagnosis) AS EC_Diagnosis_01,
                CAST(NULL AS VARCHAR) AS EC_Discharge_Status_SNOMED_CT, a.cost_gbp AS Grand_Total_Payment_MFF
            FROM v1_activity a WHERE a.setting = 'ae_attendance'
            ORDER BY 2
            """, "ecds.csv");
        Copy($"""
            SELECT * FROM v1_activity
            WHERE setting NOT IN {Admissions} AND setting NOT IN ('outpatient_first', 'outpatient_followup', 'ae_attendance')
            ORDER BY activity_id
            """, "other_activity.csv");
    }

    /// <summary>Copies a shipped national lookup (reference/lookups/NAME) into a lookups folder.</summary>
    public static void WriteReferenceLookup(string lookupsDirectory, string name)
    {
        using var stream = typeof(SusExtract).Assembly.GetManifestResourceStream($"lookups/{name}")
            ?? throw new InvalidOperationException($"Lookup '{name}' is not embedded in Strata.Data.");
        using var file = File.Create(Path.Combine(lookupsDirectory, name));
        stream.CopyTo(file);
    }
}

using Strata.Data.Foundation;
using Strata.Data.Foundation.Import;

namespace Strata.Data.Tests.Foundation.Import;

/// <summary>One reject record as written to the rejects file.</summary>
public sealed record RejectRow(string File, long Line, string Field, string Reason, string? Value);

public sealed class ImporterTests : IDisposable
{
    private readonly ImportFolder _folder = new();

    private ImportOptions Options => new() { AsOf = ImportFolder.AsOf, RejectsFile = _folder.RejectsFile };

    [Fact]
    public void A_valid_set_loads_every_row_with_typed_values()
    {
        using var ws = Workspace.InMemory();
        var summary = Importer.Import(ws, _folder.Data, Options);

        Assert.Equal(["practices", "providers", "people", "conditions", "activity"], summary.Files.Select(f => f.Table));
        Assert.All(summary.Files, f => Assert.Equal((f.Read, f.Read, 0L), (f.Read, f.Loaded, f.Rejected)));
        Assert.Equal([2L, 2, 3, 3, 3], summary.Files.Select(f => f.Read));
        Assert.Equal("Beta, Practice", ws.Engine.Scalar<string>("SELECT practice_name FROM practices WHERE practice_code = 'A2'"));
        Assert.Null(ws.Engine.Scalar<string>("SELECT place_code FROM providers WHERE provider_code = 'R2'"));
        Assert.Equal("2024-06-30", ws.Engine.Scalar<string>("SELECT CAST(death_date AS VARCHAR) FROM people WHERE person_id = 'p2'"));
        Assert.Equal(2680.50m, ws.Engine.Scalar<decimal>("SELECT sum(cost_gbp) FROM activity"));
        Assert.Equal(2001, ws.Engine.Scalar<int>("SELECT year_of_birth FROM people WHERE person_id = 'p3'"));
        Assert.Empty(Rejects());
        Assert.Equal("file,line,field,reason,value", File.ReadLines(summary.RejectsFile).First());
    }

    [Fact]
    public void The_import_is_recorded_in_import_runs_and_strata_runs()
    {
        using var ws = Workspace.InMemory();
        var summary = Importer.Import(ws, _folder.Data, Options);

        Assert.Equal(5, ws.Engine.Scalar<long>($"SELECT count(*) FROM import_runs WHERE run_id = '{summary.RunId}'"));
        Assert.Equal(3, ws.Engine.Scalar<long>("SELECT rows_loaded FROM import_runs WHERE table_name = 'activity'"));
        Assert.Equal(new FileInfo(Path.Combine(_folder.Data, "people.csv")).Length,
            ws.Engine.Scalar<long>("SELECT size_bytes FROM import_runs WHERE table_name = 'people'"));
        Assert.Equal("import|format-v1", ws.Engine.Scalar<string>(
            $"SELECT stage || '|' || rule_version FROM strata_runs WHERE run_id = '{summary.RunId}'"));
    }

    public static TheoryData<string, string, string, string, string?> RejectReasons => new()
    {
        // table, appended line, field, reason, value
        { "practices", "A3,,N1,PL1,North,QXX", "practice_name", "missing required value", null },
        { "practices", "A1,Alpha Again,N1,PL1,North,QXX", "practice_code", "duplicate key; first occurrence on line 2", "A1" },
        { "providers", "R3,Mind Trust,mental_healthcare,PL1", "provider_type", "not one of: acute, community, mental_health, primary_care, ambulance, social_care, vcse, independent", "mental_healthcare" },
        { "providers", "R3,Hospice,vcse,PL9", "place_code", "no such place_code in practices", "PL9" },
        { "people", "p1,M,1960,,A1,,3,", "person_id", "duplicate key; first occurrence on line 2", "p1" },
        { "people", "p9,X,1950,,A1,,3,", "sex", "not one of: F, M, U", "X" },
        { "people", "p9,F,nineteen,,A1,,3,", "year_of_birth", "not a whole number", "nineteen" },
        { "people", "p9,F,1950.5,,A1,,3,", "year_of_birth", "not a whole number", "1950.5" },
        { "people", "p9,F,1899,,A1,,3,", "year_of_birth", "year of birth outside 1900..2025", "1899" },
        { "people", "p9,F,2026,,A1,,3,", "year_of_birth", "year of birth outside 1900..2025", "2026" },
        { "people", "p9,F,1950,2024-02-30,A1,,3,", "death_date", "not a date (yyyy-mm-dd)", "2024-02-30" },
        { "people", "p9,F,1950,2025-04-01,A1,,3,", "death_date", "date is in the future", "2025-04-01" },
        { "people", "p9,F,1950,1949-12-31,A1,,3,", "death_date", "death before year of birth", "1949-12-31" },
        { "people", "p9,F,1950,,Z9,,3,", "practice_code", "no such practice_code in practices", "Z9" },
        { "people", "p9,F,1950,,A1,,0,", "imd_decile", "imd_decile outside 1..10", "0" },
        { "people", "p9,F,1950,,A1,,11,", "imd_decile", "imd_decile outside 1..10", "11" },
        { "people", "p9,F,1950,,A1,,3,green", "ethnicity", "not one of: asian, black, mixed, white, other", "green" },
        { "conditions", "p9,strata,diabetes,2020-01-01", "person_id", "no such person_id in people", "p9" },
        { "conditions", "p1,read,X1,2020-01-01", "code_system", "not one of: strata, icd10, snomed", "read" },
        { "conditions", "p1,strata,gout,2020-01-01", "code", "not a condition in the strata vocabulary (codelists)", "gout" },
        { "conditions", "p1,icd10,,2020-01-01", "code", "missing required value", null },
        { "conditions", "p1,icd10,E11,1949-12-31", "recorded_on", "before the person's year of birth", "1949-12-31" },
        { "conditions", "p2,icd10,E11,2024-07-01", "recorded_on", "after the person's death", "2024-07-01" },
        { "conditions", "p1,icd10,E11,2025-04-01", "recorded_on", "date is in the future", "2025-04-01" },
        { "activity", "a1,p2,gp_appointment,R1,2024-01-01,,,10", "activity_id", "duplicate key; first occurrence on line 2", "a1" },
        { "activity", "a9,p9,gp_appointment,R1,2024-01-01,,,10", "person_id", "no such person_id in people", "p9" },
        { "activity", "a9,p1,hospice,R1,2024-01-01,,,10", "setting", "not one of: gp_appointment, ae_attendance, emergency_admission, elective_admission, daycase, outpatient_first, outpatient_followup, community_contact, mental_health_contact, maternity, social_care, ambulance_conveyance, prescribing", "hospice" },
        { "activity", "a9,p1,gp_appointment,R9,2024-01-01,,,10", "provider_code", "no such provider_code in providers", "R9" },
        { "activity", "a9,p1,gp_appointment,R1,01/02/2024,,,10", "start_date", "not a date (yyyy-mm-dd)", "01/02/2024" },
        { "activity", "a9,p1,gp_appointment,R1,2025-04-01,,,10", "start_date", "date is in the future", "2025-04-01" },
        { "activity", "a9,p3,gp_appointment,R1,2000-12-31,,,10", "start_date", "before the person's year of birth", "2000-12-31" },
        { "activity", "a9,p2,gp_appointment,R1,2024-07-01,,,10", "start_date", "after the person's death", "2024-07-01" },
        { "activity", "a9,p1,emergency_admission,R1,2024-01-10,2024-01-09,,10", "end_date", "end_date before start_date", "2024-01-09" },
        { "activity", "a9,p1,emergency_admission,R1,2025-03-30,2025-04-02,,10", "end_date", "date is in the future", "2025-04-02" },
        { "activity", "a9,p1,gp_appointment,R1,2024-01-01,,,ten", "cost_gbp", "not an amount (pounds, e.g. 123.45)", "ten" },
        { "activity", "a9,p1,gp_appointment,R1,2024-01-01,,,-0.01", "cost_gbp", "negative cost", "-0.01" },
        { "activity", "a9,p1,gp_appointment,R1,2024-01-01,,,", "cost_gbp", "missing required value", null },
        // Strict forms: the engine's own cast would accept each of these.
        { "activity", "a9,p1,gp_appointment,R1,2023/01/27,,,10", "start_date", "not a date (yyyy-mm-dd)", "2023/01/27" },
        { "activity", "a9,p1,gp_appointment,R1,2023-1-7,,,10", "start_date", "not a date (yyyy-mm-dd)", "2023-1-7" },
        { "activity", "a9,p1,gp_appointment,R1,2023-01-27T16:17:47Z,,,10", "start_date", "not a date (yyyy-mm-dd)", "2023-01-27T16:17:47Z" },
        { "activity", "a9,p1,gp_appointment,R1,2023-01-27 garbage,,,10", "start_date", "not a date (yyyy-mm-dd)", "2023-01-27 garbage" },
        { "activity", "a9,p1,gp_appointment,R1,2024-01-01,2024-01-02 00:00:00,,10", "end_date", "not a date (yyyy-mm-dd)", "2024-01-02 00:00:00" },
        { "people", "p9,F,1950,31/12/2020,A1,,3,", "death_date", "not a date (yyyy-mm-dd)", "31/12/2020" },
        { "activity", "a9,p1,gp_appointment,R1,2024-01-01,,,1e3", "cost_gbp", "not an amount (pounds, e.g. 123.45)", "1e3" },
        { "activity", "a9,p1,gp_appointment,R1,2024-01-01,,,\"1,000\"", "cost_gbp", "not an amount (pounds, e.g. 123.45)", "1,000" },
        { "activity", "a9,p1,gp_appointment,R1,2024-01-01,,,+10", "cost_gbp", "not an amount (pounds, e.g. 123.45)", "+10" },
        { "activity", "a9,p1,gp_appointment,R1,2024-01-01,,,1000000000000", "cost_gbp", "not an amount (pounds, e.g. 123.45)", "1000000000000" },
        { "people", "p9,F,1.95e3,,A1,,3,", "year_of_birth", "not a whole number", "1.95e3" },
        { "people", "p9,F,0x7B2,,A1,,3,", "year_of_birth", "not a whole number", "0x7B2" },
        // Every field: no NUL bytes, no value over the documented length (the rejects file gets a printable, short value).
        { "practices", "A3,Gamma\0Surgery,N1,PL1,North,QXX", "practice_name", "contains a NUL byte", "Gamma\\0Surgery" },
        { "practices", "A3," + new string('x', 256) + ",N1,PL1,North,QXX", "practice_name", "longer than 255 characters", new string('x', 255) + "..." },
        { "activity", "a9,p1,gp_appointment,R1,2024-01-01,,,1\0", "cost_gbp", "contains a NUL byte", "1\\0" },
    };

    [Theory]
    [MemberData(nameof(RejectReasons))]
    public void Each_rule_rejects_the_row_naming_file_line_field_and_reason(string table, string line, string field, string reason, string? value)
    {
        var lineNumber = _folder.Append(table, line);
        using var ws = Workspace.InMemory();
        var summary = Importer.Import(ws, _folder.Data, Options);

        var reject = Assert.Single(Rejects());
        Assert.Equal(new RejectRow(table + ".csv", lineNumber, field, reason, value), reject);
        var file = summary.Files.Single(f => f.Table == table);
        Assert.Equal((lineNumber - 1L, lineNumber - 2L, 1L), (file.Read, file.Loaded, file.Rejected));
        Assert.All(summary.Files.Where(f => f.Table != table), f => Assert.Equal(0, f.Rejected));
        Assert.Equal(lineNumber - 2L, ws.Engine.Scalar<long>($"SELECT count(*) FROM {table}"));
        Assert.Equal(1, ws.Engine.Scalar<long>("SELECT count(*) FROM import_rejects"));
    }

    [Fact]
    public void A_row_whose_parent_was_rejected_is_rejected_with_the_parents_reason()
    {
        var practiceLine = _folder.Append("practices", "A9,,N9,PL1,North,QXX");
        _folder.Append("people", "p8,F,1970,,A9,,2,");
        var personLine = _folder.Append("people", "p9,X,1970,,A1,,2,");
        var conditionLine = _folder.Append("conditions", "p9,icd10,E11,2020-01-01");
        var activityLine = _folder.Append("activity", "a9,p8,gp_appointment,R1,2024-01-01,,,10");
        using var ws = Workspace.InMemory();
        var summary = Importer.Import(ws, _folder.Data, Options);

        var fromPractice = $"practices line {practiceLine} was rejected: missing required value";
        Assert.Equal(
        [
            new("practices.csv", practiceLine, "practice_name", "missing required value", null),
            new("people.csv", personLine - 1, "practice_code", fromPractice, "A9"),
            new("people.csv", personLine, "sex", "not one of: F, M, U", "X"),
            new("conditions.csv", conditionLine, "person_id", $"people line {personLine} was rejected: not one of: F, M, U", "p9"),
            new("activity.csv", activityLine, "person_id", $"people line {personLine - 1} was rejected: {fromPractice}", "p8"),
        ], Rejects());
        Assert.Equal([1L, 0, 2, 1, 1], summary.Files.Select(f => f.Rejected));
    }

    [Fact]
    public void A_row_failing_several_rules_is_rejected_once_on_its_first_failing_field()
    {
        var line = _folder.Append("activity", "a9,p9,hospice,R9,soon,,,-1");
        using var ws = Workspace.InMemory();
        Importer.Import(ws, _folder.Data, Options);

        Assert.Equal([new RejectRow("activity.csv", line, "person_id", "no such person_id in people", "p9")], Rejects());
    }

    [Fact]
    public void Values_are_trimmed_and_an_empty_optional_value_is_null()
    {
        _folder.Append("people", " p9 , F , 1990 ,, A1 ,  , 4 , ");
        using var ws = Workspace.InMemory();
        Importer.Import(ws, _folder.Data, Options);

        Assert.Empty(Rejects());
        Assert.Equal("F|1990|A1|4|true|true", ws.Engine.Scalar<string>(
            "SELECT sex || '|' || year_of_birth || '|' || practice_code || '|' || imd_decile || '|' || (lsoa_code IS NULL) || '|' || (ethnicity IS NULL) FROM people WHERE person_id = 'p9'"));
    }

    [Fact]
    public void Care_home_and_housebound_are_optional_columns_of_zero_or_one()
    {
        // Without the two columns (the folder's people.csv) every flag is missing; with them, 0/1 load and 2 is rejected.
        using (var before = Workspace.InMemory())
        {
            Importer.Import(before, _folder.Data, Options);
            Assert.Equal(0L, before.Engine.Scalar<long>("SELECT count(*) FROM people WHERE care_home IS NOT NULL OR housebound IS NOT NULL"));
        }
        _folder.Replace("people", 1, "person_id,sex,year_of_birth,death_date,practice_code,lsoa_code,imd_decile,ethnicity,care_home,housebound");
        _folder.Replace("people", 2, "p1,F,1950,,A1,E01000001,3,white,1,0");
        _folder.Replace("people", 3, "p2,M,1980,2024-06-30,A2,,7,,,");
        _folder.Replace("people", 4, "p3,U,2001,,A1,E01000002,10,asian,0,1");
        _folder.Append("people", "p9,F,1950,,A1,,3,,2,0");
        using var ws = Workspace.InMemory();
        Importer.Import(ws, _folder.Data, Options);

        Assert.Equal([new RejectRow("people.csv", 5, "care_home", "not 0 or 1", "2")], Rejects());
        Assert.Equal("p1:1/0 p2:-/- p3:0/1", ws.Engine.Scalar<string>(
            "SELECT string_agg(person_id || ':' || coalesce(CAST(care_home AS VARCHAR), '-') || '/' || coalesce(CAST(housebound AS VARCHAR), '-'), ' ' ORDER BY person_id) FROM people"));
    }

    private List<RejectRow> Rejects() =>
    [
        .. CsvInput.Read(_folder.RejectsFile, "file", "line", "field", "reason", "value").Rows
            .Select(r => new RejectRow(r.Text("file"), r.Long("line"), r.Text("field"), r.Text("reason"), r.OptionalText("value"))),
    ];

    public void Dispose() => _folder.Dispose();
}

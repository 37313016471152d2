using Strata.Data.Foundation;
using Strata.Data.Foundation.Import;

namespace Strata.Data.Tests.Foundation.Import;

/// <summary>
/// The optional activity columns procedure_code (OPCS-4) and specialty_code (treatment function): a file may leave
/// them out (older v1 extracts), and when present every value is checked strictly.
/// </summary>
public sealed class ProcedureSpecialtyImportTests : IDisposable
{
    private const string Header = "activity_id,person_id,setting,provider_code,start_date,end_date,primary_diagnosis,cost_gbp,procedure_code,specialty_code";

    private readonly ImportFolder _folder = new();

    private ImportOptions Options => new() { AsOf = ImportFolder.AsOf, RejectsFile = _folder.RejectsFile };

    /// <summary>Rewrites the activity file with the two optional columns (existing rows get none).</summary>
    private void WithCodingColumns()
    {
        var lines = _folder.Lines("activity");
        _folder.Replace("activity", 1, Header);
        for (var i = 2; i <= lines.Count; i++)
        {
            _folder.Replace("activity", i, lines[i - 1] + ",,");
        }
    }

    [Fact]
    public void A_file_without_the_columns_loads_with_no_procedure_or_specialty()
    {
        using var ws = Workspace.InMemory();
        var summary = Importer.Import(ws, _folder.Data, Options);

        Assert.Equal(0, summary.Rejected);
        Assert.Equal(3, ws.Engine.Scalar<long>("SELECT count(*) FROM activity WHERE procedure_code IS NULL AND specialty_code IS NULL"));
    }

    [Fact]
    public void A_file_with_the_columns_loads_the_codes()
    {
        WithCodingColumns();
        _folder.Append("activity", "a9,p1,daycase,R1,2024-02-01,2024-02-01,M653,900,T723,110");
        _folder.Append("activity", "a10,p1,outpatient_first,R1,2024-01-05,,,150,,110");
        using var ws = Workspace.InMemory();
        var summary = Importer.Import(ws, _folder.Data, Options);

        Assert.Equal(0, summary.Rejected);
        Assert.Equal("T723|110", ws.Engine.Scalar<string>("SELECT procedure_code || '|' || specialty_code FROM activity WHERE activity_id = 'a9'"));
        Assert.Equal("-|110", ws.Engine.Scalar<string>("SELECT coalesce(procedure_code, '-') || '|' || specialty_code FROM activity WHERE activity_id = 'a10'"));
    }

    [Fact]
    public void Only_one_of_the_columns_may_be_given()
    {
        var lines = _folder.Lines("activity").ToList();
        _folder.Replace("activity", 1, lines[0] + ",procedure_code");
        for (var i = 2; i <= lines.Count; i++)
        {
            _folder.Replace("activity", i, lines[i - 1] + ",");
        }
        _folder.Append("activity", "a9,p1,elective_admission,R1,2024-02-01,2024-02-04,M179,6000,W401");
        using var ws = Workspace.InMemory();
        Importer.Import(ws, _folder.Data, Options);

        Assert.Equal("W401", ws.Engine.Scalar<string>("SELECT procedure_code FROM activity WHERE activity_id = 'a9'"));
        Assert.Equal(0, ws.Engine.Scalar<long>("SELECT count(specialty_code) FROM activity"));
    }

    [Theory]
    [InlineData("W40.1,110", "procedure_code", "not an OPCS-4 code (a letter and three digits, no dot, e.g. W401)", "W40.1")]
    [InlineData("w401,110", "procedure_code", "not an OPCS-4 code (a letter and three digits, no dot, e.g. W401)", "w401")]
    [InlineData("W40,110", "procedure_code", "not an OPCS-4 code (a letter and three digits, no dot, e.g. W401)", "W40")]
    [InlineData("W4011,110", "procedure_code", "not an OPCS-4 code (a letter and three digits, no dot, e.g. W401)", "W4011")]
    [InlineData("I401,110", "procedure_code", "not an OPCS-4 code (a letter and three digits, no dot, e.g. W401)", "I401")]   // OPCS-4 has no chapter I
    [InlineData("W401,11", "specialty_code", "not a treatment function code (three digits, e.g. 110)", "11")]
    [InlineData("W401,T&O", "specialty_code", "not a treatment function code (three digits, e.g. 110)", "T&O")]
    [InlineData("W401,1100", "specialty_code", "not a treatment function code (three digits, e.g. 110)", "1100")]
    public void A_bad_code_rejects_the_row_naming_file_line_field_and_reason(string codes, string field, string reason, string value)
    {
        WithCodingColumns();
        var line = _folder.Append("activity", $"a9,p1,elective_admission,R1,2024-02-01,2024-02-04,M179,6000,{codes}");
        using var ws = Workspace.InMemory();
        var summary = Importer.Import(ws, _folder.Data, Options);

        var reject = Assert.Single(CsvInput.Read(_folder.RejectsFile, "file", "line", "field", "reason", "value").Rows);
        Assert.Equal(new RejectRow("activity.csv", line, field, reason, value),
            new RejectRow(reject.Text("file"), reject.Long("line"), reject.Text("field"), reject.Text("reason"), reject.OptionalText("value")));
        var activity = summary.Files.Single(f => f.Table == "activity");
        Assert.Equal((4L, 3L, 1L), (activity.Read, activity.Loaded, activity.Rejected));
    }

    [Fact]
    public void The_boundary_codes_of_the_forms_are_accepted()
    {
        WithCodingColumns();
        _folder.Append("activity", "a9,p1,daycase,R1,2024-02-01,2024-02-01,,900,A000,000");
        _folder.Append("activity", "a10,p1,daycase,R1,2024-02-01,2024-02-01,,900,Z999,999");
        using var ws = Workspace.InMemory();
        Assert.Equal(0, Importer.Import(ws, _folder.Data, Options).Rejected);
    }

    [Fact]
    public void A_workspace_made_before_the_columns_existed_gains_them_on_open()
    {
        var path = Path.Combine(_folder.Root, "old.duckdb");
        using (var engine = new Strata.Data.Engine.DuckDbEngine(path))
        {
            engine.Execute("""
                CREATE TABLE activity (activity_id VARCHAR NOT NULL, person_id VARCHAR NOT NULL, setting VARCHAR NOT NULL,
                    provider_code VARCHAR NOT NULL, start_date DATE NOT NULL, end_date DATE, primary_diagnosis VARCHAR, cost_gbp DECIMAL(14,2) NOT NULL);
                INSERT INTO activity VALUES ('a1', 'p1', 'gp_appointment', 'G1', DATE '2024-01-01', NULL, NULL, 30);
                """);
        }
        using var ws = Workspace.Open(path);
        Assert.Equal(1, ws.Engine.Scalar<long>("SELECT count(*) FROM activity WHERE procedure_code IS NULL AND specialty_code IS NULL"));
    }

    public void Dispose() => _folder.Dispose();
}

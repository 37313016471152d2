using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Foundation.Import;

namespace Strata.Data.Tests.Foundation.Import;

/// <summary>Atomicity, idempotency, Parquet input and fatal (whole-import) errors.</summary>
public sealed class ImportTransactionTests : IDisposable
{
    private static readonly string[] Tracked = [.. Schema.CoreTables.Select(t => t.Name), "import_rejects", "import_runs", "strata_runs"];

    private readonly ImportFolder _folder = new();

    private ImportOptions Options => new() { AsOf = ImportFolder.AsOf, RejectsFile = _folder.RejectsFile };

    private string WorkspacePath => Path.Combine(_folder.Root, "w.duckdb");

    [Theory]
    [InlineData("practices")]
    [InlineData("people")]
    [InlineData("activity")]
    [InlineData("commit")]
    public void A_failure_midway_leaves_a_previously_imported_workspace_exactly_as_it_was(string failAfter)
    {
        using (var ws = Workspace.Open(WorkspacePath))
        {
            Importer.Import(ws, _folder.Data, Options);
        }
        var rejectsBefore = File.ReadAllText(_folder.RejectsFile);
        _folder.Append("people", "p9,F,1990,,A1,,4,");
        _folder.Append("activity", "a9,p9,gp_appointment,R1,2024-01-01,,,10");
        _folder.Append("activity", "a10,p9,nowhere,R1,2024-01-01,,,10");

        using (var ws = Workspace.Open(WorkspacePath))
        {
            var before = Checksums(ws.Engine);
            var e = Assert.Throws<InvalidOperationException>(() => Importer.Import(ws, _folder.Data, FailingAfter(failAfter)));
            Assert.Equal("injected failure", e.Message);
            Assert.Equal(before, Checksums(ws.Engine));
        }
        using (var reopened = Workspace.Open(WorkspacePath))
        {
            Assert.Equal(3, reopened.Engine.Scalar<long>("SELECT count(*) FROM people"));
            Assert.Equal(5, reopened.Engine.Scalar<long>("SELECT count(*) FROM import_runs"));
            Assert.False(reopened.Engine.TableExists("import_dups_people"));
        }
        Assert.Equal(rejectsBefore, File.ReadAllText(_folder.RejectsFile));
        Assert.False(File.Exists(_folder.RejectsFile + ".partial"));
    }

    [Fact]
    public void A_failure_midway_into_an_empty_workspace_leaves_it_empty()
    {
        using var ws = Workspace.Open(WorkspacePath);
        Assert.Throws<InvalidOperationException>(() => Importer.Import(ws, _folder.Data, FailingAfter("providers")));
        Assert.All(Schema.CoreTables, t => Assert.Equal(0, ws.Engine.Scalar<long>($"SELECT count(*) FROM {t.Name}")));
        Assert.False(File.Exists(_folder.RejectsFile));
    }

    [Fact]
    public void Importing_the_same_files_again_gives_the_same_tables()
    {
        _folder.Append("activity", "a9,p9,gp_appointment,R1,2024-01-01,,,10");
        using var ws = Workspace.Open(WorkspacePath);
        var first = Importer.Import(ws, _folder.Data, Options);
        var tablesAfterFirst = Checksums(ws.Engine, [.. Schema.CoreTables.Select(t => t.Name), "import_rejects"]);
        var rejectsAfterFirst = File.ReadAllText(_folder.RejectsFile);

        var second = Importer.Import(ws, _folder.Data, Options);

        Assert.Equal(tablesAfterFirst, Checksums(ws.Engine, [.. Schema.CoreTables.Select(t => t.Name), "import_rejects"]));
        Assert.Equal(rejectsAfterFirst, File.ReadAllText(_folder.RejectsFile));
        Assert.Equal(first.Files, second.Files);
        Assert.Equal(3, ws.Engine.Scalar<long>("SELECT count(*) FROM activity"));
        Assert.Equal(2, ws.Engine.Scalar<long>("SELECT count(DISTINCT run_id) FROM import_runs"));
    }

    [Fact]
    public void A_new_import_replaces_the_previous_data()
    {
        using var ws = Workspace.InMemory();
        Importer.Import(ws, _folder.Data, Options);
        _folder.Replace("activity", 4, "a4,p3,daycase,R1,2024-03-03,,,75");
        Importer.Import(ws, _folder.Data, Options);

        Assert.Equal("a1,a2,a4", ws.Engine.Scalar<string>("SELECT string_agg(activity_id, ',' ORDER BY activity_id) FROM activity"));
    }

    [Fact]
    public void Parquet_files_import_like_csv_and_rows_are_numbered_from_one()
    {
        var badRow = _folder.Append("people", "p9,X,1970,,A1,,2,") - 1;
        ToParquet();
        using var ws = Workspace.InMemory();
        var summary = Importer.Import(ws, _folder.Data, Options);

        Assert.Equal(["practices.parquet", "providers.parquet", "people.parquet", "conditions.parquet", "activity.parquet"], summary.Files.Select(f => f.File));
        Assert.Equal([2L, 2, 3, 3, 3], summary.Files.Select(f => f.Loaded));
        Assert.Equal(2680.50m, ws.Engine.Scalar<decimal>("SELECT sum(cost_gbp) FROM activity"));
        Assert.Equal("people.parquet|4|sex|X", ws.Engine.Scalar<string>("SELECT file || '|' || line || '|' || field || '|' || value FROM import_rejects"));
        Assert.Equal(4, badRow);
    }

    [Fact]
    public void A_missing_file_is_a_fatal_error_naming_it()
    {
        File.Delete(Path.Combine(_folder.Data, "conditions.csv"));
        using var ws = Workspace.InMemory();
        var e = Assert.Throws<InputException>(() => Importer.Import(ws, _folder.Data, Options));
        Assert.EndsWith("conditions.csv", e.File, StringComparison.Ordinal);
        Assert.Contains("required file missing: conditions.csv or conditions.parquet", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_a_csv_and_a_parquet_file_for_one_table_is_a_fatal_error()
    {
        ToParquet();
        _folder.Write();
        using var ws = Workspace.InMemory();
        var e = Assert.Throws<InputException>(() => Importer.Import(ws, _folder.Data, Options));
        Assert.Contains("both practices.csv and practices.parquet exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_column_is_a_fatal_error_naming_file_and_column_and_nothing_changes()
    {
        using var ws = Workspace.InMemory();
        Importer.Import(ws, _folder.Data, Options);
        _folder.Replace("people", 1, "person_id,sex,yob,death_date,practice_code,lsoa_code,imd_decile,ethnicity");

        var e = Assert.Throws<InputException>(() => Importer.Import(ws, _folder.Data, Options));
        Assert.Equal((1L, "year_of_birth"), (e.Line, e.Field));
        Assert.EndsWith("people.csv", e.File, StringComparison.Ordinal);
        Assert.Contains("required column missing", e.Reason, StringComparison.Ordinal);
        Assert.Equal(3, ws.Engine.Scalar<long>("SELECT count(*) FROM people"));
    }

    [Fact]
    public void An_unexpected_column_is_a_fatal_error_naming_it()
    {
        _folder.Replace("providers", 1, "provider_code,provider_name,provider_type,place_code,beds");
        for (var line = 2; line <= 3; line++)
        {
            _folder.Replace("providers", line, _folder.Lines("providers")[line - 1] + ",100");
        }
        using var ws = Workspace.InMemory();
        var e = Assert.Throws<InputException>(() => Importer.Import(ws, _folder.Data, Options));
        Assert.Equal((1L, "beds"), (e.Line, e.Field));
        Assert.Contains("unexpected column", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_column_is_a_fatal_error_naming_it()
    {
        _folder.Replace("practices", 1, "practice_code,practice_name,neighbourhood_code,place_code,place_name,icb_code,place_code");
        using var ws = Workspace.InMemory();
        var e = Assert.Throws<InputException>(() => Importer.Import(ws, _folder.Data, Options));
        Assert.Equal((1L, "place_code", "column appears more than once"), (e.Line, e.Field, e.Reason));
    }

    [Fact]
    public void A_malformed_csv_record_is_a_fatal_error_naming_file_and_line_and_nothing_changes()
    {
        using var ws = Workspace.InMemory();
        Importer.Import(ws, _folder.Data, Options);
        var line = _folder.Append("activity", "a9,p1,gp_appointment,R1,2024-01-01,,,10,surplus");

        var e = Assert.Throws<InputException>(() => Importer.Import(ws, _folder.Data, Options));
        Assert.EndsWith("activity.csv", e.File, StringComparison.Ordinal);
        Assert.Equal(line, e.Line);
        Assert.Equal("malformed record: expected 8 fields, found 9", e.Reason);
        Assert.Equal(3, ws.Engine.Scalar<long>("SELECT count(*) FROM activity"));
    }

    [Fact]
    public void A_header_only_file_loads_no_rows()
    {
        File.WriteAllText(Path.Combine(_folder.Data, "conditions.csv"), _folder.Lines("conditions")[0] + "\n");
        using var ws = Workspace.InMemory();
        var summary = Importer.Import(ws, _folder.Data, Options);
        Assert.Equal((0L, 0L, 0L), summary.Files.Where(f => f.Table == "conditions").Select(f => (f.Read, f.Loaded, f.Rejected)).Single());
    }

    private ImportOptions FailingAfter(string step) => Options with
    {
        AfterStep = s =>
        {
            if (s == step)
            {
                throw new InvalidOperationException("injected failure");
            }
        },
    };

    /// <summary>Each file rewritten as typed Parquet (the CSV removed), as a producer would write it.</summary>
    private void ToParquet()
    {
        using var engine = DuckDbEngine.InMemory();
        foreach (var table in Schema.CoreTables)
        {
            var csv = Path.Combine(_folder.Data, table.Name + ".csv");
            engine.Execute(engine.Dialect.CopyTo($"SELECT * FROM read_csv({engine.Dialect.Quote(csv)}, header = true)",
                Path.Combine(_folder.Data, table.Name + ".parquet"), "parquet"));
            File.Delete(csv);
        }
    }

    private static List<string> Checksums(IEngine engine, IEnumerable<string>? tables = null) =>
    [
        .. (tables ?? Tracked).Select(t => t + ":" + engine.Scalar<string>(
            $"SELECT count(*) || '/' || coalesce(CAST(sum(hash(t)) AS VARCHAR), '-') FROM {t} t")),
    ];

    public void Dispose() => _folder.Dispose();
}

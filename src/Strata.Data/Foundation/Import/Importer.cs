using System.Globalization;
using System.Text.Json;
using Strata.Data.Engine;

namespace Strata.Data.Foundation.Import;

/// <summary>Per-file reconciliation: Read = Loaded + Rejected, always.</summary>
public sealed record FileImportSummary(string Table, string File, long Read, long Loaded, long Rejected);

/// <summary>What one import did: per-file reconciliation, where the rejected rows went, and its run id.</summary>
public sealed record ImportSummary(IReadOnlyList<FileImportSummary> Files, string RejectsFile, string RunId)
{
    public long Rejected => Files.Sum(f => f.Rejected);

    /// <summary>The format imported: <c>v1</c>, or a mapping and its version such as <c>synthea-v1</c>.</summary>
    public string Format { get; init; } = Importer.FormatVersion;

    /// <summary>Things the data owner should know that are not errors (e.g. source columns the mapping does not use).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>Choices for one import; the defaults suit the CLI.</summary>
public sealed record ImportOptions
{
    /// <summary>Where rejected rows are written; default next to the workspace file (see <see cref="Importer.DefaultRejectsFile"/>).</summary>
    public string? RejectsFile { get; init; }

    /// <summary>The date against which "in the future" and the latest year of birth are judged; default today (UTC).</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>The source format (<see cref="SourceMappings.Formats"/>); default <c>strata</c>, import format v1 itself.</summary>
    public string Format { get; init; } = SourceMappings.Strata;

    /// <summary>A user's mapping file (JSON) renaming columns and overriding value maps of a built-in mapping.</summary>
    public string? MappingFile { get; init; }

    /// <summary>Folder of user-supplied lookup files a mapping needs (e.g. imd.csv: area code → IMD decile).</summary>
    public string? LookupsDirectory { get; init; }

    /// <summary>Test hook: called inside the transaction after each table loads and before commit ("commit").</summary>
    internal Action<string>? AfterStep { get; init; }
}

/// <summary>
/// Validated, atomic, idempotent import of format v1 files into a workspace (docs/data-format.md).
/// Every check runs as SQL in the engine: each file is read as text and one query per file loads the rows that pass
/// every rule; the rejected rows, numbered by their line in the file, are written by a second query only when there
/// are any. The activity file is parsed two or three times but written once.
/// </summary>
public static class Importer
{
    public const string FormatVersion = "v1";

    public static ImportSummary Import(Workspace workspace, string directory, Action<double, string>? progress = null) =>
        Import(workspace, directory, new ImportOptions(), progress);

    public static ImportSummary Import(Workspace workspace, string directory, ImportOptions options, Action<double, string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(options);
        progress ??= (_, _) => { };
        var engine = workspace.Engine;
        var dir = Path.GetFullPath(directory);
        if (!Directory.Exists(dir))
        {
            throw new InputException(dir, 0, null, "import folder not found");
        }
        var user = options.MappingFile is { } m ? SourceMappings.ReadOverride(m) : null;
        var mapping = options.Format == SourceMappings.Strata ? null : SourceMappings.Get(options.Format).With(user);
        var notes = new List<string>();
        progress(0, "Checking columns");
        var sources = mapping is null ? null : Staging.Find(engine, dir, mapping, user, notes);
        var files = mapping is null ? Schema.CoreTables.Select(t => InputFile.Find(dir, t)).ToList() : [];
        foreach (var file in files)
        {
            CheckColumns(engine, file);
        }
        var format = mapping is null ? FormatVersion : mapping.Version.Length == 0 ? mapping.Format : $"{mapping.Format}-{mapping.Version}";

        var plans = ImportRules.Plans(engine.Dialect, options.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow));
        var rejectsFile = Path.GetFullPath(options.RejectsFile ?? DefaultRejectsFile(workspace, dir));
        var partial = rejectsFile + ".partial";
        var totalBytes = Math.Max(1, mapping is null ? files.Sum(f => f.Size) : sources!.Sum(s => new FileInfo(s.Path).Length));
        var summaries = new List<FileImportSummary>();
        var runId = "";
        try
        {
            engine.InTransaction(() =>
            {
                Prepare(engine);
                if (mapping is not null)
                {
                    progress(0, $"Reading the {mapping.Format} extract");
                    files.AddRange(Staging.Stage(engine, mapping, sources!, options.LookupsDirectory));
                    notes.AddRange(Staging.WriteSideTables(engine, mapping, sources!));
                }
                long done = 0;
                var share = mapping is null ? 0 : 1.0 / Math.Max(1, files.Count);
                foreach (var plan in plans)
                {
                    foreach (var file in files.Where(f => f.Table == plan.Table))
                    {
                        var start = mapping is null ? (double)done / totalBytes : files.IndexOf(file) * share;
                        var part = mapping is null ? (double)file.Size / totalBytes : share;
                        summaries.Add(LoadTable(engine, plan, file, plans, (f, what) => progress(start + f * part, $"{file.Name}: {what}")));
                        done += file.Size;
                    }
                    options.AfterStep?.Invoke(plan.Table.Name);
                }
                notes.AddRange(Staging.RecordEstimatedCosts(engine, files));
                if (mapping is not null)
                {
                    notes.AddRange(Staging.FinishSideTables(engine, mapping, sources!));
                }
                notes.AddRange(Readmissions.Derive(engine));
                progress(1, "Recording the import");
                files = [.. plans.SelectMany(p => files.Where(f => f.Table == p.Table))];
                runId = Record(engine, dir, files, summaries, rejectsFile, format);
                // Record keys for disclosure control are made once here, not on every keyed read.
                DisclosureKeys.Ensure(engine);
                var order = string.Join(" ", Schema.CoreTables.Select((t, i) => $"WHEN '{t.Name}' THEN {i}"));
                Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
                engine.Export(
                    $"SELECT file, line, field, reason, value FROM import_rejects ORDER BY CASE table_name {order} END, file, line",
                    partial, "csv");
                DropWorkTables(engine);
                if (mapping is not null)
                {
                    Staging.Drop(engine, mapping);
                }
                options.AfterStep?.Invoke("commit");
            });
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        File.Move(partial, rejectsFile, overwrite: true);
        return new ImportSummary(summaries, rejectsFile, runId) { Format = format, Notes = notes };
    }

    /// <summary>Next to the workspace file (<c>W.rejects.csv</c>); for an in-memory or server workspace, next to the folder.</summary>
    public static string DefaultRejectsFile(Workspace workspace, string directory) =>
        workspace.Location == ":memory:" || PostgresEngine.IsUri(workspace.Location)
            ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + ".rejects.csv"
            : workspace.Location + ".rejects.csv";

    /// <summary>Checks the file's columns against the format and returns them; an optional column may be left out.</summary>
    private static IReadOnlyList<string> CheckColumns(IEngine engine, InputFile file)
    {
        IReadOnlyList<string> names;
        if (file.Header is { } header)
        {
            names = header;
        }
        else if (engine.Dialect.ReadsClientFiles || file.Stage is not null)
        {
            names = Probe(engine, file);
        }
        else
        {
            using IEngine reader = DuckDbEngine.InMemory();
            names = Probe(reader, file);
        }
        var expected = file.Table.Columns.Select(c => c.Name).ToList();
        var optional = file.Table.Columns.Where(c => c.Optional).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        file.Absent = optional.Where(c => !names.Contains(c, StringComparer.Ordinal)).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in expected.Where(c => !names.Contains(c, StringComparer.Ordinal) && !optional.Contains(c)))
        {
            throw new InputException(file.Path, 1, missing, $"required column missing (the file has: {string.Join(", ", names)})");
        }
        foreach (var extra in names.Where(c => !expected.Contains(c, StringComparer.Ordinal)))
        {
            throw new InputException(file.Path, 1, extra, $"unexpected column (format {FormatVersion} {file.Table.Name} has: {string.Join(", ", expected)})");
        }
        return names;
    }

    /// <summary>A Parquet file's column names, as the engine sees them.</summary>
    private static IReadOnlyList<string> Probe(IEngine engine, InputFile file)
    {
        try
        {
            return Staging.Columns(engine, file.Read(engine.Dialect));
        }
        catch (EngineException e)
        {
            throw Unreadable(file, e);
        }
    }

    /// <summary>
    /// A file the engine cannot read (corrupt Parquet; CSV faults are found by <see cref="CsvLayout"/> first) as an
    /// input error about the whole file. The engine's message is kept up to its list of reader options, which would
    /// only confuse here; its line numbers are not trusted. Any "Original Line" quotes a record (a pseudonymised id and
    /// personal fields), so it is never kept: the message goes to web jobs and the audit log, which every signed-in
    /// user can read.
    /// </summary>
    private static InputException Unreadable(InputFile file, EngineException e)
    {
        const long line = 0;
        var detail = string.Join("; ", e.Message.Split("Possible fixes")[0].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("Original Line", StringComparison.OrdinalIgnoreCase)));
        return new InputException(file.Path, line, null, $"cannot read the file: {detail}");
    }

    private static void Prepare(IEngine engine)
    {
        engine.CreateTable(Tables.ImportRejects);
        engine.CreateTable(Tables.ImportRuns);
        engine.Execute("DELETE FROM import_rejects");
        engine.CreateTable(Tables.CostEstimates);
        engine.Execute($"DELETE FROM {NationalPrices.EstimatesTable}");
        // Side tables belong to the import that wrote them: an import of another format must not leave them behind.
        foreach (var side in SourceMappings.Formats.Where(f => f != SourceMappings.Strata).SelectMany(f => SourceMappings.Get(f).Side).Select(s => s.Table).Distinct())
        {
            engine.Execute($"DROP TABLE IF EXISTS {side}");
        }
        DropWorkTables(engine);
        // Replace, never append: children first so a future foreign key would not object.
        foreach (var table in Schema.CoreTables.Reverse())
        {
            engine.Execute($"DELETE FROM {table.Name}");
        }
    }

    private static void DropWorkTables(IEngine engine)
    {
        foreach (var table in Schema.CoreTables)
        {
            engine.Execute($"DROP TABLE IF EXISTS import_dups_{table.Name}; DROP TABLE IF EXISTS import_keys_{table.Name}; DROP TABLE IF EXISTS import_lines_{table.Name}; DROP TABLE IF EXISTS import_src_{table.Name}");
        }
    }

    /// <summary>
    /// Loads one file, writing its rows once: count the records (C# scan, which also proves most files' keys
    /// distinct); find duplicate keys in the engine unless the scan did (key column only);
    /// insert every row that passes every rule, the rules evaluated in the same scan that writes. Only when some row
    /// was not loaded is the file read once more to write the rejects (every rule evaluated once per row, the failing
    /// one named), and read = loaded + rejected is checked. A parent table's keys for its children's rules come from
    /// the loaded table itself when nothing was rejected, else from one more scan that keeps rejected keys' reasons.
    /// </summary>
    private static FileImportSummary LoadTable(IEngine engine, TablePlan plan, InputFile file, IReadOnlyList<TablePlan> plans, Action<double, string> progress)
    {
        var dialect = engine.Dialect;
        var table = plan.Table;
        var name = dialect.Quote(table.Name);
        progress(0, "counting rows");
        var stagedHere = !dialect.ReadsClientFiles && file.Stage is null;
        if (stagedHere)
        {
            try
            {
                file = StagedOnClient(engine, file);
            }
            catch (EngineException e)
            {
                throw Unreadable(file, e);
            }
        }
        var keys = file.IsCsv && !stagedHere && plan.Key is { } k ? new CsvLayout.KeyCheck(file.Header!.ToList().IndexOf(k.Name)) : null;
        var (read, lineMap) = file.IsCsv && !stagedHere ? ScanCsv(engine, file, keys) : (-1, null);
        // Staged rows (a mapped extract) name the source file's own columns in rejects.
        var field = file.FieldNames.Count == 0 ? "reject_field"
            : $"CASE reject_field {string.Concat(file.FieldNames.Select(f => $"WHEN {dialect.Quote(f.Key)} THEN {dialect.Quote(f.Value)} "))}ELSE reject_field END";
        string Typed(bool numbered) =>
            $"SELECT s.*, {string.Join(", ", table.Columns.Select(c => $"{ImportRules.Typed(dialect, c, "s")} AS v_{c.Name}"))} FROM ({SourceSql(dialect, file, numbered, lineMap)}) s";
        var typedRows = Typed(numbered: true);
        var rejectedLines = $"(SELECT line, reason FROM import_rejects WHERE table_name = {name} AND file = {dialect.Quote(file.Name)})";
        try
        {
            if (read < 0)
            {
                read = engine.Scalar<long>($"SELECT count(*) FROM {file.Read(dialect)}");
            }
            var checks = plan;
            if (plan.Key is { } key)
            {
                progress(0.05, "finding duplicate keys");
                // The record scan proves most files' keys distinct; otherwise the engine finds the repeats exactly.
                if (keys is { Distinct: true })
                {
                    engine.Execute($"DROP TABLE IF EXISTS {plan.DuplicatesTable}; CREATE TEMP TABLE {plan.DuplicatesTable} (key VARCHAR, first_line BIGINT)");
                    checks = plan.WithoutDuplicateKeys();
                }
                else if (!FindDuplicates(engine, plan, key, file, lineMap))
                {
                    // No key repeats: the duplicate rule cannot fail, and without it no rule needs the line.
                    checks = plan.WithoutDuplicateKeys();
                }
            }
            var needsLine = checks.Rules.Any(r => r.DuplicateKey);
            progress(0.25, "loading valid rows");
            var loaded = engine.Execute($"""
                INSERT INTO {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Name))})
                SELECT {string.Join(", ", table.Columns.Select(c => "v.v_" + c.Name))}
                FROM ({Typed(numbered: needsLine)}) v
                {string.Join("\n", checks.Joins)}
                WHERE NOT coalesce({string.Join(" OR ", checks.Rules.Select(r => $"({r.FailsWhen})"))}, false)
                """);
            var rejected = 0L;
            if (loaded != read)
            {
                progress(0.75, "writing rejected rows");
                rejected = engine.Execute($"""
                    INSERT INTO import_rejects
                    SELECT {name}, {dialect.Quote(file.Name)}, line, {field}, reject_reason, reject_value
                    FROM ({CheckedSql(dialect, checks, typedRows)}) c WHERE reject_field IS NOT NULL
                    """);
            }
            if (read != loaded + rejected)
            {
                throw new InvalidOperationException(
                    $"Import bug: {file.Name} read {read} rows but loaded {loaded} and rejected {rejected}; nothing was committed.");
            }
            if (plan.Key is { } parentKey && plans.Any(p => p.Joins.Any(j => j.Contains(plan.KeysTable, StringComparison.Ordinal))))
            {
                progress(0.95, "indexing keys for dependent files");
                engine.Execute(rejected == 0
                    ? $"""
                        CREATE TEMP TABLE {plan.KeysTable} AS
                        SELECT {parentKey.Name} AS key, CAST(NULL AS BIGINT) AS line, CAST(NULL AS VARCHAR) AS reject_reason{string.Concat(plan.KeyExtras.Select(e => ", " + e))}
                        FROM {table.Name}
                        """
                    : $"""
                        CREATE TEMP TABLE {plan.KeysTable} AS
                        SELECT v.{parentKey.Name} AS key, v.line, r.reason AS reject_reason{string.Concat(plan.KeyExtras.Select(e => $", v.v_{e} AS {e}"))}
                        FROM ({typedRows}) v
                        LEFT JOIN {rejectedLines} r ON r.line = v.line
                        LEFT JOIN {plan.DuplicatesTable} d ON d.key = v.{parentKey.Name}
                        WHERE v.{parentKey.Name} IS NOT NULL AND (d.first_line IS NULL OR v.line = d.first_line)
                        """);
            }
            progress(1, "done");
            return new FileImportSummary(table.Name, file.Name, read, loaded, rejected);
        }
        catch (EngineException e)
        {
            throw Unreadable(file, e);
        }
    }

    /// <summary>
    /// Keys that repeat, with the line of their first occurrence. Grouping fixed-size hashes first is much cheaper
    /// than grouping tens of millions of text keys; only keys whose hash repeats are then grouped exactly.
    /// </summary>
    /// <returns>Whether any key repeats.</returns>
    private static bool FindDuplicates(IEngine engine, TablePlan plan, ColumnSpec key, InputFile file, string? lineMap)
    {
        var dialect = engine.Dialect;
        var keyText = $"NULLIF(trim(CAST({key.Name} AS VARCHAR)), '')";
        // A mapped extract may load one table from several files (activity from APC, OP, ECDS): keys are per file.
        engine.Execute($"DROP TABLE IF EXISTS {plan.DuplicatesTable}");
        engine.Execute($"""
            CREATE TEMP TABLE import_candidates AS
            SELECT {dialect.Hash(keyText)} AS h FROM {file.Read(dialect)} WHERE {keyText} IS NOT NULL
            GROUP BY {dialect.Hash(keyText)} HAVING count(*) > 1
            """);
        var candidates = engine.Scalar<long>("SELECT count(*) FROM import_candidates");
        engine.Execute(candidates == 0
            ? $"CREATE TEMP TABLE {plan.DuplicatesTable} (key VARCHAR, first_line BIGINT)"
            : $"""
                CREATE TEMP TABLE {plan.DuplicatesTable} AS
                SELECT {key.Name} AS key, min(line) AS first_line FROM ({SourceSql(dialect, file, numbered: true, lineMap)}) s
                WHERE {dialect.Hash(key.Name)} IN (SELECT h FROM import_candidates)
                GROUP BY {key.Name} HAVING count(*) > 1
                """);
        engine.Execute("DROP TABLE import_candidates");
        return candidates > 0 && engine.Scalar<long>($"SELECT count(*) FROM {plan.DuplicatesTable}") > 0;
    }

    /// <summary>
    /// The file's rows in file order with their line numbers (CSV: header is line 1; Parquet: first row is 1),
    /// every column as trimmed text with empty meaning missing. An empty OVER () numbers rows in scan order because
    /// the engine preserves insertion order (DuckDB's default; import must not switch it off).
    /// </summary>
    private static string SourceSql(ISqlDialect dialect, InputFile file, bool numbered, string? lineMap)
    {
        var names = file.Table.Columns.Select(c => c.Name).ToList();
        if (file.Stage is { } stage)
        {
            return $"SELECT {(numbered ? "line, " : "")}{string.Join(", ", names)} FROM {stage}";
        }
        // An optional column the file leaves out reads as missing in every row.
        var present = file.Header ?? names;
        bool Has(string n) => file.Header is null ? !file.Absent.Contains(n) : present.Contains(n, StringComparer.Ordinal);
        return CsvLayout.RowsSql(file.Read(dialect), names.Select(n => (Has(n) ? n : "NULL", n)), numbered, file.IsCsv ? 1 : 0, lineMap);
    }

    /// <summary>
    /// For an engine that cannot read this machine's files (PostgreSQL, Citus): the file's rows as text with their line
    /// numbers, read here by an embedded DuckDB with the same reader and line numbering as a DuckDB workspace, sent
    /// through the engine's binary COPY into a scratch table; the checks then run in the engine as for a mapped extract.
    /// </summary>
    private static InputFile StagedOnClient(IEngine engine, InputFile file)
    {
        var staged = "import_src_" + file.Table.Name;
        var names = file.Table.Columns.Select(c => c.Name).ToList();
        engine.Execute($"DROP TABLE IF EXISTS {staged}");
        engine.Execute($"CREATE TEMP TABLE {staged} (line BIGINT NOT NULL, {string.Join(", ", names.Select(n => n + " VARCHAR"))})");
        using var reader = DuckDbEngine.InMemory();
        var lineMap = file.IsCsv ? ScanCsv(reader, file).LineMap : null;
        using (var append = engine.Append(staged))
        {
            reader.Stream(CsvLayout.RowsSql(file.Read(reader.Dialect), names.Select(n => (n, n)), numbered: true, file.IsCsv ? 1 : 0, lineMap), r =>
            {
                var values = new object?[r.FieldCount];
                values[0] = r.GetInt64(0);
                for (var i = 1; i < values.Length; i++)
                {
                    values[i] = r.IsDBNull(i) ? null : r.GetString(i);
                }
                append.Row(values);
            });
        }
        return file with { Stage = staged };
    }

    private static (long Read, string? LineMap) ScanCsv(IEngine engine, InputFile file, CsvLayout.KeyCheck? keys = null) =>
        CsvLayout.ScanInto(engine, file.Path, file.Header!.Count, "import_lines_" + file.Table.Name, keys);

    /// <summary>
    /// The rejected rows with their first failing rule (field, reason, value). The WHERE evaluates the rules once
    /// per row; the CASEs that name the failing rule then run on the few rejected rows only.
    /// </summary>
    private static string CheckedSql(ISqlDialect dialect, TablePlan plan, string typedRows)
    {
        string Case(Func<Rule, string> then) =>
            "CASE " + string.Concat(plan.Rules.Select(r => $"WHEN {r.FailsWhen} THEN {then(r)} ")) + "END";
        return $"""
            SELECT v.line,
                {Case(r => dialect.Quote(r.Field))} AS reject_field,
                {Case(r => r.Reason)} AS reject_reason,
                {Case(r => r.Value ?? "v." + r.Field)} AS reject_value
            FROM ({typedRows}) v
            {string.Join("\n", plan.Joins)}
            WHERE {string.Join(" OR ", plan.Rules.Select(r => $"({r.FailsWhen})"))}
            """;
    }

    private static string Record(IEngine engine, string dir, List<InputFile> files, List<FileImportSummary> summaries, string rejectsFile, string format)
    {
        var parameters = JsonSerializer.Serialize(new
        {
            directory = dir,
            format_version = format,
            rejects_file = rejectsFile,
            files = summaries.Select(s => new { table = s.Table, file = s.File, read = s.Read, loaded = s.Loaded, rejected = s.Rejected }),
        });
        var runId = RunLog.Record(engine, "import", "format-" + format, null, parameters);
        var now = DateTime.UtcNow;
        using var append = engine.Append("import_runs");
        foreach (var (file, s) in files.Zip(summaries))
        {
            append.Row(runId, now, format, s.Table, file.Path, file.Size, file.ModifiedUtc, s.Read, s.Loaded, s.Rejected, rejectsFile);
        }
        return runId;
    }
}

/// <summary>
/// One input file of the import folder: <c>&lt;table&gt;.csv</c> or <c>&lt;table&gt;.parquet</c>, never both.
/// A CSV file's header is read here, so the engine reads exactly those columns and guesses nothing.
/// </summary>
internal sealed record InputFile(TableSpec Table, string Path, bool IsCsv, long Size, DateTime ModifiedUtc, IReadOnlyList<string>? Header)
{
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>For a mapped extract: the temp table of this file's rows already mapped to the table's columns (line + text).</summary>
    public string? Stage { get; init; }

    /// <summary>Optional columns a Parquet file does not have (a CSV file's are found from its header).</summary>
    public IReadOnlySet<string> Absent { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>For a mapped activity pass: empty costs were estimated from the national price table (stage column cost_basis).</summary>
    public bool EstimatesCost { get; init; }

    /// <summary>For a mapped extract: v1 column → the source column it came from, for reject records.</summary>
    public IReadOnlyDictionary<string, string> FieldNames { get; init; } = new Dictionary<string, string>();

    public string Read(ISqlDialect dialect) => Stage ?? (IsCsv ? dialect.ReadCsvAsText(Path, Header) : dialect.ReadParquet(Path));

    public static InputFile Find(string dir, TableSpec table)
    {
        var csv = new FileInfo(System.IO.Path.Combine(dir, table.Name + ".csv"));
        var parquet = new FileInfo(System.IO.Path.Combine(dir, table.Name + ".parquet"));
        if (csv.Exists && parquet.Exists)
        {
            throw new InputException(csv.FullName, 0, null, $"both {csv.Name} and {parquet.Name} exist; keep one of them");
        }
        var file = csv.Exists ? csv : parquet.Exists ? parquet
            : throw new InputException(csv.FullName, 0, null, $"required file missing: {table.Name}.csv or {table.Name}.parquet");
        return new InputFile(table, file.FullName, file == csv, file.Length, file.LastWriteTimeUtc, file == csv ? ReadHeader(file.FullName) : null);
    }

    private static IReadOnlyList<string> ReadHeader(string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var first = reader.ReadLine() ?? "";
        return CsvInput.Parse(new StringReader(first), path).Header;
    }
}

using System.Text.RegularExpressions;
using Strata.Data.Engine;

namespace Strata.Data.Foundation.Import;

/// <summary>A source file found in the import folder: its header and which of its columns feed each mapping column.</summary>
internal sealed record FoundSource(string Name, SourceFile Spec, string Path, IReadOnlyList<string> Header, IReadOnlyDictionary<string, string?> Actual)
{
    public string Table => "import_src_" + Name;

    /// <summary>The file as found: the CSV the mapping names, or a Parquet file of the same name in its place.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    public bool IsParquet => Path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Turns a mapped extract into staged format v1 rows inside the engine: each source file is read as text with its own
/// line numbers, each <see cref="TargetPass"/> becomes one SQL SELECT over it, and the importer then checks and
/// loads the staged rows exactly as it would v1 files, naming the source file, line and column in every reject.
/// </summary>
internal static partial class Staging
{
    /// <summary>Finds every source file and checks its header: a missing column is fatal, an unknown one only noted.</summary>
    public static IReadOnlyList<FoundSource> Find(IEngine engine, string dir, SourceMapping mapping, MappingOverride? user, List<string> notes)
    {
        var found = new List<FoundSource>();
        foreach (var (name, spec) in mapping.Sources)
        {
            var csv = System.IO.Path.Combine(dir, spec.File);
            var parquet = System.IO.Path.ChangeExtension(csv, ".parquet");
            if (File.Exists(csv) && File.Exists(parquet))
            {
                throw new InputException(csv, 0, null, $"both {spec.File} and {System.IO.Path.GetFileName(parquet)} exist; keep one of them");
            }
            var path = File.Exists(parquet) ? parquet : csv;
            if (!File.Exists(path) && !spec.Required)
            {
                notes.Add($"{spec.File}: not in the folder (optional)");
                continue;
            }
            if (!File.Exists(path))
            {
                throw new InputException(path, 0, null, $"required file missing: {spec.File} ({mapping.Format} extract; or {System.IO.Path.GetFileName(parquet)})");
            }
            IReadOnlyList<string> header;
            if (path == parquet)
            {
                header = ParquetColumns(engine, path);
            }
            else
            {
                using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
                header = CsvInput.Parse(new StringReader(reader.ReadLine() ?? ""), path).Header;
            }
            var renames = user?.Rename.GetValueOrDefault(spec.File) ?? new Dictionary<string, string>();
            var actual = new Dictionary<string, string?>();
            foreach (var column in spec.Columns)
            {
                var theirs = renames.FirstOrDefault(r => r.Value == column).Key ?? column;
                var match = header.FirstOrDefault(h => string.Equals(h, theirs, StringComparison.OrdinalIgnoreCase));
                if (match is null && !spec.Optional.Contains(column))
                {
                    throw new InputException(path, 1, theirs,
                        $"required column missing for the {mapping.Format} mapping (the file has: {string.Join(", ", header)}; a mapping file can rename columns)");
                }
                actual[column] = match;
            }
            var unknown = header.Where(h => !actual.Values.Contains(h, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
            {
                notes.Add($"{System.IO.Path.GetFileName(path)}: {unknown.Count} column(s) not used by the {mapping.Format} mapping: {string.Join(", ", unknown)}");
            }
            found.Add(new FoundSource(name, spec, path, header, actual));
        }
        return found;
    }

    /// <summary>Reads the sources and lookups into temp tables and stages every pass; returns one input per pass, in v1 load order.</summary>
    public static List<InputFile> Stage(IEngine engine, SourceMapping mapping, IReadOnlyList<FoundSource> sources, string? lookupsDir)
    {
        var dialect = engine.Dialect;
        foreach (var source in sources)
        {
            var columns = source.Actual.Select(a => (a.Value is null ? "NULL" : dialect.Identifier(a.Value), dialect.Identifier(a.Key)));
            // A Parquet source's rows are numbered from 1 (no header line), as for format v1 Parquet files.
            var rows = source.IsParquet
                ? CsvLayout.RowsSql(dialect.ReadParquet(source.Path), columns, numbered: true, headerLines: 0, lineMap: null)
                : CsvLayout.RowsSql(dialect.ReadCsvAsText(source.Path, source.Header), columns, numbered: true, headerLines: 1,
                    CsvLayout.ScanInto(engine, source.Path, source.Header.Count, "import_lines_src_" + source.Name).LineMap);
            engine.Execute($"""
                CREATE TEMP TABLE {source.Table} AS
                SELECT s.*{string.Concat(source.Spec.Derive.Select(d => $", {Expand(dialect, mapping, d.Value)} AS {dialect.Identifier(d.Key)}"))}
                FROM ({rows}) s
                """);
        }
        // An optional file that is not there reads as empty, so other passes may still refer to it (e.g. OMOP costs).
        foreach (var (name, spec) in mapping.Sources.Where(s => sources.All(f => f.Name != s.Key)))
        {
            engine.Execute($"""
                CREATE TEMP TABLE import_src_{name} AS
                SELECT CAST(NULL AS BIGINT) AS line{string.Concat(spec.Columns.Select(c => $", CAST(NULL AS VARCHAR) AS {dialect.Identifier(c)}"))}
                WHERE 1 = 0
                """);
        }
        foreach (var (name, what) in mapping.Lookups)
        {
            LoadLookup(engine, name, what, lookupsDir);
        }
        if (mapping.Targets.Any(t => t.EstimateCostBy is not null))
        {
            NationalPrices.Load(engine, NationalPrices.StageTable);
        }
        var inputs = new List<InputFile>();
        var passes = mapping.Targets.Select((t, i) => (Pass: t, Index: i))
            .OrderBy(p => Schema.CoreTables.ToList().FindIndex(t => t.Name == p.Pass.Table)).ToList();
        foreach (var (pass, index) in passes)
        {
            var table = Schema.Table(pass.Table);
            if (sources.SingleOrDefault(s => s.Name == pass.From) is not { } source)
            {
                continue; // an optional file that is not there
            }
            var stage = $"import_stage_{index}";
            var fieldNames = new Dictionary<string, string>();
            var select = table.Columns.Select(c =>
            {
                var expression = pass.Columns.GetValueOrDefault(c.Name) ?? "NULL";
                if (FirstColumn(expression) is { } from && source.Actual.GetValueOrDefault(from) is { } actual)
                {
                    fieldNames[c.Name] = actual;
                }
                return $"NULLIF(trim(CAST({Expand(dialect, mapping, expression)} AS VARCHAR)), '') AS {c.Name}";
            });
            var rows = $"""
                SELECT s.line, {string.Join(", ", select)}{(pass.EstimateCostBy is { } hrg ? $", NULLIF(trim(CAST({Expand(dialect, mapping, hrg)} AS VARCHAR)), '') AS cost_hrg" : "")}
                FROM {source.Table} s
                {(pass.Where is null ? "" : "WHERE " + Expand(dialect, mapping, pass.Where))}
                """;
            engine.Execute($"CREATE TEMP TABLE {stage} AS {(pass.EstimateCostBy is null ? rows : EstimatedCosts(table, rows))}");
            var info = new FileInfo(source.Path);
            inputs.Add(new InputFile(table, source.Path, false, info.Length, info.LastWriteTimeUtc, null)
            {
                Stage = stage, FieldNames = fieldNames, EstimatesCost = pass.EstimateCostBy is not null,
            });
        }
        return inputs;
    }

    /// <summary>
    /// Staged activity rows with an empty cost costed from the national price table: by the row's HRG when the table
    /// prices it, else by its setting. <c>cost_basis</c> records which (NULL for a cost the extract gave); a row the
    /// table cannot price keeps its empty cost and is rejected as missing, as before.
    /// </summary>
    private static string EstimatedCosts(TableSpec table, string rows)
    {
        var others = table.Columns.Where(c => c.Name != "cost_gbp").Select(c => "x." + c.Name);
        return $"""
            SELECT x.line, {string.Join(", ", others)},
                CASE WHEN x.cost_gbp IS NULL THEN coalesce(ph.unit_cost_gbp, ps.unit_cost_gbp) ELSE x.cost_gbp END AS cost_gbp,
                CASE WHEN x.cost_gbp IS NOT NULL THEN NULL WHEN ph.unit_cost_gbp IS NOT NULL THEN 'hrg ' || x.cost_hrg
                     WHEN ps.unit_cost_gbp IS NOT NULL THEN 'setting ' || x.setting END AS cost_basis
            FROM ({rows}) x
            LEFT JOIN {NationalPrices.StageTable} ph ON ph.basis = 'hrg' AND ph.code = x.cost_hrg
            LEFT JOIN {NationalPrices.StageTable} ps ON ps.basis = 'setting' AND ps.code = x.setting
            """;
    }

    /// <summary>
    /// Records, for every loaded activity row whose cost was estimated, how it was estimated (replacing the last
    /// import's records), and returns a note with their number and total.
    /// </summary>
    public static IEnumerable<string> RecordEstimatedCosts(IEngine engine, IEnumerable<InputFile> files)
    {
        foreach (var file in files.Where(f => f.EstimatesCost))
        {
            engine.Execute($"""
                INSERT INTO {NationalPrices.EstimatesTable} (activity_id, basis, price_table)
                SELECT s.activity_id, s.cost_basis, '{NationalPrices.Version}'
                FROM {file.Stage} s JOIN activity a ON a.activity_id = s.activity_id
                WHERE s.cost_basis IS NOT NULL AND a.person_id = s.person_id
                """);
        }
        var (rows, total) = engine.Query($"""
            SELECT count(*), CAST(coalesce(sum(a.cost_gbp), 0) AS DOUBLE PRECISION)
            FROM {NationalPrices.EstimatesTable} e JOIN activity a ON a.activity_id = e.activity_id
            """, r => (r.GetInt64(0), r.GetDouble(1)))[0];
        if (rows > 0)
        {
            yield return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{rows:N0} activity rows had no payment and were costed from the national price table {NationalPrices.Version} (illustrative prices): £{total:N0}, marked as estimated in {NationalPrices.EstimatesTable}");
        }
    }

    /// <summary>Writes the mapping's side tables (replacing the last import's) and returns a note per table with its row count.</summary>
    public static IEnumerable<string> WriteSideTables(IEngine engine, SourceMapping mapping, IReadOnlyList<FoundSource> sources)
    {
        var dialect = engine.Dialect;
        foreach (var side in mapping.Side)
        {
            if (sources.SingleOrDefault(s => s.Name == side.From) is not { } source)
            {
                continue;
            }
            engine.Execute($"DROP TABLE IF EXISTS {side.Table}");
            engine.Execute($"""
                CREATE TABLE {side.Table} AS
                SELECT {dialect.Quote(source.FileName)} AS file, s.line, {string.Join(", ", side.Columns.Select(c => $"{Expand(dialect, mapping, c.Value)} AS {c.Key}"))}
                FROM {source.Table} s WHERE {Expand(dialect, mapping, side.Where)}
                """);
            if (side.Of is not null)
            {
                continue; // counted once the rows it details are loaded
            }
            var count = engine.Scalar<long>($"SELECT count(*) FROM {side.Table}");
            yield return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{source.FileName}: {count:N0} {side.Note} (kept in {side.Table}, not loaded as activity)");
        }
    }

    /// <summary>
    /// Detail tables of activity (<see cref="SideTable.Of"/>) keep only rows whose activity row was loaded; returns a
    /// note per table with its row count.
    /// </summary>
    public static IEnumerable<string> FinishSideTables(IEngine engine, SourceMapping mapping, IReadOnlyList<FoundSource> sources)
    {
        foreach (var side in mapping.Side.Where(s => s.Of is not null))
        {
            if (side.Of != "activity")
            {
                throw new InvalidOperationException($"Mapping {mapping.Format}: side table {side.Table} can only detail activity.");
            }
            if (sources.SingleOrDefault(s => s.Name == side.From) is not { } source)
            {
                continue;
            }
            engine.Execute($"DELETE FROM {side.Table} WHERE activity_id NOT IN (SELECT activity_id FROM activity)");
            var count = engine.Scalar<long>($"SELECT count(*) FROM {side.Table}");
            yield return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{source.FileName}: {count:N0} {side.Note} (details of loaded activity rows, in {side.Table})");
        }
    }

    public static void Drop(IEngine engine, SourceMapping mapping)
    {
        foreach (var name in mapping.Sources.Keys)
        {
            engine.Execute($"DROP TABLE IF EXISTS import_src_{name}; DROP TABLE IF EXISTS import_lines_src_{name}");
        }
        foreach (var name in mapping.Lookups.Keys)
        {
            engine.Execute($"DROP TABLE IF EXISTS import_lookup_{name}");
        }
        for (var i = 0; i < mapping.Targets.Count; i++)
        {
            engine.Execute($"DROP TABLE IF EXISTS import_stage_{i}");
        }
        engine.Execute($"DROP TABLE IF EXISTS {NationalPrices.StageTable}");
    }

    /// <summary>
    /// A user's lookup file <c>NAME.csv</c> (columns key,value) into a temp table. A lookup the mapping needs and the
    /// user has not supplied is a clear error: no default (e.g. an IMD decile) is ever made up.
    /// </summary>
    private static void LoadLookup(IEngine engine, string name, string what, string? lookupsDir)
    {
        var path = lookupsDir is null ? null : System.IO.Path.Combine(lookupsDir, name + ".csv");
        if (path is null || !File.Exists(path))
        {
            throw new InputException(path ?? name + ".csv", 0, null,
                $"lookup '{name}' is required ({what}); supply it as {name}.csv (columns key,value) in the folder given by --lookups");
        }
        var header = CsvInput.Parse(new StringReader(File.ReadLines(path).FirstOrDefault() ?? ""), path, "key", "value").Header;
        var (_, lineMap) = CsvLayout.ScanInto(engine, path, header.Count, "import_lines_lookup_" + name);
        var rows = CsvLayout.RowsSql(engine.Dialect.ReadCsvAsText(path, header), [("key", "key"), ("value", "value")], numbered: true, 1, lineMap);
        engine.Execute($"CREATE TEMP TABLE import_lookup_{name} AS {rows}");
        engine.Execute($"DROP TABLE import_lines_lookup_{name}");
        var twice = engine.Query($"SELECT key, min(line), max(line) FROM import_lookup_{name} GROUP BY key HAVING count(*) > 1 ORDER BY 2 LIMIT 1",
            r => (r.GetString(0), r.GetInt64(2)));
        if (twice.Count > 0)
        {
            throw new InputException(path, twice[0].Item2, "key", $"key '{twice[0].Item1}' appears more than once");
        }
    }

    /// <summary>A Parquet file's column names, as the engine sees them; a file it cannot read is an input error naming it.</summary>
    private static IReadOnlyList<string> ParquetColumns(IEngine engine, string path)
    {
        try
        {
            return Columns(engine, engine.Dialect.ReadParquet(path));
        }
        catch (EngineException e)
        {
            throw new InputException(path, 0, null, "cannot read the file: " + e.Message.Split('\n')[0]);
        }
    }

    /// <summary>The column names of what <paramref name="read"/> (a table function such as read_parquet) returns, as the engine sees them.</summary>
    internal static IReadOnlyList<string> Columns(IEngine engine, string read)
    {
        engine.Execute("DROP VIEW IF EXISTS import_probe");
        engine.Execute($"CREATE TEMP VIEW import_probe AS SELECT * FROM {read}");
        var names = engine.Query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'import_probe' ORDER BY ordinal_position",
            r => r.GetString(0)).ToList();
        engine.Execute("DROP VIEW import_probe");
        return names;
    }

    private static string? FirstColumn(string expression) =>
        TokenRegex().Match(expression) is { Success: true } m ? m.Groups["col"].Value : null;

    /// <summary>Expands the mapping tokens into SQL over the source row <c>s</c>.</summary>
    internal static string Expand(ISqlDialect dialect, SourceMapping mapping, string expression) =>
        TokenRegex().Replace(expression, m =>
        {
            var column = "s." + dialect.Identifier(m.Groups["col"].Value);
            return m.Groups["kind"].Value switch
            {
                "" => column,
                "map" => MapSql(dialect, mapping, m.Groups["arg"].Value, column),
                "lookup" => $"(SELECT l.value FROM import_lookup_{m.Groups["arg"].Value} l WHERE l.key = {column})",
                "date" => $"CASE WHEN {dialect.Matches(column, "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?Z?")} THEN left({column}, 10) ELSE {column} END",
                var k => throw new InvalidOperationException($"Mapping {mapping.Format}: unknown token kind '{k}'."),
            };
        });

    private static string MapSql(ISqlDialect dialect, SourceMapping mapping, string name, string column)
    {
        var map = mapping.Values.GetValueOrDefault(name)
            ?? throw new InvalidOperationException($"Mapping {mapping.Format}: no value map '{name}'.");
        return $"CASE {column} {string.Concat(map.Select(kv => $"WHEN {dialect.Quote(kv.Key)} THEN {dialect.Quote(kv.Value)} "))}ELSE {column} END";
    }

    [GeneratedRegex(@"\{(?:(?<kind>map|lookup|date):)?(?:(?<arg>[a-z_]+):)?(?<col>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex TokenRegex();
}

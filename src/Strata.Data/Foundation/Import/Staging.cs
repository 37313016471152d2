using System.Text.RegularExpressions;
using Strata.Data.Engine;

namespace Strata.Data.Foundation.Import;

/// <summary>A source file found in the import folder: its header and which of its columns feed each mapping column.</summary>
internal sealed record FoundSource(string Name, SourceFile Spec, string Path, IReadOnlyList<string> Header, IReadOnlyDictionary<string, string?> Actual)
{
    public string Table => "import_src_" + Name;
}

/// <summary>
/// Turns a mapped extract into staged format v1 rows inside the engine: each source file is read as text with its own
/// line numbers, each <see cref="TargetPass"/> becomes one SQL SELECT over it, and the importer then checks and
/// loads the staged rows exactly as it would v1 files, naming the source file, line and column in every reject.
/// </summary>
internal static partial class Staging
{
    /// <summary>Finds every source file and checks its header: a missing column is fatal, an unknown one only noted.</summary>
    public static IReadOnlyList<FoundSource> Find(string dir, SourceMapping mapping, MappingOverride? user, List<string> notes)
    {
        var found = new List<FoundSource>();
        foreach (var (name, spec) in mapping.Sources)
        {
            var path = System.IO.Path.Combine(dir, spec.File);
            if (!File.Exists(path) && !spec.Required)
            {
                notes.Add($"{spec.File}: not in the folder (optional)");
                continue;
            }
            if (!File.Exists(path))
            {
                throw new InputException(path, 0, null, $"required file missing: {spec.File} ({mapping.Format} extract)");
            }
            IReadOnlyList<string> header;
            using (var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true))
            {
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
                notes.Add($"{spec.File}: {unknown.Count} column(s) not used by the {mapping.Format} mapping: {string.Join(", ", unknown)}");
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
            var (_, lineMap) = CsvLayout.ScanInto(engine, source.Path, source.Header.Count, "import_lines_src_" + source.Name);
            var columns = source.Actual.Select(a => (a.Value is null ? "NULL" : dialect.Identifier(a.Value), dialect.Identifier(a.Key)));
            var rows = CsvLayout.RowsSql(dialect.ReadCsvAsText(source.Path, source.Header), columns, numbered: true, headerLines: 1, lineMap);
            engine.Execute($"""
                CREATE TEMP TABLE {source.Table} AS
                SELECT s.*{string.Concat(source.Spec.Derive.Select(d => $", {Expand(dialect, mapping, d.Value)} AS {dialect.Identifier(d.Key)}"))}
                FROM ({rows}) s
                """);
        }
        foreach (var (name, what) in mapping.Lookups)
        {
            LoadLookup(engine, name, what, lookupsDir);
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
            engine.Execute($"""
                CREATE TEMP TABLE {stage} AS
                SELECT s.line, {string.Join(", ", select)}
                FROM {source.Table} s
                {(pass.Where is null ? "" : "WHERE " + Expand(dialect, mapping, pass.Where))}
                """);
            var info = new FileInfo(source.Path);
            inputs.Add(new InputFile(table, source.Path, false, info.Length, info.LastWriteTimeUtc, null) { Stage = stage, FieldNames = fieldNames });
        }
        return inputs;
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
                SELECT {dialect.Quote(source.Spec.File)} AS file, s.line, {string.Join(", ", side.Columns.Select(c => $"{Expand(dialect, mapping, c.Value)} AS {c.Key}"))}
                FROM {source.Table} s WHERE {Expand(dialect, mapping, side.Where)}
                """);
            var count = engine.Scalar<long>($"SELECT count(*) FROM {side.Table}");
            yield return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{source.Spec.File}: {count:N0} {side.Note} (kept in {side.Table}, not loaded as activity)");
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

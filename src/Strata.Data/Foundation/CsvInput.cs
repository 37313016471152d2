using System.Globalization;
using System.Text;

namespace Strata.Data.Foundation;

/// <summary>A problem with an input file, always naming file, line and field.</summary>
public sealed class InputException(string file, long line, string? field, string reason)
    : Strata.Domain.Foundation.StrataValidationException($"{file}:{line}{(field is null ? "" : $" field '{field}'")}: {reason}", field, reason)
{
    public string File { get; } = file;

    public long Line { get; } = line;
}

/// <summary>
/// Small CSV inputs read in C# (SPC series, funnel units, DiD panels, configuration tables).
/// Bulk person-level files are never read here: the engine loads those.
/// </summary>
public sealed class CsvInput
{
    private readonly Dictionary<string, int> _index;

    private CsvInput(string file, IReadOnlyList<string> header, List<CsvRow> rows)
    {
        File = file;
        Header = header;
        Rows = rows;
        _index = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.OrdinalIgnoreCase);
    }

    public string File { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<CsvRow> Rows { get; }

    public bool Has(string column) => _index.ContainsKey(column);

    public static CsvInput Read(string path, params string[] requiredColumns)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new InputException(path, 0, null, "file not found");
        }
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Parse(reader, path, requiredColumns);
    }

    public static CsvInput Parse(TextReader reader, string name, params string[] requiredColumns)
    {
        var lineNo = 0L;
        var header = ReadRecord(reader, name, ref lineNo)
            ?? throw new InputException(name, 1, null, "file is empty; expected a header row");
        var names = header.Select(h => h.Trim()).ToList();
        if (names.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InputException(name, 1, twice.Key, "column appears more than once");
        }
        var input = new CsvInput(name, names, []);
        foreach (var col in requiredColumns)
        {
            if (!input.Has(col))
            {
                throw new InputException(name, 1, col, $"required column missing (header has: {string.Join(", ", header)})");
            }
        }
        var rows = (List<CsvRow>)input.Rows;
        while (true)
        {
            var start = lineNo + 1;
            var fields = ReadRecord(reader, name, ref lineNo);
            if (fields is null)
            {
                break;
            }
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }
            if (fields.Count != header.Count)
            {
                throw new InputException(name, start, null, $"expected {header.Count} fields, found {fields.Count}");
            }
            rows.Add(new CsvRow(input, start, fields));
        }
        return input;
    }

    internal int IndexOf(string column, long line) =>
        _index.TryGetValue(column, out var i) ? i : throw new InputException(File, line, column, "no such column");

    // RFC 4180: quoted fields may hold commas, doubled quotes and newlines.
    private static List<string>? ReadRecord(TextReader reader, string name, ref long lineNo)
    {
        var line = reader.ReadLine();
        if (line is null)
        {
            return null;
        }
        lineNo++;
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (true)
        {
            if (i >= line.Length)
            {
                if (!quoted)
                {
                    fields.Add(sb.ToString());
                    return fields;
                }
                var next = reader.ReadLine() ?? throw new InputException(name, lineNo, null, "unterminated quoted field");
                lineNo++;
                sb.Append('\n');
                line = next;
                i = 0;
                continue;
            }
            var ch = line[i++];
            if (quoted)
            {
                if (ch == '"')
                {
                    if (i < line.Length && line[i] == '"')
                    {
                        sb.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    sb.Append(ch);
                }
            }
            else if (ch == '"' && sb.Length == 0)
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(ch);
            }
        }
    }
}

/// <summary>One data row; typed getters raise <see cref="InputException"/> naming file, line and field.</summary>
public sealed class CsvRow(CsvInput input, long line, IReadOnlyList<string> fields)
{
    public long Line { get; } = line;

    public string Text(string column) => fields[input.IndexOf(column, Line)].Trim();

    public string? OptionalText(string column) =>
        input.Has(column) && Text(column) is { Length: > 0 } s ? s : null;

    public double Double(string column) =>
        double.TryParse(Text(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw Fail(column, $"'{Text(column)}' is not a number");

    public double? OptionalDouble(string column) => OptionalText(column) is null ? null : Double(column);

    public long Long(string column) =>
        long.TryParse(Text(column), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Fail(column, $"'{Text(column)}' is not a whole number");

    public DateOnly Date(string column) =>
        DateOnly.TryParseExact(Text(column), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v)
            ? v
            : throw Fail(column, $"'{Text(column)}' is not a date (yyyy-MM-dd)");

    public InputException Fail(string column, string reason) => new(input.File, Line, column, reason);
}

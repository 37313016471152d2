using System.Globalization;
using System.Text;
using Strata.Web.Infrastructure;
using Strata.Web.Population;

namespace Strata.Web.Api;

/// <summary>Files made from an already scoped, disclosure-controlled aggregate: CSV for Excel, Parquet for analysts.</summary>
public static class TableExport
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "parquet"];

    /// <summary>
    /// UTF-8 with a byte-order mark and CRLF line ends so Excel opens it with £ and accents intact; suppressed
    /// cells are empty; the disclosure statement and scope follow the table after a blank line.
    /// </summary>
    public static byte[] Csv(AggregateTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        sb.Append(string.Join(",", table.Columns.Select(c => Field(c.Label)))).Append("\r\n");
        foreach (var row in table.Rows)
        {
            sb.Append(string.Join(",", row.Select(v => Field(Format(v))))).Append("\r\n");
        }
        sb.Append("\r\n").Append(Field("Scope: " + table.Scope)).Append("\r\n");
        if (table.ReferenceDate is { } d)
        {
            sb.Append(Field("Reference date: " + NhsFormat.Date(d) + " (" + NhsFormat.FinancialYear(d) + ")")).Append("\r\n");
        }
        sb.Append(Field(table.Disclosure)).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    /// <summary>Parquet written by the engine (COPY) from a scratch table holding exactly the released rows.</summary>
    public static byte[] Parquet(WorkspaceGate gate, AggregateTable table)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(table);
        var scratch = "web_export_" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        var file = Path.Combine(Path.GetTempPath(), scratch + ".parquet");
        return gate.Use(engine =>
        {
            var columns = table.Columns.Select(c => $"{c.Name} {(c.Kind switch { ColumnKind.Text => "VARCHAR", ColumnKind.Count => "BIGINT", _ => "DOUBLE" })}");
            engine.Execute($"CREATE TABLE {scratch} ({string.Join(", ", columns)})");
            try
            {
                using (var a = engine.Append(scratch))
                {
                    foreach (var row in table.Rows)
                    {
                        a.Row(row);
                    }
                }
                engine.Execute(engine.Dialect.CopyTo($"SELECT * FROM {scratch}", file, "parquet"));
                return File.ReadAllBytes(file);
            }
            finally
            {
                engine.Execute($"DROP TABLE IF EXISTS {scratch}");
                File.Delete(file);
            }
        });
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // RFC 4180 quoting; a leading =,+,-,@ is prefixed so Excel does not run a cell as a formula.
    private static string Field(string value)
    {
        var v = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? "'" + value
            : value;
        return v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }
}

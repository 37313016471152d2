using System.Globalization;
using System.Text;
using Strata.Web.Audit;
using Strata.Web.Infrastructure;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Api;

/// <summary>Files made from an already scoped, disclosure-controlled aggregate: CSV for Excel, Parquet for analysts.</summary>
public static class TableExport
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "parquet"];

    /// <summary>
    /// The response for an export of <paramref name="result"/> as csv (default) or parquet: the file, its disclosure
    /// and scope headers, and the audit entry (`export`, `&lt;table&gt;.&lt;format&gt;`). 404 when the table is not computed yet.
    /// </summary>
    public static IResult Send(HttpContext http, WorkspaceGate gate, WebUser me, string table, string? format, AggregateTable result)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(me);
        ArgumentNullException.ThrowIfNull(result);
        var fmt = (format ?? "csv").ToLowerInvariant();
        if (!Formats.Contains(fmt))
        {
            throw new ArgumentException($"Format '{format}' is not csv or parquet.", nameof(format));
        }
        if (!result.Available)
        {
            return Results.Problem(result.NotAvailable, statusCode: StatusCodes.Status404NotFound, title: "Not computed yet");
        }
        var bytes = fmt == "csv" ? Csv(result) : Parquet(gate, result);
        gate.Use(e =>
        {
            AuditLog.Write(e, me.Name, "export", $"{table}.{fmt}",
                string.Create(CultureInfo.InvariantCulture, $"scope={me.Scope}; query={http.Request.QueryString}; rows={result.Rows.Count}"));
            return 0;
        });
        http.Response.Headers["X-Strata-Disclosure"] = result.Disclosure;
        http.Response.Headers["X-Strata-Scope"] = result.Scope;
        return Results.File(bytes, fmt == "csv" ? "text/csv; charset=utf-8" : "application/vnd.apache.parquet", $"strata-{table}.{fmt}");
    }

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

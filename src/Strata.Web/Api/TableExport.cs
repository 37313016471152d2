using Strata.Domain.Reporting;
using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Strata.Data.Foundation;
using Strata.Web.Audit;
using Strata.Web.Infrastructure;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Api;

/// <summary>Files made from an already scoped, disclosure-controlled aggregate: CSV, an Excel workbook, Parquet for analysts.</summary>
public static class TableExport
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "xlsx", "parquet"];

    public static string ContentType(string format) => format switch
    {
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "parquet" => "application/vnd.apache.parquet",
        _ => throw new ArgumentException($"Format '{format}' is not one of {string.Join(", ", Formats)}.", nameof(format)),
    };

    /// <summary>
    /// The one export response: <paramref name="result"/> as csv (default), xlsx or parquet, the file, its disclosure
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
            throw new ArgumentException($"Format '{format}' is not one of {string.Join(", ", Formats)}.", nameof(format));
        }
        if (!result.Available)
        {
            return Results.Problem(result.NotAvailable, statusCode: StatusCodes.Status404NotFound, title: "Not computed yet");
        }
        var bytes = fmt switch
        {
            "csv" => Csv(result),
            "xlsx" => Xlsx(result),
            _ => Parquet(gate, result),
        };
        gate.Use(e =>
        {
            AuditLog.Write(e, me.Name, "export", $"{table}.{fmt}",
                string.Create(CultureInfo.InvariantCulture, $"scope={me.Scope}; query={http.Request.QueryString}; rows={result.Rows.Count}"));
            return 0;
        });
        http.Response.Headers["X-Strata-Disclosure"] = HeaderText(result.Disclosure);
        http.Response.Headers["X-Strata-Scope"] = HeaderText(result.Scope);
        return Results.File(bytes, ContentType(fmt), $"strata-{table}.{fmt}");
    }

    /// <summary>HTTP header values are ASCII: the few typographic characters our statements use are spelt out.</summary>
    public static string HeaderText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '×' => "x",
                '£' => "GBP ",
                '·' or '–' or '—' or '−' => "-",
                '‘' or '’' => "'",
                '“' or '”' => "\"",
                '≥' => ">=",
                '≤' => "<=",
                _ when c is >= ' ' and <= '~' => c.ToString(),
                _ => "?",
            });
        }
        return sb.ToString();
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

    // Cell styles in the workbook's stylesheet (SpreadsheetStyles): header, whole numbers, rates (1 dp), £, other numbers.
    private const uint HeaderStyle = Strata.Data.Plan.SpreadsheetStyles.Header, CountStyle = Strata.Data.Plan.SpreadsheetStyles.Count,
        RateStyle = Strata.Data.Plan.SpreadsheetStyles.OneDecimal, PoundsStyle = Strata.Data.Plan.SpreadsheetStyles.Pounds,
        NumberStyle = Strata.Data.Plan.SpreadsheetStyles.Number;

    /// <summary>
    /// An Excel workbook: one sheet with a bold, frozen header row, numbers stored as numbers with £ / thousands
    /// formats (so they sum and sort in Excel), suppressed cells empty, and scope, reference date and the
    /// disclosure statement below the table.
    /// </summary>
    public static byte[] Xlsx(AggregateTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint r = 1;
            data.Append(Row(r++, table.Columns.Select(c => TextCell(c.Label, HeaderStyle))));
            foreach (var row in table.Rows)
            {
                data.Append(Row(r++, table.Columns.Select((c, i) => ValueCell(c.Kind, row[i]))));
            }
            r++;
            data.Append(Row(r++, [TextCell("Scope: " + table.Scope)]));
            if (table.ReferenceDate is { } d)
            {
                data.Append(Row(r++, [TextCell("Reference date: " + NhsFormat.Date(d) + " (" + NhsFormat.FinancialYear(d) + ")")]));
            }
            data.Append(Row(r, [TextCell(table.Disclosure)]));
            var frozen = new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            }) { WorkbookViewId = 0 });
            var widths = new Columns(table.Columns.Select((c, i) => new Column
            {
                Min = (uint)(i + 1), Max = (uint)(i + 1), CustomWidth = true, Width = Math.Clamp(c.Label.Length + 2, 10, 40),
            }));
            sheetPart.Worksheet = table.Columns.Count > 0 ? new Worksheet(frozen, widths, data) : new Worksheet(data);
            var name = table.Title.Length == 0 ? "Table" : table.Title;
            var safeName = new string([.. name.Select(ch => "[]:*?/\\".Contains(ch, StringComparison.Ordinal) ? ' ' : ch)]);
            workbook.Workbook.AppendChild(new Sheets(new Sheet
            {
                Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = safeName.Length > 31 ? safeName[..31] : safeName,
            }));
        }
        return stream.ToArray();
    }

    private static Row Row(uint index, IEnumerable<Cell> cells) => new(cells) { RowIndex = index };

    private static Cell TextCell(string text, uint style = 0) => new()
    {
        DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)), StyleIndex = style,
    };

    private static Cell ValueCell(ColumnKind kind, object? value) => value switch
    {
        null => new Cell(),
        string s => TextCell(s),
        double or float or decimal or long or int or short => new Cell
        {
            DataType = CellValues.Number,
            CellValue = new CellValue(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            StyleIndex = kind switch
            {
                ColumnKind.Count => CountStyle, ColumnKind.Rate => RateStyle, ColumnKind.Pounds => PoundsStyle, ColumnKind.Number => NumberStyle, _ => 0,
            },
        },
        _ => TextCell(Format(value)),
    };

    private static Stylesheet Styles() => Strata.Data.Plan.SpreadsheetStyles.Create();

    /// <summary>Parquet written by the engine (COPY) from a scratch table holding exactly the released rows.</summary>
    public static byte[] Parquet(WorkspaceGate gate, AggregateTable table)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(table);
        return gate.Use(engine => ParquetExport.Bytes(engine,
            [.. table.Columns.Select(c => (c.Name, c.Kind switch { ColumnKind.Text => ExportColumnType.Text, ColumnKind.Count => ExportColumnType.Integer, _ => ExportColumnType.Number }))],
            table.Rows));
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

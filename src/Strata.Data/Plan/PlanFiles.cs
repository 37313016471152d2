using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Strata.Domain.Plan;

namespace Strata.Data.Plan;

/// <summary>
/// Writes the plan's published tables: an Excel workbook in the shape of a planning return (one sheet per table,
/// numbers as numbers with £ formats, the disclosure statement on every sheet) and CSV.
/// </summary>
public static class PlanFiles
{
    private const uint HeaderStyle = SpreadsheetStyles.Header, CountStyle = SpreadsheetStyles.Count, DecimalStyle = SpreadsheetStyles.OneDecimal,
        PoundsStyle = SpreadsheetStyles.Pounds;

    public static void Workbook(string path, IReadOnlyList<PlanTable> tables, string disclosure)
    {
        ArgumentNullException.ThrowIfNull(tables);
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = SpreadsheetStyles.Create();
        var sheets = new Sheets();
        uint id = 1;
        foreach (var table in tables)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint r = 1;
            data.Append(Row(r++, [Text(table.Title, HeaderStyle)]));
            data.Append(Row(r++, table.Headers.Select(h => Text(h, HeaderStyle))));
            foreach (var row in table.Rows)
            {
                data.Append(Row(r++, row.Select(Value)));
            }
            r++;
            data.Append(Row(r, [Text(disclosure)]));
            part.Worksheet = new Worksheet(data);
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = table.Name });
        }
        workbook.Workbook.AppendChild(sheets);
    }

    /// <summary>One table as CSV (RFC 4180, invariant numbers, withheld cells empty) with the disclosure statement last.</summary>
    public static void Csv(string path, PlanTable table, string disclosure)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        sb.AppendJoin(',', table.Headers.Select(Field)).Append("\r\n");
        foreach (var row in table.Rows)
        {
            sb.AppendJoin(',', row.Select(v => Field(v switch
            {
                null => "",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString() ?? "",
            }))).Append("\r\n");
        }
        sb.Append(Field(disclosure)).Append("\r\n");
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(true));
    }

    private static string Field(string s) => s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static Row Row(uint index, IEnumerable<Cell> cells) => new(cells) { RowIndex = index };

    private static Cell Text(string text, uint style = 0) => new()
    {
        DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)), StyleIndex = style,
    };

    private static Cell Value(object? value) => value switch
    {
        null => new Cell(),
        string s => Text(s),
        decimal d => Number((double)d, PoundsStyle),
        long or int => Number(Convert.ToDouble(value, CultureInfo.InvariantCulture), CountStyle),
        double x => Number(x, DecimalStyle),
        _ => Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static Cell Number(double v, uint style) => new() { DataType = CellValues.Number, CellValue = new CellValue(v), StyleIndex = style };

}

/// <summary>The one workbook stylesheet of Strata's Excel files (web exports and the planning return), by style index.</summary>
public static class SpreadsheetStyles
{
    /// <summary>Bold header; whole numbers with separators; one decimal; £ with pence; other numbers (two decimals).</summary>
    public const uint Header = 1, Count = 2, OneDecimal = 3, Pounds = 4, Number = 5;

    public static Stylesheet Create() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.0" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "\u00a3#,##0.00" }) { Count = 2 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true }) { Count = 6 });
}

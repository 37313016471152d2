using DocumentFormat.OpenXml.Packaging;
using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Plan;

namespace Strata.Data.Tests.Plan;

public class CapacityFileTests
{
    private static string Temp(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"strata-capacity-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void The_shipped_table_loads_with_its_version_and_a_source_for_every_row()
    {
        var table = CapacityFile.ReadTable(Path.Combine(InterventionFilesTests.Root(), "reference", "capacity", "capacity-v1.csv"));
        Assert.Equal("capacity-v1", table.Version);
        Assert.All(table.Rates, r => Assert.False(string.IsNullOrWhiteSpace(r.Source)));
        Assert.Equal(0.92, table.Rates.Single(r => r.Setting == "emergency_admission" && r.Resource == "beds").Occupancy);
    }

    [Fact]
    public void Bad_rows_name_the_line_and_field()
    {
        var e = Assert.Throws<InputException>(() => CapacityFile.ReadTable(Temp(
            "setting,resource,basis,per_unit,occupancy\nemergency_admission,beds,bed_days,1,0.92\nelective_admission,beds,bed_days,1,0\n")));
        Assert.Equal((3L, "occupancy"), (e.Line, e.Field));
        e = Assert.Throws<InputException>(() => CapacityFile.ReadTable(Temp("setting,resource,basis,per_unit\nwards,beds,bed_days,1\n")));
        Assert.Equal((2L, "setting"), (e.Line, e.Field));
        e = Assert.Throws<InputException>(() => CapacityFile.ReadTable(Temp("setting,resource,basis,per_unit\ndaycase,wte:nursing,beds,1\n")));
        Assert.Equal((2L, "basis"), (e.Line, e.Field));
        e = Assert.Throws<InputException>(() => CapacityFile.ReadAvailable(Temp("provider,resource,available,year\nRA,beds,10,2026\n")));
        Assert.Equal((2L, "year"), (e.Line, e.Field));
    }

    [Fact]
    public void The_workbook_has_a_sheet_per_table_with_numbers_stored_as_numbers()
    {
        var path = Path.Combine(Path.GetTempPath(), $"strata-plan-{Guid.NewGuid():N}.xlsx");
        PlanFiles.Workbook(path, [new PlanTable("summary", "Summary", ["Year", "Cost (£)"], [["2026/27", 12.34m]]),
            new PlanTable("lines", "Lines", ["Activity"], [[null], [15L]])], "Disclosure statement");
        using var doc = SpreadsheetDocument.Open(path, false);
        var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["summary", "lines"], sheets);
        var cells = doc.WorkbookPart.WorksheetParts.SelectMany(w => w.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()).ToList();
        Assert.Contains(cells, c => c.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.Number && c.CellValue?.Text == "12.34");
    }
}

using Strata.Data.Foundation;
using Strata.Domain.Evaluate;

namespace Strata.Data.Evaluate;

/// <summary>
/// Reads a long panel of unit outcomes (columns unit, date, value) for synthetic control: every unit must have
/// exactly one value on every date that appears in the file, so no unit is silently shortened.
/// </summary>
public static class UnitPanelInput
{
    public static (IReadOnlyList<DateOnly> Dates, IReadOnlyList<UnitSeries> Units) Read(string path)
    {
        var csv = CsvInput.Read(path, "unit", "date", "value");
        if (csv.Rows.Count == 0)
        {
            throw new InputException(path, 1, null, "no data rows");
        }
        var cells = new Dictionary<(string Unit, DateOnly Date), double>();
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in csv.Rows)
        {
            var unit = row.Text("unit");
            if (unit.Length == 0)
            {
                throw row.Fail("unit", "is empty");
            }
            firstLine.TryAdd(unit, row.Line);
            var date = row.Date("date");
            if (!cells.TryAdd((unit, date), row.Double("value")))
            {
                throw row.Fail("date", $"unit '{unit}' has {date:yyyy-MM-dd} twice");
            }
        }
        var dates = cells.Keys.Select(k => k.Date).Distinct().Order().ToList();
        var units = cells.Keys.Select(k => k.Unit).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var u in units)
        {
            foreach (var d in dates.Where(d => !cells.ContainsKey((u, d))))
            {
                throw new InputException(path, firstLine[u], "date", $"unit '{u}' (first row here) has no value for {d:yyyy-MM-dd}; every unit needs every date");
            }
        }
        return (dates, [.. units.Select(u => new UnitSeries(u, [.. dates.Select(d => cells[(u, d)])]))]);
    }
}

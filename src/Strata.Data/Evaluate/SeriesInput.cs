using Strata.Data.Foundation;
using Strata.Domain.Evaluate;

namespace Strata.Data.Evaluate;

/// <summary>Reads an SPC series (columns date,value): dates strictly ascending, no duplicates, values numeric.</summary>
public static class SeriesInput
{
    public static IReadOnlyList<SpcObservation> Read(string path)
    {
        var csv = CsvInput.Read(path, "date", "value");
        var series = new List<SpcObservation>(csv.Rows.Count);
        foreach (var row in csv.Rows)
        {
            var date = row.Date("date");
            if (series.Count > 0 && date <= series[^1].Date)
            {
                throw row.Fail("date", date == series[^1].Date
                    ? $"duplicate date {date:yyyy-MM-dd}"
                    : $"dates must be ascending: {date:yyyy-MM-dd} follows {series[^1].Date:yyyy-MM-dd}");
            }
            series.Add(new SpcObservation(date, row.Double("value")));
        }
        if (series.Count == 0)
        {
            throw new InputException(path, 1, null, "no data rows");
        }
        return series;
    }
}

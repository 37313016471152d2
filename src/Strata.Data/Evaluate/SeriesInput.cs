using Strata.Data.Foundation;
using Strata.Domain.Evaluate;

namespace Strata.Data.Evaluate;

/// <summary>
/// Reads an SPC series: columns date,value (XmR and run charts) or date,events[,denominator] (p, u and c charts);
/// dates strictly ascending, no duplicates, numbers numeric, denominators positive, proportions not above 1.
/// </summary>
public static class SeriesInput
{
    public static IReadOnlyList<SpcObservation> Read(string path) =>
        Rows(path, ["date", "value"], (row, date) => new SpcObservation(date, row.Double("value")), o => o.Date);

    public static IReadOnlyList<SpcCount> ReadCounts(string path, bool needsDenominator, bool proportion) =>
        Rows(path, needsDenominator ? ["date", "events", "denominator"] : ["date", "events"], (row, date) =>
        {
            var events = row.Double("events");
            if (events < 0)
            {
                throw row.Fail("events", $"must not be negative, not {events}");
            }
            if (!needsDenominator)
            {
                return new SpcCount(date, events, 1);
            }
            var denominator = row.Double("denominator");
            if (denominator <= 0)
            {
                throw row.Fail("denominator", $"must be positive, not {denominator}");
            }
            if (proportion && events > denominator)
            {
                throw row.Fail("events", $"{events} exceeds the denominator {denominator} on a proportion chart");
            }
            return new SpcCount(date, events, denominator);
        }, c => c.Date);

    private static List<T> Rows<T>(string path, string[] columns, Func<CsvRow, DateOnly, T> map, Func<T, DateOnly> dateOf)
    {
        var csv = CsvInput.Read(path, columns);
        var series = new List<T>(csv.Rows.Count);
        foreach (var row in csv.Rows)
        {
            var date = row.Date("date");
            if (series.Count > 0 && date <= dateOf(series[^1]))
            {
                var before = dateOf(series[^1]);
                throw row.Fail("date", date == before
                    ? $"duplicate date {date:yyyy-MM-dd}"
                    : $"dates must be ascending: {date:yyyy-MM-dd} follows {before:yyyy-MM-dd}");
            }
            series.Add(map(row, date));
        }
        if (series.Count == 0)
        {
            throw new InputException(path, 1, null, "no data rows");
        }
        return series;
    }
}

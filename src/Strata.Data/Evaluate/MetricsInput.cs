using Strata.Data.Foundation;
using Strata.Domain.Evaluate;

namespace Strata.Data.Evaluate;

/// <summary>
/// Reads benchmark metrics: columns area, metric, value, higher_is_better (true/false or 1/0); optional domain
/// (experience, outcome, equity, ...) and weight (positive; default 1) for the integration index.
/// </summary>
public static class MetricsInput
{
    public static IReadOnlyList<MetricValue> Read(string path)
    {
        var csv = CsvInput.Read(path, "area", "metric", "value", "higher_is_better");
        var seen = new HashSet<(string, string)>();
        var list = new List<MetricValue>();
        foreach (var row in csv.Rows)
        {
            var area = row.Text("area");
            var metric = row.Text("metric");
            if (area.Length == 0 || metric.Length == 0)
            {
                throw row.Fail(area.Length == 0 ? "area" : "metric", "must not be empty");
            }
            if (!seen.Add((area, metric)))
            {
                throw row.Fail("metric", $"area '{area}' already has metric '{metric}'");
            }
            var higher = row.Text("higher_is_better").ToLowerInvariant() switch
            {
                "true" or "1" => true,
                "false" or "0" => false,
                var other => throw row.Fail("higher_is_better", $"'{other}' must be true/false or 1/0"),
            };
            var weight = row.OptionalDouble("weight") ?? 1;
            if (!(weight > 0))
            {
                throw row.Fail("weight", "must be positive");
            }
            list.Add(new MetricValue(area, metric, row.Double("value"), higher, row.OptionalText("domain") ?? "", weight));
        }
        foreach (var g in list.GroupBy(m => m.Metric))
        {
            if (g.Select(m => m.HigherIsBetter).Distinct().Count() > 1)
            {
                throw new InputException(path, 0, "higher_is_better", $"metric '{g.Key}' has both true and false");
            }
        }
        var areas = list.Select(m => m.Area).Distinct().Count();
        var partial = list.GroupBy(m => m.Metric).FirstOrDefault(g => g.Count() != areas);
        if (partial is not null)
        {
            throw new InputException(path, 0, "metric", $"metric '{partial.Key}' is given for {partial.Count()} of {areas} areas; every area needs every metric to be ranked fairly");
        }
        return list.Count > 0 ? list : throw new InputException(path, 1, null, "no data rows");
    }
}

using Strata.Domain.Foundation;
namespace Strata.Domain.Evaluate;

/// <summary>One metric value of one area; Domain groups metrics for the integration index (experience, outcome, equity).</summary>
public sealed record MetricValue(string Area, string Metric, double Value, bool HigherIsBetter, string Domain = "", double Weight = 1);

public sealed record MetricScore(string Area, string Metric, string Domain, double Value, double Rank, double Score);

/// <summary>An area's average score (1 best, 4 worst), its segment 1–4, and its average per domain.</summary>
public sealed record AreaScore(string Area, double AverageScore, int Segment, IReadOnlyDictionary<string, double> Domains, IReadOnlyList<MetricScore> Metrics);

/// <summary>
/// Peer benchmarking as the NHS Oversight Framework does it (evaluation spec, "Benchmarking and integration index"):
/// each metric ranked across the peer areas (1 = best; ties share their average rank) and scored
/// 1 + 3 × (rank − 1) / (n − 1), so the best area scores 1.00 and the worst 4.00; scores averaged per area
/// (weighted when weights are given; that weighted average is the integration index); segment 1–4 by quartile of
/// the averages across areas (type-7 quartiles; an average on a cut point takes the better segment).
/// </summary>
public static class Benchmark
{
    public static IReadOnlyList<AreaScore> Score(IReadOnlyList<MetricValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var dup = values.GroupBy(v => (v.Area, v.Metric)).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new ArgumentException($"Area '{dup.Key.Area}' has metric '{dup.Key.Metric}' more than once.");
        }
        var scores = new List<MetricScore>();
        foreach (var metric in values.GroupBy(v => v.Metric))
        {
            var list = metric.ToList();
            if (list.Select(v => v.HigherIsBetter).Distinct().Count() > 1)
            {
                throw new ArgumentException($"Metric '{metric.Key}' mixes higher_is_better values.");
            }
            var ranks = Ranks([.. list.Select(v => v.HigherIsBetter ? -v.Value : v.Value)]);
            for (var i = 0; i < list.Count; i++)
            {
                var score = list.Count == 1 ? 1 : 1 + 3 * (ranks[i] - 1) / (list.Count - 1);
                scores.Add(new MetricScore(list[i].Area, metric.Key, list[i].Domain, list[i].Value, ranks[i], score));
            }
        }
        var weights = values.ToDictionary(v => (v.Area, v.Metric), v => v.Weight);
        var areas = scores.GroupBy(s => s.Area).Select(g =>
        {
            var w = g.Sum(s => weights[(s.Area, s.Metric)]);
            var avg = g.Sum(s => s.Score * weights[(s.Area, s.Metric)]) / w;
            var domains = g.GroupBy(s => s.Domain).Where(d => d.Key.Length > 0)
                .ToDictionary(d => d.Key, d => d.Average(s => s.Score));
            return (Area: g.Key, Average: avg, Domains: domains, Metrics: g.ToList());
        }).ToList();
        var sorted = areas.Select(a => a.Average).Order().ToList();
        double[] cuts = [.. new[] { 0.25, 0.5, 0.75 }.Select(p => Statistics.Quantile(sorted, p))];
        return [.. areas.OrderBy(a => a.Average).ThenBy(a => a.Area, StringComparer.Ordinal)
            .Select(a => new AreaScore(a.Area, a.Average, 1 + cuts.Count(c => a.Average > c), a.Domains, a.Metrics))];
    }

    /// <summary>Fractional ranks, ascending (smallest value = rank 1); tied values share the mean of their ranks.</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]])
            {
                j++;
            }
            var shared = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = shared;
            }
            i = j + 1;
        }
        return ranks;
    }
}

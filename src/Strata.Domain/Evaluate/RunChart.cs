namespace Strata.Domain.Evaluate;

/// <summary>A run-chart point: value, the median it is read against, its type and the rules (shift, trend) that flagged it.</summary>
public sealed record RunPoint(DateOnly Date, double Value, double Median, PointType PointType, IReadOnlyList<SpcRule> Rules);

/// <summary>
/// A run chart. Runs counts the runs of useful observations (those not on the median); too few runs (≤ TooFewAt)
/// or too many (≥ TooManyAt) signal non-random variation over the whole chart. Null bounds cannot be reached.
/// </summary>
public sealed record RunChartResult(IReadOnlyList<RunPoint> Points, double Median, int UsefulObservations, int Runs,
    int? TooFewAt, int? TooManyAt, bool RunsSignal, VariationIcon VariationIcon, IReadOnlyList<string> Warnings);

/// <summary>
/// Run charts with the rules of the NHS England "Making data count" guidance and the IHI run-chart rules (Perla,
/// Provost and Murray 2011). The median is that of the baseline (all complete points, or the first FixAfter / up
/// to FixUntil). Shift: 6 or more consecutive points on one side of the median; points on the median neither break
/// nor count towards it. Trend: 5 or more points each higher (or lower) than the one before; a repeated value
/// neither breaks nor counts. Runs: critical numbers from the exact distribution of the number of runs given the
/// points above and below the median (Swed and Eisenhart 1943), 2.5% in each tail. Points are read (precedence,
/// icons) as on the XmR chart; partial periods are charted but never read.
/// </summary>
public static class RunChart
{
    public const int ShiftPoints = 6, TrendPoints = 5;

    /// <summary>Tail probability of each runs bound (two-sided 5%).</summary>
    public const double RunsTail = 0.025;

    public static RunChartResult Analyse(IReadOnlyList<SpcObservation> series, SpcOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        if (series.Count == 0)
        {
            throw new ArgumentException("A run chart needs at least one point.");
        }
        var complete = series.Where(o => !o.Partial).ToList();
        if (complete.Count == 0)
        {
            throw new ArgumentException("A run chart needs at least one complete period.");
        }
        var baseline = options.FixAfter is { } n ? complete.Take(n).ToList()
            : options.FixUntil is { } until ? complete.Where(o => o.Date <= until).DefaultIfEmpty(complete[0]).ToList()
            : complete;
        var median = Median([.. baseline.Select(o => o.Value)]);
        var y = complete.Select(o => o.Value).ToArray();
        var flags = y.Select(_ => new List<(SpcRule Rule, int Direction)>()).ToArray();
        var side = y.Select(v => Math.Sign(v - median)).ToArray();

        // Shift: consecutive useful points on one side; on-median points are skipped.
        var useful = Enumerable.Range(0, y.Length).Where(i => side[i] != 0).ToList();
        Mark(useful, k => side[useful[k]], ShiftPoints, SpcRule.Shift, flags);
        // Trend: steps between distinct consecutive values; a repeat is skipped.
        var distinct = Enumerable.Range(0, y.Length).Where(i => i == 0 || y[i] != y[i - 1]).ToList();
        for (var a = 1; a < distinct.Count; a++)
        {
            var dir = Math.Sign(y[distinct[a]] - y[distinct[a - 1]]);
            var b = a;
            while (b + 1 < distinct.Count && Math.Sign(y[distinct[b + 1]] - y[distinct[b]]) == dir)
            {
                b++;
            }
            if (b - a + 2 >= TrendPoints)
            {
                // The run's points, repeats of its last value included.
                var last = b + 1 < distinct.Count ? distinct[b + 1] - 1 : y.Length - 1;
                for (var i = distinct[a - 1]; i <= last; i++)
                {
                    if (!flags[i].Contains((SpcRule.Trend, dir)))
                    {
                        flags[i].Add((SpcRule.Trend, dir));
                    }
                }
            }
            a = b;
        }

        var points = new List<RunPoint>(series.Count);
        var lastDirection = 0;
        var lastType = PointType.CommonCause;
        var k2 = 0;
        foreach (var o in series)
        {
            if (o.Partial)
            {
                points.Add(new RunPoint(o.Date, o.Value, median, PointType.PartialPeriod, []));
                continue;
            }
            var (type, rules, direction) = Spc.Classify(flags[k2], o.Value, median, options);
            points.Add(new RunPoint(o.Date, o.Value, median, type, rules));
            (lastType, lastDirection) = (type, direction);
            k2++;
        }
        var above = side.Count(s => s > 0);
        var below = side.Count(s => s < 0);
        var runs = useful.Count == 0 ? 0 : 1 + Enumerable.Range(1, useful.Count - 1).Count(k => side[useful[k]] != side[useful[k - 1]]);
        var (few, many) = RunsBounds(above, below);
        var warnings = new List<string>();
        if (useful.Count < 10)
        {
            warnings.Add($"{useful.Count} useful observation(s) (not on the median), fewer than 10: the run-chart rules have little power.");
        }
        if (series.Any(o => o.Partial))
        {
            warnings.Add("Partial period(s) charted but left out of the median and the rules.");
        }
        var signal = runs > 0 && ((few is { } f && runs <= f) || (many is { } m && runs >= m));
        return new RunChartResult(points, median, useful.Count, runs, few, many, signal, Spc.Variation(lastType, lastDirection), warnings);
    }

    /// <summary>
    /// The largest number of runs that is too few (P(R ≤ r) ≤ 2.5%) and the smallest that is too many
    /// (P(R ≥ r) ≤ 2.5%), for <paramref name="above"/> and <paramref name="below"/> useful points.
    /// </summary>
    public static (int? TooFewAt, int? TooManyAt) RunsBounds(int above, int below)
    {
        if (above == 0 || below == 0)
        {
            return (null, null);
        }
        var max = 2 * Math.Min(above, below) + (above == below ? 0 : 1);
        var p = Enumerable.Range(0, max + 1).Select(r => r < 2 ? 0 : RunsProbability(r, above, below)).ToArray();
        int? few = null, many = null;
        var cumulative = 0.0;
        for (var r = 2; r <= max; r++)
        {
            cumulative += p[r];
            if (cumulative <= RunsTail + 1e-12)
            {
                few = r;
            }
        }
        cumulative = 0;
        for (var r = max; r >= 2; r--)
        {
            cumulative += p[r];
            if (cumulative <= RunsTail + 1e-12)
            {
                many = r;
            }
        }
        return (few, many);
    }

    /// <summary>P(R = r) for n1 and n2 points on each side in random order (Swed and Eisenhart 1943).</summary>
    public static double RunsProbability(int r, int n1, int n2)
    {
        var total = LogChoose(n1 + n2, n1);
        if (r % 2 == 0)
        {
            var k = r / 2;
            return 2 * Math.Exp(LogChoose(n1 - 1, k - 1) + LogChoose(n2 - 1, k - 1) - total);
        }
        var j = (r - 1) / 2;
        return Math.Exp(LogChoose(n1 - 1, j) + LogChoose(n2 - 1, j - 1) - total) + Math.Exp(LogChoose(n1 - 1, j - 1) + LogChoose(n2 - 1, j) - total);
    }

    private static double LogChoose(int n, int k)
    {
        if (k < 0 || k > n)
        {
            return double.NegativeInfinity;
        }
        var s = 0.0;
        for (var i = 1; i <= k; i++)
        {
            s += Math.Log(n - k + i) - Math.Log(i);
        }
        return s;
    }

    private static double Median(double[] v)
    {
        Array.Sort(v);
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    // Runs of equal side over the listed indexes; each run of at least `length` is flagged.
    private static void Mark(List<int> idx, Func<int, int> side, int length, SpcRule rule, List<(SpcRule, int)>[] flags)
    {
        for (var a = 0; a < idx.Count; a++)
        {
            var b = a;
            while (b + 1 < idx.Count && side(b + 1) == side(a))
            {
                b++;
            }
            if (b - a + 1 >= length)
            {
                for (var k = a; k <= b; k++)
                {
                    flags[idx[k]].Add((rule, side(a)));
                }
            }
            a = b;
        }
    }
}

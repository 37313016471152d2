namespace Strata.Domain.Evaluate;

/// <summary>Which way is better for a measure. Neutral measures get "neither" special causes and no assurance.</summary>
public enum Improvement { Increase, Decrease, Neutral }

public enum PointType { CommonCause, SpecialCauseImprovement, SpecialCauseConcern, SpecialCauseNeither }

public enum VariationIcon
{
    CommonCause, ImprovementHigh, ImprovementLow, ConcernHigh, ConcernLow, NeitherHigh, NeitherLow,
}

public enum AssuranceIcon { Pass, Fail, HitAndMiss }

/// <summary>The special-cause rules of the evaluation spec, named as they appear in output.</summary>
public enum SpcRule { BeyondLimits, Shift, Trend, TwoOfThree }

/// <summary>Options of an XmR chart (evaluation spec v1, "XmR limits" and "Special-cause rules").</summary>
public sealed record SpcOptions
{
    public Improvement Improvement { get; init; } = Improvement.Increase;

    public double? Target { get; init; }

    /// <summary>Drop moving ranges ≥ 3.267 × AMR and recompute AMR (off by default, as in the Making Data Count tool).</summary>
    public bool ScreenOutliers { get; init; }

    /// <summary>Baseline = the first n points of each group; limits are extended over the rest.</summary>
    public int? FixAfter { get; init; }

    /// <summary>Each date starts a new group (at the first point on or after it) with its own mean, limits and rules.</summary>
    public IReadOnlyList<DateOnly> Rebase { get; init; } = [];

    public int ShiftPoints { get; init; } = 7;

    public int TrendPoints { get; init; } = 7;
}

public sealed record SpcObservation(DateOnly Date, double Value);

/// <summary>One charted point with its group's limits and the rules that flagged it.</summary>
public sealed record SpcPoint(
    DateOnly Date, double Value, int Group, double Mean, double Lpl, double Upl, double NearLpl, double NearUpl,
    PointType PointType, IReadOnlyList<SpcRule> Rules);

public sealed record SpcResult(
    IReadOnlyList<SpcPoint> Points, VariationIcon VariationIcon, AssuranceIcon? AssuranceIcon, IReadOnlyList<string> Warnings);

/// <summary>
/// XmR charts with the NHS England "Making Data Count" rules, exactly as the evaluation spec v1 states them.
/// A point flagged in both directions (say, part of a downward trend and also above the upper limit) is typed as
/// concern when the measure has a direction: the board is shown the worse reading rather than a false reassurance.
/// </summary>
public static class Spc
{
    /// <summary>Limits are mean ± 2.66 × AMR (3σ with σ = AMR / 1.128).</summary>
    public const double LimitFactor = 2.66;

    /// <summary>Moving ranges at or above 3.267 × AMR are screened out when screening is on (D4 for n = 2).</summary>
    public const double ScreenFactor = 3.267;

    /// <summary>Groups with fewer baseline points than this get a warning that their limits are unreliable.</summary>
    public const int MinimumReliablePoints = 12;

    public static SpcResult Analyse(IReadOnlyList<SpcObservation> series, SpcOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        Validate(series, options);
        var groups = Groups(series, options.Rebase);
        var warnings = new List<string>();
        var points = new List<SpcPoint>(series.Count);
        var lastDirection = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            var (start, count) = groups[g];
            var values = Enumerable.Range(start, count).Select(i => series[i].Value).ToArray();
            var baseline = options.FixAfter is { } n ? Math.Min(n, count) : count;
            if (baseline < MinimumReliablePoints)
            {
                warnings.Add($"Group {g + 1} (from {series[start].Date:yyyy-MM-dd}) has {baseline} baseline point(s), fewer than {MinimumReliablePoints}: its limits are unreliable.");
            }
            var limits = Limits(values.AsSpan(0, baseline), options.ScreenOutliers);
            var flags = Flags(values, limits, options);
            for (var i = 0; i < count; i++)
            {
                var (type, rules, direction) = Classify(flags[i], values[i], limits.Mean, options.Improvement);
                lastDirection = direction;
                var o = series[start + i];
                points.Add(new SpcPoint(o.Date, o.Value, g + 1, limits.Mean, limits.Lpl, limits.Upl, limits.NearLpl, limits.NearUpl, type, rules));
            }
        }
        var last = points[^1];
        return new SpcResult(points, Variation(last.PointType, lastDirection), Assurance(last, options), warnings);
    }

    /// <summary>Mean, AMR and limits of one baseline.</summary>
    public static XmrLimits Limits(ReadOnlySpan<double> baseline, bool screenOutliers)
    {
        if (baseline.Length == 0)
        {
            throw new ArgumentException("A baseline needs at least one point.", nameof(baseline));
        }
        var mean = 0.0;
        foreach (var v in baseline)
        {
            mean += v;
        }
        mean /= baseline.Length;
        var ranges = new List<double>(baseline.Length);
        for (var i = 1; i < baseline.Length; i++)
        {
            ranges.Add(Math.Abs(baseline[i] - baseline[i - 1]));
        }
        var amr = ranges.Count == 0 ? 0 : ranges.Average();
        if (screenOutliers && ranges.Count > 0)
        {
            var cut = ScreenFactor * amr;
            var kept = ranges.Where(r => r < cut).ToList();
            amr = kept.Count == 0 ? 0 : kept.Average();
        }
        var half = LimitFactor * amr;
        return new XmrLimits(mean, amr, mean - half, mean + half, mean - half * 2 / 3, mean + half * 2 / 3);
    }

    // Per point, which rules fired and in which direction (+1 high, -1 low).
    private static List<(SpcRule Rule, int Direction)>[] Flags(double[] y, XmrLimits l, SpcOptions o)
    {
        var flags = y.Select(_ => new List<(SpcRule, int)>()).ToArray();
        for (var i = 0; i < y.Length; i++)
        {
            if (y[i] > l.Upl)
            {
                flags[i].Add((SpcRule.BeyondLimits, 1));
            }
            else if (y[i] < l.Lpl)
            {
                flags[i].Add((SpcRule.BeyondLimits, -1));
            }
        }
        // Shift: runs strictly on one side of the mean; a point on the mean has side 0 and breaks every run.
        MarkRuns(y.Select(v => Math.Sign(v - l.Mean)).ToArray(), o.ShiftPoints, SpcRule.Shift, flags);
        // Trend: step i carries the direction from point i-1 to i; a tie (0) breaks it. N points = N-1 steps.
        var steps = y.Select((v, i) => i == 0 ? 0 : Math.Sign(v - y[i - 1])).ToArray();
        for (var i = 1; i < y.Length; i++)
        {
            var j = i;
            while (j + 1 < y.Length && steps[j + 1] == steps[i] && steps[i] != 0)
            {
                j++;
            }
            if (steps[i] != 0 && j - i + 2 >= o.TrendPoints)
            {
                for (var k = i - 1; k <= j; k++)
                {
                    Add(flags[k], SpcRule.Trend, steps[i]);
                }
            }
            i = j;
        }
        // Two of three: in any window of three points all strictly on one side of the mean, at least two strictly
        // beyond that side's near limit; only those beyond the near limit are flagged.
        for (var i = 0; i + 2 < y.Length; i++)
        {
            foreach (var side in Sides)
            {
                var window = new[] { y[i], y[i + 1], y[i + 2] };
                if (!window.All(v => Math.Sign(v - l.Mean) == side))
                {
                    continue;
                }
                bool Beyond(double v) => side > 0 ? v > l.NearUpl : v < l.NearLpl;
                if (window.Count(Beyond) >= 2)
                {
                    for (var k = i; k < i + 3; k++)
                    {
                        if (Beyond(y[k]))
                        {
                            Add(flags[k], SpcRule.TwoOfThree, side);
                        }
                    }
                }
            }
        }
        return flags;
    }

    private static readonly int[] Sides = [1, -1];

    private static void MarkRuns(int[] side, int length, SpcRule rule, List<(SpcRule, int)>[] flags)
    {
        for (var i = 0; i < side.Length; i++)
        {
            var j = i;
            while (j + 1 < side.Length && side[j + 1] == side[i])
            {
                j++;
            }
            if (side[i] != 0 && j - i + 1 >= length)
            {
                for (var k = i; k <= j; k++)
                {
                    Add(flags[k], rule, side[i]);
                }
            }
            i = j;
        }
    }

    private static void Add(List<(SpcRule Rule, int Direction)> list, SpcRule rule, int direction)
    {
        if (!list.Contains((rule, direction)))
        {
            list.Add((rule, direction));
        }
    }

    // The point's type, the rules that fired and its direction (+1 high, -1 low) for the variation icon.
    private static (PointType, IReadOnlyList<SpcRule>, int) Classify(List<(SpcRule Rule, int Direction)> flags, double value, double mean, Improvement improvement)
    {
        if (flags.Count == 0)
        {
            return (PointType.CommonCause, [], 0);
        }
        var rules = flags.Select(f => f.Rule).Distinct().Order().ToList();
        var directions = flags.Select(f => f.Direction).Distinct().ToList();
        if (improvement == Improvement.Neutral)
        {
            // Rules disagreeing on a neutral measure: the side of the mean says whether it is high or low.
            var side = directions.Count == 1 ? directions[0] : value >= mean ? 1 : -1;
            return (PointType.SpecialCauseNeither, rules, side);
        }
        var good = improvement == Improvement.Increase ? 1 : -1;
        // Any flag in the bad direction makes the point a concern, even if another rule reads it as improvement.
        return directions.Contains(-good)
            ? (PointType.SpecialCauseConcern, rules, -good)
            : (PointType.SpecialCauseImprovement, rules, good);
    }

    private static VariationIcon Variation(PointType type, int direction) => (type, direction > 0) switch
    {
        (PointType.CommonCause, _) => VariationIcon.CommonCause,
        (PointType.SpecialCauseImprovement, true) => VariationIcon.ImprovementHigh,
        (PointType.SpecialCauseImprovement, false) => VariationIcon.ImprovementLow,
        (PointType.SpecialCauseConcern, true) => VariationIcon.ConcernHigh,
        (PointType.SpecialCauseConcern, false) => VariationIcon.ConcernLow,
        (_, true) => VariationIcon.NeitherHigh,
        (_, false) => VariationIcon.NeitherLow,
    };

    /// <summary>Assurance from the current (last) group's limits against the target.</summary>
    private static AssuranceIcon? Assurance(SpcPoint last, SpcOptions o)
    {
        if (o.Target is not { } t || o.Improvement == Improvement.Neutral)
        {
            return null;
        }
        if (o.Improvement == Improvement.Increase)
        {
            return t <= last.Lpl ? AssuranceIcon.Pass : t >= last.Upl ? AssuranceIcon.Fail : AssuranceIcon.HitAndMiss;
        }
        return t >= last.Upl ? AssuranceIcon.Pass : t <= last.Lpl ? AssuranceIcon.Fail : AssuranceIcon.HitAndMiss;
    }

    private static List<(int Start, int Count)> Groups(IReadOnlyList<SpcObservation> series, IReadOnlyList<DateOnly> rebase)
    {
        var starts = new SortedSet<int> { 0 };
        foreach (var date in rebase)
        {
            if (date <= series[0].Date || date > series[^1].Date)
            {
                throw new ArgumentException($"Rebase date {date:yyyy-MM-dd} must fall after the first point ({series[0].Date:yyyy-MM-dd}) and no later than the last ({series[^1].Date:yyyy-MM-dd}).");
            }
            var index = 0;
            while (series[index].Date < date)
            {
                index++;
            }
            starts.Add(index);
        }
        var list = starts.ToList();
        return [.. list.Select((s, i) => (s, (i + 1 < list.Count ? list[i + 1] : series.Count) - s))];
    }

    private static void Validate(IReadOnlyList<SpcObservation> series, SpcOptions o)
    {
        if (series.Count == 0)
        {
            throw new ArgumentException("An SPC series needs at least one point.");
        }
        for (var i = 1; i < series.Count; i++)
        {
            if (series[i].Date <= series[i - 1].Date)
            {
                throw new ArgumentException($"Dates must be strictly ascending: {series[i].Date:yyyy-MM-dd} follows {series[i - 1].Date:yyyy-MM-dd}.");
            }
        }
        if (series.Any(p => !double.IsFinite(p.Value)))
        {
            throw new ArgumentException("SPC values must be finite numbers.");
        }
        if (o.ShiftPoints is < 6 or > 8 || o.TrendPoints is < 6 or > 8)
        {
            throw new ArgumentException("Shift and trend lengths must be between 6 and 8 points.");
        }
        if (o.FixAfter is < 2)
        {
            throw new ArgumentException("--fix-after needs at least 2 baseline points.");
        }
    }
}

/// <summary>Centre line, average moving range and the process (3σ) and near (2σ) limits of one group.</summary>
public sealed record XmrLimits(double Mean, double Amr, double Lpl, double Upl, double NearLpl, double NearUpl);

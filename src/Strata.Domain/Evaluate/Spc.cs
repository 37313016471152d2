namespace Strata.Domain.Evaluate;

/// <summary>Which way is better for a measure. Neutral measures get "neither" special causes and no assurance.</summary>
public enum Improvement { Increase, Decrease, Neutral }

/// <summary>How a point was read. PartialPeriod: the data do not fully cover its period, so it is charted but never read.</summary>
public enum PointType { CommonCause, SpecialCauseImprovement, SpecialCauseConcern, SpecialCauseNeither, PartialPeriod }

public enum VariationIcon
{
    CommonCause, ImprovementHigh, ImprovementLow, ConcernHigh, ConcernLow, NeitherHigh, NeitherLow,
}

public enum AssuranceIcon { Pass, Fail, HitAndMiss }

/// <summary>The special-cause rules of the evaluation spec, named as they appear in output.</summary>
public enum SpcRule { BeyondLimits, Shift, Trend, TwoOfThree }

/// <summary>
/// How a point flagged by rules that disagree on its direction is read. RulePrecedence (default, as the Making
/// Data Count tool): the first rule that flags it in the order beyond limits, trend, two of three, shift decides.
/// ConcernFirst (Strata's earlier reading): any flag in the worse direction makes it a concern.
/// </summary>
public enum SpcReading { RulePrecedence, ConcernFirst }

/// <summary>Options of an XmR chart (evaluation spec v1, "XmR limits" and "Special-cause rules").</summary>
public sealed record SpcOptions
{
    public Improvement Improvement { get; init; } = Improvement.Increase;

    public double? Target { get; init; }

    /// <summary>Drop moving ranges ≥ 3.267 × AMR and recompute AMR (off by default, as in the Making Data Count tool).</summary>
    public bool ScreenOutliers { get; init; }

    /// <summary>Baseline = the first n points of each group; limits are extended over the rest.</summary>
    public int? FixAfter { get; init; }

    /// <summary>Baseline = the points of each group dated on or before this date (a group starting later uses all its points).</summary>
    public DateOnly? FixUntil { get; init; }

    public SpcReading Reading { get; init; } = SpcReading.RulePrecedence;

    /// <summary>Each date starts a new group (at the first point on or after it) with its own mean, limits and rules.</summary>
    public IReadOnlyList<DateOnly> Rebase { get; init; } = [];

    public int ShiftPoints { get; init; } = 7;

    public int TrendPoints { get; init; } = 7;
}

/// <summary>One value; Partial marks a period the data do not fully cover (charted, never read, not in any baseline).</summary>
public sealed record SpcObservation(DateOnly Date, double Value, bool Partial = false);

/// <summary>One charted point with its group's limits and the rules that flagged it.</summary>
public sealed record SpcPoint(
    DateOnly Date, double Value, int Group, double Mean, double Lpl, double Upl, double NearLpl, double NearUpl,
    PointType PointType, IReadOnlyList<SpcRule> Rules);

public sealed record SpcResult(
    IReadOnlyList<SpcPoint> Points, VariationIcon VariationIcon, AssuranceIcon? AssuranceIcon, IReadOnlyList<string> Warnings);

/// <summary>Centre line, process (3σ) and near (2σ) limits at one point; constant within a group on an XmR chart.</summary>
public readonly record struct PointLimits(double Mean, double Lpl, double Upl, double NearLpl, double NearUpl);

/// <summary>
/// XmR charts with the NHS England "Making Data Count" rules, as the evaluation spec v1 states them. A point
/// flagged in both directions (say, above the upper limit inside a falling run) is read by the first rule in
/// precedence order that flags it, as the Making Data Count tool does; <see cref="SpcReading.ConcernFirst"/> keeps
/// Strata's earlier reading (any flag in the worse direction makes it a concern).
/// </summary>
public static class Spc
{
    /// <summary>Limits are mean ± 2.66 × AMR (3σ with σ = AMR / 1.128).</summary>
    public const double LimitFactor = 2.66;

    /// <summary>Moving ranges at or above 3.267 × AMR are screened out when screening is on (D4 for n = 2).</summary>
    public const double ScreenFactor = 3.267;

    /// <summary>Groups with fewer baseline points than this get a warning that their limits are unreliable.</summary>
    public const int MinimumReliablePoints = 12;

    /// <summary>Making Data Count precedence: the first rule here that flags a point decides how it is read.</summary>
    public static readonly IReadOnlyList<SpcRule> Precedence = [SpcRule.BeyondLimits, SpcRule.Trend, SpcRule.TwoOfThree, SpcRule.Shift];

    public static SpcResult Analyse(IReadOnlyList<SpcObservation> series, SpcOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        return Read(series, options, (baseline, group) =>
        {
            var l = Limits([.. baseline.Select(i => series[i].Value)], options.ScreenOutliers);
            return [.. group.Select(_ => new PointLimits(l.Mean, l.Lpl, l.Upl, l.NearLpl, l.NearUpl))];
        });
    }

    /// <summary>
    /// The chart-independent part: groups, baselines (partial periods left out), the four rules over each group's
    /// complete points, point types and icons. <paramref name="limits"/> gives each point of a group its limits from
    /// the indexes of the group's baseline and of all its points.
    /// </summary>
    internal static SpcResult Read(IReadOnlyList<SpcObservation> series, SpcOptions options,
        Func<IReadOnlyList<int>, IReadOnlyList<int>, PointLimits[]> limits)
    {
        Validate(series, options);
        var groups = Groups(series, options.Rebase);
        var warnings = new List<string>();
        var points = new SpcPoint[series.Count];
        var lastDirection = 0;
        SpcPoint? lastRead = null;
        for (var g = 0; g < groups.Count; g++)
        {
            var (start, count) = groups[g];
            var all = Enumerable.Range(start, count).ToList();
            var complete = all.Where(i => !series[i].Partial).ToList();
            if (complete.Count == 0)
            {
                throw new ArgumentException($"Group {g + 1} (from {series[start].Date:yyyy-MM-dd}) has only partial periods: nothing to chart.");
            }
            var baseline = Baseline(series, complete, options);
            if (baseline.Count < MinimumReliablePoints)
            {
                warnings.Add($"Group {g + 1} (from {series[start].Date:yyyy-MM-dd}) has {baseline.Count} baseline point(s), fewer than {MinimumReliablePoints}: its limits are unreliable.");
            }
            var l = limits(baseline, all);
            var at = all.Select((index, k) => (index, k)).ToDictionary(x => x.index, x => l[x.k]);
            var flags = Flags([.. complete.Select(i => series[i].Value)], [.. complete.Select(i => at[i])], options);
            for (var k = 0; k < complete.Count; k++)
            {
                var i = complete[k];
                var (type, rules, direction) = Classify(flags[k], series[i].Value, at[i].Mean, options);
                points[i] = Point(series[i], g + 1, at[i], type, rules);
                lastDirection = direction;
                lastRead = points[i];
            }
            foreach (var i in all.Where(i => series[i].Partial))
            {
                points[i] = Point(series[i], g + 1, at[i], PointType.PartialPeriod, []);
            }
        }
        var partial = series.Where(o => o.Partial).Select(o => o.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (partial.Count > 0)
        {
            warnings.Add($"Partial period(s) {string.Join(", ", partial)}: not fully covered by the data, charted but left out of the limits and the rules.");
        }
        // Icons read the last complete point: a partial period never signals.
        return new SpcResult(points, Variation(lastRead!.PointType, lastDirection), Assurance(lastRead, options), warnings);
    }

    private static SpcPoint Point(SpcObservation o, int group, PointLimits l, PointType type, IReadOnlyList<SpcRule> rules) =>
        new(o.Date, o.Value, group, l.Mean, l.Lpl, l.Upl, l.NearLpl, l.NearUpl, type, rules);

    // The group's baseline: its complete points, cut at the first n or at the fix-until date.
    private static List<int> Baseline(IReadOnlyList<SpcObservation> series, List<int> complete, SpcOptions o)
    {
        if (o.FixAfter is { } n)
        {
            return [.. complete.Take(n)];
        }
        if (o.FixUntil is { } until && series[complete[0]].Date <= until)
        {
            return [.. complete.Where(i => series[i].Date <= until)];
        }
        return complete;
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
    // Limits are per point (constant on an XmR chart, varying with the denominator on p and u charts).
    private static List<(SpcRule Rule, int Direction)>[] Flags(double[] y, PointLimits[] l, SpcOptions o)
    {
        var flags = y.Select(_ => new List<(SpcRule, int)>()).ToArray();
        for (var i = 0; i < y.Length; i++)
        {
            if (y[i] > l[i].Upl)
            {
                flags[i].Add((SpcRule.BeyondLimits, 1));
            }
            else if (y[i] < l[i].Lpl)
            {
                flags[i].Add((SpcRule.BeyondLimits, -1));
            }
        }
        // Shift: runs strictly on one side of the mean; a point on the mean has side 0 and breaks every run.
        MarkRuns(y.Select((v, i) => Math.Sign(v - l[i].Mean)).ToArray(), o.ShiftPoints, SpcRule.Shift, flags);
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
                var window = new[] { i, i + 1, i + 2 };
                if (!window.All(k => Math.Sign(y[k] - l[k].Mean) == side))
                {
                    continue;
                }
                bool Beyond(int k) => side > 0 ? y[k] > l[k].NearUpl : y[k] < l[k].NearLpl;
                if (window.Count(Beyond) >= 2)
                {
                    for (var k = i; k < i + 3; k++)
                    {
                        if (Beyond(k))
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
    internal static (PointType, IReadOnlyList<SpcRule>, int) Classify(List<(SpcRule Rule, int Direction)> flags, double value, double mean, SpcOptions o)
    {
        if (flags.Count == 0)
        {
            return (PointType.CommonCause, [], 0);
        }
        var improvement = o.Improvement;
        var rules = flags.Select(f => f.Rule).Distinct().Order().ToList();
        // Precedence: only the deciding rule's directions count (a trend can still read a turning point both ways).
        var deciding = o.Reading == SpcReading.RulePrecedence ? Precedence.First(r => flags.Any(f => f.Rule == r)) : (SpcRule?)null;
        var directions = flags.Where(f => deciding is null || f.Rule == deciding).Select(f => f.Direction).Distinct().ToList();
        if (improvement == Improvement.Neutral)
        {
            // Rules disagreeing on a neutral measure: the side of the mean says whether it is high or low.
            var side = directions.Count == 1 ? directions[0] : value >= mean ? 1 : -1;
            return (PointType.SpecialCauseNeither, rules, side);
        }
        var good = improvement == Improvement.Increase ? 1 : -1;
        // Any counted flag in the bad direction makes the point a concern.
        return directions.Contains(-good)
            ? (PointType.SpecialCauseConcern, rules, -good)
            : (PointType.SpecialCauseImprovement, rules, good);
    }

    internal static VariationIcon Variation(PointType type, int direction) => (type, direction > 0) switch
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
        if (o.FixAfter is not null && o.FixUntil is not null)
        {
            throw new ArgumentException("Fix the baseline by count (--fix-after) or by date (--fix-until), not both.");
        }
    }
}

/// <summary>Centre line, average moving range and the process (3σ) and near (2σ) limits of one group.</summary>
public sealed record XmrLimits(double Mean, double Amr, double Lpl, double Upl, double NearLpl, double NearUpl);

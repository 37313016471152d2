using Strata.Domain.Foundation;
using Strata.Domain.Foundation.Synthetic;

namespace Strata.Domain.Plan;

/// <summary>The strata transitions are estimated in: age band at the start of the year, sex and IMD quintile.</summary>
public readonly record struct TransitionStratum(string AgeBand, string Sex, int ImdQuintile);

/// <summary>People of a stratum in segment From at one year-end and in segment To a year later (To = <see cref="SegmentTransitionModel.Exited"/> if gone).</summary>
public sealed record TransitionCount(TransitionStratum Stratum, string From, string To, double People);

/// <summary>People of a stratum in a segment (a year-end's state, or the entrants of a year: born or registered since the last year-end).</summary>
public sealed record SegmentCell(TransitionStratum Stratum, string Segment, double People);

/// <summary>One segment's projected size in one year: mean and 80% interval over runs.</summary>
public sealed record SegmentSize(int Year, string Segment, Summary People);

/// <summary>
/// A Markov model of year-on-year movement between population segments (as in BNSSG's dynamic population model):
/// each stratum × segment row has a transition distribution over next year's segments plus exit (death or leaving the
/// list), and each stratum × segment receives entrants. Uncertainty: each row's probabilities are Dirichlet with the
/// observed counts plus a prior of <see cref="PriorWeight"/> pseudo-people spread as the row's segment pooled over all
/// strata (so sparse strata shrink to their segment's average); entrants are Poisson with a Gamma(count + ½, 1/years) rate.
/// </summary>
public sealed class SegmentTransitionModel
{
    /// <summary>The absorbing state: died or left the registered list.</summary>
    public const string Exited = "exited";

    /// <summary>Pseudo-people of the pooled prior per row: enough to steady a stratum of a few people, negligible against hundreds.</summary>
    public const double PriorWeight = 10;

    /// <summary>Share of a five-year age band that moves into the next band each year.</summary>
    public const double AgeingRate = 0.2;

    /// <summary>
    /// Default drift: a segment's rates vary between years as if estimated from 200 people (a move rate of 5% then varies
    /// by about ±1.5 points). Set so the demo's back-cast is covered; replace with the between-year variation of the
    /// local data once several year pairs exist.
    /// </summary>
    public const double DefaultDriftWeight = 200;

    private Dictionary<string, double[]> _pooled = [];

    public double DriftWeight { get; private init; }

    private readonly Dictionary<(TransitionStratum, string), double[]> _alpha;
    private readonly Dictionary<(TransitionStratum, string), (double Shape, double Rate)> _entrants;

    private SegmentTransitionModel(IReadOnlyList<string> segments, Dictionary<(TransitionStratum, string), double[]> alpha,
        Dictionary<(TransitionStratum, string), (double, double)> entrants, int yearsObserved)
    {
        Segments = segments;
        _alpha = alpha;
        _entrants = entrants;
        YearsObserved = yearsObserved;
    }

    /// <summary>Segments in order; outcome index Segments.Count is <see cref="Exited"/>.</summary>
    public IReadOnlyList<string> Segments { get; }

    public int YearsObserved { get; }

    /// <summary>Estimates the model from year-on-year transitions and entrants pooled over <paramref name="yearsObserved"/> year pairs.</summary>
    /// <param name="driftWeight">
    /// Year-to-year drift: transition rates move from one year to the next together across strata (coding campaigns,
    /// a bad winter), which sampling error within a year does not show. Each run draws, per segment, a common row
    /// Dirichlet(driftWeight × the segment's pooled row) whose ratio to the pooled row multiplies every stratum's row
    /// of that segment. Default <see cref="DefaultDriftWeight"/>; infinity switches drift off.
    /// </param>
    public static SegmentTransitionModel Estimate(IReadOnlyList<TransitionCount> transitions, IReadOnlyList<SegmentCell> entrants, int yearsObserved,
        double driftWeight = DefaultDriftWeight)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        ArgumentNullException.ThrowIfNull(entrants);
        if (yearsObserved < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(yearsObserved), yearsObserved, "At least one year of transitions is needed.");
        }
        var segments = transitions.SelectMany(t => new[] { t.From, t.To }).Concat(entrants.Select(e => e.Segment))
            .Where(s => s != Exited).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var outcomes = segments.Count + 1;
        int Outcome(string s) => s == Exited ? segments.Count : segments.IndexOf(s);

        var pooled = segments.ToDictionary(s => s, _ => new double[outcomes]);
        var rows = new Dictionary<(TransitionStratum, string), double[]>();
        foreach (var t in transitions)
        {
            if (t.People < 0 || t.From == Exited)
            {
                throw new ArgumentException($"Transition {t.Stratum} {t.From}→{t.To}: counts must be non-negative and start in a segment.", nameof(transitions));
            }
            if (!rows.TryGetValue((t.Stratum, t.From), out var row))
            {
                rows[(t.Stratum, t.From)] = row = new double[outcomes];
            }
            row[Outcome(t.To)] += t.People;
            pooled[t.From][Outcome(t.To)] += t.People;
        }
        var alpha = new Dictionary<(TransitionStratum, string), double[]>();
        foreach (var (key, row) in rows)
        {
            var pool = pooled[key.Item2];
            var total = pool.Sum();
            alpha[key] = [.. row.Select((n, j) => n + PriorWeight * pool[j] / total)];
        }
        // A segment seen only among entrants stays where it is (no evidence of movement).
        var entrantRates = entrants.GroupBy(e => (e.Stratum, e.Segment))
            .ToDictionary(g => g.Key, g => (g.Sum(e => e.People) + 0.5, (double)yearsObserved));
        var pooledMean = pooled.ToDictionary(p => p.Key, p => p.Value.Select(x => x / p.Value.Sum()).ToArray(), StringComparer.Ordinal);
        return new SegmentTransitionModel(segments, alpha, entrantRates, yearsObserved) { _pooled = pooledMean, DriftWeight = driftWeight };
    }

    /// <summary>Mean transition probabilities of a stratum × segment row (null when the row was never observed).</summary>
    public IReadOnlyList<double>? MeanRow(TransitionStratum stratum, string segment) =>
        _alpha.TryGetValue((stratum, segment), out var a) ? [.. a.Select(x => x / a.Sum())] : null;

    /// <summary>
    /// Projects segment sizes from a starting state for <paramref name="years"/> years: run 0 is the expectation (mean
    /// probabilities, mean entrants, deterministic ageing); runs 1..N draw each row's probabilities once (Dirichlet), then
    /// each year multinomial movement, Poisson entrants and binomial ageing into the next age band.
    /// </summary>
    public SegmentProjection Project(IReadOnlyList<SegmentCell> start, int years, int runs, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (years < 1 || runs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(years), "Need at least one year and a non-negative number of runs.");
        }
        if (start.FirstOrDefault(c => !Segments.Contains(c.Segment)) is { } unknown)
        {
            throw new ArgumentException($"Segment '{unknown.Segment}' of the starting state was never observed by the transition model.", nameof(start));
        }
        // Every stratum seen, and every older band of it, so people can age into bands the data had nobody in.
        var strata = start.Select(c => c.Stratum).Concat(_alpha.Keys.Select(k => k.Item1)).Concat(_entrants.Keys.Select(k => k.Item1))
            .SelectMany(Older).Distinct().OrderBy(s => s.AgeBand, StringComparer.Ordinal).ThenBy(s => s.Sex, StringComparer.Ordinal).ThenBy(s => s.ImdQuintile).ToList();
        var strataIndex = strata.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        var segmentIndex = Segments.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        var older = strata.Select(s => NextBand(s.AgeBand) is { } b && strataIndex.TryGetValue(s with { AgeBand = b }, out var j) ? j : -1).ToArray();
        // sizes[run][year][segment]
        var sizes = new double[runs + 1][][];
        Parallel.For(0, runs + 1, r =>
        {
            var rng = Rng.Fork(seed, (ulong)r);
            var stochastic = r > 0;
            var probs = new double[strata.Count * Segments.Count][];
            var entrantMean = new double[strata.Count * Segments.Count];
            // The run's drift: per segment, the ratio of a common row drawn around the pooled row to the pooled row.
            var drift = new Dictionary<string, double[]>(StringComparer.Ordinal);
            foreach (var segment in Segments)
            {
                if (stochastic && double.IsFinite(DriftWeight) && _pooled.TryGetValue(segment, out var pooled))
                {
                    var d = pooled.Select(x => x > 0 ? rng.Gamma(DriftWeight * x, 1) : 0).ToArray();
                    var sum = d.Sum();
                    drift[segment] = [.. d.Select((x, j) => pooled[j] > 0 ? x / sum / pooled[j] : 1)];
                }
            }
            for (var i = 0; i < strata.Count; i++)
            {
                for (var s = 0; s < Segments.Count; s++)
                {
                    var at = i * Segments.Count + s;
                    if (_alpha.TryGetValue((strata[i], Segments[s]), out var a))
                    {
                        var draw = stochastic ? a.Select(x => x > 0 ? rng.Gamma(x, 1) : 0).ToArray() : a;
                        if (drift.TryGetValue(Segments[s], out var ratio))
                        {
                            draw = [.. draw.Select((x, j) => x * ratio[j])];
                        }
                        var total = draw.Sum();
                        probs[at] = [.. draw.Select(x => x / total)];
                    }
                    if (_entrants.TryGetValue((strata[i], Segments[s]), out var e))
                    {
                        entrantMean[at] = stochastic ? rng.Gamma(e.Shape, 1 / e.Rate) : (e.Shape - 0.5) / e.Rate;
                    }
                }
            }
            var state = new double[strata.Count * Segments.Count];
            foreach (var c in start)
            {
                state[strataIndex[c.Stratum] * Segments.Count + segmentIndex[c.Segment]] += c.People;
            }
            var perYear = new double[years + 1][];
            perYear[0] = Totals(state);
            for (var y = 1; y <= years; y++)
            {
                var next = new double[state.Length];
                for (var i = 0; i < strata.Count; i++)
                {
                    for (var s = 0; s < Segments.Count; s++)
                    {
                        var at = i * Segments.Count + s;
                        var n = state[at];
                        if (n <= 0)
                        {
                            continue;
                        }
                        // A row never observed keeps its people in place (no evidence either way).
                        var p = probs[at];
                        if (p is null)
                        {
                            next[at] += n;
                            continue;
                        }
                        var left = stochastic ? Math.Round(n) : n;
                        var mass = 1.0;
                        for (var j = 0; j < Segments.Count && left > 0; j++)
                        {
                            var moved = stochastic ? rng.Binomial((long)left, mass > 0 ? Math.Min(1, p[j] / mass) : 0) : n * p[j];
                            next[i * Segments.Count + j] += moved;
                            if (stochastic)
                            {
                                left -= moved;
                                mass -= p[j];
                            }
                        }
                    }
                }
                // Ageing: a fifth of each band moves up a band (85+ stays).
                var aged = (double[])next.Clone();
                for (var i = 0; i < strata.Count; i++)
                {
                    if (older[i] < 0)
                    {
                        continue;
                    }
                    for (var s = 0; s < Segments.Count; s++)
                    {
                        var n = next[i * Segments.Count + s];
                        var up = stochastic ? rng.Binomial((long)Math.Round(n), AgeingRate) : n * AgeingRate;
                        aged[i * Segments.Count + s] -= up;
                        aged[older[i] * Segments.Count + s] += up;
                    }
                }
                // Entrants are counted in their band at the year-end they first appear, so they join after ageing.
                for (var at = 0; at < aged.Length; at++)
                {
                    aged[at] += stochastic ? rng.Poisson(entrantMean[at]) : entrantMean[at];
                }
                state = aged;
                perYear[y] = Totals(state);
            }
            sizes[r] = perYear;
        });
        var result = new List<SegmentSize>();
        for (var y = 0; y <= years; y++)
        {
            for (var s = 0; s < Segments.Count; s++)
            {
                var values = runs > 0 ? sizes.Skip(1).Select(run => run[y][s]) : [sizes[0][y][s]];
                result.Add(new SegmentSize(y, Segments[s], Summary.Of(values) with { Mean = sizes[0][y][s] }));
            }
        }
        return new SegmentProjection(Segments, years, result) { RunSizes = runs > 0 ? sizes[1..] : [] };

        double[] Totals(double[] state)
        {
            var t = new double[Segments.Count];
            for (var at = 0; at < state.Length; at++)
            {
                t[at % Segments.Count] += state[at];
            }
            return t;
        }
    }

    private static IEnumerable<TransitionStratum> Older(TransitionStratum s)
    {
        for (string? band = s.AgeBand; band is not null; band = NextBand(band))
        {
            yield return s with { AgeBand = band };
        }
    }

    private static string? NextBand(string band)
    {
        for (var i = 0; i < AgeBands.All.Count - 1; i++)
        {
            if (AgeBands.All[i] == band)
            {
                return AgeBands.All[i + 1];
            }
        }
        return null;
    }
}

/// <summary>Projected segment sizes by year (year 0 = the starting state): Mean is the expectation (run 0), P10–P90 over runs.</summary>
public sealed record SegmentProjection(IReadOnlyList<string> Segments, int Years, IReadOnlyList<SegmentSize> Sizes)
{
    /// <summary>Each stochastic run's sizes, [run − 1][year][segment] (empty when projected with no runs): the mix draws a scenario samples.</summary>
    public IReadOnlyList<double[][]> RunSizes { get; init; } = [];

    public SegmentSize Of(int year, string segment) => Sizes.Single(s => s.Year == year && s.Segment == segment);

    /// <summary>Each segment's size relative to year 0 (the mix change a projection applies per segment; 1 where year 0 is empty).</summary>
    public double Factor(int year, string segment)
    {
        var start = Of(0, segment).People.Mean;
        return start > 0 ? Of(year, segment).People.Mean / start : 1;
    }
}

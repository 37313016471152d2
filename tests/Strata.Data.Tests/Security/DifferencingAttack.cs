using Strata.Domain.Foundation;

namespace Strata.Data.Tests.Security;

/// <summary>
/// An adversary who knows the disclosure method and its parameters (but not the record keys) and collects every
/// published figure. Each figure bounds the true count of one set of people (<see cref="DisclosurePolicy.Bounds"/>);
/// each table states that a margin is the sum of its cells; the adversary tightens the bounds through these
/// equations until nothing changes. A count is recovered when its bounds meet.
/// </summary>
internal sealed class DifferencingAttack(DisclosurePolicy policy)
{
    private readonly Dictionary<string, (long Low, long High)> _bounds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _truth = new(StringComparer.Ordinal);
    private readonly List<(string Margin, IReadOnlyList<string> Cells)> _sums = [];

    /// <summary>Routes that published something, for the report.</summary>
    public SortedSet<string> Routes { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A set of people described by dimension values. A neighbourhood lies in one place, so the place is dropped
    /// when a neighbourhood is named: the same people get the same name whichever route counted them.
    /// </summary>
    public static string Cell(IEnumerable<(string Dimension, string Value)> parts)
    {
        var list = parts.Where(p => p.Value.Length > 0).Distinct().ToList();
        if (list.Any(p => p.Dimension == "neighbourhood_code"))
        {
            list.RemoveAll(p => p.Dimension == "place_code");
        }
        return string.Join("&", list.OrderBy(p => p.Dimension, StringComparer.Ordinal).Select(p => p.Dimension + "=" + p.Value));
    }

    /// <summary>A published count of a set of people, and (kept apart from the adversary) its true value.</summary>
    public void Published(string route, string cell, long? published, long truth)
    {
        Routes.Add(route);
        _truth[cell] = _truth.TryGetValue(cell, out var t) && t != truth
            ? throw new InvalidOperationException($"{cell}: two routes count different people ({t} and {truth}); name them apart.")
            : truth;
        var (low, high) = policy.Bounds(published);
        high = Math.Min(high, Limit);
        _bounds[cell] = _bounds.TryGetValue(cell, out var b) ? (Math.Max(b.Low, low), Math.Min(b.High, high)) : (low, high);
    }

    /// <summary>A count the adversary learned exactly some other way (e.g. money ÷ money per head).</summary>
    public void Learned(string route, string cell, long value, long truth)
    {
        Routes.Add(route);
        _truth[cell] = truth;
        _bounds[cell] = _bounds.TryGetValue(cell, out var b) ? (Math.Max(b.Low, value), Math.Min(b.High, value)) : (value, value);
    }

    /// <summary>The margin is the sum of the cells (a complete table: cells left out hold nobody).</summary>
    public void Sum(string margin, IReadOnlyList<string> cells)
    {
        if (cells.Count > 0 && !cells.Contains(margin))
        {
            _sums.Add((margin, cells));
        }
    }

    private const long Limit = 1L << 40;

    public AttackResult Run()
    {
        (long Low, long High) B(string c) => _bounds.TryGetValue(c, out var b) ? b : (0, Limit);
        for (var round = 0; round < 200; round++)
        {
            var changed = false;
            void Narrow(string c, long low, long high)
            {
                var b = B(c);
                // Clamped so that a wrong model (bounds crossing) shows up as an inconsistency, not an overflow.
                var n = (Math.Max(b.Low, Math.Max(low, -Limit)), Math.Min(b.High, Math.Min(high, Limit)));
                if (n != b)
                {
                    _bounds[c] = n;
                    changed = true;
                }
            }
            foreach (var (margin, cells) in _sums)
            {
                var lows = cells.Sum(c => B(c).Low);
                var highs = cells.Select(c => B(c).High).Aggregate(0L, (a, h) => Math.Min(Limit, a + h));
                Narrow(margin, lows, highs);
                var m = B(margin);
                foreach (var c in cells)
                {
                    var b = B(c);
                    Narrow(c, m.Low - (highs - b.High), m.High - (lows - b.Low));
                }
            }
            if (!changed)
            {
                break;
            }
        }
        var wrong = _truth.Where(t => B(t.Key).Low > t.Value || B(t.Key).High < t.Value).Select(t => t.Key).ToList();
        var tried = _truth.Where(t => t.Value > 0).Select(t => t.Key).ToList();
        var recovered = tried.Where(c => B(c).Low == B(c).High).OrderBy(c => c, StringComparer.Ordinal).ToList();
        return new AttackResult(tried.Count, recovered, wrong, [.. Routes]);
    }
}

/// <param name="Tried">Non-zero counts the adversary attacked.</param>
/// <param name="Recovered">Cells whose exact count the adversary pinned down.</param>
/// <param name="Inconsistent">Cells whose true count fell outside the adversary's bounds: the attack model is wrong.</param>
internal sealed record AttackResult(int Tried, IReadOnlyList<string> Recovered, IReadOnlyList<string> Inconsistent, IReadOnlyList<string> Routes)
{
    public override string ToString() =>
        $"{Tried} cells tried over {Routes.Count} routes ({string.Join(", ", Routes)}); {Recovered.Count} recovered exactly" +
        (Recovered.Count == 0 ? "" : ": " + string.Join("; ", Recovered.Take(10)));
}

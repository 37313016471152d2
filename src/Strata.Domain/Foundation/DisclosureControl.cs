namespace Strata.Domain.Foundation;

/// <summary>
/// A count together with its cell key: the sum, modulo <see cref="DisclosurePolicy.KeyRange"/>, of the record keys of
/// the people (or records) it counts. The same set of people always has the same cell key, whichever route counted it.
/// </summary>
public readonly record struct KeyedCount(long Value, long Key)
{
    /// <summary>A count whose people's keys were not aggregated: keyed by its own value (see docs/disclosure-control.md).</summary>
    public static KeyedCount Unkeyed(long value) => new(value, DisclosurePolicy.ValueKey(value));

    /// <summary>A count with its cell key when the route aggregated one, else keyed by its value.</summary>
    public static KeyedCount Of(long value, long? key) => key is { } k ? new(value, k) : Unkeyed(value);

    /// <summary>
    /// A margin keyed in its own right: its people are the union of the (disjoint) parts', so its key is the sum of
    /// theirs. Its published value comes from its own perturbation, not from the parts' published values.
    /// </summary>
    public static KeyedCount Sum(IEnumerable<KeyedCount> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        long value = 0, key = 0;
        foreach (var p in parts)
        {
            value += p.Value;
            key = (key + p.Key) % DisclosurePolicy.KeyRange;
        }
        return new(value, key);
    }
}

/// <summary>
/// Statistical disclosure control for every aggregate that leaves the engine: cell-key perturbation (ONS Census 2021 /
/// ABS TableBuilder) combined with the NHS small-number convention (docs/disclosure-control.md).
/// Counts 1..SuppressUpTo are suppressed; every other non-zero count gets a perturbation in
/// [-MaxPerturbation, +MaxPerturbation] looked up from a fixed table by (count, cell key), is rounded to the nearest
/// RoundTo and is never published below the smallest multiple of RoundTo above SuppressUpTo. Because the perturbation
/// depends only on the cell's people, the same cell has the same value on every route, and a margin is perturbed in
/// its own right (not summed from its cells), so differencing margins against cells recovers no exact count.
/// Rates, percentages and per-head figures are computed from the published figures.
/// </summary>
public sealed record DisclosurePolicy(bool Enabled = true, int SuppressUpTo = 7, int RoundTo = 5, int MaxPerturbation = 3)
{
    /// <summary>Record keys and cell keys lie in 0..KeyRange-1 (ABS and ONS use 256).</summary>
    public const int KeyRange = 256;

    /// <summary>Perturbation table rows: counts from this value up share the last row.</summary>
    public const int TableRows = 32;

    public static DisclosurePolicy Default { get; } = new();

    public static DisclosurePolicy Off { get; } = new(Enabled: false);

    /// <summary>The smallest count ever published (other than 0): the first multiple of RoundTo above SuppressUpTo.</summary>
    public long Floor => RoundTo <= 1 ? SuppressUpTo + 1 : ((SuppressUpTo / RoundTo) + 1) * (long)RoundTo;

    /// <summary>One line for the foot of every output, so a reader knows what was done to the numbers.</summary>
    public string Statement => Enabled
        ? MaxPerturbation > 0
            ? $"Disclosure control applied: counts 1-{SuppressUpTo} suppressed; other counts perturbed by up to ±{MaxPerturbation} (cell-key method, the same cell always gets the same value) and rounded to the nearest {RoundTo}, never below {Floor}; totals are protected in their own right, so parts need not add up; rates, percentages and per-head figures computed from the published figures."
            : $"Disclosure control applied: counts 1-{SuppressUpTo} suppressed, other counts rounded to the nearest {RoundTo}; rates recomputed from rounded figures."
        : "Disclosure control OFF: figures are unrounded and must not leave the organisation.";

    /// <summary>A protected count: null when suppressed.</summary>
    public long? Count(KeyedCount cell)
    {
        var value = cell.Value;
        if (!Enabled || value == 0)
        {
            return value;
        }
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cell), value, "A count cannot be negative.");
        }
        if (value <= SuppressUpTo)
        {
            return null;
        }
        var perturbed = value + Perturbation(value, cell.Key);
        var rounded = RoundTo <= 1 ? perturbed : (long)Math.Round(perturbed / (double)RoundTo, MidpointRounding.AwayFromZero) * RoundTo;
        return Math.Max(rounded, Floor);
    }

    /// <summary>
    /// A protected count of something whose record keys were not aggregated: keyed by its own value, so it is still
    /// consistent everywhere but weaker than a true cell key (docs/disclosure-control.md, residual risks).
    /// </summary>
    public long? Count(long value) => Count(KeyedCount.Unkeyed(value));

    /// <summary>A rate (numerator / denominator × per) computed from protected counts; null when either is suppressed.</summary>
    public double? Rate(KeyedCount numerator, KeyedCount denominator, double per = 1.0)
    {
        var n = Count(numerator);
        var d = Count(denominator);
        if (n is null || d is null || d == 0)
        {
            return null;
        }
        return n.Value / (double)d.Value * per;
    }

    /// <inheritdoc cref="Rate(KeyedCount, KeyedCount, double)"/>
    public double? Rate(long numerator, long denominator, double per = 1.0) =>
        Rate(KeyedCount.Unkeyed(numerator), KeyedCount.Unkeyed(denominator), per);

    /// <summary>
    /// An amount of money per person of a group, divided by the group's published count (never the true count, which
    /// amount ÷ per-head would otherwise give away); null when the count is suppressed or zero.
    /// </summary>
    public double? PerHead(double amount, KeyedCount people)
    {
        var n = Count(people);
        return n is null || n == 0 ? null : amount / n.Value;
    }

    /// <summary>
    /// A money total or mean over a group is released only if the group's person count survives suppression;
    /// the value itself is not rounded (it is not a count), but it is withheld with its count.
    /// </summary>
    public double? Amount(double value, KeyedCount contributingPeople) =>
        !Enabled || contributingPeople.Value == 0 || Count(contributingPeople) is not null ? value : null;

    /// <inheritdoc cref="Amount(double, KeyedCount)"/>
    public double? Amount(double value, long contributingPeople) => Amount(value, KeyedCount.Unkeyed(contributingPeople));

    /// <summary>
    /// The perturbation table: a fixed, public function of (count, cell key) with values spread evenly over
    /// [-MaxPerturbation, +MaxPerturbation] across the keys of each row (so the mean perturbation is about zero).
    /// Rows differ so that one cell key does not move every count of a cell the same way.
    /// </summary>
    public int Perturbation(long count, long cellKey)
    {
        if (MaxPerturbation <= 0)
        {
            return 0;
        }
        var width = (2 * MaxPerturbation) + 1;
        var row = Math.Min(count, TableRows - 1);
        var key = ((cellKey % KeyRange) + KeyRange) % KeyRange;
        return (int)((key + (row * 37)) % width) - MaxPerturbation;
    }

    /// <summary>The key of an unkeyed count: a fixed mix of the value (SplitMix64 finaliser) into 0..KeyRange-1.</summary>
    public static long ValueKey(long value)
    {
        unchecked
        {
            var z = (ulong)value + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (long)((z ^ (z >> 31)) % KeyRange);
        }
    }

    /// <summary>
    /// Complementary suppression for the parts of a total that is also released: when any part is withheld, the
    /// smallest released part is withheld too, so the total minus the released parts gives only a sum that includes
    /// a releasable group, never a withheld part on its own.
    /// </summary>
    public IReadOnlyList<double?> Complement(IReadOnlyList<double?> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (!Enabled || parts.All(p => p is not null) || parts.All(p => p is null))
        {
            return parts;
        }
        var smallest = parts.Select((p, i) => (p, i)).Where(x => x.p is not null).MinBy(x => Math.Abs(x.p!.Value)).i;
        return [.. parts.Select((p, i) => i == smallest ? null : p)];
    }

    /// <summary>
    /// What anyone who knows this policy (but not the keys) can infer from a published value: the range the true
    /// count lies in. The attack suite's adversary starts from these ranges.
    /// </summary>
    public (long Low, long High) Bounds(long? published)
    {
        if (!Enabled)
        {
            return published is { } v ? (v, v) : (0, long.MaxValue);
        }
        if (published is null)
        {
            return (1, SuppressUpTo);
        }
        if (published == 0)
        {
            return (0, 0);
        }
        var half = RoundTo <= 1 ? 0 : (RoundTo - 1) / 2;
        var low = Math.Max(SuppressUpTo + 1, published.Value - half - MaxPerturbation);
        // Anything that perturbs and rounds below the floor is published at the floor.
        var high = published.Value + half + MaxPerturbation;
        return (low, high);
    }
}

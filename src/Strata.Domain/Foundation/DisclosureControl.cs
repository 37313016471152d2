namespace Strata.Domain.Foundation;

/// <summary>
/// Statistical disclosure control for every aggregate that leaves the engine.
/// Counts 1..SuppressUpTo are suppressed; other counts are rounded to the nearest RoundTo;
/// rates are recomputed from the rounded numerator and denominator (segmentation spec, "Disclosure control").
/// </summary>
public sealed record DisclosurePolicy(bool Enabled = true, int SuppressUpTo = 7, int RoundTo = 5)
{
    public static DisclosurePolicy Default { get; } = new();

    public static DisclosurePolicy Off { get; } = new(Enabled: false);

    /// <summary>One line for the foot of every output, so a reader knows what was done to the numbers.</summary>
    public string Statement => Enabled
        ? $"Disclosure control applied: counts 1-{SuppressUpTo} suppressed, other counts rounded to the nearest {RoundTo}; rates recomputed from rounded figures."
        : "Disclosure control OFF: figures are unrounded and must not leave the organisation.";

    /// <summary>A protected count: null when suppressed.</summary>
    public long? Count(long value)
    {
        if (!Enabled || value == 0)
        {
            return value;
        }
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A count cannot be negative.");
        }
        if (value <= SuppressUpTo)
        {
            return null;
        }
        return RoundTo <= 1 ? value : (long)Math.Round(value / (double)RoundTo, MidpointRounding.AwayFromZero) * RoundTo;
    }

    /// <summary>A rate (numerator / denominator × per) computed from protected counts; null when either is suppressed.</summary>
    public double? Rate(long numerator, long denominator, double per = 1.0)
    {
        var n = Count(numerator);
        var d = Count(denominator);
        if (n is null || d is null || d == 0)
        {
            return null;
        }
        return n.Value / (double)d.Value * per;
    }

    /// <summary>
    /// A money total or mean over a group is released only if the group's person count survives suppression;
    /// the value itself is not rounded (it is not a count), but it is withheld with its count.
    /// </summary>
    public double? Amount(double value, long contributingPeople) =>
        !Enabled || contributingPeople == 0 || Count(contributingPeople) is not null ? value : null;

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
}

namespace Strata.Domain.Foundation.Synthetic;

/// <summary>
/// Unwarranted variation planted for the opportunity library to find (docs/synthetic-data.md "Planted variation"):
/// a few practices, chosen from the seed, whose patients' emergency admissions end the same day more often —
/// the zero-day share is multiplied by <see cref="ZeroDayShareFactor"/> (capped at <see cref="ZeroDayShareCap"/>).
/// The chosen practices are written to truth/opportunity_excess.csv, never imported.
/// </summary>
public sealed class PlantedVariation
{
    /// <summary>The opportunity (opportunities/ id) the excess shows up in.</summary>
    public const string ZeroDayOpportunity = "zero_los_emergency";

    public const double ZeroDayShareFactor = 2.0, ZeroDayShareCap = 0.8;

    /// <summary>Share of practices given the excess (at least one).</summary>
    public const double PracticeShare = 0.05;

    private readonly bool[] _zeroDay;

    public PlantedVariation(int practices, IEnumerable<int> zeroDayPractices)
    {
        _zeroDay = new bool[practices];
        foreach (var p in zeroDayPractices)
        {
            _zeroDay[p] = true;
        }
    }

    public static PlantedVariation None { get; } = new(0, []);

    /// <summary>Practice indexes with the zero-day excess, ascending.</summary>
    public IReadOnlyList<int> ZeroDayPractices => [.. Enumerable.Range(0, _zeroDay.Length).Where(i => _zeroDay[i])];

    /// <summary>Chooses max(1, round(share × practices)) distinct practices from its own stream of the seed.</summary>
    public static PlantedVariation Choose(int practices, ulong seed)
    {
        var rng = Rng.Fork(seed, ulong.MaxValue - 1);
        var count = Math.Min(practices, Math.Max(1, (int)Math.Round(PracticeShare * practices)));
        var chosen = new HashSet<int>();
        while (chosen.Count < count)
        {
            chosen.Add(rng.NextInt(practices));
        }
        return new PlantedVariation(practices, chosen);
    }

    /// <summary>The zero-day share of an emergency admission for a patient of the practice.</summary>
    public double ZeroDayShare(int practice, int age)
    {
        var share = ActivityModel.ZeroDayShare(age);
        return practice < _zeroDay.Length && _zeroDay[practice] ? Math.Min(ZeroDayShareCap, share * ZeroDayShareFactor) : share;
    }
}

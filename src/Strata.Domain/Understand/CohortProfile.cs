using Strata.Domain.Foundation;

namespace Strata.Domain.Understand;

/// <summary>The dimensions of the cohort cube, in display order; "setting" applies to activity only.</summary>
public static class ProfileDimensions
{
    public const string Setting = "setting";

    public static IReadOnlyList<string> All { get; } =
        ["segment", "risk_tier", "place_code", "neighbourhood_code", "age_band", "sex", "imd_quintile", Setting];

    /// <summary>Person dimensions (everything but setting): what cohort_people is keyed on.</summary>
    public static IReadOnlyList<string> Person { get; } = [.. All.Where(d => d != Setting)];

    /// <summary>Validates a --by list (short names place/neighbourhood/imd accepted) and returns it in cube order.</summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string> requested)
    {
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in requested.SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var name = raw switch { "place" => "place_code", "neighbourhood" => "neighbourhood_code", "imd" => "imd_quintile", _ => raw };
            if (!All.Contains(name))
            {
                throw new ArgumentException($"Unknown profile dimension '{raw}'. Choose from: {string.Join(", ", All)}.");
            }
            chosen.Add(name);
        }
        return [.. All.Where(chosen.Contains)];
    }
}

/// <summary>One cell of a cube slice as counted in the engine (unprotected; never released as is).</summary>
/// <param name="Keys">Dimension values, in the order of the slice's dimensions.</param>
/// <param name="PeopleKey">Cell key of the people (sum of their record keys mod 256), when the engine aggregated it.</param>
/// <param name="ActivityKey">Cell key of the activity records (each keyed by its person's record key).</param>
public sealed record ProfileCell(IReadOnlyList<string> Keys, long People, long Activity, long BedDays, double CostGbp,
    long? PeopleKey = null, long? ActivityKey = null)
{
    public KeyedCount PeopleCell => KeyedCount.Of(People, PeopleKey);

    public KeyedCount ActivityCell => KeyedCount.Of(Activity, ActivityKey);

    /// <summary>
    /// The cell as released: counts protected, rates and spend per head computed from the published population
    /// (so spend ÷ per head gives back nothing finer), spend withheld with a suppressed population.
    /// </summary>
    public ProfileRow Protect(DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var people = PeopleCell;
        return new(
            Keys,
            policy.Count(people),
            policy.Count(ActivityCell),
            policy.Rate(ActivityCell, people, 1000),
            policy.Count(KeyedCount.Of(BedDays, ActivityKey)),
            People == 0 ? null : policy.PerHead(CostGbp, people),
            policy.Amount(CostGbp, people));
    }
}

/// <summary>A released cohort-profile row. Null = suppressed or not computable.</summary>
public sealed record ProfileRow(
    IReadOnlyList<string> Keys,
    long? People,
    long? Activity,
    double? ActivityPer1000,
    long? BedDays,
    double? SpendPerHead,
    double? CostGbp);

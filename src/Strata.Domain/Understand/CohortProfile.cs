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
public sealed record ProfileCell(IReadOnlyList<string> Keys, long People, long Activity, long BedDays, double CostGbp)
{
    /// <summary>The cell as released: counts protected, rates recomputed from protected counts, spend withheld with a suppressed population.</summary>
    public ProfileRow Protect(DisclosurePolicy policy) => new(
        Keys,
        policy.Count(People),
        policy.Count(Activity),
        policy.Rate(Activity, People, 1000),
        policy.Count(BedDays),
        People == 0 ? null : policy.Amount(CostGbp / People, People),
        policy.Amount(CostGbp, People));
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

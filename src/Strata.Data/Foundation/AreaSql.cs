using Strata.Domain.Foundation;

namespace Strata.Data.Foundation;

/// <summary>
/// The one translation of an <see cref="AreaFilter"/> into SQL: conditions on place_code / neighbourhood_code (practice
/// geography, carried by practices, segments and the cohort tables) whose codes travel as bound parameters.
/// </summary>
internal static class AreaSql
{
    /// <summary>
    /// "1 = 1" for the whole ICB, else the conditions; each code is appended to <paramref name="parameters"/> and
    /// referred to by its position ($n), so callers number their own parameters around it.
    /// </summary>
    public static string Predicate(AreaFilter? area, List<object?> parameters, string alias = "")
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var parts = new List<string>();
        if (area?.Place is { } place)
        {
            parameters.Add(place);
            parts.Add($"{alias}place_code = ${parameters.Count}");
        }
        if (area?.Neighbourhood is { } hood)
        {
            parameters.Add(hood);
            parts.Add($"{alias}neighbourhood_code = ${parameters.Count}");
        }
        return parts.Count == 0 ? "1 = 1" : string.Join(" AND ", parts);
    }
}

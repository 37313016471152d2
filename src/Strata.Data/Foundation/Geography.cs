using System.Globalization;
using Strata.Data.Engine;
using Strata.Domain.Foundation;

namespace Strata.Data.Foundation;

/// <summary>A place and one of its neighbourhoods, as the practices table lays them out.</summary>
public sealed record PlaceNeighbourhood(string Place, string Neighbourhood);

/// <summary>A neighbourhood, its place and the people registered at its practices.</summary>
public sealed record NeighbourhoodPopulation(string Place, string PlaceName, string Neighbourhood, long People, long KeySum = 0)
{
    /// <summary>The count with its cell key, for disclosure control (docs/disclosure-control.md).</summary>
    public KeyedCount PeopleCell => DisclosureKeys.Cell(People, KeySum);
}

/// <summary>A practice with its neighbourhood and place.</summary>
public sealed record PracticeArea(string Practice, string Neighbourhood, string Place);

/// <summary>The level of an area: a place or a neighbourhood within it.</summary>
public enum AreaLevel
{
    Place,
    Neighbourhood,
}

/// <summary>The ICB's places and neighbourhoods, read from the practices table (import format v1).</summary>
public static class Geography
{
    /// <summary>The place a neighbourhood belongs to; null when no practice names it.</summary>
    public static string? PlaceOf(IEngine engine, string neighbourhood)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Scalar<string>("SELECT min(place_code) FROM practices WHERE neighbourhood_code = $1", neighbourhood);
    }

    /// <summary>
    /// One row per neighbourhood in the area, with its place's name and the people registered there and alive at
    /// <paramref name="at"/> (born by its year, not died before it: the population segmentation counts), by place then
    /// neighbourhood. Without a date, everyone registered.
    /// </summary>
    public static IReadOnlyList<NeighbourhoodPopulation> Populations(IEngine engine, AreaFilter? area, DateOnly? at)
    {
        ArgumentNullException.ThrowIfNull(engine);
        DisclosureKeys.Require(engine);
        var parameters = new List<object?>();
        var alive = "";
        if (at is { } d)
        {
            parameters.Add(d);
            parameters.Add(d.Year);
            alive = "AND (pe.death_date IS NULL OR pe.death_date >= $1) AND pe.year_of_birth <= $2";
        }
        return engine.Query(
            $"""
             SELECT pr.place_code, min(pr.place_name), pr.neighbourhood_code, count(pe.person_id), {DisclosureKeys.Sum()}
             FROM practices pr LEFT JOIN people pe ON pe.practice_code = pr.practice_code {alive}
             LEFT JOIN {DisclosureKeys.Table} k ON k.person_id = pe.person_id
             WHERE {AreaSql.Predicate(area, parameters, "pr.")}
             GROUP BY pr.place_code, pr.neighbourhood_code ORDER BY pr.place_code, pr.neighbourhood_code
             """,
            r => new NeighbourhoodPopulation(r.GetString(0), r.GetString(1), r.GetString(2),
                r.IsDBNull(3) ? 0 : Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(4), CultureInfo.InvariantCulture)),
            [.. parameters]);
    }

    /// <summary>The practices in the area, in code order.</summary>
    public static IReadOnlyList<string> Practices(IEngine engine, AreaFilter? area)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var parameters = new List<object?>();
        return engine.Query($"SELECT practice_code FROM practices WHERE {AreaSql.Predicate(area, parameters)} ORDER BY practice_code",
            r => r.GetString(0), [.. parameters]);
    }

    /// <summary>The practices in the area with their neighbourhood and place, in practice code order.</summary>
    public static IReadOnlyList<PracticeArea> PracticeAreas(IEngine engine, AreaFilter? area)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var parameters = new List<object?>();
        return engine.Query($"SELECT practice_code, neighbourhood_code, place_code FROM practices WHERE {AreaSql.Predicate(area, parameters)} ORDER BY practice_code",
            r => new PracticeArea(r.GetString(0), r.GetString(1), r.GetString(2)), [.. parameters]);
    }

    /// <summary>The distinct place (or neighbourhood) codes of the practices in the area.</summary>
    public static IReadOnlyList<string> Codes(IEngine engine, AreaLevel level, AreaFilter? area)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var column = level == AreaLevel.Place ? "place_code" : "neighbourhood_code";
        var parameters = new List<object?>();
        return engine.Query($"SELECT DISTINCT {column} FROM practices WHERE {AreaSql.Predicate(area, parameters)} ORDER BY {column}",
            r => r.GetString(0), [.. parameters]);
    }

    /// <summary>Every (place, neighbourhood) pair, in code order.</summary>
    public static IReadOnlyList<PlaceNeighbourhood> Neighbourhoods(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Query("SELECT DISTINCT place_code, neighbourhood_code FROM practices ORDER BY place_code, neighbourhood_code",
            r => new PlaceNeighbourhood(r.GetString(0), r.GetString(1)));
    }
}

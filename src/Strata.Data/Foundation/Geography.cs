using Strata.Data.Engine;

namespace Strata.Data.Foundation;

/// <summary>A place and one of its neighbourhoods, as the practices table lays them out.</summary>
public sealed record PlaceNeighbourhood(string Place, string Neighbourhood);

/// <summary>The ICB's places and neighbourhoods, read from the practices table (import format v1).</summary>
public static class Geography
{
    /// <summary>The place a neighbourhood belongs to; null when no practice names it.</summary>
    public static string? PlaceOf(IEngine engine, string neighbourhood)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Scalar<string>($"SELECT min(place_code) FROM practices WHERE neighbourhood_code = {engine.Dialect.Quote(neighbourhood)}");
    }

    /// <summary>Every (place, neighbourhood) pair, in code order.</summary>
    public static IReadOnlyList<PlaceNeighbourhood> Neighbourhoods(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Query("SELECT DISTINCT place_code, neighbourhood_code FROM practices ORDER BY place_code, neighbourhood_code",
            r => new PlaceNeighbourhood(r.GetString(0), r.GetString(1)));
    }
}

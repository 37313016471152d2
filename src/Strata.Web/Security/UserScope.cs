using Strata.Data.Foundation;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;

namespace Strata.Web.Security;

public enum ScopeLevel
{
    Icb,
    Place,
    Neighbourhood,
}

/// <summary>
/// The population a user may see: the whole ICB, one place, or one neighbourhood. Written "ICB", "place:CODE"
/// or "neighbourhood:CODE" in the users table and on the command line.
/// </summary>
public sealed record UserScope(ScopeLevel Level, string? Code)
{
    public static UserScope Icb { get; } = new(ScopeLevel.Icb, null);

    public static UserScope Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.Equals("icb", StringComparison.OrdinalIgnoreCase))
        {
            return Icb;
        }
        var colon = t.IndexOf(':', StringComparison.Ordinal);
        var code = colon > 0 ? t[(colon + 1)..].Trim() : "";
        if (colon > 0 && code.Length > 0)
        {
            var kind = t[..colon].Trim();
            if (kind.Equals("place", StringComparison.OrdinalIgnoreCase))
            {
                return new(ScopeLevel.Place, code);
            }
            if (kind.Equals("neighbourhood", StringComparison.OrdinalIgnoreCase))
            {
                return new(ScopeLevel.Neighbourhood, code);
            }
        }
        throw new FormatException($"Scope '{text}' is not ICB, place:<code> or neighbourhood:<code>.");
    }

    public override string ToString() => Level switch
    {
        ScopeLevel.Place => "place:" + Code,
        ScopeLevel.Neighbourhood => "neighbourhood:" + Code,
        _ => "ICB",
    };

    /// <summary>The whole ICB: every area, every tier.</summary>
    public bool IsIcbWide => Level == ScopeLevel.Icb;

    /// <summary>The place of a place scope (null for the ICB and for a neighbourhood scope).</summary>
    public string? Place => Level == ScopeLevel.Place ? Code : null;

    /// <summary>The neighbourhood of a neighbourhood scope (null otherwise).</summary>
    public string? Neighbourhood => Level == ScopeLevel.Neighbourhood ? Code : null;

    /// <summary>"ICB", "place" or "neighbourhood", for messages.</summary>
    public string LevelName => Level switch
    {
        ScopeLevel.Place => "place",
        ScopeLevel.Neighbourhood => "neighbourhood",
        _ => "ICB",
    };

    /// <summary>
    /// The tiers this scope records decisions at: an ICB user any tier, a place user place and neighbourhood tiers,
    /// a neighbourhood user neighbourhood tier only.
    /// </summary>
    public IReadOnlyList<Tier> DecisionTiers => Level switch
    {
        ScopeLevel.Place => [Tier.Place, Tier.Neighbourhood],
        ScopeLevel.Neighbourhood => [Tier.Neighbourhood],
        _ => Enum.GetValues<Tier>(),
    };

    /// <summary>Whether a (place, neighbourhood) pair of the practice geography lies within the scope.</summary>
    public bool Covers(PlaceNeighbourhood area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return Covers(area.Place, area.Neighbourhood);
    }

    /// <summary>
    /// Whether something recorded for a place and/or neighbourhood (null: ICB-wide) lies within the scope: anything for
    /// an ICB user; the place's own (and its neighbourhoods') for a place user; the neighbourhood's own for a neighbourhood user.
    /// </summary>
    public bool Covers(string? place, string? neighbourhood) => Level switch
    {
        ScopeLevel.Place => place == Code,
        ScopeLevel.Neighbourhood => neighbourhood == Code,
        _ => true,
    };

    /// <summary>The population the scope covers, as the area value Strata.Data filters by.</summary>
    public AreaFilter Area => Level switch
    {
        ScopeLevel.Place => new(Place: Code),
        ScopeLevel.Neighbourhood => new(Neighbourhood: Code),
        _ => AreaFilter.None,
    };

    /// <summary>
    /// The area a request covers within this scope: the scope itself narrowed by the place or neighbourhood asked for.
    /// Asking for an area outside the scope is refused (403) before anything is read.
    /// </summary>
    /// <param name="placeOf">The place a neighbourhood belongs to (practice geography).</param>
    public AreaFilter Narrow(AreaFilter requested, Func<string, string?> placeOf)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(placeOf);
        if (requested.Place is { } place && !ContainsPlace(place, placeOf))
        {
            throw new Population.ScopeForbiddenException($"Place {place} is outside your scope ({Describe()}).");
        }
        if (requested.Neighbourhood is { } hood && !ContainsNeighbourhood(hood, placeOf))
        {
            throw new Population.ScopeForbiddenException($"Neighbourhood {hood} is outside your scope ({Describe()}).");
        }
        return Area.And(requested);
    }

    private bool ContainsPlace(string place, Func<string, string?> placeOf) => Level switch
    {
        ScopeLevel.Place => place == Code,
        ScopeLevel.Neighbourhood => placeOf(Code!) == place,
        _ => true,
    };

    /// <summary>Whether a neighbourhood lies within the scope.</summary>
    public bool ContainsNeighbourhood(string neighbourhood, Func<string, string?> placeOf) => Level switch
    {
        ScopeLevel.Place => placeOf(neighbourhood) == Code,
        ScopeLevel.Neighbourhood => neighbourhood == Code,
        _ => true,
    };

    /// <summary>Words for page headers, e.g. "Place P01".</summary>
    public string Describe() => Level switch
    {
        ScopeLevel.Place => "Place " + Code,
        ScopeLevel.Neighbourhood => "Neighbourhood " + Code,
        _ => "Whole ICB",
    };
}

using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Deliver;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Stages;

/// <summary>
/// Which decisions a user may record and see, by scope. An ICB user decides at any tier for any area; a place user
/// at place tier for their own place or at neighbourhood tier within it; a neighbourhood user at their own
/// neighbourhood only. A user sees ICB-wide decisions (ICB and provider collaborative tiers) and their own area's:
/// a place user their place's and its neighbourhoods', a neighbourhood user their place's place-tier decisions and
/// their own neighbourhood's — never another area's. A place or neighbourhood decision recorded without its area
/// (before areas were recorded, or from the CLI without --place) could be anyone's, so only ICB users see it.
/// </summary>
public static class DecisionScope
{
    public static IReadOnlyList<Tier> Tiers(UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.DecisionTiers;
    }

    /// <summary>The (place, neighbourhood) pairs within the user's scope, for choosing a decision's area.</summary>
    public static IReadOnlyList<PlaceNeighbourhood> Areas(IEngine engine, UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return [.. Geography.Neighbourhoods(engine).Where(scope.Covers)];
    }

    /// <summary>
    /// The area a decision at <paramref name="tier"/> is recorded for: the user's own where the scope fixes it, or
    /// the one asked for. Throws <see cref="ScopeForbiddenException"/> (403) for a tier or area outside the scope and
    /// <see cref="ArgumentException"/> (400) for an area the tier needs but was not given.
    /// </summary>
    public static (string? Place, string? Neighbourhood) Resolve(IEngine engine, UserScope scope, Tier tier, string? place, string? neighbourhood)
    {
        ArgumentNullException.ThrowIfNull(scope);
        place = string.IsNullOrWhiteSpace(place) ? null : place.Trim();
        neighbourhood = string.IsNullOrWhiteSpace(neighbourhood) ? null : neighbourhood.Trim();
        if (!Tiers(scope).Contains(tier))
        {
            throw new ScopeForbiddenException(
                $"{scope.Describe()} records decisions at {string.Join(" or ", Tiers(scope).Select(DecisionRightsRegister.Name))} tier, not at {DecisionRightsRegister.Name(tier)} tier.");
        }
        switch (tier)
        {
            case Tier.Place:
                place ??= scope.Place ?? throw new ArgumentException("A place-tier decision needs the place it is for.", nameof(place));
                if (scope.Place is { } own && place != own)
                {
                    throw new ScopeForbiddenException($"Place {place} is outside your scope ({scope.Describe()}).");
                }
                if (scope.IsIcbWide && Geography.Neighbourhoods(engine).All(a => a.Place != place))
                {
                    throw new ArgumentException($"Place '{place}' is not in the workspace's practices.", nameof(place));
                }
                return (place, neighbourhood);
            case Tier.Neighbourhood:
                neighbourhood ??= scope.Neighbourhood
                    ?? throw new ArgumentException("A neighbourhood-tier decision needs the neighbourhood it is for.", nameof(neighbourhood));
                // Within the scope, and (for a place user) not named under another place.
                var inScope = scope.ContainsNeighbourhood(neighbourhood, n => Geography.PlaceOf(engine, n))
                    && (place is null || scope.Place is null || place == scope.Place);
                if (!inScope)
                {
                    throw new ScopeForbiddenException($"Neighbourhood {neighbourhood} is outside your scope ({scope.Describe()}).");
                }
                return (place, neighbourhood);
            default:
                return (place, neighbourhood);
        }
    }

    /// <summary>Whether a user may see a recorded decision (see the class summary).</summary>
    public static bool Visible(UserScope scope, DecisionRecord d, string? placeOfUsersNeighbourhood)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(d);
        if (scope.IsIcbWide)
        {
            return true;
        }
        if (d.Tier is Tier.Icb or Tier.ProviderCollaborative && d.Place is null && d.Neighbourhood is null)
        {
            return true;
        }
        return scope.Place is { } place
            ? d.Place is not null && d.Place == place
            : d.Neighbourhood is not null ? d.Neighbourhood == scope.Neighbourhood
                : d.Tier == Tier.Place && d.Place is not null && d.Place == placeOfUsersNeighbourhood;
    }
}

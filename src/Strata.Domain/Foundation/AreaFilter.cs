namespace Strata.Domain.Foundation;

/// <summary>
/// The part of the ICB a figure covers: the whole ICB (nothing named), a place, a neighbourhood, or a neighbourhood
/// named with its place. A value, never SQL: only Strata.Data turns it into a predicate, with the codes as bound
/// parameters. Scoping (what a user may ask for) narrows a request to one of these before any query runs.
/// </summary>
public sealed record AreaFilter(string? Place = null, string? Neighbourhood = null)
{
    public static AreaFilter None { get; } = new();

    public bool IsWholeIcb => Place is null && Neighbourhood is null;

    /// <summary>From a query string or form: blank values mean "not narrowed".</summary>
    public static AreaFilter From(string? place, string? neighbourhood) =>
        new(string.IsNullOrWhiteSpace(place) ? null : place.Trim(), string.IsNullOrWhiteSpace(neighbourhood) ? null : neighbourhood.Trim());

    /// <summary>Both restrictions at once; two different places (or neighbourhoods) cannot both hold.</summary>
    public AreaFilter And(AreaFilter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(One(Place, other.Place, "place"), One(Neighbourhood, other.Neighbourhood, "neighbourhood"));

        static string? One(string? a, string? b, string what) =>
            a is null || b is null || a == b ? a ?? b : throw new InvalidOperationException($"An area cannot be in {what} {a} and {what} {b} at once.");
    }

    /// <summary>Words for the population a figure covers: the narrowest area named.</summary>
    public string Describe() => Neighbourhood is { } n ? "Neighbourhood " + n : Place is { } p ? "Place " + p : "Whole ICB";
}

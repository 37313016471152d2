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

    /// <summary>Words for page headers, e.g. "Place P01".</summary>
    public string Describe() => Level switch
    {
        ScopeLevel.Place => "Place " + Code,
        ScopeLevel.Neighbourhood => "Neighbourhood " + Code,
        _ => "Whole ICB",
    };
}

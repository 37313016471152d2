namespace Strata.Web.Population;

/// <summary>How a column's values were protected and how they are shown.</summary>
public enum ColumnKind
{
    Text,

    /// <summary>A disclosure-controlled count (null when suppressed).</summary>
    Count,

    /// <summary>A rate recomputed from protected counts.</summary>
    Rate,

    /// <summary>Money in pounds, withheld with its group's count.</summary>
    Pounds,

    /// <summary>A mean or ratio, withheld with its group's count.</summary>
    Number,
}

public sealed record AggregateColumn(string Name, string Label, ColumnKind Kind);

/// <summary>
/// An aggregate ready to leave the engine: already filtered to the user's scope and passed through the
/// disclosure policy. Pages, API responses and exports are all made from this one shape.
/// </summary>
public sealed record AggregateTable(
    string Name,
    string Title,
    string Scope,
    DateOnly? ReferenceDate,
    IReadOnlyList<AggregateColumn> Columns,
    IReadOnlyList<object?[]> Rows,
    string Disclosure,
    string? NotAvailable = null)
{
    public bool Available => NotAvailable is null;

    public static AggregateTable Missing(string name, string title, string scope, string message, string disclosure) =>
        new(name, title, scope, null, [], [], disclosure, message);

    public int Column(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == name)
            {
                return i;
            }
        }
        throw new ArgumentException($"No column '{name}' in {Name}.", nameof(name));
    }
}

/// <summary>A request that reaches outside the signed-in user's population (HTTP 403).</summary>
public sealed class ScopeForbiddenException(string message) : Exception(message);

using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Api;

/// <summary>Makes one shown table for a user from the request's query string, through the same scoped query the page uses.</summary>
public delegate AggregateTable ExportSource(IServiceProvider services, WebUser user, IQueryCollection query);

/// <summary>
/// Every table a page shows, by its <see cref="AggregateTable.Name"/>, so that /api/export/{table} can make a file of
/// any of them. Each stage registers its tables next to its endpoints; a page's export links carry the same query
/// string the page was built from, so the file is the table on the screen.
/// </summary>
public sealed class ExportCatalog
{
    private readonly Dictionary<string, ExportSource> _sources = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _sources.Keys;

    public ExportCatalog Add(string table, ExportSource source)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentNullException.ThrowIfNull(source);
        if (!_sources.TryAdd(table, source))
        {
            throw new InvalidOperationException($"Export table '{table}' is registered twice.");
        }
        return this;
    }

    public bool Contains(string table) => _sources.ContainsKey(table);

    public AggregateTable Make(IServiceProvider services, WebUser user, string table, IQueryCollection query) =>
        _sources.TryGetValue(table, out var source)
            ? source(services, user, query)
            : throw new ArgumentException($"No exportable table '{table}'; use one of {string.Join(", ", _sources.Keys.Order(StringComparer.Ordinal))}.", nameof(table));

    /// <summary>A required query parameter, or a 400 naming it.</summary>
    public static string Required(IQueryCollection query, string name)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v)
            ? v.ToString()
            : throw new ArgumentException($"Exporting this table needs the query parameter '{name}'.", name);
    }

    public static string? Optional(IQueryCollection query, string name)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v.ToString() : null;
    }

    /// <summary>An optional number in the query string, or a 400 naming the parameter when it is not one.</summary>
    public static double? Number(IQueryCollection query, string name) =>
        Optional(query, name) is not { } text ? null
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
        : throw new ArgumentException($"The query parameter '{name}' must be a number; got '{text}'.", name);
}

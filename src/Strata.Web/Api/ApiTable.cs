using Strata.Domain.Reporting;
using Strata.Web.Infrastructure;
using Strata.Web.Population;

namespace Strata.Web.Api;

public sealed record ApiColumn(string Name, string Label, string Kind);

/// <summary>JSON shape of every aggregate the API returns; the disclosure statement is always present.</summary>
public sealed record ApiTable(
    string Table,
    string Title,
    string Scope,
    DateOnly? ReferenceDate,
    string? FinancialYear,
    bool Available,
    string? Message,
    IReadOnlyList<ApiColumn> Columns,
    IReadOnlyList<Dictionary<string, object?>> Rows,
    string Disclosure)
{
    public static ApiTable From(AggregateTable t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.Name, t.Title, t.Scope, t.ReferenceDate, t.ReferenceDate is { } d ? NhsFormat.FinancialYear(d) : null,
            t.Available, t.NotAvailable,
            [.. t.Columns.Select(c => new ApiColumn(c.Name, c.Label, c.Kind.ToString().ToLowerInvariant()))],
            [.. t.Rows.Select(r => t.Columns.Select((c, i) => (c.Name, Value: r[i])).ToDictionary(x => x.Name, x => x.Value))],
            t.Disclosure);
    }
}

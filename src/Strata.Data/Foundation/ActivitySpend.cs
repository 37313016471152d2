using System.Globalization;
using Strata.Data.Engine;

namespace Strata.Data.Foundation;

/// <summary>A provider's activity and spend in one setting.</summary>
public sealed record ProviderSettingSpend(string Provider, string Setting, double Activity, double Cost);

/// <summary>Spend in the 12 months to a reference date (activity starting after D − 12 months, up to D).</summary>
public static class ActivitySpend
{
    public static double Total(IEngine engine, DateOnly at)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Scalar<double>($"SELECT CAST(coalesce(sum(cost_gbp), 0) AS DOUBLE PRECISION) FROM activity WHERE {Window(engine, at)}");
    }

    /// <summary>
    /// The provider and setting with the largest spend (ties by code), among providers of the given types when types
    /// are given (codes of <see cref="Strata.Domain.Foundation.Vocabulary.ProviderTypes"/>); null when there is none.
    /// </summary>
    public static ProviderSettingSpend? Largest(IEngine engine, DateOnly at, IReadOnlyCollection<string>? providerTypes = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var q = engine.Dialect;
        var ofType = providerTypes is { Count: > 0 }
            ? $" AND provider_code IN (SELECT provider_code FROM providers WHERE provider_type IN ({string.Join(", ", providerTypes.Select(t => q.Quote(t)))}))"
            : "";
        return engine.Query($"""
            SELECT provider_code, setting, count(*), CAST(sum(cost_gbp) AS DOUBLE PRECISION) FROM activity WHERE {Window(engine, at)}{ofType}
            GROUP BY provider_code, setting ORDER BY 4 DESC, 1, 2 LIMIT 1
            """, r => new ProviderSettingSpend(r.GetString(0), r.GetString(1), Convert.ToDouble(r.GetValue(2), CultureInfo.InvariantCulture), r.GetDouble(3)))
            .FirstOrDefault();
    }

    private static string Window(IEngine engine, DateOnly at)
    {
        var d = engine.Dialect.Date(at);
        return $"start_date > {engine.Dialect.AddMonths(d, "-12")} AND start_date <= {d}";
    }
}

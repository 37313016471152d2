using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;

namespace Strata.Data.Deliver;

/// <summary>
/// Who a service change would affect, by IMD quintile: people alive at D with activity in the service's settings
/// (optionally from one provider) in the 12 months to D, against everyone alive at D — in the whole ICB, or only
/// those registered with practices of one place or neighbourhood. Counts pass disclosure
/// control here with their cell keys (the sum of their people's record keys); shares are recomputed from the protected counts.
/// </summary>
public static class EqualityImpactData
{
    public static IReadOnlyList<QuintileImpact> ByImdQuintile(IEngine engine, DateOnly at, IReadOnlyList<string> settings, string? provider, DisclosurePolicy policy,
        string? place = null, string? neighbourhood = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(policy);
        var unknown = settings.Where(s => !Vocabulary.Settings.Contains(s)).ToList();
        if (settings.Count == 0 || unknown.Count > 0)
        {
            throw new ArgumentException($"settings: need one or more of {string.Join(", ", Vocabulary.Settings)}{(unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}" : "")}");
        }
        var q = engine.Dialect;
        var d = q.Date(at);
        var area = string.Join("", new[] { ("place_code", place), ("neighbourhood_code", neighbourhood) }
            .Where(x => x.Item2 is not null).Select(x => $" AND practice_code IN (SELECT practice_code FROM practices WHERE {x.Item1} = {q.Quote(x.Item2!)})"));
        DisclosureKeys.Require(engine);
        var rows = engine.Query($"""
            WITH alive AS (SELECT person_id, CAST(floor((imd_decile + 1) / 2) AS INTEGER) AS quintile FROM people
                           WHERE (death_date IS NULL OR death_date > {d}){area}),
            affected AS (SELECT DISTINCT person_id FROM activity
                         WHERE start_date > {q.AddMonths(d, "-12")} AND start_date <= {d}
                           AND setting IN ({string.Join(", ", settings.Select(q.Quote))})
                           {(provider is null ? "" : $"AND provider_code = {q.Quote(provider)}")})
            SELECT a.quintile, count(f.person_id), count(*),
              CAST(coalesce(sum(CASE WHEN f.person_id IS NOT NULL THEN k.record_key END), 0) AS BIGINT), {DisclosureKeys.Sum()}
            FROM alive a LEFT JOIN affected f ON f.person_id = a.person_id
            LEFT JOIN {DisclosureKeys.Table} k ON k.person_id = a.person_id
            GROUP BY a.quintile ORDER BY a.quintile
            """, r => (Q: Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture),
                Affected: DisclosureKeys.Cell(Long(r, 1), Long(r, 3)), Population: DisclosureKeys.Cell(Long(r, 2), Long(r, 4))));
        var protectedRows = rows.Select(r => (r.Q, Affected: policy.Count(r.Affected), Population: policy.Count(r.Population))).ToList();
        var affectedTotal = protectedRows.Sum(r => r.Affected ?? 0);
        var populationTotal = protectedRows.Sum(r => r.Population ?? 0);
        return [.. protectedRows.Select(r => new QuintileImpact(r.Q, r.Affected, r.Population,
            r.Affected is { } a && affectedTotal > 0 ? a / (double)affectedTotal : null,
            r.Population is { } p && populationTotal > 0 ? p / (double)populationTotal : null))];
    }

    private static long Long(System.Data.IDataRecord r, int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
}

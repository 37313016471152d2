using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Plan;

/// <summary>
/// Reads the plan's inputs from the workspace: the Understand stage's cohort cells (neighbourhood aggregated away,
/// risk tier kept) and, from the activity table, each provider's share of each place × setting's activity and its
/// unit cost per setting (cost / count over the 12 months to the reference date).
/// </summary>
public static class PlanCells
{
    public const string PeopleTable = "cohort_people";
    public const string ActivityTable = "cohort_activity";

    /// <summary>True when the Understand stage has written the cohort tables.</summary>
    public static bool Available(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.TableExists(PeopleTable) && engine.TableExists(ActivityTable);
    }

    /// <summary>Loads the cells at a reference date (default: the latest in the cohort tables).</summary>
    /// <param name="area">
    /// Optional area (e.g. a user's scope) by practice geography: only those cells, and the provider mix of those
    /// people's activity. Every cell projects on its own, so a scoped baseline projects that area.
    /// </param>
    public static PlanBaseline Load(IEngine engine, DateOnly? at = null, AreaFilter? area = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!Available(engine))
        {
            throw new InvalidOperationException(
                $"The workspace has no {PeopleTable}/{ActivityTable} tables: run the Understand stage (strata profile) first.");
        }
        var latest = engine.Scalar<string>($"SELECT CAST(max(reference_date) AS VARCHAR) FROM {ActivityTable}");
        var reference = at ?? (latest is null
            ? throw new InvalidOperationException($"{ActivityTable} is empty: no cells to project.")
            : DateOnly.ParseExact(latest, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var d = engine.Dialect.Date(reference);
        var parameters = new List<object?>();
        var scoped = $"AND {AreaSql.Predicate(area, parameters)}";
        var population = engine.Query($"""
            SELECT segment, risk_tier, age_band, sex, imd_quintile, place_code, CAST(sum(people) AS DOUBLE PRECISION)
            FROM {PeopleTable} WHERE reference_date = {d} {scoped}
            GROUP BY segment, risk_tier, age_band, sex, imd_quintile, place_code
            ORDER BY segment, risk_tier, age_band, sex, imd_quintile, place_code
            """, r => new PopulationCell(Key(r), Convert.ToDouble(r.GetValue(6), CultureInfo.InvariantCulture)), [.. parameters]);
        var activity = engine.Query($"""
            SELECT segment, risk_tier, age_band, sex, imd_quintile, place_code, setting,
                   CAST(sum(activity) AS DOUBLE PRECISION), CAST(sum(coalesce(bed_days, 0)) AS DOUBLE PRECISION), CAST(sum(cost_gbp) AS DOUBLE PRECISION)
            FROM {ActivityTable} WHERE reference_date = {d} {scoped}
            GROUP BY segment, risk_tier, age_band, sex, imd_quintile, place_code, setting
            ORDER BY segment, risk_tier, age_band, sex, imd_quintile, place_code, setting
            """, r => new ActivityCell(Key(r), r.GetString(6), Num(r, 7), Num(r, 8), Num(r, 9)), [.. parameters]);
        if (activity.Count == 0)
        {
            throw new InvalidOperationException(area is null || area.IsWholeIcb
                ? $"{ActivityTable} has no rows at {reference:yyyy-MM-dd}."
                : $"{ActivityTable} has no rows at {reference:yyyy-MM-dd} in this area.");
        }
        return new PlanBaseline(reference, population, activity, ProviderMix(engine, reference, area));
    }

    /// <summary>
    /// Each provider's share of each place × setting's activity (place of the patient's practice) and the provider's
    /// unit cost in that setting, over the 12 months to the reference date (optionally only activity of people whose
    /// practice is in <paramref name="area"/>).
    /// </summary>
    public static IReadOnlyList<ProviderShare> ProviderMix(IEngine engine, DateOnly at, AreaFilter? area = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var parameters = new List<object?>();
        var d = engine.Dialect.Date(at);
        return engine.Query($"""
            WITH all_activity AS (
                SELECT pr.place_code, pr.neighbourhood_code, a.setting, a.provider_code, a.cost_gbp
                FROM activity a
                JOIN people p ON p.person_id = a.person_id
                JOIN practices pr ON pr.practice_code = p.practice_code
                WHERE a.start_date <= {d} AND a.start_date > {engine.Dialect.AddMonths(d, "-12")}
            ),
            window_activity AS (SELECT * FROM all_activity WHERE {AreaSql.Predicate(area, parameters)}),
            unit AS (
                SELECT setting, provider_code, CAST(sum(cost_gbp) AS DOUBLE PRECISION) / count(*) AS unit_cost
                FROM window_activity GROUP BY setting, provider_code
            ),
            counts AS (
                SELECT place_code, setting, provider_code, count(*) AS n
                FROM window_activity GROUP BY place_code, setting, provider_code
            )
            SELECT c.place_code, c.setting, c.provider_code,
                   CAST(c.n AS DOUBLE PRECISION) / sum(c.n) OVER (PARTITION BY c.place_code, c.setting) AS share, u.unit_cost
            FROM counts c JOIN unit u ON u.setting = c.setting AND u.provider_code = c.provider_code
            ORDER BY c.place_code, c.setting, c.provider_code
            """, r => new ProviderShare(r.GetString(0), r.GetString(1), r.GetString(2), Num(r, 3), Num(r, 4)), [.. parameters]);
    }

    private static CohortKey Key(System.Data.IDataRecord r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
        Convert.ToInt32(r.GetValue(4), CultureInfo.InvariantCulture), r.GetString(5));

    private static double Num(System.Data.IDataRecord r, int i) =>
        r.IsDBNull(i) ? 0 : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);
}

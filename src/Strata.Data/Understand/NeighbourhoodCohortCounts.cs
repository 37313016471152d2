using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Data.Understand;

/// <summary>
/// Who is in each neighbourhood cohort at a reference date D, counted in the engine per neighbourhood (from the
/// registered practice), with their emergency admissions, A&amp;E attendances and spend in the 12 months (D − 12m, D],
/// and the cohort's size a year earlier. People are alive at D; ages are whole years at D (the one age definition).
/// Frail 75+: aged 75+ and a coded moderate/severe frailty diagnosis or an eFI-style score banded moderate or worse;
/// end of life: on the palliative care register; multiple long-term conditions: 2 or more of the Cambridge
/// Multimorbidity Score conditions; care-home residents and housebound people: the people fields care_home = 1 and
/// housebound = 1 (status at the extract date, so no year-earlier count). Every count carries its cell key (record
/// keys summed; activity sums each record's person key). Only aggregates leave the engine.
/// </summary>
public static class NeighbourhoodCohortCounts
{
    private const string Flags = "understand_cohort_flags_tmp";

    /// <summary>The cohorts whose membership is a status without a date (no year-earlier count).</summary>
    public static readonly IReadOnlyList<NeighbourhoodCohort> Undated = [NeighbourhoodCohort.CareHomeResidents, NeighbourhoodCohort.Housebound];

    public static IReadOnlyList<CohortCounts> Compute(IEngine engine, DateOnly at)
    {
        ArgumentNullException.ThrowIfNull(engine);
        DisclosureKeys.Ensure(engine);
        var now = Members(engine, at);
        var before = Members(engine, at.AddYears(-1)).ToDictionary(m => (m.Neighbourhood, m.Cohort));
        return [.. now.Select(c =>
            {
                if (Undated.Contains(c.Cohort))
                {
                    return c with { PeopleYearBefore = null };
                }
                var b = before.GetValueOrDefault((c.Neighbourhood, c.Cohort));
                return c with { PeopleYearBefore = b?.People ?? 0, YearBeforeKey = b?.PeopleKey ?? 0 };
            })
            .OrderBy(c => c.Neighbourhood, StringComparer.Ordinal).ThenBy(c => c.Cohort)];
    }

    private static List<CohortCounts> Members(IEngine engine, DateOnly at)
    {
        var d = engine.Dialect;
        ConditionFlags.Build(engine, at, Flags);
        try
        {
            string In(IEnumerable<string> names) => string.Join(", ", names.Select(d.Quote));
            var ltc = Codelists.Conditions.Where(c => c.IsLongTermCondition).Select(c => c.Condition);
            var age = AgeBandSql.AgeSql("p.year_of_birth", at);
            return [.. engine.Query($"""
                WITH pop AS (
                    SELECT p.person_id, pr.neighbourhood_code AS nb, {age} AS age, p.care_home, p.housebound
                    FROM people p JOIN practices pr ON pr.practice_code = p.practice_code
                    WHERE (p.death_date IS NULL OR p.death_date > $1) AND p.year_of_birth <= $2),
                f AS (
                    SELECT person_id,
                           count(DISTINCT CASE WHEN condition IN ({In(FrailtyIndex.Deficits.Keys)}) THEN
                               CASE WHEN condition IN ('asthma', 'copd') THEN 'respiratory' ELSE condition END END) AS deficits,
                           max(CASE WHEN condition IN ('frailty_moderate', 'frailty_severe') THEN 1 ELSE 0 END) AS coded_frail,
                           max(CASE WHEN condition = 'palliative_care' THEN 1 ELSE 0 END) AS eol,
                           sum(CASE WHEN condition IN ({In(ltc)}) THEN 1 ELSE 0 END) AS ltcs
                    FROM {Flags} GROUP BY person_id),
                members AS (
                    SELECT pop.person_id, pop.nb, 0 AS cohort FROM pop JOIN f ON f.person_id = pop.person_id
                      WHERE pop.age >= 75 AND (f.coded_frail = 1 OR f.deficits >= $3)
                    UNION ALL SELECT pop.person_id, pop.nb, 1 FROM pop JOIN f ON f.person_id = pop.person_id WHERE f.eol = 1
                    UNION ALL SELECT pop.person_id, pop.nb, 2 FROM pop JOIN f ON f.person_id = pop.person_id WHERE f.ltcs >= 2
                    UNION ALL SELECT pop.person_id, pop.nb, 3 FROM pop WHERE pop.care_home = 1
                    UNION ALL SELECT pop.person_id, pop.nb, 4 FROM pop WHERE pop.housebound = 1),
                act AS (
                    SELECT person_id,
                           sum(CASE WHEN setting = 'emergency_admission' THEN 1 ELSE 0 END) AS em,
                           sum(CASE WHEN setting = 'ae_attendance' THEN 1 ELSE 0 END) AS ae,
                           sum(CAST(cost_gbp AS DOUBLE PRECISION)) AS spend
                    FROM activity WHERE start_date > $4 AND start_date <= $1 GROUP BY person_id)
                SELECT m.nb, m.cohort, count(*), CAST(COALESCE(sum(a.em), 0) AS BIGINT), CAST(COALESCE(sum(a.ae), 0) AS BIGINT),
                       CAST(COALESCE(sum(a.spend), 0) AS DOUBLE PRECISION),
                       {DisclosureKeys.Sum()},
                       CAST(COALESCE(sum(a.em * k.record_key), 0) AS BIGINT), CAST(COALESCE(sum(a.ae * k.record_key), 0) AS BIGINT)
                FROM members m LEFT JOIN act a ON a.person_id = m.person_id
                LEFT JOIN {DisclosureKeys.Table} k ON k.person_id = m.person_id
                GROUP BY m.nb, m.cohort
                """,
                r => new CohortCounts(r.GetString(0), (NeighbourhoodCohort)r.GetInt32(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetDouble(5), 0)
                {
                    PeopleKey = r.GetInt64(6), EmergencyKey = r.GetInt64(7), AeKey = r.GetInt64(8),
                },
                at, at.Year, FrailtyIndex.ModerateFrom, at.AddMonths(-12))];
        }
        finally
        {
            engine.Execute($"DROP TABLE IF EXISTS {Flags}");
        }
    }
}

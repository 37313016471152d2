using System.Globalization;
using System.Text;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Plan;

/// <summary>
/// Counts the library's opportunities in SQL, in the 12 months to a reference date D, as age band × sex cells per
/// unit; benchmarking (standardisation, funnels, prize) is Strata.Domain's. Population: people alive at the start
/// of the window and born by D's year, age at D, unit from the registered practice (as the variation funnels).
/// </summary>
public static class OpportunityLibrary
{
    public const string RuleVersion = "opportunities-v1";

    /// <summary>Years of trend (the reference year and up to this many before it, while there is activity).</summary>
    public const int TrendYears = 5;

    /// <param name="months">
    /// Months counted, ending at D (default 12). People, the per-person threshold (frequent attenders) and the look-backs
    /// keep the 12-month window ending at D; only the events (and the base events of a ratio) counted are the last
    /// <paramref name="months"/> months' — so a month of the SPC series counts the same events as the year it ends.
    /// </param>
    public static IReadOnlyList<OpportunityCell> Cells(IEngine engine, OpportunityDefinition definition, OpportunityLevel level, DateOnly at, OpportunityArea? area = null,
        int months = 12)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, 12);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(definition);
        var dialect = engine.Dialect;
        var args = new List<object?>();
        string P(object? value)
        {
            args.Add(value);
            return "$" + args.Count.ToString(CultureInfo.InvariantCulture);
        }
        var d = dialect.Date(at);
        var start = dialect.AddMonths(d, "-12");
        var counted = months == 12 ? start : dialect.AddMonths(d, (-months).ToString(CultureInfo.InvariantCulture));
        var unit = level switch
        {
            OpportunityLevel.Icb => "'ICB'",
            OpportunityLevel.Place => "coalesce(pr.place_code, 'unknown')",
            OpportunityLevel.Neighbourhood => "coalesce(pr.neighbourhood_code, 'unknown')",
            _ => "p.practice_code",
        };
        var areaFilter = area is null ? "" : $" AND pr.{(area.Neighbourhood ? "neighbourhood_code" : "place_code")} = {P(area.Code)}";
        var c = definition.Criteria;
        var where = new StringBuilder();
        where.Append(CultureInfo.InvariantCulture, $"a.setting = {P(definition.Setting)}");
        if (c.Diagnoses.Count > 0)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND ({string.Join(" OR ", c.Diagnoses.Select(x => $"upper(replace(a.primary_diagnosis, '.', '')) LIKE {P(x + "%")}"))})");
        }
        var age = AgeBandSql.AgeSql("pop.year_of_birth", "a.start_date");
        if (c.MinAge is { } min)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND {age} >= {P(min)}");
        }
        if (c.MaxAge is { } max)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND {age} <= {P(max)}");
        }
        if (c.MaxLengthOfStayDays is { } los)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND a.end_date IS NOT NULL AND a.end_date - a.start_date <= {P(los)}");
        }
        if (c.DeathWithinDays is { } death)
        {
            where.Append(CultureInfo.InvariantCulture,
                $" AND pop.death_date IS NOT NULL AND pop.death_date >= a.start_date AND pop.death_date <= {dialect.AddDays("coalesce(a.end_date, a.start_date)", P(death))}");
        }
        if (c.ReadmissionWithinDays is { } readmit)
        {
            // An earlier admitted spell (emergency or elective) that ended on or before this start, at most N days before.
            where.Append(CultureInfo.InvariantCulture, $"""
                 AND EXISTS (SELECT 1 FROM activity b WHERE b.person_id = a.person_id AND b.activity_id <> a.activity_id
                    AND b.setting IN ('emergency_admission', 'elective_admission') AND b.end_date IS NOT NULL
                    AND b.start_date < a.start_date AND b.end_date <= a.start_date AND a.start_date <= {dialect.AddDays("b.end_date", P(readmit))})
                """);
        }
        if (c.NotFollowedBySetting is { } follow)
        {
            where.Append(CultureInfo.InvariantCulture, $"""
                 AND NOT EXISTS (SELECT 1 FROM activity f WHERE f.person_id = a.person_id AND f.setting = {P(follow)}
                    AND f.start_date >= a.start_date AND f.start_date <= {dialect.AddDays("a.start_date", P(c.NotFollowedWithinDays))})
                """);
        }
        if (c.Conditions is { Count: > 0 } conditions)
        {
            var coded = string.Join(", ", conditions.Select(x => P(x)));
            var mapped = string.Join(", ", conditions.Select(x => P(x)));
            where.Append(CultureInfo.InvariantCulture, $"""
                 AND EXISTS (SELECT 1 FROM conditions k WHERE k.person_id = a.person_id AND k.recorded_on <= a.start_date
                    AND ((k.code_system = 'strata' AND k.code IN ({coded}))
                      OR (k.code_system = 'icd10' AND EXISTS (SELECT 1 FROM codelist_condition_icd10 m
                            WHERE m.condition IN ({mapped}) AND upper(replace(k.code, '.', '')) LIKE m.icd10_prefix || '%'))))
                """);
        }
        var frequent = c.MinEventsPerPerson is { } n
            ? $" AND person_id IN (SELECT person_id FROM ev0 GROUP BY person_id HAVING count(*) >= {P(n)})"
            : "";
        var (baseJoin, baseValue) = definition.PerSetting is { } per
            ? ($"""
                LEFT JOIN (SELECT person_id, count(*) AS b FROM activity WHERE setting = {P(per)} AND start_date > {counted} AND start_date <= {d}
                    GROUP BY person_id) base ON base.person_id = pop.person_id
                """, "coalesce(sum(base.b), 0)")
            : ("", "count(*)");
        var admitted = definition.Setting is "emergency_admission" or "elective_admission" or "maternity";
        var sql = $"""
            WITH pop AS (
                SELECT p.person_id, p.sex, p.year_of_birth, p.death_date,
                       {AgeBandSql.SqlCase(AgeBandSql.AgeSql("p.year_of_birth", at))} AS age_band, {unit} AS unit
                FROM people p LEFT JOIN practices pr ON pr.practice_code = p.practice_code
                WHERE (p.death_date IS NULL OR p.death_date > {start}) AND p.year_of_birth <= {at.Year.ToString(CultureInfo.InvariantCulture)}{areaFilter}
            ),
            ev0 AS (
                SELECT a.person_id, a.start_date, a.cost_gbp,
                       {(admitted ? "CASE WHEN a.end_date IS NULL THEN 0 ELSE a.end_date - a.start_date END" : "0")} AS bed_days
                FROM activity a JOIN pop ON pop.person_id = a.person_id
                WHERE a.start_date > {start} AND a.start_date <= {d} AND {where}
            ),
            ev AS (SELECT * FROM ev0 WHERE start_date > {counted}{frequent}),
            per_person AS (SELECT person_id, count(*) AS n, sum(bed_days) AS bed_days, sum(cost_gbp) AS cost FROM ev GROUP BY person_id)
            SELECT pop.unit, pop.age_band, pop.sex, CAST({baseValue} AS BIGINT), CAST(coalesce(sum(pp.n), 0) AS BIGINT),
                   CAST(coalesce(sum(pp.bed_days), 0) AS DOUBLE PRECISION), CAST(coalesce(sum(pp.cost), 0) AS DOUBLE PRECISION)
            FROM pop LEFT JOIN per_person pp ON pp.person_id = pop.person_id
            {baseJoin}
            GROUP BY pop.unit, pop.age_band, pop.sex
            ORDER BY pop.unit, pop.age_band, pop.sex
            """;
        return engine.Query(sql, r => new OpportunityCell(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetDouble(5), r.GetDouble(6)),
            [.. args]);
    }

    /// <summary>
    /// The opportunity month by month over the data (whole calendar months whose 12-month window lies in the data), for
    /// its SPC chart: each month's events and base (people, or base events of a ratio) at the ICB or in the area.
    /// </summary>
    public static IReadOnlyList<OpportunityMonth> Monthly(IEngine engine, OpportunityDefinition definition, OpportunityArea? area = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(definition);
        if (ActivitySpan.First(engine) is not { } first || ActivitySpan.Last(engine) is not { } last)
        {
            return [];
        }
        var months = new List<OpportunityMonth>();
        var end = new DateOnly(first.Year, first.Month, 1).AddMonths(13).AddDays(-1);
        for (; end <= last; end = new DateOnly(end.Year, end.Month, 1).AddMonths(2).AddDays(-1))
        {
            var cells = Cells(engine, definition, OpportunityLevel.Icb, end, area, months: 1);
            months.Add(new OpportunityMonth(end, cells.Sum(c => c.Base), cells.Sum(c => c.Events)));
        }
        return months;
    }

    /// <summary>Mean cost per activity row of a setting in the 12 months to D (the receiving setting's unit cost); 0 when none.</summary>
    public static double UnitCost(IEngine engine, string setting, DateOnly at)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var d = engine.Dialect.Date(at);
        return engine.Scalar<double?>($"""
            SELECT CAST(avg(cost_gbp) AS DOUBLE PRECISION) FROM activity
            WHERE setting = $1 AND start_date > {engine.Dialect.AddMonths(d, "-12")} AND start_date <= {d}
            """, setting) ?? 0;
    }

    /// <summary>The definition at one level with its benchmark and its ICB trend over the years with activity.</summary>
    public static OpportunityResult Compute(IEngine engine, OpportunityDefinition definition, OpportunityLevel level, DateOnly at, OpportunityArea? area = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(definition);
        var receivingCost = definition.Receiving is { } r ? UnitCost(engine, r.Setting, at) : 0;
        var benchmark = OpportunityBenchmarks.Compute(definition, Cells(engine, definition, level, at, area), receivingCost);
        var first = ActivitySpan.First(engine);
        var years = new List<(DateOnly, IReadOnlyList<OpportunityCell>)>();
        for (var k = 0; k < TrendYears; k++)
        {
            var end = at.AddYears(-k);
            // A year is in the trend only when the data covers all of it.
            if (k > 0 && (first is null || first.Value > end.AddYears(-1).AddDays(1)))
            {
                break;
            }
            years.Add((end, Cells(engine, definition, OpportunityLevel.Icb, end, area)));
        }
        return new OpportunityResult(definition, level, at, benchmark, OpportunityBenchmarks.Trend(definition, years), receivingCost);
    }
}

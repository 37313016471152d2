using Strata.Domain.Foundation;
using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Understand;
using Strata.Domain.Evaluate;

namespace Strata.Data.Evaluate;

/// <summary>Raw counts of one KPI cell (unit × period × IMD quintile; quintile 0 when not split).</summary>
public sealed record KpiCell(string Unit, DateOnly PeriodStart, int Quintile, long Numerator, long Denominator);

/// <summary>Raw counts of one KPI cell split by an inequality dimension's group (labels of <see cref="GroupInequality.Groups"/>).</summary>
public sealed record KpiGroupCell(string Unit, DateOnly PeriodStart, string Group, long Numerator, long Denominator);

/// <summary>
/// Computes KPI numerators and denominators in the engine, per unit (ICB, place, neighbourhood or provider) and
/// period, optionally by IMD quintile; only the aggregates come back. Cohort ages are whole years at the start of
/// the period (year of the period start − year of birth); everyone counted is alive at the start of the period.
/// At provider level the numerator is the provider's activity and the denominator the ICB's cohort population.
/// </summary>
public static class KpiSeries
{
    public const string RuleVersion = "kpi-series.v1";

    private const string ConditionTable = "evaluate_kpi_conditions_tmp";

    public static IReadOnlyList<KpiCell> Compute(IEngine engine, KpiDefinition kpi, KpiLevel level,
        IReadOnlyList<(DateOnly Start, DateOnly End)> periods, bool byQuintile = false) =>
        [.. Core(engine, kpi, level, periods, byQuintile ? InequalityDimension.ImdQuintile : null)
            .Select(c => new KpiCell(c.Unit, c.PeriodStart, int.Parse(c.Group, CultureInfo.InvariantCulture), c.Numerator, c.Denominator))];

    /// <summary>KPI counts split by the groups of an inequality dimension (IMD quintile, Core20, ethnicity, PLUS groups).</summary>
    public static IReadOnlyList<KpiGroupCell> ComputeByGroup(IEngine engine, KpiDefinition kpi, KpiLevel level,
        IReadOnlyList<(DateOnly Start, DateOnly End)> periods, InequalityDimension dimension) =>
        Core(engine, kpi, level, periods, dimension);

    // Condition that defines a PLUS group, from person_conditions at each period end.
    private static string? GroupCondition(InequalityDimension? dimension) => dimension switch
    {
        InequalityDimension.LearningDisability => "learning_disability",
        InequalityDimension.SevereMentalIllness => "schizophrenia_bipolar",
        _ => null,
    };

    private static IReadOnlyList<KpiGroupCell> Core(IEngine engine, KpiDefinition kpi, KpiLevel level,
        IReadOnlyList<(DateOnly Start, DateOnly End)> periods, InequalityDimension? dimension)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(kpi);
        ArgumentNullException.ThrowIfNull(periods);
        if (periods.Count == 0)
        {
            return [];
        }
        var d = engine.Dialect;
        var values = string.Join(", ", periods.Select(p => $"({d.Date(p.Start)}, {d.Date(p.End)})"));
        var with = $"WITH periods(period_start, period_end) AS (VALUES {values})";
        var groupCondition = GroupCondition(dimension);
        var quintile = dimension switch
        {
            InequalityDimension.ImdQuintile => "CAST(CAST(FLOOR((p.imd_decile + 1) / 2.0) AS INTEGER) AS VARCHAR)",
            InequalityDimension.Core20 => "CASE WHEN p.imd_decile <= 2 THEN 'core20' ELSE 'rest' END",
            InequalityDimension.Ethnicity => "COALESCE(p.ethnicity, 'unknown')",
            InequalityDimension.LearningDisability => "CASE WHEN gc.person_id IS NULL THEN 'rest' ELSE 'learning_disability' END",
            InequalityDimension.SevereMentalIllness => "CASE WHEN gc.person_id IS NULL THEN 'rest' ELSE 'severe_mental_illness' END",
            _ => "'0'",
        };
        var cohort = Cohort(engine, kpi.Cohort);
        var conditions = new[] { kpi.Numerator.Kind == NumeratorKind.PeopleWithCondition ? kpi.Numerator.Condition : null, kpi.Denominator.Kind == DenominatorKind.Condition ? kpi.Denominator.Condition : null, groupCondition }
            .OfType<string>().Distinct().ToList();
        if (conditions.Count > 0)
        {
            BuildConditions(engine, periods, conditions);
        }
        try
        {
            string Has(string alias, string condition) =>
                $"JOIN {ConditionTable} {alias} ON {alias}.person_id = p.person_id AND {alias}.period_start = per.period_start AND {alias}.condition = {d.Quote(condition)}";
            var denomCondition = kpi.Denominator.Kind == DenominatorKind.Condition ? Has("dc", kpi.Denominator.Condition!) : "";
            // The PLUS group's flag joins without restricting anyone: the person is in the group or in "rest".
            if (groupCondition is not null)
            {
                denomCondition += $" LEFT {Has("gc", groupCondition)}";
            }
            var alive = "(p.death_date IS NULL OR p.death_date >= per.period_start)";
            var unit = level switch
            {
                KpiLevel.Icb => "pr.icb_code",
                KpiLevel.Place => "pr.place_code",
                KpiLevel.Neighbourhood => "pr.neighbourhood_code",
                _ => "'all'",
            };
            var denominators = engine.Query($"""
                {with}
                SELECT {unit} AS unit, per.period_start, {quintile} AS q, count(*) AS n
                FROM people p JOIN practices pr ON pr.practice_code = p.practice_code
                JOIN periods per ON {alive}
                {denomCondition}
                WHERE {cohort}
                GROUP BY 1, 2, 3
                """, r => (Unit: r.GetString(0), Period: DateOnly.FromDateTime(r.GetDateTime(1)), Q: r.GetString(2), N: r.GetInt64(3)));
            var n = kpi.Numerator;
            var numeratorUnit = level == KpiLevel.Provider ? "a.provider_code" : unit;
            var numeratorSql = n.Kind switch
            {
                NumeratorKind.PeopleWithCondition => $"""
                    {with}
                    SELECT {unit} AS unit, per.period_start, {quintile} AS q, count(*) AS n
                    FROM people p JOIN practices pr ON pr.practice_code = p.practice_code
                    JOIN periods per ON {alive}
                    {Has("nc", n.Condition!)}
                    {denomCondition}
                    WHERE {cohort}
                    GROUP BY 1, 2, 3
                    """,
                _ => $"""
                    {with}
                    SELECT {numeratorUnit} AS unit, per.period_start, {quintile} AS q,
                           {(n.Kind == NumeratorKind.BedDays ? "CAST(COALESCE(sum(COALESCE(a.end_date, a.start_date) - a.start_date), 0) AS BIGINT)" : "count(*)")} AS n
                    FROM activity a JOIN people p ON p.person_id = a.person_id
                    JOIN practices pr ON pr.practice_code = p.practice_code
                    JOIN periods per ON a.start_date >= per.period_start AND a.start_date <= per.period_end
                    {denomCondition}
                    WHERE {alive} AND a.setting IN ({string.Join(", ", n.Settings.Select(d.Quote))})
                      {(n.DiagnosisPrefixes.Count == 0 ? "" : "AND (" + string.Join(" OR ", n.DiagnosisPrefixes.Select(x => $"upper(replace(a.primary_diagnosis, '.', '')) LIKE {d.Quote(x.ToUpperInvariant() + "%")}")) + ")")}
                      AND {cohort}
                    GROUP BY 1, 2, 3
                    """,
            };
            var numerators = engine.Query(numeratorSql, r => (Unit: r.GetString(0), Period: DateOnly.FromDateTime(r.GetDateTime(1)), Q: r.GetString(2), N: r.GetInt64(3)))
                .ToDictionary(x => (x.Unit, x.Period, x.Q), x => x.N);
            if (level != KpiLevel.Provider)
            {
                return [.. denominators.Select(x => new KpiGroupCell(x.Unit, x.Period, x.Q, numerators.GetValueOrDefault((x.Unit, x.Period, x.Q)), x.N))
                    .OrderBy(c => c.Unit, StringComparer.Ordinal).ThenBy(c => c.PeriodStart).ThenBy(c => c.Group, StringComparer.Ordinal)];
            }
            var providers = numerators.Keys.Select(k => k.Unit).Distinct().Order(StringComparer.Ordinal).ToList();
            return [.. providers.SelectMany(u => denominators.Select(x => new KpiGroupCell(u, x.Period, x.Q, numerators.GetValueOrDefault((u, x.Period, x.Q)), x.N)))
                .OrderBy(c => c.Unit, StringComparer.Ordinal).ThenBy(c => c.PeriodStart).ThenBy(c => c.Group, StringComparer.Ordinal)];
        }
        finally
        {
            engine.Execute($"DROP TABLE IF EXISTS {ConditionTable}");
        }
    }

    /// <summary>
    /// Per period, the spells a bed-day KPI counts (its settings, whole population) and how many are still open at
    /// the data end: no end date, or ending on or after it. Their bed days are cut at the extract, so a period
    /// with many of them is only partly covered even though its admissions are all in.
    /// </summary>
    public static IReadOnlyList<(DateOnly Period, long Spells, long Open)> OpenSpells(IEngine engine, KpiDefinition kpi,
        IReadOnlyList<(DateOnly Start, DateOnly End)> periods, DateOnly dataEnd)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(kpi);
        ArgumentNullException.ThrowIfNull(periods);
        if (periods.Count == 0 || kpi.Numerator.Settings.Count == 0)
        {
            return [];
        }
        var d = engine.Dialect;
        var values = string.Join(", ", periods.Select(p => $"({d.Date(p.Start)}, {d.Date(p.End)})"));
        var settings = string.Join(", ", kpi.Numerator.Settings.Select((_, i) => $"${i + 2}"));
        object[] args = [dataEnd, .. kpi.Numerator.Settings];
        return engine.Query($"""
            WITH periods(period_start, period_end) AS (VALUES {values})
            SELECT per.period_start, count(*), CAST(sum(CASE WHEN a.end_date IS NULL OR a.end_date >= $1 THEN 1 ELSE 0 END) AS BIGINT)
            FROM activity a JOIN periods per ON a.start_date >= per.period_start AND a.start_date <= per.period_end
            WHERE a.setting IN ({settings})
            GROUP BY 1 ORDER BY 1
            """, r => (DateOnly.FromDateTime(r.GetDateTime(0)), r.GetInt64(1), r.GetInt64(2)), args);
    }

    /// <summary>The data window: first and last activity dates (null when there is no activity).</summary>
    public static (DateOnly First, DateOnly Last)? ActivityWindow(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var rows = engine.Query("SELECT min(start_date), max(start_date) FROM activity WHERE start_date IS NOT NULL",
            r => r.IsDBNull(0) ? ((DateOnly, DateOnly)?)null : (DateOnly.FromDateTime(r.GetDateTime(0)), DateOnly.FromDateTime(r.GetDateTime(1))));
        return rows.Count == 0 ? null : rows[0];
    }

    private static string Cohort(IEngine engine, KpiCohort c)
    {
        var d = engine.Dialect;
        var parts = new List<string> { "1 = 1" };
        var age = AgeBandSql.AgeSql("p.year_of_birth", "per.period_start");
        if (c.MinAge is { } min)
        {
            parts.Add($"{age} >= {min.ToString(CultureInfo.InvariantCulture)}");
        }
        if (c.MaxAge is { } max)
        {
            parts.Add($"{age} <= {max.ToString(CultureInfo.InvariantCulture)}");
        }
        if (c.Sexes.Count > 0)
        {
            parts.Add($"p.sex IN ({string.Join(", ", c.Sexes.Select(d.Quote))})");
        }
        if (c.ImdQuintiles.Count > 0)
        {
            parts.Add($"CAST(FLOOR((p.imd_decile + 1) / 2.0) AS INTEGER) IN ({string.Join(", ", c.ImdQuintiles.Select(q => q.ToString(CultureInfo.InvariantCulture)))})");
        }
        if (c.Places.Count > 0)
        {
            parts.Add($"pr.place_code IN ({string.Join(", ", c.Places.Select(d.Quote))})");
        }
        if (c.Segments.Count > 0)
        {
            var segments = UnderstandInputs.Segments(engine)
                ?? throw new ArgumentException("A KPI cohort filters on segments, but the workspace has no segments table with person_id and segment (run the segmentation first).");
            parts.Add($"p.person_id IN (SELECT person_id FROM ({segments}) s WHERE segment IN ({string.Join(", ", c.Segments.Select(d.Quote))}))");
        }
        return string.Join(" AND ", parts);
    }

    // person_conditions at each period end (ConditionFlags, the one definition of who has what), stacked by period.
    private static void BuildConditions(IEngine engine, IReadOnlyList<(DateOnly Start, DateOnly End)> periods, IReadOnlyList<string> conditions)
    {
        const string flags = "evaluate_kpi_flags_tmp";
        var d = engine.Dialect;
        engine.Execute($"DROP TABLE IF EXISTS {ConditionTable}");
        engine.CreateTable(Tables.KpiConditions);
        foreach (var (start, end) in periods)
        {
            ConditionFlags.Build(engine, end, flags);
            engine.Execute($"INSERT INTO {ConditionTable} SELECT {d.Date(start)}, person_id, condition FROM {flags} WHERE condition IN ({string.Join(", ", conditions.Select(d.Quote))})");
        }
        engine.Execute($"DROP TABLE IF EXISTS {flags}");
    }
}

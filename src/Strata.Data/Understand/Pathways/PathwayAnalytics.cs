using System.Globalization;
using System.Text.Json;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Understand.Variation;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Data.Understand.Pathways;

/// <summary>An area to restrict pathway figures to: the whole ICB (null level) or one place, neighbourhood or practice.</summary>
public sealed record PathwayArea(FunnelLevel? Level = null, string? Code = null)
{
    public static PathwayArea Icb { get; } = new();

    /// <summary>A predicate on pathway_people (alias pp) with the area code as parameter $2 (the pathway is $1).</summary>
    internal string Predicate => PredicateAt(2);

    internal object?[] Parameters(string pathway) => Level is null ? [pathway] : [pathway, Code];

    /// <summary>A predicate on a row source aliased pp (practice_code, neighbourhood_code, place_code), the code as parameter $n.</summary>
    internal string PredicateAt(int parameter) => Level is { } level ? $"{Column(level)} = ${parameter}" : "TRUE";

    /// <summary>The area column of a level on a row source aliased pp.</summary>
    internal static string Column(FunnelLevel level) => level switch
    {
        FunnelLevel.Practice => "pp.practice_code",
        FunnelLevel.Neighbourhood => "pp.neighbourhood_code",
        _ => "pp.place_code",
    };

    internal object?[] CodeParameter => Level is null ? [] : [Code];
}

/// <summary>What a pathway build used: reference date, definitions and the 12-month periods it covers (0 = the latest).</summary>
public sealed record PathwayBuild(string RunId, DateOnly ReferenceDate, IReadOnlyList<string> Definitions, int Periods);

/// <summary>People, activity and spend of one stage over the 12 months to D.</summary>
public sealed record StageSpend(string Stage, int Order, bool Escalation, long People, long Activity, decimal Cost);

/// <summary>Spend along a pathway by one dimension (stage, setting or provider) over the 12 months to D.</summary>
public sealed record PathwaySpendRow(string Key, long People, long Activity, decimal Cost);

/// <summary>
/// People moving from one state to another between consecutive 12-month periods (Sankey links). Period k is the
/// 12 months ending k years before D; a link goes from period <see cref="FromPeriod"/> to the one after it.
/// </summary>
public sealed record StageTransition(int FromPeriod, string From, string To, long People);

/// <summary>Time from the first pathway activity below escalation to the first escalation, over the data's years.</summary>
public sealed record EscalationTimes(long People, long Escalated, double? MedianDays, double? MeanDays);

/// <summary>
/// Pathway analytics from the linked data (docs/pathways.md). <see cref="Build"/> writes the person-level tables in
/// the engine — pathway_people (cohort at D) and pathway_activity (each activity row of a cohort member on or after
/// their entry to the pathway, in its most escalated matching stage, with its 12-month period) — and the queries
/// read back aggregates only.
/// </summary>
public static class PathwayAnalytics
{
    public const string PeopleTable = "pathway_people";
    public const string ActivityTable = "pathway_activity";
    public const string StageRules = "pathway_stage_rules";
    public const string CohortRules = "pathway_cohort_rules";
    public const string Periods = "pathway_periods";
    public const string Stage = "understand.pathways";
    public const string RuleVersion = "pathways-v1";

    /// <summary>States of a person in a period besides the stages (see <see cref="PathwayDefinition"/>).</summary>
    public const string NotYet = "not_yet_on_pathway";

    /// <summary>Builds the pathway tables at D for the given definitions (default: the shipped ones).</summary>
    public static PathwayBuild Build(IEngine engine, DateOnly at, IReadOnlyList<PathwayDefinition>? definitions = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var defs = definitions ?? PathwayFiles.Shipped;
        var first = ActivitySpan.First(engine) ?? throw new InvalidOperationException("No activity in this workspace: import data first.");
        // Whole 12-month periods only, so a year-on-year transition compares like with like.
        var periods = 0;
        while (periods < 20 && at.AddYears(-(periods + 1)) >= first.AddDays(-1))
        {
            periods++;
        }
        if (periods == 0)
        {
            throw new InvalidOperationException($"The activity starts {first:yyyy-MM-dd}: there is no whole 12 months to {at:yyyy-MM-dd}.");
        }
        var segmented = defs.Any(p => p.Cohort.Segments is { Count: > 0 });
        if (segmented && Segmentation.Current(engine)?.ReferenceDate != at)
        {
            throw new InvalidOperationException($"A pathway's cohort names segments: run `strata segment --at {at:yyyy-MM-dd}` first.");
        }
        var d = engine.Dialect.Date(at);
        var age = AgeBandSql.AgeSql("p.year_of_birth", at);
        var runId = "";
        engine.InTransaction(() =>
        {
            foreach (var table in new[] { Tables.PathwayStageRules, Tables.PathwayCohortRules, Tables.PathwayPeriods })
            {
                engine.Execute($"DROP TABLE IF EXISTS {table.Name}");
                engine.CreateTable(table);
            }
            using (var a = engine.Append(StageRules))
            {
                foreach (var p in defs)
                {
                    foreach (var (s, i) in p.Stages.Select((s, i) => (s, i)))
                    {
                        foreach (var setting in s.Settings)
                        {
                            foreach (var dx in s.Diagnoses.Count == 0 ? [null] : s.Diagnoses.Cast<string?>())
                            {
                                a.Row(p.Id, s.Id, i + 1, s.Escalation, setting, dx);
                            }
                        }
                    }
                }
            }
            using (var a = engine.Append(CohortRules))
            {
                foreach (var p in defs)
                {
                    foreach (var c in p.Cohort.Conditions)
                    {
                        foreach (var seg in p.Cohort.Segments is { Count: > 0 } s ? s.Cast<string?>() : [null])
                        {
                            a.Row(p.Id, c, p.Cohort.MinAge, p.Cohort.MaxAge, seg);
                        }
                    }
                }
            }
            using (var a = engine.Append(Periods))
            {
                for (var k = 0; k < periods; k++)
                {
                    // (start, end]: the 12 months ending k years before D.
                    a.Row(k, at.AddYears(-(k + 1)), at.AddYears(-k));
                }
            }
            ConditionFlags.Build(engine, at, "pathway_person_conditions");
            var segmentJoin = segmented
                ? "LEFT JOIN segments sg ON sg.person_id = p.person_id WHERE (c.segment IS NULL OR c.segment = sg.segment) AND"
                : "WHERE";
            engine.CreateTableAs(Tables.PathwayPeople, $"""
                SELECT c.pathway, p.person_id, p.practice_code,
                  coalesce(pr.neighbourhood_code, 'unknown') AS neighbourhood_code, coalesce(pr.place_code, 'unknown') AS place_code,
                  p.sex, {age} AS age, p.imd_decile, p.death_date, min(pc.first_recorded) AS entry_date
                FROM people p
                JOIN pathway_person_conditions pc ON pc.person_id = p.person_id
                JOIN {CohortRules} c ON c.condition = pc.condition
                LEFT JOIN practices pr ON pr.practice_code = p.practice_code
                {segmentJoin} {age} >= c.min_age AND (c.max_age IS NULL OR {age} <= c.max_age)
                  AND p.year_of_birth <= {at.Year.ToString(CultureInfo.InvariantCulture)}
                GROUP BY c.pathway, p.person_id, p.practice_code, pr.neighbourhood_code, pr.place_code, p.sex, p.year_of_birth,
                  p.imd_decile, p.death_date
                """);
            engine.Execute("DROP TABLE pathway_person_conditions");
            // A row matching several stages (a diabetic complication is also an admission) goes to the most escalated.
            engine.CreateTableAs(Tables.PathwayActivity, $"""
                WITH m AS (
                  SELECT pp.pathway, a.activity_id, a.person_id, a.setting, a.provider_code, a.start_date, a.end_date, a.cost_gbp,
                    r.stage, r.stage_order, r.escalation,
                    row_number() OVER (PARTITION BY pp.pathway, a.activity_id ORDER BY r.stage_order DESC) AS rn
                  FROM {PeopleTable} pp
                  JOIN activity a ON a.person_id = pp.person_id
                  JOIN {StageRules} r ON r.pathway = pp.pathway AND r.setting = a.setting
                  WHERE a.start_date <= {d} AND a.start_date >= pp.entry_date
                    AND (r.dx_prefix IS NULL
                      OR r.dx_prefix = left(upper(replace(coalesce(a.primary_diagnosis, ''), '.', '')), length(r.dx_prefix)))
                )
                SELECT m.pathway, m.activity_id, m.person_id, m.setting, m.provider_code, m.start_date, m.end_date, m.cost_gbp,
                  m.stage, m.stage_order, m.escalation, per.period
                FROM m LEFT JOIN {Periods} per ON m.start_date > per.period_start AND m.start_date <= per.period_end
                WHERE m.rn = 1
                """);
            runId = RunLog.Record(engine, Stage, RuleVersion, at, JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["pathways"] = defs.Select(p => $"{p.Id}@{p.Version}").ToArray(),
                ["periods"] = periods,
            }));
        });
        return new PathwayBuild(runId, at, [.. defs.Select(p => $"{p.Id}@{p.Version}")], periods);
    }

    /// <summary>The reference date of the current build, or null when pathways were never built.</summary>
    public static DateOnly? Current(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!engine.TableExists(Periods))
        {
            return null;
        }
        return engine.Scalar<DateTime?>($"SELECT CAST(max(period_end) AS TIMESTAMP) FROM {Periods}") is { } t ? DateOnly.FromDateTime(t) : null;
    }

    /// <summary>Builds at D unless the current build is already at D; true if it built.</summary>
    public static bool EnsureCurrent(IEngine engine, DateOnly at)
    {
        if (Current(engine) == at)
        {
            return false;
        }
        Build(engine, at);
        return true;
    }

    /// <summary>Cohort members alive at D in the area.</summary>
    public static long People(IEngine engine, string pathway, PathwayArea area) =>
        engine.Scalar<long>($"""
            SELECT count(*) FROM {PeopleTable} pp
            WHERE pp.pathway = $1 AND {area.Predicate} AND (pp.death_date IS NULL OR pp.death_date > (SELECT max(period_end) FROM {Periods}))
            """, area.Parameters(pathway));

    /// <summary>Spend by stage over the 12 months to D (every stage listed, zeros included).</summary>
    public static IReadOnlyList<StageSpend> StageSpend(IEngine engine, PathwayDefinition pathway, PathwayArea area)
    {
        ArgumentNullException.ThrowIfNull(pathway);
        var rows = Spend(engine, pathway.Id, area, "pa.stage").ToDictionary(r => r.Key);
        return [.. pathway.Stages.Select((s, i) => rows.TryGetValue(s.Id, out var r)
            ? new StageSpend(s.Id, i + 1, s.Escalation, r.People, r.Activity, r.Cost)
            : new StageSpend(s.Id, i + 1, s.Escalation, 0, 0, 0m))];
    }

    /// <summary>Spend over the 12 months to D by "stage", "setting" or "provider", largest first.</summary>
    public static IReadOnlyList<PathwaySpendRow> SpendBy(IEngine engine, string pathway, PathwayArea area, string dimension)
    {
        var column = dimension switch
        {
            "stage" => "pa.stage",
            "setting" => "pa.setting",
            "provider" => "pa.provider_code",
            _ => throw new ArgumentException($"Unknown dimension '{dimension}'; use stage, setting or provider.", nameof(dimension)),
        };
        return [.. Spend(engine, pathway, area, column).OrderByDescending(r => r.Cost).ThenBy(r => r.Key, StringComparer.Ordinal)];
    }

    private static IReadOnlyList<PathwaySpendRow> Spend(IEngine engine, string pathway, PathwayArea area, string column)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Query($"""
            SELECT {column}, count(DISTINCT pa.person_id), count(*), CAST(sum(pa.cost_gbp) AS DECIMAL(18, 2))
            FROM {ActivityTable} pa JOIN {PeopleTable} pp ON pp.pathway = pa.pathway AND pp.person_id = pa.person_id
            WHERE pa.pathway = $1 AND pa.period = 0 AND {area.Predicate}
            GROUP BY {column}
            """,
            r => new PathwaySpendRow(r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture),
                Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture), r.GetDecimal(3)),
            area.Parameters(pathway));
    }

    /// <summary>
    /// Sankey links between consecutive periods. A person's state in a period is the most escalated stage of their
    /// pathway activity in it, else <see cref="PathwayDefinition.NoActivity"/>; <see cref="NotYet"/> before their
    /// entry (first record of a cohort condition) and <see cref="PathwayDefinition.Died"/> in periods starting on
    /// or after their death. Links that stay not-yet or dead are left out.
    /// </summary>
    public static IReadOnlyList<StageTransition> Transitions(IEngine engine, string pathway, PathwayArea area)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Query($"""
            WITH pp AS (SELECT * FROM {PeopleTable} pp WHERE pp.pathway = $1 AND {area.Predicate}),
            top AS (SELECT person_id, period, max(stage_order) AS o FROM {ActivityTable} WHERE pathway = $1 AND period IS NOT NULL GROUP BY person_id, period),
            names AS (SELECT DISTINCT stage, stage_order FROM {StageRules} WHERE pathway = $1),
            st AS (
              SELECT pp.person_id, per.period,
                CASE WHEN pp.death_date IS NOT NULL AND pp.death_date <= per.period_start THEN '{PathwayDefinition.Died}'
                     WHEN pp.entry_date > per.period_end THEN '{NotYet}'
                     WHEN top.o IS NULL THEN '{PathwayDefinition.NoActivity}'
                     ELSE names.stage END AS state
              FROM pp CROSS JOIN {Periods} per
              LEFT JOIN top ON top.person_id = pp.person_id AND top.period = per.period
              LEFT JOIN names ON names.stage_order = top.o
            )
            SELECT a.period, a.state, b.state, count(*)
            FROM st a JOIN st b ON b.person_id = a.person_id AND b.period = a.period - 1
            WHERE NOT (a.state = b.state AND a.state IN ('{PathwayDefinition.Died}', '{NotYet}'))
            GROUP BY a.period, a.state, b.state
            ORDER BY a.period DESC, a.state, b.state
            """,
            r => new StageTransition(Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), r.GetString(1), r.GetString(2),
                Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture)),
            area.Parameters(pathway));
    }

    /// <summary>
    /// People whose first pathway activity in the data is below escalation, how many of them escalated later, and
    /// the median and mean days from that first activity to their first escalation.
    /// </summary>
    public static EscalationTimes TimeToEscalation(IEngine engine, string pathway, PathwayArea area)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Query($"""
            WITH pp AS (SELECT * FROM {PeopleTable} pp WHERE pp.pathway = $1 AND {area.Predicate}),
            f AS (
              SELECT pa.person_id, min(pa.start_date) AS first_any,
                min(CASE WHEN pa.escalation THEN pa.start_date END) AS first_escalation
              FROM {ActivityTable} pa JOIN pp ON pp.person_id = pa.person_id
              WHERE pa.pathway = $1 AND pa.period IS NOT NULL
              GROUP BY pa.person_id
            ),
            s AS (SELECT person_id, CAST(first_escalation - first_any AS DOUBLE PRECISION) AS days, first_escalation FROM f
                  WHERE first_escalation IS NULL OR first_escalation > first_any)
            SELECT count(*), count(first_escalation),
              percentile_cont(0.5) WITHIN GROUP (ORDER BY days), avg(days)
            FROM s
            """,
            r => new EscalationTimes(Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture),
                r.IsDBNull(2) ? null : r.GetDouble(2), r.IsDBNull(3) ? null : r.GetDouble(3)),
            area.Parameters(pathway))[0];
    }

    /// <summary>
    /// Practice (or neighbourhood, place) variation: of the cohort alive at the start of the 12 months to D, the
    /// proportion with an escalation in those months, as funnel inputs (numerator, denominator).
    /// </summary>
    public static IReadOnlyList<FunnelInput> EscalationByUnit(IEngine engine, string pathway, FunnelLevel level)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var unit = PathwayArea.Column(level);
        return engine.Query($"""
            WITH esc AS (SELECT DISTINCT person_id FROM {ActivityTable} WHERE pathway = $1 AND period = 0 AND escalation)
            SELECT {unit}, count(esc.person_id), count(*)
            FROM {PeopleTable} pp LEFT JOIN esc ON esc.person_id = pp.person_id
            WHERE pp.pathway = $1 AND pp.entry_date <= (SELECT period_start FROM {Periods} WHERE period = 0)
              AND (pp.death_date IS NULL OR pp.death_date > (SELECT period_start FROM {Periods} WHERE period = 0))
            GROUP BY {unit} ORDER BY {unit}
            """,
            r => new FunnelInput(r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)),
            pathway);
    }
}

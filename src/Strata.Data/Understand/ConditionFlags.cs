using Strata.Data.Engine;
using Strata.Data.Foundation;

namespace Strata.Data.Understand;

/// <summary>
/// Which vocabulary conditions each person has at a reference date D (segmentation spec, "Condition vocabulary"):
/// a record on or before D from any code system that maps to the condition — `strata` codes directly, ICD-10 codes
/// by prefix with the dot removed, and hospital primary diagnoses in activity — within the condition's window when
/// it has one (window = the months up to and including D). SNOMED CT codes map by exact concept id
/// (codelists/condition-snomed.v1.csv), so GP events, ECDS and hospital diagnoses count alike.
/// Every stage that needs conditions reads the table this writes; nothing else re-derives them.
/// </summary>
public static class ConditionFlags
{
    /// <summary>
    /// Coded records of one code system up to D and how many of them map to no condition of the vocabulary: a large
    /// share unmatched means the data's codes are not the ones the codelists know (e.g. a local code system), which
    /// would otherwise silently leave people out of long-term-condition segments. These are record counts for the
    /// data owner, not counts of people.
    /// </summary>
    public sealed record Coverage(string CodeSystem, long Records, long Unmatched);

    public const string Table = "person_conditions";

    /// <summary>Writes (person_id, condition, first_recorded, last_recorded) for conditions present at D.</summary>
    public static void Build(IEngine engine, DateOnly at, string table = Table)
    {
        var d = engine.Dialect.Date(at);
        // Equi-joins per prefix length keep this a hash join over the activity table (no LIKE scan).
        var lengths = Codelists.Icd10Prefixes.Select(p => p.Prefix.Length).Distinct().Order().ToList();
        string Mapped(string source, string personCol, string codeCol, string dateCol) => string.Join("\nUNION ALL\n",
            lengths.Select(len => $"""
                SELECT s.{personCol} AS person_id, m.condition, s.{dateCol} AS on_date
                FROM {source} s JOIN codelist_condition_icd10 m
                  ON length(m.icd10_prefix) = {len} AND m.icd10_prefix = left(upper(replace(s.{codeCol}, '.', '')), {len})
                """));
        engine.CreateTableAs(Tables.PersonConditions with { Name = table }, $"""
            WITH records AS (
                SELECT person_id, code AS condition, recorded_on AS on_date FROM conditions WHERE code_system = 'strata'
                UNION ALL
                {Mapped("(SELECT * FROM conditions WHERE code_system = 'icd10')", "person_id", "code", "recorded_on")}
                UNION ALL
                SELECT c.person_id, m.condition, c.recorded_on AS on_date
                FROM conditions c JOIN codelist_condition_snomed m ON m.concept_id = c.code
                WHERE c.code_system = 'snomed'
                UNION ALL
                {Mapped("(SELECT * FROM activity WHERE primary_diagnosis IS NOT NULL)", "person_id", "primary_diagnosis", "start_date")}
            )
            SELECT r.person_id, r.condition, min(r.on_date) AS first_recorded, max(r.on_date) AS last_recorded
            FROM records r JOIN codelist_conditions c ON c.condition = r.condition
            WHERE r.on_date <= {d}
              AND (c.window_months IS NULL OR r.on_date > {engine.Dialect.AddMonths(d, "-c.window_months")})
            GROUP BY r.person_id, r.condition
            """);
    }

    /// <summary>Per code system (strata, icd10, snomed, and hospital primary diagnoses as icd10-activity), records up to D and those matching no codelist entry.</summary>
    public static IReadOnlyList<Coverage> CodeCoverage(IEngine engine, DateOnly at)
    {
        var d = engine.Dialect.Date(at);
        var lengths = Codelists.Icd10Prefixes.Select(p => p.Prefix.Length).Distinct().Order().ToList();
        string Icd10Match(string code) => string.Join(" OR ", lengths.Select(len =>
            $"left(upper(replace({code}, '.', '')), {len}) IN (SELECT icd10_prefix FROM codelist_condition_icd10 WHERE length(icd10_prefix) = {len})"));
        return engine.Query($"""
            SELECT code_system, CAST(count(*) AS BIGINT) AS records, CAST(sum(CASE WHEN matched THEN 0 ELSE 1 END) AS BIGINT) AS unmatched
            FROM (
                SELECT c.code_system,
                    CASE c.code_system
                        WHEN 'strata' THEN c.code IN (SELECT condition FROM codelist_conditions)
                        WHEN 'snomed' THEN c.code IN (SELECT concept_id FROM codelist_condition_snomed)
                        ELSE ({Icd10Match("c.code")})
                    END AS matched
                FROM conditions c WHERE c.recorded_on <= {d}
                UNION ALL
                SELECT 'icd10-activity', ({Icd10Match("a.primary_diagnosis")})
                FROM activity a WHERE a.primary_diagnosis IS NOT NULL AND a.start_date <= {d}
            ) x
            GROUP BY code_system ORDER BY code_system
            """, r => new Coverage(r.GetString(0), r.GetInt64(1), r.GetInt64(2)));
    }
}

using Strata.Data.Engine;
using Strata.Data.Foundation;

namespace Strata.Data.Understand;

/// <summary>
/// Which vocabulary conditions each person has at a reference date D (segmentation spec, "Condition vocabulary"):
/// a record on or before D from any code system that maps to the condition — `strata` codes directly, ICD-10 codes
/// by prefix with the dot removed, and hospital primary diagnoses in activity — within the condition's window when
/// it has one (window = the months up to and including D). SNOMED codes have no v1 mapping and do not count.
/// Every stage that needs conditions reads the table this writes; nothing else re-derives them.
/// </summary>
public static class ConditionFlags
{
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
                {Mapped("(SELECT * FROM activity WHERE primary_diagnosis IS NOT NULL)", "person_id", "primary_diagnosis", "start_date")}
            )
            SELECT r.person_id, r.condition, min(r.on_date) AS first_recorded, max(r.on_date) AS last_recorded
            FROM records r JOIN codelist_conditions c ON c.condition = r.condition
            WHERE r.on_date <= {d}
              AND (c.window_months IS NULL OR r.on_date > {engine.Dialect.AddMonths(d, "-c.window_months")})
            GROUP BY r.person_id, r.condition
            """);
    }
}

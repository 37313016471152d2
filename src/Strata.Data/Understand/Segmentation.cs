using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Data.Understand;

/// <summary>Counts from one segmentation run (raw; the caller applies disclosure control before release).</summary>
public sealed record SegmentationRun(
    string RunId, DateOnly ReferenceDate, string RuleVersion, long People, long DiedBeforeDate, long NotRegistered,
    long NotYetBorn, IReadOnlyList<SegmentCount> Segments)
{
    /// <summary>Everyone segmented, keyed as one cell (the sum of the segments' keys is the total's key).</summary>
    public KeyedCount PeopleCell => KeyedCount.Of(People, Segments.All(c => c.PeopleKey is not null) ? Segments.Sum(c => c.PeopleKey!.Value) : null);

    /// <summary>Coded records up to D per code system and how many matched no codelist (none silently ignored).</summary>
    public IReadOnlyList<ConditionFlags.Coverage> Coding { get; init; } = [];
}

/// <summary>People in one core segment with their mean LTC count and mean CMS scores.</summary>
/// <param name="PeopleKey">The cell key of the segment's people (docs/disclosure-control.md).</param>
public sealed record SegmentCount(string Segment, long People, double MeanLtcCount, double MeanCmsGeneral, double MeanCmsMortality, long? PeopleKey = null)
{
    public KeyedCount PeopleCell => KeyedCount.Of(People, PeopleKey);
}

/// <summary>
/// Core segmentation, sub-segment flags, LTC count and Cambridge Multimorbidity Score at a reference date D
/// (segmentation spec v1), as one CREATE TABLE AS in the engine. Conditions come from <see cref="ConditionFlags"/>;
/// CMS weights and the LTC set come from the codelist table (data, not code).
/// <para>Age at D is whole years with every birthday taken as 1 July of year_of_birth (mid-year, since only the year
/// is held): age = D.year − year_of_birth − 1 before 1 July, floored at 0 for babies born earlier in D's year.
/// People born after D's year, who died before D (death_date &lt; D) or whose practice is not in practices are excluded.</para>
/// <para>Windows ("in the N months/days to D") are start_date in (D − N, D], as for windowed conditions.</para>
/// </summary>
public static class Segmentation
{
    public const string Table = "segments";
    public const string Stage = "understand.segment";

    /// <summary>Settings counted by the acute and organ-failure rules (import format v1 vocabulary).</summary>
    private const string Emergency = "emergency_admission", AandE = "ae_attendance", Maternity = "maternity";

    /// <summary>Builds person_conditions and the segments table at D under the given rules, and records the run.</summary>
    public static SegmentationRun Run(IEngine engine, DateOnly at, SegmentationRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        rules = (rules ?? SegmentationRules.V1).Validated();
        var runId = "";
        engine.InTransaction(() =>
        {
            ConditionFlags.Build(engine, at);
            engine.CreateTableAs(Tables.Segments, Sql(engine.Dialect, at, rules));
            DisclosureKeys.Ensure(engine);
            runId = RunLog.Record(engine, Stage, rules.Version, at, rules.ToJson());
        });
        var d = engine.Dialect.Date(at);
        var excluded = engine.Query($"""
            SELECT
              CAST(sum(CASE WHEN p.death_date < {d} AND p.year_of_birth <= {at.Year.ToString(CultureInfo.InvariantCulture)} THEN 1 ELSE 0 END) AS BIGINT),
              CAST(sum(CASE WHEN (p.death_date IS NULL OR p.death_date >= {d}) AND pr.practice_code IS NULL THEN 1 ELSE 0 END) AS BIGINT),
              CAST(sum(CASE WHEN p.year_of_birth > {at.Year.ToString(CultureInfo.InvariantCulture)} THEN 1 ELSE 0 END) AS BIGINT)
            FROM people p LEFT JOIN practices pr ON pr.practice_code = p.practice_code
            """, r => (Long(r, 0), Long(r, 1), Long(r, 2)))[0];
        var counts = Summarise(engine);
        return new SegmentationRun(runId, at, rules.Version, counts.Sum(c => c.People), excluded.Item1, excluded.Item2, excluded.Item3, counts)
        {
            Coding = ConditionFlags.CodeCoverage(engine, at),
        };
    }

    /// <summary>People per segment in the current segments table, in the default precedence order (empty segments included).</summary>
    /// <param name="area">Optional area (e.g. a user's scope) by the segments table's practice geography.</param>
    public static IReadOnlyList<SegmentCount> Summarise(IEngine engine, AreaFilter? area = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var keyed = engine.TableExists(DisclosureKeys.Table);
        var parameters = new List<object?>();
        // The area predicate is applied inside so that its unqualified column names mean the segments table's.
        var rows = engine.Query($"""
            SELECT s.segment, count(*), avg(s.ltc_count), avg(s.cms_general), avg(s.cms_mortality),
              {(keyed ? DisclosureKeys.Sum() : "NULL")}
            FROM (SELECT * FROM {Table} WHERE {AreaSql.Predicate(area, parameters)}) s
            {(keyed ? $"LEFT JOIN {DisclosureKeys.Table} k ON k.person_id = s.person_id" : "")}
            GROUP BY s.segment
            """, r => new SegmentCount(r.GetString(0), Long(r, 1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4),
                r.IsDBNull(5) ? null : DisclosureKeys.Cell(0, Long(r, 5)).Key), [.. parameters]);
        // Every v1 segment in precedence order (zeros shown), then any other segment a configured rule set produced.
        return [.. Segments.DefaultPrecedence.Select(s => rows.FirstOrDefault(r => r.Segment == s) ?? new SegmentCount(s, 0, 0, 0, 0, keyed ? 0 : null)),
            .. rows.Where(r => !Segments.DefaultPrecedence.Contains(r.Segment)).OrderBy(r => r.Segment, StringComparer.Ordinal)];
    }

    /// <summary>The reference date and rule version held in the segments table, or null if segmentation has not run.</summary>
    public static (DateOnly ReferenceDate, string RuleVersion)? Current(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!engine.TableExists(Table))
        {
            return null;
        }
        var rows = engine.Query($"SELECT DISTINCT reference_date, rule_version FROM {Table}",
            r => (DateOnly.FromDateTime(r.GetDateTime(0)), r.GetString(1)));
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// Writes the pseudonymised person-level extract (person_id, segment, subsegments, ltc_count, cms_general,
    /// cms_mortality) for the ICB's own use; csv or parquet by extension. Not an aggregate, so not disclosure-controlled.
    /// </summary>
    public static void Export(IEngine engine, string path)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var format = ExportFormat.Of(path);
        engine.Export(
            $"SELECT person_id, segment, subsegments, ltc_count, cms_general, cms_mortality FROM {Table} ORDER BY person_id", path, format);
    }

    /// <summary>The segmentation statement (exposed so the benchmark can time the engine work alone).</summary>
    public static string Sql(ISqlDialect dialect, DateOnly at, SegmentationRules rules)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(rules);
        var d = dialect.Date(at);
        string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        string Q(string v) => dialect.Quote(v);
        var admFrom = dialect.AddMonths(d, I(-rules.AdmissionWindowMonths));
        var acuteFrom = dialect.AddMonths(d, I(-rules.AcuteWindowMonths));
        var matFrom = dialect.AddDays(d, I(-rules.MaternalWindowDays));
        var age = AgeBandSql.AgeSql("p.year_of_birth", at);
        var diagnosis = "upper(replace(a.primary_diagnosis, '.', ''))";
        var conditions = Codelists.Conditions.Select(c => c.Condition).ToList();
        if (conditions.Count > 62)
        {
            throw new InvalidOperationException("The condition mask holds at most 62 conditions; widen it before growing the vocabulary.");
        }

        // Each condition is one bit of a per-person mask: one integer sum per person instead of a 28-way pivot of strings
        // (person_conditions holds a condition at most once per person, so the sum is the bitwise OR).
        string C(string condition) => $"c_{condition}";
        string Bit(int i) => (1L << i).ToString(CultureInfo.InvariantCulture);
        var conditionBits = string.Join(", ", conditions.Select((c, i) => $"({Q(c)}, {Bit(i)})"));
        var conditionColumns = string.Join(", ", conditions.Select((c, i) =>
            $"CASE WHEN (coalesce(cond.condition_mask, 0) & {Bit(i)}) <> 0 THEN 1 ELSE 0 END AS {C(c)}"));

        // Qualifying rules that are sub-segment flags in their own right.
        var ruleFlags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RuleFlags.SevereFrailty] = $"{C("frailty_severe")} = 1",
            [RuleFlags.ModerateFrailty] = $"age >= {I(rules.FrailtyMinAge)} AND {C("frailty_moderate")} = 1",
            [RuleFlags.CkdWithAdmissions] = $"{C("ckd")} = 1 AND emergency_admissions >= {I(rules.CkdMinEmergencyAdmissions)}",
            [RuleFlags.CopdWithAdmission] = $"{C("copd")} = 1 AND respiratory_admissions >= {I(rules.CopdMinRespiratoryAdmissions)}",
            [RuleFlags.MaternityActivity] = "maternity_activity = 1",
            [RuleFlags.Infant] = $"age < {I(rules.InfantAgeBelow)}",
            [RuleFlags.AcuteActivity] = "acute_activity = 1",
        };
        string R(string flag) => $"r_{flag}";
        var ruleColumns = string.Join(",\n    ", ruleFlags.Select(kv => $"CASE WHEN {kv.Value} THEN 1 ELSE 0 END AS {R(kv.Key)}"));

        var segmentRule = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Segments.EndOfLife] = $"{C("palliative_care")} = 1",
            [Segments.FrailtyDementia] = $"{C("dementia")} = 1 OR {R(RuleFlags.SevereFrailty)} = 1 OR {R(RuleFlags.ModerateFrailty)} = 1",
            [Segments.OrganFailure] = $"{C("heart_failure")} = 1 OR {C("end_stage_renal")} = 1 OR {C("liver_failure")} = 1 OR {R(RuleFlags.CkdWithAdmissions)} = 1 OR {R(RuleFlags.CopdWithAdmission)} = 1",
            [Segments.IncurableCancer] = $"{C("cancer_incurable")} = 1",
            [Segments.Disability] = $"{C("learning_disability")} = 1 OR {C("physical_disability")} = 1",
            [Segments.LtcComplex] = $"ltc_count >= {I(rules.LtcComplexMin)}",
            [Segments.LtcMultiple] = $"ltc_count >= {I(rules.LtcMultipleMin)} AND ltc_count < {I(rules.LtcComplexMin)}",
            [Segments.LtcSingle] = $"ltc_count >= 1 AND ltc_count < {I(rules.LtcMultipleMin)}",
            [Segments.MaternalInfant] = $"{R(RuleFlags.MaternityActivity)} = 1 OR {R(RuleFlags.Infant)} = 1",
            [Segments.AcutelyIll] = $"{R(RuleFlags.AcuteActivity)} = 1",
        };
        var segmentCase = "CASE " + string.Join(" ", rules.Precedence.Where(s => s != Segments.Healthy)
            .Select(s => $"WHEN {segmentRule[s]} THEN {Q(s)}")) + $" ELSE {Q(Segments.Healthy)} END";

        // Sub-segments: every present condition and every qualifying rule, by name, sorted, ';'-joined.
        var flagNames = conditions.Select(c => (Name: c, Column: C(c)))
            .Concat(ruleFlags.Keys.Select(f => (Name: f, Column: R(f))))
            .OrderBy(f => f.Name, StringComparer.Ordinal);
        var subsegments = "concat_ws(';', " + string.Join(", ", flagNames.Select(f => $"CASE WHEN {f.Column} = 1 THEN {Q(f.Name)} END")) + ")";

        return $"""
            WITH pop AS (
              SELECT p.person_id, p.sex, p.practice_code, pr.neighbourhood_code, pr.place_code,
                     {AgeBandSql.ImdQuintileSql("p.imd_decile")} AS imd_quintile,
                     {age} AS age
              FROM people p JOIN practices pr ON pr.practice_code = p.practice_code
              WHERE (p.death_date IS NULL OR p.death_date >= {d}) AND p.year_of_birth <= {I(at.Year)}
            ),
            cond AS (
              SELECT pc.person_id,
                CAST(sum(b.bit) AS BIGINT) AS condition_mask,
                sum(CASE WHEN c.long_term_condition THEN 1 ELSE 0 END) AS ltc_count,
                sum(coalesce(c.cms_general, 0)) AS cms_general,
                sum(coalesce(c.cms_mortality, 0)) AS cms_mortality
              FROM {ConditionFlags.Table} pc JOIN codelist_conditions c ON c.condition = pc.condition
                JOIN (VALUES {conditionBits}) b(condition, bit) ON b.condition = pc.condition
              GROUP BY pc.person_id
            ),
            act AS (
              SELECT a.person_id,
                sum(CASE WHEN a.setting = {Q(Emergency)} AND a.start_date > {admFrom} THEN 1 ELSE 0 END) AS emergency_admissions,
                sum(CASE WHEN a.setting = {Q(Emergency)} AND a.start_date > {admFrom}
                          AND left({diagnosis}, 3) BETWEEN 'J40' AND 'J47' THEN 1 ELSE 0 END) AS respiratory_admissions,
                max(CASE WHEN a.setting IN ({Q(Emergency)}, {Q(AandE)}) AND a.start_date > {acuteFrom} THEN 1 ELSE 0 END) AS acute_activity,
                max(CASE WHEN (a.setting = {Q(Maternity)} OR left({diagnosis}, 1) = 'O') AND a.start_date > {matFrom} THEN 1 ELSE 0 END) AS maternity_activity
              FROM activity a
              WHERE a.start_date <= {d} AND a.start_date > least({admFrom}, {acuteFrom}, {matFrom})
              GROUP BY a.person_id
            ),
            flags AS (
              SELECT pop.*, {conditionColumns},
                coalesce(cond.ltc_count, 0) AS ltc_count, coalesce(cond.cms_general, 0) AS cms_general,
                coalesce(cond.cms_mortality, 0) AS cms_mortality,
                coalesce(act.emergency_admissions, 0) AS emergency_admissions,
                coalesce(act.respiratory_admissions, 0) AS respiratory_admissions,
                coalesce(act.acute_activity, 0) AS acute_activity, coalesce(act.maternity_activity, 0) AS maternity_activity
              FROM pop LEFT JOIN cond ON cond.person_id = pop.person_id LEFT JOIN act ON act.person_id = pop.person_id
            ),
            ruled AS (
              SELECT flags.*,
                {ruleColumns}
              FROM flags
            )
            SELECT person_id, {d} AS reference_date, {Q(rules.Version)} AS rule_version,
              {segmentCase} AS segment,
              {subsegments} AS subsegments,
              CAST(ltc_count AS INTEGER) AS ltc_count,
              CAST(round(CAST(cms_general AS NUMERIC), 2) AS DOUBLE PRECISION) AS cms_general, CAST(round(CAST(cms_mortality AS NUMERIC), 2) AS DOUBLE PRECISION) AS cms_mortality,
              CAST(age AS INTEGER) AS age, {AgeBandSql.SqlCase("age")} AS age_band, sex, imd_quintile,
              practice_code, neighbourhood_code, place_code
            FROM ruled
            """;
    }

    private static long Long(System.Data.IDataRecord r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
}

using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;

namespace Strata.Data.Understand.Risk;

/// <summary>
/// A numeric design column: its name, the SQL giving its value (default: the column of that name), and an exclusive
/// group for one-hot dummies (two dummies of one group are never both 1, so their cross-product is known to be 0).
/// </summary>
public sealed record DesignColumn(string Name, string? ExclusiveGroup = null, string? Sql = null)
{
    public string Expression => Sql ?? Name;
}

/// <summary>
/// Person-level risk features at an index date D, built in the engine (docs/risk-and-variation.md, "Features").
/// Population: people alive at D (no death on or before D) and born by D's year; everyone in `people` is registered.
/// Windows: prior 12 months = (D−12m, D], 12–24 months = (D−24m, D−12m]; outcome = at least one emergency
/// admission starting in (D, D+12m]. Counts and spend enter as ln(1 + x), so one heavy user does not dominate.
/// </summary>
public static class RiskFeatures
{
    public const string Version = "risk-features-v2";

    /// <summary>Reference levels (left out of the dummies): age 40–44, female, IMD quintile 5 (least deprived).</summary>
    public const string ReferenceAgeBand = "40-44";

    /// <summary>
    /// Conditions that enter individually, beside the LTC count and CMS (general): every condition of the vocabulary
    /// (codelists/conditions.v1.csv), as each carries its own risk (QAdmissions and SPARRA also enter conditions singly).
    /// </summary>
    public static IReadOnlyList<string> Conditions { get; } =
    [
        "hypertension", "anxiety_depression", "painful_condition", "hearing_loss", "ibs", "asthma", "diabetes", "chd",
        "ckd", "atrial_fibrillation", "constipation", "stroke_tia", "copd", "connective_tissue_disorder", "cancer",
        "alcohol_problems", "heart_failure", "dementia", "schizophrenia_bipolar", "epilepsy", "learning_disability",
        "physical_disability", "frailty_moderate", "frailty_severe", "cancer_incurable", "end_stage_renal",
        "liver_failure", "palliative_care",
    ];

    /// <summary>Activity counted per window: (feature stem, settings). Prior use in every setting signals unmeasured need.</summary>
    public static IReadOnlyList<(string Stem, string[] Settings)> ActivityMeasures { get; } =
    [
        ("emergency", ["emergency_admission"]),
        ("ae", ["ae_attendance"]),
        ("outpatient", ["outpatient_first", "outpatient_followup"]),
        ("gp", ["gp_appointment"]),
        ("community", ["community_contact"]),
        ("mental_health", ["mental_health_contact"]),
        ("planned", ["elective_admission", "daycase"]),
        // All of the above together: total use, whose log tracks the overall level of need better than any one setting.
        ("contacts", ["emergency_admission", "ae_attendance", "outpatient_first", "outpatient_followup", "gp_appointment",
            "community_contact", "mental_health_contact", "elective_admission", "daycase"]),
    ];

    /// <summary>Months of history a design column looks back over (0 for those that need none).</summary>
    public static int LookbackMonths(string column) => column.EndsWith("_12_24", StringComparison.Ordinal) ? 24
        : column.EndsWith("_0_12", StringComparison.Ordinal) ? 12 : 0;

    /// <summary>
    /// Design columns whose look-back window at <paramref name="index"/> starts before the data do (more than a week
    /// early): they would be empty or partly filled there but full at a later date, so a model fitted at this date
    /// must not use them (a structurally different feature is not the same feature).
    /// </summary>
    public static IReadOnlyList<string> Uncovered(DateOnly index, DateOnly dataStart) =>
        [.. Design.Where(c => LookbackMonths(c.Name) > 0 && index.AddMonths(-LookbackMonths(c.Name)).AddDays(7) < dataStart).Select(c => c.Name)];

    public static IReadOnlyList<DesignColumn> Design { get; } = BuildDesign();

    private const string ConditionsTable = "risk_conditions_scratch";

    /// <summary>
    /// Writes the feature table (person_id, index_date, age_band, sex, imd_quintile, outcome, design columns) as a
    /// temporary table: features are scratch for one train or score run, and temporary tables skip the disk.
    /// </summary>
    /// <param name="withOutcome">Whether to derive the outcome; it needs data to D+12m.</param>
    public static long Build(IEngine engine, DateOnly index, string table, bool withOutcome)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var dialect = engine.Dialect;
        var d = dialect.Date(index);
        // Window bounds are literals (computed here, month-end clamped like SQL date arithmetic) so every engine can prune on them.
        string Months(int m) => dialect.Date(index.AddMonths(m));
        var year = index.Year.ToString(CultureInfo.InvariantCulture);
        string InWindow(string col, int fromMonths, int toMonths) => $"{col} > {Months(fromMonths)} AND {col} <= {Months(toMonths)}";
        string SettingIn(string[] settings) => "setting IN (" + string.Join(", ", settings.Select(dialect.Quote)) + ")";

        var activityColumns = ActivityMeasures.SelectMany(m => new[]
        {
            $"sum(CASE WHEN {SettingIn(m.Settings)} AND {InWindow("start_date", -12, 0)} THEN 1 ELSE 0 END) AS n_{m.Stem}_0_12",
            $"sum(CASE WHEN {SettingIn(m.Settings)} AND {InWindow("start_date", -24, -12)} THEN 1 ELSE 0 END) AS n_{m.Stem}_12_24",
        }).Append($"sum(CASE WHEN {InWindow("start_date", -12, 0)} THEN CAST(cost_gbp AS DOUBLE PRECISION) ELSE 0 END) AS spend_0_12")
          .Append($"sum(CASE WHEN setting = 'prescribing' AND {InWindow("start_date", -12, 0)} THEN CAST(cost_gbp AS DOUBLE PRECISION) ELSE 0 END) AS prescribing_spend_0_12")
          .Append($"max(CASE WHEN setting = 'emergency_admission' AND {InWindow("start_date", 0, 12)} THEN 1 ELSE 0 END) AS outcome_any");
        var conditionColumns = Conditions.Select(c => $"max(CASE WHEN c.condition = {dialect.Quote(c)} THEN 1 ELSE 0 END) AS c_{c}");

        var design = Design.Select(c => $"CAST({Expression(c.Name)} AS DOUBLE PRECISION) AS {c.Name}");
        ConditionFlags.Build(engine, index, ConditionsTable);
        try
        {
            return engine.Execute($"""
                DROP TABLE IF EXISTS {table}; CREATE TEMP TABLE {table} AS
                WITH pop AS (
                    SELECT person_id, sex, {AgeBandSql.AgeSql("year_of_birth", index)} AS age, {AgeBandSql.ImdQuintileSql("imd_decile")} AS imd_quintile
                    FROM people
                    WHERE (death_date IS NULL OR death_date > {d}) AND year_of_birth <= {year}
                ),
                act AS (
                    SELECT person_id, {string.Join(",\n        ", activityColumns)}
                    FROM activity
                    WHERE {InWindow("start_date", -24, withOutcome ? 12 : 0)}
                    GROUP BY person_id
                ),
                cond AS (
                    SELECT c.person_id,
                        sum(CASE WHEN l.long_term_condition THEN 1 ELSE 0 END) AS ltc,
                        sum(CASE WHEN l.long_term_condition THEN l.cms_general ELSE 0 END) AS cms,
                        {string.Join(",\n        ", conditionColumns)}
                    FROM {ConditionsTable} c JOIN codelist_conditions l ON l.condition = c.condition
                    GROUP BY c.person_id
                ),
                raw AS (
                    SELECT pop.person_id, pop.sex, pop.imd_quintile, {AgeBandSql.SqlCase("pop.age")} AS age_band,
                        coalesce(cond.ltc, 0) AS ltc, coalesce(cond.cms, 0) AS cms,
                        {string.Join(", ", Conditions.Select(c => $"coalesce(cond.c_{c}, 0) AS c_{c}"))},
                        {string.Join(", ", ActivityMeasures.SelectMany(m => new[] { $"coalesce(act.n_{m.Stem}_0_12, 0) AS n_{m.Stem}_0_12", $"coalesce(act.n_{m.Stem}_12_24, 0) AS n_{m.Stem}_12_24" }))},
                        coalesce(act.spend_0_12, 0) AS spend_0_12, coalesce(act.prescribing_spend_0_12, 0) AS prescribing_spend_0_12,
                        {(withOutcome ? "coalesce(act.outcome_any, 0)" : "CAST(NULL AS INTEGER)")} AS outcome
                    FROM pop LEFT JOIN act ON act.person_id = pop.person_id LEFT JOIN cond ON cond.person_id = pop.person_id
                )
                SELECT person_id, {d} AS index_date, age_band, sex, imd_quintile, outcome,
                    ltc AS ltc_count, cms AS cms_general, n_emergency_0_12, n_emergency_12_24, n_ae_0_12, n_outpatient_0_12, n_gp_0_12, n_community_0_12, spend_0_12,
                    {string.Join(",\n    ", design)}
                FROM raw
                """);
        }
        finally
        {
            engine.Execute($"DROP TABLE IF EXISTS {ConditionsTable}");
        }
    }

    /// <summary>SQL over the `raw` columns for one design column.</summary>
    private static string Expression(string name) => name switch
    {
        "intercept" => "1",
        "sex_m" => "CASE WHEN sex = 'M' THEN 1 ELSE 0 END",
        "sex_u" => "CASE WHEN sex = 'U' THEN 1 ELSE 0 END",
        "ltc_2" => "CASE WHEN ltc = 2 THEN 1 ELSE 0 END",
        "ltc_3" => "CASE WHEN ltc = 3 THEN 1 ELSE 0 END",
        "ltc_4plus" => "CASE WHEN ltc >= 4 THEN 1 ELSE 0 END",
        "log_spend_0_12" => "ln(1 + spend_0_12)",
        "log_prescribing_spend_0_12" => "ln(1 + prescribing_spend_0_12)",
        _ when name.StartsWith("age_", StringComparison.Ordinal) => $"CASE WHEN age_band = '{BandOf(name)}' THEN 1 ELSE 0 END",
        _ when name.StartsWith("imd_q", StringComparison.Ordinal) => $"CASE WHEN imd_quintile = {name[^1]} THEN 1 ELSE 0 END",
        _ when name.StartsWith("has_", StringComparison.Ordinal) => $"c_{name[4..]}",
        _ when name.StartsWith("log_n_", StringComparison.Ordinal) => $"ln(1 + {name[4..]})",
        _ => throw new InvalidOperationException($"No expression for design column '{name}'."),
    };

    private static string ColumnOf(string band) => "age_" + band.Replace("-", "_", StringComparison.Ordinal).Replace("+", "plus", StringComparison.Ordinal);

    private static string BandOf(string column) => AgeBands.All.Single(b => ColumnOf(b) == column);

    private static List<DesignColumn> BuildDesign()
    {
        var columns = new List<DesignColumn> { new("intercept") };
        columns.AddRange(AgeBands.All.Where(b => b != ReferenceAgeBand).Select(b => new DesignColumn(ColumnOf(b), "age")));
        columns.Add(new("sex_m", "sex"));
        columns.Add(new("sex_u", "sex"));
        columns.AddRange(Enumerable.Range(1, 4).Select(q => new DesignColumn($"imd_q{q}", "imd")));
        // With every condition entered singly, the LTC count and the CMS are linear in the indicators (and would be
        // aliased); multimorbidity beyond the sum of its parts enters as LTC-count bands (reference 0–1).
        columns.AddRange(new[] { "ltc_2", "ltc_3", "ltc_4plus" }.Select(n => new DesignColumn(n, "ltc")));
        columns.AddRange(Conditions.Select(c => new DesignColumn($"has_{c}")));
        columns.AddRange(ActivityMeasures.SelectMany(m => new[] { new DesignColumn($"log_n_{m.Stem}_0_12"), new DesignColumn($"log_n_{m.Stem}_12_24") }));
        columns.Add(new("log_spend_0_12"));
        // Medicines cost: polypharmacy, a marker of need beside the conditions (SPARRA also uses prescribing).
        columns.Add(new("log_prescribing_spend_0_12"));
        return columns;
    }
}

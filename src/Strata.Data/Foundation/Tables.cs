namespace Strata.Data.Foundation;

/// <summary>
/// The table catalogue: every workspace table's name, columns, types, key and placement, declared once. Tables are
/// created from here (<see cref="Schema"/> for the stores, <c>IEngine.CreateTableAs</c> for derived tables), so a
/// distributed engine knows which tables are keyed by person. Derived tables' columns are nullable like the result
/// of the query that fills them; the query's select list follows the declared column order.
/// </summary>
public static class Tables
{
    private const string Text = "VARCHAR";
    private const string Int = "INTEGER";
    private const string Big = "BIGINT";
    private const string Real = "DOUBLE PRECISION";
    private const string Day = "DATE";
    private const string Stamp = "TIMESTAMP";
    private const string Flag = "BOOLEAN";

    private static ColumnSpec N(string name, string type) => new(name, type, Nullable: true);

    private static ColumnSpec R(string name, string type) => new(name, type);

    // --- Foundation bookkeeping ---
    public static readonly TableSpec Meta = new("strata_meta", [R("key", Text), R("value", Text)], PrimaryKey: ["key"]);

    public static readonly TableSpec Runs = new("strata_runs",
        [R("run_id", Text), R("stage", Text), R("rule_version", Text), N("reference_date", Day), N("parameters", Text), R("created_at", Stamp)]);

    public static readonly TableSpec ImportRejects = new("import_rejects",
        [R("table_name", Text), R("file", Text), R("line", Big), R("field", Text), R("reason", Text), N("value", Text)]);

    public static readonly TableSpec ImportRuns = new("import_runs",
        [R("run_id", Text), R("imported_at", Stamp), R("format_version", Text), R("table_name", Text), R("file", Text),
         R("size_bytes", Big), R("modified_at", Stamp), R("rows_read", Big), R("rows_loaded", Big), R("rows_rejected", Big),
         R("rejects_file", Text)]);

    public static readonly TableSpec CodelistConditions = new("codelist_conditions",
        [R("condition", Text), N("window_months", Int), R("long_term_condition", Flag), N("cms_general", Real), N("cms_mortality", Real)],
        Placement.Reference);

    public static readonly TableSpec CodelistIcd10 = new("codelist_condition_icd10",
        [R("condition", Text), R("icd10_prefix", Text)], Placement.Reference);

    public static readonly TableSpec CodelistSnomed = new("codelist_condition_snomed",
        [R("condition", Text), R("concept_id", Text)], Placement.Reference);

    public static readonly TableSpec CodelistEbi = new("codelist_ebi",
        [R("ebi_id", Text), R("ebi_list", Int), R("setting", Text), R("icd10_prefix", Text), R("name", Text)], Placement.Reference);

    /// <summary>EBI interventions by OPCS-4 procedure prefix (codelists/ebi-opcs4.v1.csv).</summary>
    public static readonly TableSpec CodelistEbiOpcs4 = new("codelist_ebi_opcs4",
        [R("ebi_id", Text), R("opcs4_prefix", Text), R("needs_diagnosis", Flag)], Placement.Reference);

    public static readonly TableSpec ProgrammeCategories = new("codelist_programme_categories",
        [R("category_code", Text), R("category", Text)], Placement.Reference);

    public static readonly TableSpec ProgrammeIcd10 = new("codelist_programme_icd10",
        [R("category_code", Text), R("letter", Text), R("icd10_from", Text), R("icd10_to", Text)], Placement.Reference);

    public static readonly TableSpec ProgrammeSettings = new("codelist_programme_settings",
        [R("setting", Text), R("category_code", Text)], Placement.Reference);

    /// <summary>Cell-key perturbation: one fixed record key per person (docs/disclosure-control.md).</summary>
    public static readonly TableSpec PersonKeys = new("person_keys", [R("person_id", Text), R("record_key", Int)], Placement.ByPerson);

    /// <summary>The workspace's disclosure secret; replicated so the keys can be computed next to the people they key.</summary>
    public static readonly TableSpec DisclosureSecret = new("disclosure_secret", [R("secret", Text)], Placement.Reference);

    public static readonly TableSpec QualityChecks = new("quality_checks",
        [R("reference_date", Day), R("id", Text), R("category", Text), R("table_name", Text), R("field", Text), R("description", Text),
         R("failing_rows", Big), R("out_of", Big), R("max_failing_share", Real), R("passed", Flag)]);

    /// <summary>Activity rows of a mapped import costed from the national price table (<see cref="NationalPrices"/>).</summary>
    public static readonly TableSpec CostEstimates = new(NationalPrices.EstimatesTable,
        [R("activity_id", Text), R("basis", Text), R("price_table", Text)], Placement.Local);

    /// <summary>Emergency admissions within 30 days of a discharge (<see cref="Readmissions"/>), derived after every import.</summary>
    public static readonly TableSpec EmergencyReadmissions = new(Readmissions.Table,
        [N("activity_id", Text), N("index_activity_id", Text), N("days_after_discharge", Int)], Placement.Local);

    // --- Understand ---
    /// <summary>Conditions present at a date (ConditionFlags); other stages write the same shape under their own names.</summary>
    public static readonly TableSpec PersonConditions = new("person_conditions",
        [N("person_id", Text), N("condition", Text), N("first_recorded", Day), N("last_recorded", Day)], Placement.ByPerson);

    public static readonly TableSpec Segments = new("segments",
        [N("person_id", Text), N("reference_date", Day), N("rule_version", Text), N("segment", Text), N("subsegments", Text),
         N("ltc_count", Int), N("cms_general", Real), N("cms_mortality", Real), N("age", Int), N("age_band", Text), N("sex", Text),
         N("imd_quintile", Int), N("practice_code", Text), N("neighbourhood_code", Text), N("place_code", Text)],
        Placement.ByPerson);

    public static readonly TableSpec RiskModels = new("risk_models",
        [R("model_id", Text), R("kind", Text), R("rule_version", Text), R("features_version", Text), R("train_index_date", Day),
         R("test_index_date", Day), R("train_people", Big), R("train_events", Big), N("iterations", Int), N("converged", Flag),
         N("deviance", Real), R("test_people", Big), R("test_events", Big), R("auroc", Real), R("auroc_se", Real),
         R("auroc_lower", Real), R("auroc_upper", Real), R("brier", Real), R("calibration_intercept", Real),
         R("calibration_slope", Real), N("oracle_people", Big), N("oracle_without_truth", Big), N("oracle_model_auroc", Real),
         N("oracle_auroc", Real), R("run_id", Text), R("created_at", Stamp)]);

    public static readonly TableSpec RiskCoefficients = new("risk_model_coefficients",
        [R("model_id", Text), R("feature", Text), N("coefficient", Real), N("std_error", Real), N("note", Text)]);

    public static readonly TableSpec RiskReliability = new("risk_model_reliability",
        [R("model_id", Text), R("decile", Int), R("people", Big), R("mean_predicted", Real), R("observed", Real)]);

    public static readonly TableSpec RiskTiers = new("risk_model_tiers",
        [R("model_id", Text), R("tier", Text), R("people", Big), R("events", Big), R("mean_predicted", Real)]);

    public static readonly TableSpec RiskScores = new("risk_scores",
        [R("person_id", Text), R("reference_date", Day), R("model", Text), R("probability", Real), R("tier", Text)], Placement.ByPerson);

    /// <summary>Profile cells by person dimensions (ProfileDimensions.Person) — aggregates, no person column.</summary>
    public static readonly TableSpec CohortPeople = new("cohort_people",
        [N("reference_date", Day), N("segment", Text), N("risk_tier", Text), N("place_code", Text), N("neighbourhood_code", Text),
         N("age_band", Text), N("sex", Text), N("imd_quintile", Int), N("people", Big), N("people_key", Big)]);

    public static readonly TableSpec CohortActivity = new("cohort_activity",
        [N("reference_date", Day), N("segment", Text), N("risk_tier", Text), N("place_code", Text), N("neighbourhood_code", Text),
         N("age_band", Text), N("sex", Text), N("imd_quintile", Int), N("setting", Text), N("activity", Big), N("bed_days", Big),
         N("cost_gbp", "DECIMAL(18,2)"), N("activity_key", Big)]);

    public static readonly TableSpec PathwayStageRules = new("pathway_stage_rules",
        [R("pathway", Text), R("stage", Text), R("stage_order", Int), R("escalation", Flag), R("setting", Text), N("dx_prefix", Text),
         N("proc_prefix", Text)],
        Placement.Reference);

    public static readonly TableSpec PathwayCohortRules = new("pathway_cohort_rules",
        [R("pathway", Text), R("condition", Text), R("min_age", Int), N("max_age", Int), N("segment", Text)], Placement.Reference);

    public static readonly TableSpec PathwayPeriods = new("pathway_periods",
        [R("period", Int), R("period_start", Day), R("period_end", Day)], Placement.Reference);

    public static readonly TableSpec PathwayPeople = new("pathway_people",
        [N("pathway", Text), N("person_id", Text), N("practice_code", Text), N("neighbourhood_code", Text), N("place_code", Text),
         N("sex", Text), N("age", Int), N("imd_decile", Int), N("death_date", Day), N("entry_date", Day)], Placement.ByPerson);

    public static readonly TableSpec PathwayActivity = new("pathway_activity",
        [N("pathway", Text), N("activity_id", Text), N("person_id", Text), N("setting", Text), N("provider_code", Text),
         N("start_date", Day), N("end_date", Day), N("cost_gbp", "DECIMAL(14,2)"), N("stage", Text), N("stage_order", Int),
         N("escalation", Flag), N("period", Int)], Placement.ByPerson);

    // --- Plan ---
    /// <summary>Segments at successive year-ends, for Markov transitions (SegmentHistory).</summary>
    public static readonly TableSpec SegmentHistory = new("plan_segment_history",
        [N("person_id", Text), N("reference_date", Day), N("segment", Text), N("age_band", Text), N("sex", Text), N("imd_quintile", Int)],
        Placement.ByPerson);

    /// <summary>The plan's provider mix source (PlanCells.EnsureMixCache): 12 months' activity count and exact cost per
    /// reference date × neighbourhood × setting × provider, tagged with the data version it was computed from.</summary>
    public static readonly TableSpec PlanProviderMixCache = new("plan_provider_mix_cache",
        [R("reference_date", Day), R("data_version", Text), N("place_code", Text), N("neighbourhood_code", Text), R("setting", Text),
         R("provider_code", Text), R("n", Big), N("cost_gbp", "DECIMAL(38,2)")]);

    public static readonly TableSpec ScenarioRuns = new("scenario_runs",
        [R("scenario_id", Text), R("run_id", Text), R("kind", Text), R("name", Text), R("reference_date", Day), R("interventions", Text),
         R("seed", Text), R("runs", Int), R("years", Int), R("rule_version", Text), N("parameters", Text), R("created_at", Stamp)]);

    public static readonly TableSpec ScenarioResults = new("scenario_results",
        [R("scenario_id", Text), N("year", Int), N("setting", Text), N("provider", Text), N("intervention", Text), R("measure", Text),
         R("statistic", Text), N("value", Real)]);

    public static readonly TableSpec ScenarioEvidence = new("scenario_evidence",
        [R("scenario_id", Text), R("intervention", Text), R("provenance", Text)]);

    // --- Deliver ---
    public static readonly TableSpec DeliverRecords = new("deliver_records",
        [R("record_type", Text), R("record_id", Text), R("version", Int), R("actor", Text), R("recorded_at", Stamp), R("payload", Text),
         N("area", Text), N("created_by", Text)],
        PrimaryKey: ["record_type", "record_id", "version"]);

    public static readonly TableSpec NeedPersons = new("deliver_need_persons",
        [N("person_id", Text), N("place_code", Text), N("neighbourhood_code", Text), N("age_band", Text), N("sex", Text),
         N("ltc_band", Int), N("imd_quintile", Int), N("spend", Real), N("reference_date", Day), N("rule_version", Text)],
        Placement.ByPerson);

    public static readonly TableSpec CostCells = new("deliver_cost_cells",
        [N("age_band", Text), N("sex", Text), N("ltc_band", Int), N("people", Big), N("mean_cost", Real), N("cost_index", Real),
         N("reference_date", Day), N("rule_version", Text), N("people_key", Big)]);

    // --- Evaluate ---
    public static readonly TableSpec KpiSeries = new("evaluate_kpi_series",
        [R("run_id", Text), R("definitions_version", Text), R("rule_version", Text), R("kpi", Text), R("level", Text), R("unit", Text),
         R("period_start", Day), R("imd_quintile", Int), R("numerator", Big), R("denominator", Big)]);

    /// <summary>person_conditions stacked by KPI period (scratch for one KPI run).</summary>
    public static readonly TableSpec KpiConditions = new("evaluate_kpi_conditions_tmp",
        [R("period_start", Day), R("person_id", Text), R("condition", Text)], Placement.ByPerson);

    public static readonly TableSpec ImpactCohort = new("evaluate_impact_cohort",
        [R("person_id", Text), R("start_date", Day)], Placement.ByPerson);

    public static readonly TableSpec ImpactFeatures = new("evaluate_impact_features",
        [N("person_id", Text), N("treated", Flag), N("index_date", Day), N("age", Real), N("female", Real), N("imd_quintile", Real),
         N("risk", Real), N("prior_ea", Real), N("prior_ae", Real), N("cell", Text), N("rule_version", Text)], Placement.ByPerson);

    public static readonly TableSpec ImpactMatches = new("evaluate_impact_matches",
        [R("run_id", Text), R("rule_version", Text), R("pair_id", Int), R("person_id", Text), R("treated", Flag), R("index_date", Day),
         R("distance", Real)], Placement.ByPerson);

    /// <summary>Every catalogue table, the imported core first.</summary>
    public static IReadOnlyList<TableSpec> All { get; } =
    [
        .. Schema.CoreTables, Meta, Runs, ImportRejects, ImportRuns, CodelistConditions, CodelistIcd10, CodelistSnomed, CodelistEbi, CodelistEbiOpcs4,
        ProgrammeCategories, ProgrammeIcd10, ProgrammeSettings, PersonKeys, DisclosureSecret, QualityChecks, CostEstimates, EmergencyReadmissions, PersonConditions, Segments,
        PathwayStageRules, PathwayCohortRules, PathwayPeriods, PathwayPeople, PathwayActivity, SegmentHistory,
        RiskModels, RiskCoefficients, RiskReliability, RiskTiers, RiskScores, CohortPeople, CohortActivity, ScenarioRuns,
        ScenarioResults, ScenarioEvidence, DeliverRecords, NeedPersons, CostCells, KpiSeries, KpiConditions, ImpactCohort, ImpactFeatures, ImpactMatches,
    ];

    public static TableSpec Named(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"No catalogue table '{name}'.", nameof(name));
}

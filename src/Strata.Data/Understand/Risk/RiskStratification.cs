using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Data.Understand.Risk;

/// <summary>Train at one index date, validate out of time at a later one; optional truth file for the oracle AUROC.</summary>
public sealed record RiskTrainOptions(DateOnly TrainIndex, DateOnly TestIndex, string? TruthFile = null)
{
    /// <summary>Also train the gradient-boosted challenger and validate it on the same test set.</summary>
    public bool Challenger { get; init; }
}

/// <summary>The challenger's validation on the same test set as the primary model.</summary>
public sealed record ChallengerResult(string ModelId, string Kind, long TrainingRows, RiskMetrics Metrics, IReadOnlyList<TierSummary> TestTiers);

public sealed record RiskTrainingResult(
    string ModelId,
    DateOnly TrainIndex,
    DateOnly TestIndex,
    LogisticFit Fit,
    IReadOnlyList<string> Constant,
    RiskMetrics Metrics,
    IReadOnlyList<TierSummary> TestTiers,
    OracleComparison? Oracle,
    ChallengerResult? Challenger = null);

public sealed record RiskScoreResult(string ModelId, DateOnly ReferenceDate, long People, IReadOnlyList<TierSummary> Tiers)
{
    /// <summary>Coded records up to the date per code system and how many matched no codelist (the features' conditions).</summary>
    public IReadOnlyList<ConditionFlags.Coverage> Coding { get; init; } = [];
}

/// <summary>A stored model with its validation, as `strata risk report` shows it.</summary>
public sealed record StoredRiskModel(
    string ModelId,
    string Kind,
    DateOnly TrainIndex,
    DateOnly TestIndex,
    LogisticFit Fit,
    RiskMetrics Metrics,
    IReadOnlyList<TierSummary> TestTiers,
    OracleComparison? Oracle,
    RiskScoreResult? LatestScores);

/// <summary>
/// Risk stratification in the workspace: features (<see cref="RiskFeatures"/>), logistic model by in-engine IRLS,
/// temporal validation, scoring into `risk_scores` with tiers, and the stored record of each model.
/// Tables: risk_models, risk_model_coefficients, risk_model_reliability, risk_model_tiers, risk_scores.
/// </summary>
public static class RiskStratification
{
    public const string Stage = "understand.risk";
    public const string RuleVersion = "risk-v1";
    public const string ScoresTable = "risk_scores";

    private const string TrainFeatures = "risk_train_features";
    private const string TestFeatures = "risk_test_features";
    private const string TestScored = "risk_test_scored";
    private const string ChallengerScored = "risk_test_scored_challenger";
    private const string ScoreFeatures = "risk_score_features";
    private const string Scored = "risk_scored";
    private const string Truth = "risk_truth_scratch";

    public static void EnsureTables(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        foreach (var table in new[] { Tables.RiskModels, Tables.RiskCoefficients, Tables.RiskReliability, Tables.RiskTiers, Tables.RiskScores })
        {
            engine.CreateTable(table);
        }
    }

    /// <summary>Last activity start date: the data end D from which default index dates are counted back.</summary>
    public static DateOnly DataEnd(IEngine engine)
    {
        return ActivitySpan.Last(engine) ?? throw new InvalidOperationException("The workspace has no activity; import data first.");
    }

    /// <summary>First activity start date: feature windows reaching back before it are not covered by the data.</summary>
    public static DateOnly DataStart(IEngine engine)
    {
        return ActivitySpan.First(engine) ?? throw new InvalidOperationException("The workspace has no activity; import data first.");
    }

    public static RiskTrainingResult Train(IEngine engine, RiskTrainOptions options, Action<double, string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        progress ??= (_, _) => { };
        if (options.TestIndex <= options.TrainIndex)
        {
            throw new ArgumentException($"The test index date ({Iso(options.TestIndex)}) must be after the training index date ({Iso(options.TrainIndex)}).");
        }
        var dataEnd = DataEnd(engine);
        if (options.TestIndex.AddMonths(12) > dataEnd.AddDays(7))
        {
            throw new ArgumentException(
                $"The outcome window after the test index date {Iso(options.TestIndex)} runs to {Iso(options.TestIndex.AddMonths(12))}, beyond the data end {Iso(dataEnd)}; choose --test-date on or before {Iso(dataEnd.AddMonths(-12))}.");
        }
        EnsureTables(engine);
        try
        {
            progress(0.05, "Training features");
            RiskFeatures.Build(engine, options.TrainIndex, TrainFeatures, withOutcome: true);
            var trainEvents = engine.Scalar<long>($"SELECT count(*) FROM {TrainFeatures} WHERE outcome = 1");
            progress(0.2, "Fitting (IRLS)");
            // Windows reaching back before the data are empty or partial at the training date but full later: leave them out.
            var uncovered = RiskFeatures.Uncovered(options.TrainIndex, DataStart(engine));
            var model = new LogisticRiskModel([.. RiskFeatures.Design.Where(c => !uncovered.Contains(c.Name))]);
            model.Train(engine, TrainFeatures);
            var fit = model.Fit!;
            progress(0.6, "Test features");
            RiskFeatures.Build(engine, options.TestIndex, TestFeatures, withOutcome: true);
            model.Score(engine, TestFeatures, TestScored);
            progress(0.75, "Validating");
            var metrics = RiskEvaluation.Evaluate(engine, TestScored);
            var tiers = TierSummaries(engine, TestScored);
            var oracle = options.TruthFile is null ? null : Oracle(engine, options.TruthFile, options.TestIndex);
            progress(0.85, "Storing");
            var fitted = fit.Features.Select((f, i) => new CoefficientRow(f, fit.Coefficients[i], fit.StandardErrors[i], null))
                .Concat(fit.Aliased.Select(f => new CoefficientRow(f, null, null, "aliased")))
                .Concat(uncovered.Select(f => new CoefficientRow(f, null, null, "window before data start")))
                .Concat(model.Constant.Select(f => new CoefficientRow(f, null, null, "constant in training data")));
            var modelId = Store(engine, options, model.Kind, fit.Rows, trainEvents, fit, fitted, metrics, tiers, oracle);
            ChallengerResult? challenger = null;
            if (options.Challenger)
            {
                progress(0.9, "Challenger (boosted trees)");
                var boosted = new BoostedRiskModel(model.Design);
                boosted.Train(engine, TrainFeatures);
                boosted.Score(engine, TestFeatures, ChallengerScored);
                var boostedMetrics = RiskEvaluation.Evaluate(engine, ChallengerScored);
                var boostedTiers = TierSummaries(engine, ChallengerScored);
                var boostedId = Store(engine, options, boosted.Kind, fit.Rows, trainEvents, null, [], boostedMetrics, boostedTiers, null);
                challenger = new ChallengerResult(boostedId, boosted.Kind, boosted.TrainingRows, boostedMetrics, boostedTiers);
            }
            return new RiskTrainingResult(modelId, options.TrainIndex, options.TestIndex, fit, [.. uncovered.Concat(model.Constant)], metrics, tiers, oracle, challenger);
        }
        finally
        {
            foreach (var t in new[] { TrainFeatures, TestFeatures, TestScored, ChallengerScored, Truth })
            {
                engine.Execute($"DROP TABLE IF EXISTS {t}");
            }
        }
    }

    /// <summary>Scores everyone alive at <paramref name="at"/> with a stored model (latest when not named) into risk_scores.</summary>
    public static RiskScoreResult Score(IEngine engine, DateOnly at, string? modelId = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        EnsureTables(engine);
        var (id, model) = LoadModel(engine, modelId);
        try
        {
            RiskFeatures.Build(engine, at, ScoreFeatures, withOutcome: false);
            model.Score(engine, ScoreFeatures, Scored);
            engine.InTransaction(() =>
            {
                engine.Execute($"DELETE FROM {ScoresTable} WHERE model = {engine.Dialect.Quote(id)} AND reference_date = {engine.Dialect.Date(at)}");
                engine.Execute($"""
                    INSERT INTO {ScoresTable} (person_id, reference_date, model, probability, tier)
                    SELECT person_id, {engine.Dialect.Date(at)}, {engine.Dialect.Quote(id)}, probability, tier FROM ({Tiered(Scored)}) t
                    """);
                RunLog.Record(engine, Stage + ".score", RuleVersion, at, $$"""{"model":"{{id}}","features":"{{RiskFeatures.Version}}"}""");
            });
        }
        finally
        {
            engine.Execute($"DROP TABLE IF EXISTS {ScoreFeatures}");
            engine.Execute($"DROP TABLE IF EXISTS {Scored}");
        }
        return LatestScores(engine, id, at)! with { Coding = ConditionFlags.CodeCoverage(engine, at) };
    }

    /// <summary>The stored model (latest when not named) with its validation and its latest scores.</summary>
    public static StoredRiskModel Load(IEngine engine, string? modelId = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        EnsureTables(engine);
        var (id, model) = LoadModel(engine, modelId);
        var q = engine.Dialect.Quote(id);
        var m = engine.Query($"""
            SELECT kind, CAST(train_index_date AS TIMESTAMP), CAST(test_index_date AS TIMESTAMP), test_people, test_events, auroc, auroc_se,
                auroc_lower, auroc_upper, brier, calibration_intercept, calibration_slope, oracle_people, oracle_without_truth,
                oracle_model_auroc, oracle_auroc
            FROM risk_models WHERE model_id = {q}
            """, r => (
                Kind: r.GetString(0), Train: DateOnly.FromDateTime(r.GetDateTime(1)), Test: DateOnly.FromDateTime(r.GetDateTime(2)),
                People: r.GetInt64(3), Events: r.GetInt64(4),
                Auroc: new Auroc(r.GetDouble(5), r.GetDouble(6), r.GetDouble(7), r.GetDouble(8)),
                Brier: r.GetDouble(9), Intercept: r.GetDouble(10), Slope: r.GetDouble(11),
                Oracle: r.IsDBNull(12) ? null : new OracleComparison(r.GetInt64(12), r.GetInt64(13), r.GetDouble(14), r.GetDouble(15))))[0];
        var reliability = engine.Query($"SELECT decile, people, mean_predicted, observed FROM risk_model_reliability WHERE model_id = {q} ORDER BY decile",
            r => new ReliabilityBin(r.GetInt32(0), r.GetInt64(1), r.GetDouble(2), r.GetDouble(3)));
        var tiers = engine.Query($"SELECT tier, people, events, mean_predicted FROM risk_model_tiers WHERE model_id = {q}",
            r => new TierSummary(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetDouble(3)));
        var latest = engine.Scalar<DateTime?>($"SELECT CAST(max(reference_date) AS TIMESTAMP) FROM {ScoresTable} WHERE model = {q}");
        return new StoredRiskModel(id, m.Kind, m.Train, m.Test, model.Fit!,
            new RiskMetrics(m.People, m.Events, m.Auroc, m.Brier, m.Intercept, m.Slope, reliability),
            [.. RiskTiers.Names.Select(n => tiers.Single(t => t.Tier == n))], m.Oracle,
            latest is null ? null : LatestScores(engine, id, DateOnly.FromDateTime(latest.Value)));
    }

    /// <summary>SQL adding tier (and rank) to a table of (person_id, probability): rank 1 = highest, ties by person_id.</summary>
    public static string Tiered(string table)
    {
        var cases = string.Join(" ", RiskTiers.Bands.Select(b =>
            $"WHEN rnk * 1000 <= {b.CumulativePerMille.ToString(CultureInfo.InvariantCulture)} * n THEN '{b.Tier}'"));
        return $"""
            SELECT s.*, CASE {cases} END AS tier
            FROM (SELECT *, row_number() OVER (ORDER BY probability DESC, person_id) AS rnk, count(*) OVER () AS n FROM {table}) s
            """;
    }

    /// <summary>The oracle: P(≥1 emergency admission) = 1 − exp(−rate) from the generator's true rate for the outcome year.</summary>
    private static OracleComparison Oracle(IEngine engine, string truthFile, DateOnly testIndex)
    {
        var header = File.Exists(truthFile)
            ? File.ReadLines(truthFile).FirstOrDefault() ?? ""
            : throw new InputException(truthFile, 0, null, "file not found");
        var columns = header.Split(',').Select(h => h.Trim().Trim('"')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var required in new[] { "person_id", "financial_year", "emergency_rate" })
        {
            if (!columns.Contains(required))
            {
                throw new InputException(truthFile, 1, required, $"required column missing (header has: {header})");
            }
        }
        // Rates are annual per financial year (April–March, named by its starting year; written 2024, 2024-25 or
        // 2024/25). The expected admissions in the outcome window (D, D+12m] weight each year's rate by the share of
        // that year inside the window, so a window that is one financial year uses exactly that year's rate.
        var weights = OutcomeYearWeights(testIndex);
        var weightCase = "CASE " + string.Join(" ", weights.Select(w => $"WHEN left(trim(financial_year), 4) = '{w.Year.ToString(CultureInfo.InvariantCulture)}' THEN {w.Weight.ToString("R", CultureInfo.InvariantCulture)}")) + " END";
        var years = string.Join(", ", weights.Select(w => $"'{w.Year.ToString(CultureInfo.InvariantCulture)}'"));
        var fy = string.Join(" and ", weights.Select(w => w.Year.ToString(CultureInfo.InvariantCulture)));
        var complete = weights.Sum(w => w.Weight) - 1e-9;
        engine.Execute($"""
            DROP TABLE IF EXISTS {Truth}; CREATE TEMP TABLE {Truth} AS
            SELECT s.person_id, s.outcome, s.probability,
                CASE WHEN t.covered >= {complete.ToString("R", CultureInfo.InvariantCulture)} THEN 1 - exp(-t.expected) END AS oracle
            FROM {TestScored} s LEFT JOIN (
                SELECT person_id, sum(CAST(emergency_rate AS DOUBLE PRECISION) * {weightCase}) AS expected, sum({weightCase}) AS covered
                FROM {engine.Dialect.ReadCsvAsText(truthFile)} r
                WHERE left(trim(financial_year), 4) IN ({years})
                GROUP BY person_id
            ) t ON t.person_id = s.person_id
            """);
        var missing = engine.Scalar<long>($"SELECT count(*) FROM {Truth} WHERE oracle IS NULL");
        engine.Execute($"DELETE FROM {Truth} WHERE oracle IS NULL");
        var people = engine.Scalar<long>($"SELECT count(*) FROM {Truth}");
        if (people == 0)
        {
            throw new InputException(truthFile, 1, "financial_year", $"no complete true rates for financial year(s) {fy} for the test population");
        }
        var rows = $"(SELECT person_id, y, {{0}} AS p FROM (SELECT person_id, CAST(outcome AS DOUBLE PRECISION) AS y, probability, oracle FROM {Truth}) x)";
        var model = Domain.Understand.Auroc.FromAggregates(RiskEvaluation.AurocSums(engine, string.Format(CultureInfo.InvariantCulture, rows, "probability")));
        var oracle = Domain.Understand.Auroc.FromAggregates(RiskEvaluation.AurocSums(engine, string.Format(CultureInfo.InvariantCulture, rows, "oracle")));
        return new OracleComparison(people, missing, model.Value, oracle.Value);
    }

    /// <summary>Financial years overlapping the 12 months after <paramref name="index"/>, each with the share of its days inside.</summary>
    public static IReadOnlyList<(int Year, double Weight)> OutcomeYearWeights(DateOnly index)
    {
        var from = index.AddDays(1);
        var to = index.AddMonths(12);
        static int FinancialYear(DateOnly d) => d.Month >= 4 ? d.Year : d.Year - 1;
        var weights = new List<(int, double)>();
        for (var y = FinancialYear(from); y <= FinancialYear(to); y++)
        {
            var (start, end) = (new DateOnly(y, 4, 1), new DateOnly(y + 1, 3, 31));
            var overlap = (to < end ? to : end).DayNumber - (from > start ? from : start).DayNumber + 1;
            weights.Add((y, overlap / (double)(end.DayNumber - start.DayNumber + 1)));
        }
        return weights;
    }

    private static List<TierSummary> TierSummaries(IEngine engine, string scored)
    {
        var rows = engine.Query($"""
            SELECT tier, count(*), CAST(sum(CASE WHEN outcome = 1 THEN 1 ELSE 0 END) AS BIGINT), avg(probability) FROM ({Tiered(scored)}) t GROUP BY tier
            """, r => new TierSummary(r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture), r.GetDouble(3)));
        return [.. RiskTiers.Names.Select(n => rows.SingleOrDefault(t => t.Tier == n) ?? new TierSummary(n, 0, 0, 0))];
    }

    private static RiskScoreResult? LatestScores(IEngine engine, string modelId, DateOnly at) => Tiers(engine, modelId, at);

    /// <summary>Whether any risk model has been trained in the workspace.</summary>
    public static bool AnyModel(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.TableExists("risk_models") && engine.Scalar<long>("SELECT count(*) FROM risk_models") > 0;
    }

    /// <summary>
    /// People and mean predicted risk by tier for one model's scores at D, every tier in order (zeros included).
    /// </summary>
    /// <param name="area">
    /// Optional area (e.g. a user's scope) by the segments table's practice geography at D: only people in segments
    /// at D who live there are counted.
    /// </param>
    public static RiskScoreResult Tiers(IEngine engine, string modelId, DateOnly at, AreaFilter? area = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var d = engine.Dialect.Date(at);
        var parameters = new List<object?> { modelId };
        var within = area is null || area.IsWholeIcb ? ""
            : $"AND r.person_id IN (SELECT person_id FROM {Segmentation.Table} WHERE reference_date = {d} AND {AreaSql.Predicate(area, parameters)})";
        DisclosureKeys.Ensure(engine);
        var rows = engine.Query($"""
            SELECT r.tier, count(*), avg(r.probability), {DisclosureKeys.Sum()} FROM {ScoresTable} r
            LEFT JOIN {DisclosureKeys.Table} k ON k.person_id = r.person_id
            WHERE r.model = $1 AND r.reference_date = {d} {within} GROUP BY r.tier
            """, r => new TierSummary(r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), 0, r.GetDouble(2),
                DisclosureKeys.Cell(0, Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture)).Key), [.. parameters]);
        var tiers = RiskTiers.Names.Select(n => rows.SingleOrDefault(t => t.Tier == n) ?? new TierSummary(n, 0, 0, 0, 0)).ToList();
        return new RiskScoreResult(modelId, at, tiers.Sum(t => t.People), tiers);
    }

    private sealed record CoefficientRow(string Feature, double? Coefficient, double? StdError, string? Note);

    private static string Store(
        IEngine engine, RiskTrainOptions options, string kind, long trainRows, long trainEvents, LogisticFit? fit,
        IEnumerable<CoefficientRow> coefficients, RiskMetrics metrics, IReadOnlyList<TierSummary> tiers, OracleComparison? oracle)
    {
        var version = engine.Scalar<long>($"SELECT count(*) FROM risk_models WHERE kind = {engine.Dialect.Quote(kind)}") + 1;
        var id = $"{kind}-v{version.ToString(CultureInfo.InvariantCulture)}";
        engine.InTransaction(() =>
        {
            var parameters = $$"""{"model":"{{id}}","train_index_date":"{{Iso(options.TrainIndex)}}","test_index_date":"{{Iso(options.TestIndex)}}","features":"{{RiskFeatures.Version}}"}""";
            var runId = RunLog.Record(engine, Stage + ".train", RuleVersion, options.TestIndex, parameters);
            using (var a = engine.Append("risk_models"))
            {
                a.Row(id, kind, RuleVersion, RiskFeatures.Version, options.TrainIndex, options.TestIndex, trainRows, trainEvents,
                    fit?.Iterations, fit?.Converged, fit?.Deviance, metrics.People, metrics.Events, metrics.Auroc.Value, metrics.Auroc.StandardError,
                    metrics.Auroc.Lower95, metrics.Auroc.Upper95, metrics.Brier, metrics.CalibrationIntercept, metrics.CalibrationSlope,
                    oracle?.People, oracle?.WithoutTruth, oracle?.ModelAuroc, oracle?.OracleAuroc, runId, DateTime.UtcNow);
            }
            using (var a = engine.Append("risk_model_coefficients"))
            {
                foreach (var c in coefficients)
                {
                    a.Row(id, c.Feature, c.Coefficient, c.StdError, c.Note);
                }
            }
            using (var a = engine.Append("risk_model_reliability"))
            {
                foreach (var b in metrics.Reliability)
                {
                    a.Row(id, b.Decile, b.People, b.MeanPredicted, b.Observed);
                }
            }
            using (var a = engine.Append("risk_model_tiers"))
            {
                foreach (var t in tiers)
                {
                    a.Row(id, t.Tier, t.People, t.Events, t.MeanPredicted);
                }
            }
        });
        return id;
    }

    private static (string Id, LogisticRiskModel Model) LoadModel(IEngine engine, string? modelId)
    {
        var id = modelId ?? engine.Scalar<string>($"SELECT model_id FROM risk_models WHERE kind = '{LogisticRiskModel.KindName}' ORDER BY created_at DESC, model_id DESC LIMIT 1")
            ?? throw new InvalidOperationException("No risk model in the workspace; run `strata risk train` first.");
        var q = engine.Dialect.Quote(id);
        var kind = engine.Scalar<string>($"SELECT kind FROM risk_models WHERE model_id = {q}")
            ?? throw new ArgumentException($"No risk model '{id}' in the workspace.");
        if (kind != LogisticRiskModel.KindName)
        {
            throw new InvalidOperationException($"Model '{id}' is a {kind} challenger, validated but not stored for scoring; score with a logistic model.");
        }
        var coefficients = engine.Query($"SELECT feature, coefficient, std_error FROM risk_model_coefficients WHERE model_id = {q} AND coefficient IS NOT NULL",
            r => (Feature: r.GetString(0), Beta: r.GetDouble(1), Se: r.GetDouble(2)));
        var order = RiskFeatures.Design.Select(d => d.Name).ToList();
        var sorted = coefficients.OrderBy(c => order.IndexOf(c.Feature)).ToList();
        var aliased = engine.Query($"SELECT feature FROM risk_model_coefficients WHERE model_id = {q} AND coefficient IS NULL", r => r.GetString(0));
        var fit = engine.Query($"SELECT iterations, converged, deviance, train_people FROM risk_models WHERE model_id = {q}",
            r => new LogisticFit([.. sorted.Select(c => c.Feature)], [.. sorted.Select(c => c.Beta)], [.. sorted.Select(c => c.Se)], aliased,
                r.GetInt32(0), r.GetBoolean(1), r.GetDouble(2), r.GetInt64(3)))[0];
        return (id, LogisticRiskModel.FromFit(RiskFeatures.Design, fit));
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

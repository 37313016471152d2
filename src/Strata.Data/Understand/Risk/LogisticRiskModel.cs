using System.Globalization;
using System.Text;
using Strata.Data.Engine;
using Strata.Domain.Understand;

namespace Strata.Data.Understand.Risk;

/// <summary>A risk model behind one interface: trained on a feature table, scoring one into (person_id, outcome, probability).</summary>
public interface IRiskModel
{
    /// <summary>Model family, e.g. "logistic".</summary>
    string Kind { get; }

    /// <summary>Fits on rows of <paramref name="featuresTable"/> with a non-null outcome.</summary>
    void Train(IEngine engine, string featuresTable);

    /// <summary>Writes temporary <paramref name="outputTable"/>(person_id, outcome, probability) for every row of the feature table.</summary>
    void Score(IEngine engine, string featuresTable, string outputTable);
}

/// <summary>
/// Logistic regression fitted by IRLS with the person rows kept in the engine: each iteration is one aggregate query
/// returning X'WX, X'Wz and the log-likelihood; the Newton step is <see cref="LogisticIrls"/>. Scoring is SQL.
/// </summary>
public sealed class LogisticRiskModel(IReadOnlyList<DesignColumn> design) : IRiskModel
{
    public const string KindName = "logistic";

    /// <summary>Linear predictors are clamped to ±30 so exp() stays finite; probabilities then lie in (1e−13, 1 − 1e−13).</summary>
    private const double EtaClamp = 30;

    public string Kind => KindName;

    public IReadOnlyList<DesignColumn> Design { get; } = design;

    public LogisticFit? Fit { get; private set; }

    /// <summary>Design columns with no variation in the training rows (dropped before fitting; e.g. no data 12–24 months back).</summary>
    public IReadOnlyList<string> Constant { get; private set; } = [];

    /// <summary>Restores a stored fit for scoring.</summary>
    public static LogisticRiskModel FromFit(IReadOnlyList<DesignColumn> design, LogisticFit fit) => new(design) { Fit = fit };

    public void Train(IEngine engine, string featuresTable)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Constant = ConstantColumns(engine, featuresTable, Design);
        var design = Design.Where(c => !Constant.Contains(c.Name)).ToList();
        Fit = FitLogistic(engine, featuresTable, "outcome", design);
    }

    public void Score(IEngine engine, string featuresTable, string outputTable)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var fit = Fit ?? throw new InvalidOperationException("The model has not been trained.");
        var byName = Design.ToDictionary(c => c.Name);
        var lp = LinearPredictor(fit.Features.Select(f => byName[f]).ToList(), fit.Coefficients);
        engine.Execute($"""
            DROP TABLE IF EXISTS {outputTable}; CREATE TEMP TABLE {outputTable} AS
            SELECT person_id, outcome, 1.0 / (1.0 + exp(-({Clamp(lp)}))) AS probability FROM {featuresTable}
            """);
    }

    /// <summary>
    /// Fits logistic regression of <paramref name="outcome"/> (0/1) on the design columns over rows where it is not null,
    /// optionally with an offset (a known part of the linear predictor, as in calibration-in-the-large).
    /// </summary>
    public static LogisticFit FitLogistic(IEngine engine, string table, string outcome, IReadOnlyList<DesignColumn> design, string? offset = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var byName = design.ToDictionary(c => c.Name);
        var counts = engine.Query($"SELECT count(*), CAST(sum({outcome}) AS DOUBLE PRECISION) FROM {table} WHERE {outcome} IS NOT NULL",
            r => (N: Convert.ToDouble(r.GetValue(0), CultureInfo.InvariantCulture), Y: r.IsDBNull(1) ? 0 : Convert.ToDouble(r.GetValue(1), CultureInfo.InvariantCulture)))[0];
        if (counts.Y <= 0 || counts.Y >= counts.N)
        {
            throw new InvalidOperationException($"Cannot fit a logistic model: {counts.Y} events among {counts.N} rows of {table} (need both outcomes).");
        }
        // Start at the marginal log-odds for the intercept (without an offset), zero elsewhere: fewer iterations.
        var start = design.Select(c => c.Name == "intercept" && offset is null ? LogisticIrls.Logit(counts.Y / counts.N) : 0.0).ToList();
        return LogisticIrls.Fit([.. design.Select(c => c.Name)], start,
            (active, beta) => Aggregate(engine, table, outcome, [.. active.Select(a => byName[a])], beta, offset));
    }

    private const string PassTable = "risk_irls_pass";

    /// <summary>One pass: Σw·xᵢxⱼ, Σxᵢ·(w·(η − offset) + y − μ), Σ log-likelihood, count.</summary>
    internal static IrlsAggregates Aggregate(IEngine engine, string table, string outcome, IReadOnlyList<DesignColumn> design, IReadOnlyList<double> beta, string? offset)
    {
        var p = design.Count;
        var lp = LinearPredictor(design, beta);
        var pairs = new List<(int I, int J)>();
        var sums = new List<string>();
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sameGroup = i != j && design[i].ExclusiveGroup is { } g && g == design[j].ExclusiveGroup;
                if (!sameGroup)
                {
                    pairs.Add((i, j));
                    sums.Add(string.Create(CultureInfo.InvariantCulture, $"sum(w * x{i} * x{j})"));
                }
            }
        }
        for (var i = 0; i < p; i++)
        {
            sums.Add(string.Create(CultureInfo.InvariantCulture, $"sum(x{i} * wz)"));
        }
        var columns = string.Join(", ", design.Select((c, i) => $"CAST({c.Expression} AS DOUBLE PRECISION) AS x{i}"));
        // One pass where the engine allows a select list this long (DuckDB); otherwise as few passes as its limit needs.
        var values = new List<double>();
        long count = 0;
        double logLikelihood = 0;
        var passes = $"""
            WITH e AS (
                SELECT CAST({outcome} AS DOUBLE PRECISION) AS y, {columns}, {lp} AS lp, {Clamp(offset is null ? lp : $"({lp}) + ({offset})")} AS eta
                FROM {table} WHERE {outcome} IS NOT NULL
            ),
            m AS (SELECT *, 1.0 / (1.0 + exp(-eta)) AS mu FROM e),
            w AS {engine.Dialect.MaterializedCte} (SELECT *, mu * (1.0 - mu) AS w, mu * (1.0 - mu) * lp + (y - mu) AS wz, y * eta - ln(1.0 + exp(eta)) AS ll FROM m)
            """;
        var from = "w";
        if (engine.Dialect.MaterializedCte.Length == 0)
        {
            // Without a materialised CTE an engine inlines w into every sum, re-evaluating the linear predictor
            // thousands of times per row: compute each row's weights once into a scratch table instead.
            engine.Execute($"DROP TABLE IF EXISTS {PassTable}");
            engine.Execute($"CREATE TEMP TABLE {PassTable} AS {passes} SELECT w, wz, ll, {string.Join(", ", design.Select((_, i) => $"x{i}"))} FROM w");
            (passes, from) = ("", PassTable);
        }
        try
        {
            foreach (var chunk in sums.Chunk(Math.Max(1, engine.Dialect.MaxSelectColumns - 2)))
            {
                engine.Query($"{passes} SELECT count(*), sum(ll), {string.Join(", ", chunk)} FROM {from}", r =>
                {
                    count = r.GetInt64(0);
                    logLikelihood = r.IsDBNull(1) ? 0 : r.GetDouble(1);
                    for (var k = 2; k < r.FieldCount; k++)
                    {
                        values.Add(r.GetDouble(k));
                    }
                    return 0;
                });
            }
        }
        finally
        {
            if (from == PassTable)
            {
                engine.Execute($"DROP TABLE IF EXISTS {PassTable}");
            }
        }
        var info = new double[p, p];
        var next = 0;
        foreach (var (i, j) in pairs)
        {
            info[i, j] = info[j, i] = values[next++];
        }
        var score = new double[p];
        for (var i = 0; i < p; i++)
        {
            score[i] = values[next++];
        }
        return new IrlsAggregates(info, score, logLikelihood, count);
    }

    /// <summary>Σ βᵢ·xᵢ as SQL, coefficients written round-trip exact.</summary>
    public static string LinearPredictor(IReadOnlyList<DesignColumn> design, IReadOnlyList<double> beta) =>
        string.Join(" + ", design.Select((c, i) => $"{beta[i].ToString("R", CultureInfo.InvariantCulture)} * CAST({c.Expression} AS DOUBLE PRECISION)"));

    private static string Clamp(string expression)
    {
        var c = EtaClamp.ToString(CultureInfo.InvariantCulture);
        return $"greatest(-{c}, least({c}, {expression}))";
    }

    private static List<string> ConstantColumns(IEngine engine, string table, IReadOnlyList<DesignColumn> design)
    {
        var candidates = design.Where(c => c.Name != "intercept").ToList();
        var spans = engine.Query(
            $"SELECT {string.Join(", ", candidates.Select(c => $"max({c.Expression}) - min({c.Expression})"))} FROM {table} WHERE outcome IS NOT NULL",
            r => Enumerable.Range(0, candidates.Count).Select(i => r.IsDBNull(i) ? 0.0 : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture)).ToList())[0];
        return [.. candidates.Where((_, i) => spans[i] == 0).Select(c => c.Name)];
    }
}

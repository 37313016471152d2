using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Strata.Data.Engine;

namespace Strata.Data.Understand.Risk;

/// <summary>
/// Gradient-boosted trees (ML.NET FastTree, Platt-calibrated probabilities) as a challenger to the logistic model,
/// behind the same <see cref="IRiskModel"/>. Unlike the logistic model it needs the rows in C#: training streams the
/// feature table (every k-th person by id when there are more than <see cref="MaxTrainingRows"/>), scoring streams it
/// in batches and appends probabilities back into the engine. Single-threaded with a fixed seed, so reproducible.
/// </summary>
public sealed class BoostedRiskModel(IReadOnlyList<DesignColumn> design, int maxTrainingRows = 200_000, int seed = 42) : IRiskModel
{
    public const string KindName = "boosted";

    private const int BatchRows = 100_000;

    private readonly MLContext _ml = new(seed);
    private readonly List<DesignColumn> _design = [.. design.Where(c => c.Name != "intercept")];
    private ITransformer? _model;

    public string Kind => KindName;

    public int MaxTrainingRows { get; } = maxTrainingRows;

    public int Trees { get; init; } = 200;

    public long TrainingRows { get; private set; }

    public void Train(IEngine engine, string featuresTable)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var n = engine.Scalar<long>($"SELECT count(*) FROM {featuresTable} WHERE outcome IS NOT NULL");
        var step = Math.Max(1, (long)Math.Ceiling(n / (double)MaxTrainingRows)).ToString(CultureInfo.InvariantCulture);
        var rows = engine.Query($"""
            SELECT outcome, {Columns()} FROM (
                SELECT *, row_number() OVER (ORDER BY person_id) AS rn FROM {featuresTable} WHERE outcome IS NOT NULL) t
            WHERE rn % {step} = 0
            """, r => new Row { Label = r.GetInt32(0) == 1, Features = Features(r, 1) });
        TrainingRows = rows.Count;
        var data = _ml.Data.LoadFromEnumerable(rows, Schema());
        var trainer = _ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = Trees,
            NumberOfLeaves = 31,
            MinimumExampleCountPerLeaf = 50,
            LearningRate = 0.1,
            NumberOfThreads = 1,
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
        });
        _model = trainer.Fit(data);
    }

    public void Score(IEngine engine, string featuresTable, string outputTable)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var model = _model ?? throw new InvalidOperationException("The model has not been trained.");
        engine.Execute($"""
            DROP TABLE IF EXISTS {outputTable}; CREATE TEMP TABLE {outputTable} (person_id VARCHAR NOT NULL, outcome INTEGER, probability DOUBLE PRECISION NOT NULL);
            DROP TABLE IF EXISTS {outputTable}_order; CREATE TEMP TABLE {outputTable}_order AS
            SELECT person_id, row_number() OVER (ORDER BY person_id) AS rn FROM {featuresTable};
            """);
        var total = engine.Scalar<long>($"SELECT count(*) FROM {outputTable}_order");
        using var append = engine.Append(outputTable);
        for (long from = 1; from <= total; from += BatchRows)
        {
            var batch = engine.Query($"""
                SELECT f.person_id, f.outcome, {Columns("f.")} FROM {featuresTable} f JOIN {outputTable}_order o ON o.person_id = f.person_id
                WHERE o.rn >= {from.ToString(CultureInfo.InvariantCulture)} AND o.rn < {(from + BatchRows).ToString(CultureInfo.InvariantCulture)}
                ORDER BY o.rn
                """, r => (Id: r.GetString(0), Outcome: r.IsDBNull(1) ? (int?)null : r.GetInt32(1), Row: new Row { Features = Features(r, 2) }));
            var scored = model.Transform(_ml.Data.LoadFromEnumerable(batch.Select(b => b.Row), Schema()));
            var probabilities = scored.GetColumn<float>("Probability").ToList();
            for (var i = 0; i < batch.Count; i++)
            {
                append.Row(batch[i].Id, batch[i].Outcome, (double)probabilities[i]);
            }
        }
        engine.Execute($"DROP TABLE IF EXISTS {outputTable}_order");
    }

    private string Columns(string prefix = "") => string.Join(", ", _design.Select(c => $"CAST({prefix}{c.Expression} AS REAL)"));

    private float[] Features(System.Data.IDataRecord r, int offset)
    {
        var f = new float[_design.Count];
        for (var i = 0; i < f.Length; i++)
        {
            f[i] = r.IsDBNull(offset + i) ? 0f : r.GetFloat(offset + i);
        }
        return f;
    }

    // The feature vector's length is known only at run time, so the schema is set here rather than by attribute.
    private SchemaDefinition Schema()
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, _design.Count);
        return schema;
    }

    private sealed class Row
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}

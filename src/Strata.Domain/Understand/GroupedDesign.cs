namespace Strata.Domain.Understand;

/// <summary>
/// A logistic model's data held compactly in memory for IRLS: the distinct rows of the design (with the offset, if
/// any), each with how many people share it and how many of them had the outcome. These are sufficient statistics —
/// the likelihood, X'WX and X'Wz of the people equal those of the weighted distinct rows — so the fit is the same as
/// over every person, while the engine is read once rather than once per iteration. Rows are stored sparsely (most
/// design columns are 0/1 dummies that are 0 for most people), so one pass costs about (non-zeros per row)² per row.
/// </summary>
public sealed class GroupedDesign
{
    /// <summary>Rows per block summed separately and then added in block order, so the result does not depend on
    /// how many threads ran.</summary>
    public const int BlockRows = 16_384;

    private readonly List<int> _start = [0];
    private readonly List<int> _column = [];
    private readonly List<double> _value = [];
    private readonly List<double> _offset = [];
    private readonly List<double> _people = [];
    private readonly List<double> _events = [];
    private readonly double[] _min;
    private readonly double[] _max;
    private readonly Dictionary<string, int> _index;

    public GroupedDesign(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns;
        _index = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        _min = [.. columns.Select(_ => double.PositiveInfinity)];
        _max = [.. columns.Select(_ => double.NegativeInfinity)];
    }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>Distinct rows held.</summary>
    public int Rows => _people.Count;

    /// <summary>People over all rows.</summary>
    public long People { get; private set; }

    /// <summary>People with the outcome over all rows.</summary>
    public double Events { get; private set; }

    /// <summary>Adds one distinct row: its design values (in <see cref="Columns"/> order), offset, people and events.</summary>
    public void Add(ReadOnlySpan<double> x, double offset, long people, double events)
    {
        if (x.Length != Columns.Count)
        {
            throw new ArgumentException($"A row needs {Columns.Count} values, not {x.Length}.", nameof(x));
        }
        for (var i = 0; i < x.Length; i++)
        {
            _min[i] = Math.Min(_min[i], x[i]);
            _max[i] = Math.Max(_max[i], x[i]);
            if (x[i] != 0)
            {
                _column.Add(i);
                _value.Add(x[i]);
            }
        }
        _start.Add(_column.Count);
        _offset.Add(offset);
        _people.Add(people);
        _events.Add(events);
        People += people;
        Events += events;
    }

    /// <summary>Columns whose value is the same in every row (no variation to fit).</summary>
    public IReadOnlyList<string> Constant(IEnumerable<string> among) =>
        [.. among.Where(c => _index.TryGetValue(c, out var i) && (Rows == 0 || _min[i] == _max[i]))];

    /// <summary>
    /// One IRLS pass at <paramref name="beta"/> over the <paramref name="active"/> columns: Σw·xᵢxⱼ, Σxᵢ·(w·η₀ + y − μ)
    /// (η₀ the linear predictor without the offset), the log-likelihood, and the people counted. The linear predictor
    /// with the offset is clamped to ±<paramref name="etaClamp"/> before μ and the log-likelihood, as in scoring.
    /// </summary>
    public IrlsAggregates Aggregate(IReadOnlyList<string> active, IReadOnlyList<double> beta, double etaClamp)
    {
        ArgumentNullException.ThrowIfNull(active);
        ArgumentNullException.ThrowIfNull(beta);
        var p = active.Count;
        var position = Enumerable.Repeat(-1, Columns.Count).ToArray();
        for (var a = 0; a < p; a++)
        {
            position[_index[active[a]]] = a;
        }
        var b = beta.ToArray();
        var blocks = (Rows + BlockRows - 1) / BlockRows;
        var parts = new (double[] Info, double[] Score, double Ll)[blocks];
        var start = _start.ToArray();
        var column = _column.ToArray();
        var value = _value.ToArray();
        Parallel.For(0, blocks, block =>
        {
            var info = new double[p * p];
            var score = new double[p];
            var ll = 0.0;
            var at = new int[p];
            var xs = new double[p];
            var end = Math.Min(Rows, (block + 1) * BlockRows);
            for (var r = block * BlockRows; r < end; r++)
            {
                var k = 0;
                var lp = 0.0;
                for (var e = start[r]; e < start[r + 1]; e++)
                {
                    var a = position[column[e]];
                    if (a >= 0)
                    {
                        at[k] = a;
                        xs[k++] = value[e];
                        lp += b[a] * value[e];
                    }
                }
                var eta = Math.Max(-etaClamp, Math.Min(etaClamp, lp + _offset[r]));
                var mu = 1.0 / (1.0 + Math.Exp(-eta));
                var n = _people[r];
                var w = n * mu * (1.0 - mu);
                var wz = w * lp + (_events[r] - n * mu);
                ll += _events[r] * eta - n * Math.Log(1.0 + Math.Exp(eta));
                for (var i = 0; i < k; i++)
                {
                    var wxi = w * xs[i];
                    for (var j = 0; j <= i; j++)
                    {
                        // Lower triangle whatever the order of the active columns.
                        info[Math.Max(at[i], at[j]) * p + Math.Min(at[i], at[j])] += wxi * xs[j];
                    }
                    score[at[i]] += xs[i] * wz;
                }
            }
            parts[block] = (info, score, ll);
        });
        var information = new double[p, p];
        var total = new double[p];
        var logLikelihood = 0.0;
        foreach (var (info, score, ll) in parts)
        {
            for (var i = 0; i < p; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    information[i, j] += info[i * p + j];
                }
                total[i] += score[i];
            }
            logLikelihood += ll;
        }
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < i; j++)
            {
                information[j, i] = information[i, j];
            }
        }
        return new IrlsAggregates(information, total, logLikelihood, People);
    }
}

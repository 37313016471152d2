namespace Strata.Domain.Foundation;

/// <summary>
/// Cholesky factorisation of a symmetric positive-definite matrix (normal equations X'X, information matrices X'WX),
/// with solve and inverse: the one linear-algebra kernel for every regression in Strata (risk IRLS in the engine,
/// OLS/DiD and propensity models on aggregates). Small p only (tens of columns), so plain arrays suffice.
/// A pivot that is not clearly positive marks a column as aliased (a linear combination of earlier ones).
/// </summary>
public sealed class Cholesky
{
    /// <summary>A pivot below this share of its original diagonal counts as zero (aliased column).</summary>
    public const double AliasTolerance = 1e-9;

    private readonly double[,] _l;

    private Cholesky(double[,] l) => _l = l;

    public int Size => _l.GetLength(0);

    /// <summary>Factorises A = L·Lᵀ, or returns the index of the first aliased column.</summary>
    public static (Cholesky? Factor, int AliasedColumn) TryFactor(double[,] a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var n = a.GetLength(0);
        if (a.GetLength(1) != n)
        {
            throw new ArgumentException("Cholesky needs a square matrix.", nameof(a));
        }
        var l = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var d = a[j, j];
            for (var k = 0; k < j; k++)
            {
                d -= l[j, k] * l[j, k];
            }
            if (!(d > AliasTolerance * Math.Max(a[j, j], double.Epsilon)))
            {
                return (null, j);
            }
            l[j, j] = Math.Sqrt(d);
            for (var i = j + 1; i < n; i++)
            {
                var s = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    s -= l[i, k] * l[j, k];
                }
                l[i, j] = s / l[j, j];
            }
        }
        return (new Cholesky(l), -1);
    }

    /// <summary>Factorises A, or throws naming the first aliased column (a constant or duplicated covariate).</summary>
    public static Cholesky Of(double[,] a)
    {
        var (factor, aliased) = TryFactor(a);
        return factor ?? throw new ArgumentException(
            $"Matrix is singular at column {aliased + 1}: the columns are collinear (a covariate may be constant or duplicate another).");
    }

    /// <summary>Solves A·x = b.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        var n = Size;
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++)
            {
                s -= _l[i, k] * y[k];
            }
            y[i] = s / _l[i, i];
        }
        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var s = y[i];
            for (var k = i + 1; k < n; k++)
            {
                s -= _l[k, i] * x[k];
            }
            x[i] = s / _l[i, i];
        }
        return x;
    }

    /// <summary>A⁻¹, column by column.</summary>
    public double[,] Inverse()
    {
        var n = Size;
        var inv = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var e = new double[n];
            e[j] = 1;
            var col = Solve(e);
            for (var i = 0; i < n; i++)
            {
                inv[i, j] = col[i];
            }
        }
        return inv;
    }

    /// <summary>X'WX for rows of X with optional row weights (normal equations, Fisher information).</summary>
    public static double[,] CrossProduct(IReadOnlyList<double[]> rows, Func<int, double>? weight = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var k = rows.Count == 0 ? 0 : rows[0].Length;
        var m = new double[k, k];
        for (var r = 0; r < rows.Count; r++)
        {
            var x = rows[r];
            var w = weight?.Invoke(r) ?? 1;
            for (var i = 0; i < k; i++)
            {
                var wi = w * x[i];
                for (var j = 0; j <= i; j++)
                {
                    m[i, j] += wi * x[j];
                }
            }
        }
        for (var i = 0; i < k; i++)
        {
            for (var j = i + 1; j < k; j++)
            {
                m[i, j] = m[j, i];
            }
        }
        return m;
    }
}

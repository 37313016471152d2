namespace Strata.Domain.Understand;

/// <summary>
/// Cholesky factorisation of a symmetric positive-definite matrix (the p×p information matrix X'WX), with solve and
/// inverse. A pivot that is not clearly positive marks a column as aliased (a linear combination of earlier ones).
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

    /// <summary>Solves A·x = b.</summary>
    public double[] Solve(IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(b);
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
}

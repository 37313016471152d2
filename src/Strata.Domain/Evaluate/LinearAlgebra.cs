namespace Strata.Domain.Evaluate;

/// <summary>
/// Cholesky factorisation of a symmetric positive-definite matrix (normal equations X'X, logistic Hessians):
/// solve and invert. Small k only (tens of columns), so plain arrays suffice.
/// </summary>
public sealed class Cholesky
{
    private readonly double[,] _l;

    private Cholesky(double[,] l) => _l = l;

    public int Size => _l.GetLength(0);

    /// <summary>Factorises A = L L'; a non-positive pivot means the design is collinear (or A is not SPD).</summary>
    public static Cholesky Of(double[,] a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var n = a.GetLength(0);
        var l = new double[n, n];
        // Relative tolerance: a pivot this small against the diagonal means a column is a combination of others.
        var scale = Enumerable.Range(0, n).Select(i => Math.Abs(a[i, i])).DefaultIfEmpty(1).Max();
        for (var j = 0; j < n; j++)
        {
            var d = a[j, j];
            for (var k = 0; k < j; k++)
            {
                d -= l[j, k] * l[j, k];
            }
            if (!(d > 1e-12 * Math.Max(scale, 1e-300)))
            {
                throw new ArgumentException($"Matrix is singular at column {j + 1}: the columns are collinear (a covariate may be constant or duplicate another).");
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
        return new Cholesky(l);
    }

    /// <summary>x with A x = b.</summary>
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

    public double[,] Inverse()
    {
        var n = Size;
        var inv = new double[n, n];
        var e = new double[n];
        for (var j = 0; j < n; j++)
        {
            Array.Clear(e);
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

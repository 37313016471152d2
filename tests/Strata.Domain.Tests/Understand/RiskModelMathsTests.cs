using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Domain.Tests.Understand;

public class RiskModelMathsTests
{
    [Fact]
    public void Cholesky_solves_and_inverts_a_small_system()
    {
        // A = [[4, 2], [2, 3]], b = [2, 1] → x = [0.5, 0]; A⁻¹ = [[3, −2], [−2, 4]] / 8.
        var (c, bad) = Cholesky.TryFactor(new double[,] { { 4, 2 }, { 2, 3 } });
        Assert.Equal(-1, bad);
        var x = c!.Solve([2, 1]);
        Assert.Equal(0.5, x[0], 12);
        Assert.Equal(0, x[1], 12);
        var inv = c.Inverse();
        Assert.Equal(3.0 / 8, inv[0, 0], 12);
        Assert.Equal(-2.0 / 8, inv[0, 1], 12);
        Assert.Equal(4.0 / 8, inv[1, 1], 12);
    }

    [Fact]
    public void Cholesky_reports_the_aliased_column()
    {
        // Column 2 = column 1: singular at index 1.
        var (c, bad) = Cholesky.TryFactor(new double[,] { { 2, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 } });
        Assert.Null(c);
        Assert.Equal(2, bad);
    }

    // A 2×2 table as weighted rows (x, y, count): a = 30 events of 100 with x = 1, c = 20 of 200 with x = 0.
    private static readonly (double X, double Y, double N)[] Table = [(1, 1, 30), (1, 0, 70), (0, 1, 20), (0, 0, 180)];

    private static IrlsAggregates InMemory(IReadOnlyList<string> active, IReadOnlyList<double> beta, (double X, double Y, double N)[] rows)
    {
        var p = active.Count;
        var info = new double[p, p];
        var score = new double[p];
        var ll = 0.0;
        foreach (var (x, y, n) in rows)
        {
            double[] v = [.. active.Select(a => a == "x" || a == "x_copy" ? x : 1.0)];
            var eta = v.Select((xi, i) => xi * beta[i]).Sum();
            var mu = 1 / (1 + Math.Exp(-eta));
            var w = mu * (1 - mu);
            for (var i = 0; i < p; i++)
            {
                score[i] += n * v[i] * (w * eta + y - mu);
                for (var j = 0; j < p; j++)
                {
                    info[i, j] += n * w * v[i] * v[j];
                }
            }
            ll += n * (y * eta - Math.Log(1 + Math.Exp(eta)));
        }
        return new IrlsAggregates(info, score, ll, (long)rows.Sum(r => r.N));
    }

    [Fact]
    public void Irls_matches_the_closed_form_for_a_binary_covariate()
    {
        var fit = LogisticIrls.Fit(["intercept", "x"], [0, 0], (a, b) => InMemory(a, b, Table));
        Assert.True(fit.Converged);
        // β0 = logit(20/200), β1 = log odds ratio; SE(β1) = √(1/30 + 1/70 + 1/20 + 1/180) (Woolf).
        Assert.Equal(Math.Log(20.0 / 180), fit.Coefficients[0], 8);
        Assert.Equal(Math.Log(30.0 * 180 / (70 * 20)), fit.Coefficients[1], 8);
        Assert.Equal(Math.Sqrt(1.0 / 20 + 1.0 / 180), fit.StandardErrors[0], 8);
        Assert.Equal(Math.Sqrt(1.0 / 30 + 1.0 / 70 + 1.0 / 20 + 1.0 / 180), fit.StandardErrors[1], 8);
    }

    [Fact]
    public void Irls_halves_an_overshooting_step_for_a_rare_strong_predictor()
    {
        // 90 events of 100 with x = 1, 9 of 900 with x = 0. From the usual start (intercept logit(ȳ), β = 0) the full
        // Newton step for x overshoots (it raises the deviance) and unchecked IRLS diverges to |β| ≈ 1e12 — what gave
        // the demo model a calibration slope of 0.06. With step-halving it reaches the closed form:
        // β0 = logit(9/900), β1 = ln(90·891 / (10·9)).
        (double X, double Y, double N)[] rare = [(1, 1, 90), (1, 0, 10), (0, 1, 9), (0, 0, 891)];
        var fit = LogisticIrls.Fit(["intercept", "x"], [LogisticIrls.Logit(99.0 / 1000), 0], (a, b) => InMemory(a, b, rare));
        Assert.True(fit.Converged);
        Assert.Equal(Math.Log(9.0 / 891), fit.Coefficients[0], 8);
        Assert.Equal(Math.Log(90.0 * 891 / (10 * 9)), fit.Coefficients[1], 8);
    }

    [Fact]
    public void Irls_drops_an_aliased_column_and_fits_the_rest()
    {
        var fit = LogisticIrls.Fit(["intercept", "x", "x_copy"], [0, 0, 0], (a, b) => InMemory(a, b, Table));
        Assert.Equal(["x_copy"], fit.Aliased);
        Assert.Equal(Math.Log(30.0 * 180 / (70 * 20)), fit.Coefficients[1], 8);
    }

    [Fact]
    public void Delong_variance_from_placement_sums()
    {
        // Positives' V10 = 0.5, 5/6, 1; negatives' V01 = 1, 5/6, 0.5 (the tied example in the data tests): A = 7/9,
        // S10 = S01 = Σ(V − A)²/2, Var = S10/3 + S01/3.
        double[] v = [0.5, 5.0 / 6, 1];
        var a = Auroc.FromAggregates(new AurocAggregates(3, 3, v.Sum(), v.Sum(x => x * x), v.Sum(x => x * x)));
        var s = v.Sum(x => (x - 7.0 / 9) * (x - 7.0 / 9)) / 2;
        Assert.Equal(7.0 / 9, a.Value, 12);
        Assert.Equal(Math.Sqrt(2 * s / 3), a.StandardError, 12);
        Assert.Equal(1.0, a.Upper95);
    }

    [Theory]
    [InlineData(1000, 5, "very_high")]
    [InlineData(1000, 6, "high")]
    [InlineData(1000, 50, "high")]
    [InlineData(1000, 51, "moderate")]
    [InlineData(1000, 200, "moderate")]
    [InlineData(1000, 201, "low")]
    [InlineData(199, 1, "high")]
    [InlineData(200, 1, "very_high")]
    public void Tiers_cover_top_half_percent_five_and_twenty_percent(long people, long rank, string tier) =>
        Assert.Equal(tier, RiskTiers.Of(rank, people));
}

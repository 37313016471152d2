using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Domain.Tests.Understand;

public class GammaBetaTests
{
    [Theory]
    [InlineData(0.025, 10, 3.246973, 6)]
    [InlineData(0.975, 10, 20.48318, 5)]
    [InlineData(0.95, 1, 3.841459, 6)]
    [InlineData(0.001, 10, 1.479, 3)]
    [InlineData(0.975, 12, 23.337, 3)]
    [InlineData(0.999, 12, 32.909, 3)]
    public void Chi_square_quantiles_match_published_values(double p, double df, double expected, int decimals) =>
        Assert.Equal(expected, GammaBeta.ChiSquareQuantile(p, df), decimals);

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void Chi_square_with_two_df_is_the_exponential_closed_form(double p) =>
        // χ²₂ is exponential with mean 2: q = −2 ln(1 − p).
        Assert.Equal(-2 * Math.Log(1 - p), GammaBeta.ChiSquareQuantile(p, 2), 10);

    [Fact]
    public void Chi_square_with_one_df_is_a_squared_normal()
    {
        var z = Distributions.NormalQuantile(0.975);
        // The normal quantile here is good to about 1e−7, so agreement is to 6 places.
        Assert.Equal(z * z, GammaBeta.ChiSquareQuantile(0.95, 1), 6);
    }

    [Theory]
    [InlineData(0.3, 0.01)]
    [InlineData(2.5, 0.5)]
    [InlineData(40.7, 0.999)]
    [InlineData(1500, 0.001)]
    public void Inverse_gamma_round_trips(double a, double p) =>
        Assert.Equal(p, GammaBeta.GammaP(a, GammaBeta.InverseGammaP(a, p)), 10);

    [Fact]
    public void Gamma_p_with_shape_one_is_the_exponential_cdf()
    {
        Assert.Equal(1 - Math.Exp(-0.7), GammaBeta.GammaP(1, 0.7), 12);
        Assert.Equal(Math.Exp(-9), GammaBeta.GammaQ(1, 9), 14);
    }

    [Fact]
    public void Log_gamma_of_integers_is_log_factorial()
    {
        Assert.Equal(Math.Log(24), GammaBeta.LogGamma(5), 12);
        Assert.Equal(0.5 * Math.Log(Math.PI), GammaBeta.LogGamma(0.5), 12);
    }

    [Fact]
    public void Binomial_cdf_matches_counting()
    {
        // Bin(10, ½): P(R ≤ 3) = (1 + 10 + 45 + 120) / 1024.
        Assert.Equal(176.0 / 1024, GammaBeta.BinomialCdf(3, 10, 0.5), 12);
        // Bin(4, 0.2): P(R ≤ 1) = 0.8⁴ + 4·0.2·0.8³.
        Assert.Equal(Math.Pow(0.8, 4) + 4 * 0.2 * Math.Pow(0.8, 3), GammaBeta.BinomialCdf(1, 4, 0.2), 12);
        Assert.Equal(1, GammaBeta.BinomialCdf(4, 4, 0.2));
        Assert.Equal(0, GammaBeta.BinomialCdf(-1, 4, 0.2));
    }
}

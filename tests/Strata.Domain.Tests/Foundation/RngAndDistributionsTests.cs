using Strata.Domain.Foundation;

namespace Strata.Domain.Tests.Foundation;

public class RngAndDistributionsTests
{
    [Fact]
    public void Same_seed_gives_the_same_sequence_and_forks_differ()
    {
        var a = new Rng(7);
        var b = new Rng(7);
        Assert.Equal(Enumerable.Range(0, 5).Select(_ => a.NextUInt64()), Enumerable.Range(0, 5).Select(_ => b.NextUInt64()));
        Assert.NotEqual(Rng.Fork(7, 0).NextUInt64(), Rng.Fork(7, 1).NextUInt64());
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(12.0)]
    [InlineData(80.0)]
    [InlineData(2000.0)]
    public void Poisson_sample_mean_and_variance_match(double mean)
    {
        var rng = new Rng(11);
        var xs = Enumerable.Range(0, 40_000).Select(_ => (double)rng.Poisson(mean)).ToList();
        var m = xs.Average();
        var v = xs.Sum(x => (x - m) * (x - m)) / (xs.Count - 1);
        Assert.InRange(m, mean * 0.97 - 0.02, mean * 1.03 + 0.02);
        Assert.InRange(v, mean * 0.9 - 0.05, mean * 1.1 + 0.05);
    }

    [Theory]
    [InlineData(20, 0.3)]
    [InlineData(10_000, 0.001)]
    [InlineData(10_000, 0.4)]
    public void Binomial_sample_mean_matches(long n, double p)
    {
        var rng = new Rng(3);
        var m = Enumerable.Range(0, 20_000).Average(_ => (double)rng.Binomial(n, p));
        Assert.InRange(m, n * p * 0.97, n * p * 1.03);
    }

    [Theory]
    [InlineData(0.975, 1.959964)]
    [InlineData(0.9, 1.281552)]
    [InlineData(0.001, -3.090232)]
    public void Normal_quantile_matches_tables(double p, double z) => Assert.Equal(z, Distributions.NormalQuantile(p), 5);

    [Fact]
    public void Normal_cdf_inverts_the_quantile() => Assert.Equal(0.8, Distributions.NormalCdf(Distributions.NormalQuantile(0.8)), 6);
}

namespace Strata.Domain.Foundation.Synthetic;

/// <summary>The few extra samplers the generator needs on top of <see cref="Rng"/>.</summary>
public static class SyntheticDraws
{
    /// <summary>Gamma(shape, scale) by Marsaglia–Tsang (shape below 1 boosted by U^(1/shape)).</summary>
    public static double Gamma(this Rng rng, double shape, double scale)
    {
        if (shape < 1)
        {
            return rng.Gamma(shape + 1, scale) * Math.Pow(1.0 - rng.NextDouble(), 1.0 / shape);
        }
        var d = shape - 1.0 / 3.0;
        var c = 1.0 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = rng.Normal();
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = 1.0 - rng.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v))
            {
                return d * v * scale;
            }
        }
    }

    /// <summary>A multiplicative noise term with mean 1: exp(σZ − σ²/2).</summary>
    public static double LogNormalMeanOne(this Rng rng, double sigma) => Math.Exp(sigma * rng.Normal() - sigma * sigma / 2);

    /// <summary>Exponential with the given mean.</summary>
    public static double Exponential(this Rng rng, double mean) => -mean * Math.Log(1.0 - rng.NextDouble());

    /// <summary>Uniform day number in [from, to] (inclusive).</summary>
    public static int Day(this Rng rng, int from, int to) => to <= from ? from : from + (int)(rng.NextDouble() * (to - from + 1));

    /// <summary>Index drawn from a cumulative weight table (last entry = total).</summary>
    public static int Pick(this Rng rng, double[] cumulative)
    {
        var x = rng.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        i = i < 0 ? ~i : i + 1;
        return Math.Min(i, cumulative.Length - 1);
    }

    /// <summary>Running totals of weights, for <see cref="Pick"/>.</summary>
    public static double[] Cumulative(IReadOnlyList<double> weights)
    {
        var c = new double[weights.Count];
        var sum = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += weights[i];
            c[i] = sum;
        }
        return c;
    }
}

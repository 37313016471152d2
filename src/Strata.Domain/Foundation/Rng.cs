namespace Strata.Domain.Foundation;

/// <summary>
/// Seeded pseudo-random numbers (xoshiro256**, seeded by SplitMix64) with the samplers Strata needs.
/// Identical sequences on every platform and .NET version, unlike System.Random, so generated data and
/// Monte Carlo runs are reproducible from their seed. Independent streams come from <see cref="Fork"/>.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix(ref sm);
        _s1 = SplitMix(ref sm);
        _s2 = SplitMix(ref sm);
        _s3 = SplitMix(ref sm);
    }

    /// <summary>An independent stream for a sub-task (a run, a person block), derived only from seed and index.</summary>
    public static Rng Fork(ulong seed, ulong index)
    {
        var sm = seed ^ (0x9E3779B97F4A7C15UL * (index + 1));
        return new Rng(SplitMix(ref sm));
    }

    /// <summary>
    /// An independent stream named by <paramref name="stream"/> (a purpose and the names of what it draws for) and an
    /// index (a run): the same name, seed and index give the same numbers whatever else is drawn, so two runs compared
    /// share their random numbers where they share a purpose (common random numbers).
    /// </summary>
    public static Rng Fork(ulong seed, string stream, ulong index)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // FNV-1a over the UTF-16 code units: stable across platforms and processes, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var c in stream)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        var sm = hash;
        return Fork(seed ^ SplitMix(ref sm), index);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer on [0, maxExclusive).</summary>
    public int NextInt(int maxExclusive) => (int)(NextDouble() * maxExclusive);

    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>Standard normal by Box-Muller (one value per call; simple and reproducible).</summary>
    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double Normal(double mean, double sd) => mean + sd * Normal();

    /// <summary>Poisson: inversion for small means, a rounded normal approximation above 500 where it is exact enough for counts.</summary>
    public long Poisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }
        if (mean > 500)
        {
            return Math.Max(0, (long)Math.Round(Normal(mean, Math.Sqrt(mean))));
        }
        if (mean > 30)
        {
            // Split into halves to keep exp(-mean) well inside double range; sums of Poissons are Poisson.
            return Poisson(mean / 2) + Poisson(mean / 2);
        }
        var l = Math.Exp(-mean);
        long k = 0;
        var p = NextDouble();
        var term = l;
        var cdf = l;
        while (p > cdf && k < 10_000)
        {
            k++;
            term *= mean / k;
            cdf += term;
        }
        return k;
    }

    /// <summary>Binomial(n, p): direct for small n, normal approximation for large n·p·(1−p).</summary>
    public long Binomial(long n, double p)
    {
        if (n <= 0 || p <= 0)
        {
            return 0;
        }
        if (p >= 1)
        {
            return n;
        }
        var variance = n * p * (1 - p);
        if (n > 64 && variance > 25)
        {
            return Math.Clamp((long)Math.Round(Normal(n * p, Math.Sqrt(variance))), 0, n);
        }
        if (n > 64)
        {
            // Rare events in a large population: Poisson is the accurate limit.
            return Math.Min(n, p < 0.5 ? Poisson(n * p) : n - Poisson(n * (1 - p)));
        }
        long k = 0;
        for (long i = 0; i < n; i++)
        {
            if (NextDouble() < p)
            {
                k++;
            }
        }
        return k;
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}

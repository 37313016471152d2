namespace Strata.Domain.Foundation.Synthetic;

/// <summary>
/// Pseudonymous person ids: a keyed bijection of the person's index onto 50 bits, written as 10 Crockford base-32
/// characters. Bijective, so ids never collide; keyed by the seed, so they reveal neither order nor count.
/// </summary>
public static class PersonToken
{
    public const int Length = 10;

    private const ulong Mask = (1UL << 50) - 1;

    private static ReadOnlySpan<byte> Alphabet => "0123456789ABCDEFGHJKMNPQRSTVWXYZ"u8;

    public static ulong Of(ulong seed, long index)
    {
        if (index < 0 || (ulong)index > Mask)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "Person index must fit in 50 bits.");
        }
        var x = (ulong)index;
        var k = seed;
        for (var round = 0; round < 4; round++)
        {
            k = k * 6364136223846793005UL + 1442695040888963407UL;
            // Each step (add, multiply by an odd constant, xor-shift) is invertible modulo 2^50.
            x = (x + (k >> 14)) & Mask;
            x = (x * 0x5DEECE66DUL) & Mask;
            x ^= x >> 23;
        }
        return x;
    }

    /// <summary>Writes the 10-character id as ASCII bytes.</summary>
    public static void Write(ulong token, Span<byte> destination)
    {
        for (var i = Length - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(token & 31)];
            token >>= 5;
        }
    }

    public static string ToText(ulong token)
    {
        Span<byte> b = stackalloc byte[Length];
        Write(token, b);
        return System.Text.Encoding.ASCII.GetString(b);
    }
}

using System.Buffers.Text;

namespace Strata.Data.Foundation.Synthetic;

/// <summary>
/// A growable UTF-8 byte buffer with span-based formatting of the few field types the generator writes
/// (ASCII text, integers, yyyy-MM-dd dates, pence as pounds with two decimals, fixed-point doubles).
/// No strings or format calls per field: the hot loop only copies bytes.
/// </summary>
public sealed class Utf8Buffer
{
    private byte[] _bytes;
    private int _length;

    public Utf8Buffer(int capacity = 1 << 16) => _bytes = new byte[capacity];

    public int Length => _length;

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

    public void Clear() => _length = 0;

    public void WriteTo(Stream stream) => stream.Write(_bytes, 0, _length);

    public void Bytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(Free(value.Length));
        _length += value.Length;
    }

    /// <summary>ASCII text (codes, ids); the caller guarantees no comma, quote or newline.</summary>
    public void Ascii(string value)
    {
        var span = Free(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            span[i] = (byte)value[i];
        }
        _length += value.Length;
    }

    public void Byte(byte value)
    {
        Free(1)[0] = value;
        _length++;
    }

    public void Comma() => Byte((byte)',');

    public void NewLine() => Byte((byte)'\n');

    public void Int(long value)
    {
        Utf8Formatter.TryFormat(value, Free(20), out var written);
        _length += written;
    }

    /// <summary>A day number as yyyy-MM-dd.</summary>
    public void Date(int dayNumber)
    {
        DateOnly.FromDayNumber(dayNumber).Deconstruct(out var year, out var month, out var day);
        var s = Free(10);
        s[0] = (byte)('0' + year / 1000);
        s[1] = (byte)('0' + year / 100 % 10);
        s[2] = (byte)('0' + year / 10 % 10);
        s[3] = (byte)('0' + year % 10);
        s[4] = (byte)'-';
        s[5] = (byte)('0' + month / 10);
        s[6] = (byte)('0' + month % 10);
        s[7] = (byte)'-';
        s[8] = (byte)('0' + day / 10);
        s[9] = (byte)('0' + day % 10);
        _length += 10;
    }

    /// <summary>Whole pence as pounds with two decimals (12345 → 123.45).</summary>
    public void Pence(long pence)
    {
        Int(pence / 100);
        var cents = (int)(pence % 100);
        var s = Free(3);
        s[0] = (byte)'.';
        s[1] = (byte)('0' + cents / 10);
        s[2] = (byte)('0' + cents % 10);
        _length += 3;
    }

    /// <summary>A non-negative value with six decimals.</summary>
    public void Fixed6(double value)
    {
        var micro = (long)Math.Round(value * 1_000_000);
        Int(micro / 1_000_000);
        var frac = micro % 1_000_000;
        var s = Free(7);
        s[0] = (byte)'.';
        for (var i = 6; i >= 1; i--)
        {
            s[i] = (byte)('0' + frac % 10);
            frac /= 10;
        }
        _length += 7;
    }

    private Span<byte> Free(int need)
    {
        if (_length + need > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + need));
        }
        return _bytes.AsSpan(_length);
    }
}

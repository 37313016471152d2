using System.Text;
using Strata.Data.Foundation.Synthetic;

namespace Strata.Data.Tests.Foundation.Synthetic;

public class Utf8BufferTests
{
    private static string Format(Action<Utf8Buffer> write)
    {
        var b = new Utf8Buffer(4);
        write(b);
        return Encoding.UTF8.GetString(b.Written);
    }

    [Fact]
    public void Dates_are_iso_with_leading_zeros() =>
        Assert.Equal("2022-04-01,1999-12-31", Format(b => { b.Date(new DateOnly(2022, 4, 1).DayNumber); b.Comma(); b.Date(new DateOnly(1999, 12, 31).DayNumber); }));

    [Fact]
    public void Pence_are_pounds_with_two_decimals() =>
        Assert.Equal("0.05|123.40|1000000.99", Format(b => { b.Pence(5); b.Byte((byte)'|'); b.Pence(12340); b.Byte((byte)'|'); b.Pence(100000099); }));

    [Fact]
    public void Rates_have_six_decimals_rounded() =>
        Assert.Equal("0.123457|2.000000", Format(b => { b.Fixed6(0.1234567); b.Byte((byte)'|'); b.Fixed6(2); }));

    [Fact]
    public void The_buffer_grows_beyond_its_initial_capacity() =>
        Assert.Equal(string.Concat(Enumerable.Repeat("X12345,", 100)), Format(b => { for (var i = 0; i < 100; i++) { b.Ascii("X12345"); b.Comma(); } }));
}

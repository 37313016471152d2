using Strata.Cli.Understand.Report;

namespace Strata.Cli.Tests.Understand;

public class CellsTests
{
    [Fact]
    public void Withheld_values_print_as_a_star() => Assert.Equal("*", Cells.Number(null));

    [Theory]
    [InlineData(-0.04, "0.0")]
    [InlineData(-0.06, "-0.1")]
    [InlineData(1234.56, "1234.6")]
    public void Numbers_print_invariantly_without_negative_zero(double value, string expected) => Assert.Equal(expected, Cells.Number(value));

    [Fact]
    public void Counts_and_money_print_with_separators() =>
        Assert.Equal(("12,345", "£1,235"), (Cells.Count(12_345), Cells.Money(1234.6)));
}

using System.Text;
using Strata.Domain.Reporting;
using Strata.Web.Api;
using Strata.Web.Infrastructure;
using Strata.Web.Population;

namespace Strata.Web.Tests.Population;

public sealed class ExportAndFormatTests
{
    [Theory]
    [InlineData(2025, 3, 31, "2024/25")]
    [InlineData(2025, 4, 1, "2025/26")]
    [InlineData(2099, 12, 31, "2099/00")]
    public void Financial_years_run_april_to_march(int y, int m, int d, string expected) =>
        Assert.Equal(expected, NhsFormat.FinancialYear(new DateOnly(y, m, d)));

    [Fact]
    public void Csv_quotes_fields_guards_against_formulas_and_leaves_suppressed_cells_empty()
    {
        var table = new AggregateTable("t", "T", "Whole ICB", null,
            [new("name", "Name, full", ColumnKind.Text), new("n", "People", ColumnKind.Count), new("x", "Change", ColumnKind.Number)],
            [["say \"hi\"", 10L, -1.5], ["=SUM(A1)", null, 2.25]],
            "Statement.");
        var text = Encoding.UTF8.GetString(TableExport.Csv(table)[3..]);
        Assert.Equal("\"Name, full\",People,Change\r\n\"say \"\"hi\"\"\",10,-1.5\r\n'=SUM(A1),,2.25\r\n\r\nScope: Whole ICB\r\nStatement.\r\n", text);
    }

    [Theory]
    [InlineData(1250.5, "£1,250.50")]
    [InlineData(-12000, "−£12,000.00")]
    [InlineData(-0.001, "£0.00")]
    public void Pounds_carry_pence_and_a_leading_minus(double value, string expected) => Assert.Equal(expected, NhsFormat.Pounds(value));

    [Theory]
    [InlineData("Place P1 · neighbourhood N2", "Place P1 - neighbourhood N2")]
    [InlineData("£1,250 × 1.012²", "GBP 1,250 x 1.012?")]
    [InlineData("plain ASCII stays", "plain ASCII stays")]
    public void Export_headers_are_ascii(string text, string expected) => Assert.Equal(expected, TableExport.HeaderText(text));
}

using Strata.Domain.Foundation;
using Strata.Domain.Reporting;

namespace Strata.Domain.Tests.Reporting;

/// <summary>NHS presentation conventions, as a board paper writes them: one place for the CLI, reports and web.</summary>
public sealed class NhsFormatTests
{
    [Theory]
    [InlineData(188_061_044.79, "£188.1m")]
    [InlineData(1_350_000, "£1.35m")]
    [InlineData(-8_012_345, "−£8.01m")]
    [InlineData(450_000, "£450k")]
    [InlineData(12_540, "£12.5k")]
    [InlineData(8_412.49, "£8,412")]
    [InlineData(-0.4, "£0")]
    [InlineData(999_990, "£1m")]
    [InlineData(2_345_000_000, "£2.35bn")]
    public void Money_is_shown_to_a_precision_a_board_reads_with_a_leading_minus(double value, string expected) =>
        Assert.Equal(expected, NhsFormat.Money(value));

    [Theory]
    [InlineData(1250.5, "£1,250.50")]
    [InlineData(-12000, "−£12,000.00")]
    [InlineData(-0.001, "£0.00")]
    public void Pounds_carry_pence_and_a_leading_minus(double value, string expected) => Assert.Equal(expected, NhsFormat.Pounds(value));

    [Fact]
    public void The_minus_is_the_true_minus_sign_which_never_breaks_from_its_number() =>
        Assert.StartsWith("\u2212", NhsFormat.Money(-1_000_000), StringComparison.Ordinal);

    [Theory]
    [InlineData(2025, 3, 31, "2024/25")]
    [InlineData(2025, 4, 1, "2025/26")]
    [InlineData(2099, 12, 31, "2099/00")]
    public void Financial_years_run_april_to_march(int y, int m, int d, string expected) =>
        Assert.Equal(expected, NhsFormat.FinancialYear(new DateOnly(y, m, d)));

    [Fact]
    public void Projection_year_n_is_the_financial_year_n_years_after_the_reference_date()
    {
        var reference = new DateOnly(2026, 3, 31);
        Assert.Equal("2025/26", NhsFormat.FinancialYear(reference, 0));
        Assert.Equal("2035/36", NhsFormat.FinancialYear(reference, 10));
    }

    [Fact]
    public void Dates_are_written_day_short_month_year() => Assert.Equal("31 Mar 2026", NhsFormat.Date(new DateOnly(2026, 3, 31)));

    [Theory]
    [InlineData(0.035, "0.035")]
    [InlineData(0.1 + 0.2, "0.3")]
    [InlineData(450000, "450000")]
    public void Editable_inputs_carry_no_binary_noise(double value, string expected) => Assert.Equal(expected, NhsFormat.Editable(value));

    [Fact]
    public void Rates_name_their_population_and_period() =>
        Assert.Equal("138.2 per 1,000 people per year", NhsFormat.PerThousand(138.24));
}

/// <summary>Codes become names in one place; unknown snake_case is spelt out so no code reaches a reader.</summary>
public sealed class DisplayNamesTests
{
    [Theory]
    [InlineData("ltc_multiple", "Multiple long-term conditions")]
    [InlineData("very_high", "Very high risk")]
    [InlineData("ae_attendance", "A&E attendances")]
    [InlineData("activity_per_1000:gp_appointment", "GP appointments per 1,000 people per year")]
    [InlineData("activity_per_1000:all", "All activity per 1,000 people per year")]
    [InlineData("spend_per_head", "Spend per head per year")]
    [InlineData("place_code", "Place")]
    [InlineData("home_visit_team", "Home visit team")]
    [InlineData("P01", "P01")]
    [InlineData("Frailty virtual ward", "Frailty virtual ward")]
    public void Codes_read_as_names(string code, string expected) => Assert.Equal(expected, DisplayNames.Of(code));

    [Fact]
    public void Every_segment_setting_tier_and_provider_type_has_a_name_that_is_not_a_code()
    {
        var codes = Strata.Domain.Understand.Segments.DefaultPrecedence.Concat(Vocabulary.Settings).Concat(Vocabulary.ProviderTypes)
            .Concat(["very_high", "high", "moderate", "low", "unscored"]);
        foreach (var code in codes)
        {
            var name = DisplayNames.Of(code);
            Assert.False(DisplayNames.IsSnakeCase(name), $"{code} reads as {name}");
            Assert.NotEqual(code, name);
        }
    }

    [Theory]
    [InlineData("ltc_multiple", true)]
    [InlineData("activity_per_1000", true)]
    [InlineData("P01", false)]
    [InlineData("_private", false)]
    [InlineData("Name_With_Capitals", false)]
    public void Snake_case_is_lower_case_words_joined_by_underscores(string text, bool expected) =>
        Assert.Equal(expected, DisplayNames.IsSnakeCase(text));
}

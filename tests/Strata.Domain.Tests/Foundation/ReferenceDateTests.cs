using Strata.Domain.Foundation;

namespace Strata.Domain.Tests.Foundation;

public class ReferenceDateTests
{
    [Fact]
    public void An_iso_date_parses()
    {
        Assert.Equal(new DateOnly(2025, 3, 31), ReferenceDate.Parse("2025-03-31", "--at"));
    }

    [Theory]
    [InlineData("31/03/2025")]
    [InlineData("2025-13-01")]
    [InlineData("2025-3-31")]
    [InlineData("yesterday")]
    public void Anything_else_is_refused_with_the_one_message_naming_the_field(string text)
    {
        var e = Assert.Throws<StrataValidationException>(() => ReferenceDate.Parse(text, "--at"));
        Assert.Equal("--at", e.Field);
        Assert.Equal($"--at: expected a date as yyyy-mm-dd, e.g. 2025-03-31 (got '{text}')", e.Message);
    }

    [Fact]
    public void No_text_is_no_date()
    {
        Assert.Null(ReferenceDate.ParseOptional(" ", "at"));
    }

    [Fact]
    public void The_span_runs_over_whole_financial_years_and_defaults_to_the_last_activity()
    {
        var span = new DataSpan(new DateOnly(2022, 4, 3), new DateOnly(2025, 3, 30));
        Assert.Equal(new DateOnly(2022, 4, 1), span.From);
        Assert.Equal(new DateOnly(2025, 3, 31), span.To);
        Assert.Equal(new DateOnly(2025, 3, 30), span.Resolve((DateOnly?)null, "--at"));
        Assert.Equal(new DateOnly(2025, 3, 31), span.Resolve("2025-03-31", "--at"));
        Assert.Equal(new DateOnly(2022, 4, 1), span.Resolve("2022-04-01", "--at"));
    }

    [Theory]
    [InlineData("2025-04-01")]
    [InlineData("2022-03-31")]
    public void A_date_outside_the_span_is_refused(string text)
    {
        var span = new DataSpan(new DateOnly(2022, 4, 3), new DateOnly(2025, 3, 30));
        var e = Assert.Throws<StrataValidationException>(() => span.Resolve(text, "at"));
        Assert.Equal($"at: {text} is outside the data, which cover 2022-04-01 to 2025-03-31 (last activity 2025-03-30)", e.Message);
    }

    [Fact]
    public void A_last_activity_in_January_closes_the_span_that_March()
    {
        Assert.Equal(new DateOnly(2025, 3, 31), new DataSpan(new DateOnly(2024, 1, 5), new DateOnly(2025, 1, 20)).To);
        Assert.Equal(new DateOnly(2023, 4, 1), new DataSpan(new DateOnly(2024, 1, 5), new DateOnly(2025, 1, 20)).From);
    }
}

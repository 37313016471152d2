using System.Globalization;

namespace Strata.Domain.Foundation;

/// <summary>
/// The reference date D every stage works at. One parser and one message for every CLI option, form and API field
/// that takes a date; one default (the end of the data) and one refusal (a date outside the data's span), applied by
/// <see cref="DataSpan.Resolve"/>.
/// </summary>
public static class ReferenceDate
{
    public const string Format = "yyyy-MM-dd";

    /// <summary>The message for a date that is not a date, whatever the field.</summary>
    public const string Expected = "expected a date as yyyy-mm-dd, e.g. 2025-03-31";

    /// <summary>The date in <paramref name="text"/>, or a <see cref="StrataValidationException"/> naming the field.</summary>
    public static DateOnly Parse(string text, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DateOnly.TryParseExact(text.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new StrataValidationException(field, $"{Expected} (got '{text}')");
    }

    /// <summary>Null for no text, otherwise as <see cref="Parse"/>.</summary>
    public static DateOnly? ParseOptional(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : Parse(text, field);

    public static string Text(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);
}

/// <summary>
/// The dates the data cover: first and last activity date. A reference date is accepted anywhere in the financial
/// years (1 April to 31 March) those dates fall in, because extracts come by financial year and a year's analyses are
/// run at its 31 March even when the last recorded contact is earlier.
/// </summary>
public sealed record DataSpan(DateOnly FirstActivity, DateOnly LastActivity)
{
    /// <summary>1 April of the financial year of the first activity.</summary>
    public DateOnly From => new(FinancialYearStart(FirstActivity), 4, 1);

    /// <summary>31 March closing the financial year of the last activity.</summary>
    public DateOnly To => new(FinancialYearStart(LastActivity) + 1, 3, 31);

    /// <summary>The default reference date: the end of the data, i.e. the last activity date.</summary>
    public DateOnly Default => LastActivity;

    public bool Covers(DateOnly date) => date >= From && date <= To;

    /// <summary>The date given, checked against the span, or the default when none is given.</summary>
    public DateOnly Resolve(DateOnly? given, string field) => given switch
    {
        null => Default,
        { } d when Covers(d) => d,
        { } d => throw new StrataValidationException(field,
            $"{ReferenceDate.Text(d)} is outside the data, which cover {ReferenceDate.Text(From)} to {ReferenceDate.Text(To)} (last activity {ReferenceDate.Text(LastActivity)})"),
    };

    /// <summary>Parses the text and resolves it: the one path from a user's date to the date a stage runs at.</summary>
    public DateOnly Resolve(string? text, string field) => Resolve(ReferenceDate.ParseOptional(text, field), field);

    private static int FinancialYearStart(DateOnly d) => d.Month >= 4 ? d.Year : d.Year - 1;
}

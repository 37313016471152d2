using System.Globalization;

namespace Strata.Domain.Reporting;

/// <summary>
/// NHS presentation conventions in one place, for the CLI, the HTML reports and the web: financial years April to
/// March (2026/27), dates as 31 Mar 2026, £ with a leading minus sign (−£8.0m, never £-8.01m), money to a sensible
/// precision (£k, £m), rates per 1,000 people per year with the period in the label.
/// </summary>
public static class NhsFormat
{
    /// <summary>The true minus sign (U+2212), which neither wraps away from its number nor reads as a hyphen.</summary>
    public const string Minus = "\u2212";

    /// <summary>Below this many pounds an amount is shown in whole pounds; from it in £k.</summary>
    public const double ThousandsFrom = 10_000;

    /// <summary>From this many pounds an amount is shown in £m.</summary>
    public const double MillionsFrom = 1_000_000;

    /// <summary>From this many pounds an amount is shown in £bn.</summary>
    public const double BillionsFrom = 1_000_000_000;

    /// <summary>The label that goes with every population rate unless it says otherwise.</summary>
    public const string PerThousandPerYear = "per 1,000 people per year";

    /// <summary>The financial year containing a date, e.g. 2025-03-31 is in "2024/25".</summary>
    public static string FinancialYear(DateOnly date) => FinancialYear(date.Month >= 4 ? date.Year : date.Year - 1);

    /// <summary>The financial year that starts on 1 April of <paramref name="startYear"/>: 2026 is "2026/27".</summary>
    public static string FinancialYear(int startYear) =>
        string.Create(CultureInfo.InvariantCulture, $"{startYear}/{(startYear + 1) % 100:00}");

    /// <summary>
    /// The financial year <paramref name="yearsAhead"/> years after the one containing <paramref name="reference"/>
    /// (0 = the reference date's own year): projection year n on a time axis.
    /// </summary>
    public static string FinancialYear(DateOnly reference, int yearsAhead) => FinancialYear(reference.AddYears(yearsAhead));

    /// <summary>A date as NHS documents write it: 31 Mar 2026.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A month on a time axis: Mar 2026.</summary>
    public static string Month(DateOnly date) => date.ToString("MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>When something was recorded, to the minute (times are UTC throughout).</summary>
    public static string Timestamp(DateTime at) => at.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>£ to the penny with thousands separators, for ledgers and contract values: −£12,000.00.</summary>
    public static string Pounds(double value)
    {
        var pounds = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return Signed(pounds < 0, "£" + Math.Abs(pounds).ToString("N2", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// £ at a precision a board reads: whole pounds below £10,000 (£8,412), £k below £1m (£450k, £12.5k),
    /// £m below £1bn (£188.1m, £1.35m), then £bn; negatives as −£8.0m. For forecasts and summaries, not ledgers.
    /// </summary>
    public static string Money(double value)
    {
        if (!double.IsFinite(value))
        {
            return "";
        }
        var a = Math.Abs(value);
        string text;
        if (a < ThousandsFrom)
        {
            a = Math.Round(a, MidpointRounding.AwayFromZero);
            text = "£" + a.ToString("N0", CultureInfo.InvariantCulture);
        }
        else if (a < MillionsFrom - 50)
        {
            text = "£" + Significant(a / 1_000, "k");
        }
        else if (a < BillionsFrom - 50_000)
        {
            text = "£" + Significant(a / 1_000_000, "m");
        }
        else
        {
            text = "£" + Significant(a / 1_000_000_000, "bn");
        }
        return Signed(value < 0 && text.AsSpan().IndexOfAnyExcept("£0.,kmbn") >= 0, text);
    }

    /// <summary>A count or measure with thousands separators and a true minus sign.</summary>
    public static string Number(double value, int digits)
    {
        var text = Math.Abs(value).ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return Signed(value < 0 && text.AsSpan().IndexOfAnyExcept("0.,") >= 0, text);
    }

    /// <summary>A percentage to the digits asked: 12.5%, −3%.</summary>
    public static string Percent(double fraction, int digits = 0) => Number(fraction * 100, digits) + "%";

    /// <summary>
    /// The unit of a rate with its population and period: (1000, "month") is "per 1,000 people per month". Every
    /// rate label carries one, so a monthly rate (≈12 admissions per 1,000) is never read as an annual one (≈140).
    /// </summary>
    public static string PerPeople(double per, string period) =>
        "per " + per.ToString("N0", CultureInfo.InvariantCulture) + " people per " + period;

    /// <summary>A rate per 1,000 people per year, to one decimal place: "138.2 per 1,000 people per year".</summary>
    public static string PerThousand(double value) => Number(value, 1) + " " + PerThousandPerYear;

    /// <summary>A decimal input shown for editing without binary noise: 0.035 as "0.035", not "0.035000000000000003".</summary>
    public static string Editable(double value) => Math.Round(value, 10).ToString("0.##########", CultureInfo.InvariantCulture);

    // Two decimal places below 10 units (£1.35m), one from 10 (£12.5m, £188.1m): a £0.1m step on a £188m forecast
    // still shows, and nothing is shown to the penny. Trailing zeros are dropped (£450k, not £450.0k).
    private static string Significant(double scaled, string unit)
    {
        var format = scaled < 10 ? "0.##" : "0.#";
        var rounded = Math.Round(scaled, scaled < 10 ? 2 : 1, MidpointRounding.AwayFromZero);
        return rounded.ToString(format, CultureInfo.InvariantCulture) + unit;
    }

    private static string Signed(bool negative, string text) => negative ? Minus + text : text;
}

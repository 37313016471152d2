using System.Globalization;

namespace Strata.Web.Infrastructure;

/// <summary>NHS presentation conventions: financial years April to March, £, per 1,000 population.</summary>
public static class NhsFormat
{
    /// <summary>The financial year containing a date, e.g. 2025-03-31 is in "2024/25".</summary>
    public static string FinancialYear(DateOnly date)
    {
        var start = date.Month >= 4 ? date.Year : date.Year - 1;
        return string.Create(CultureInfo.InvariantCulture, $"{start}/{(start + 1) % 100:00}");
    }

    /// <summary>When something was recorded, to the minute (times are UTC throughout).</summary>
    public static string Timestamp(DateTime at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>£ with pence and thousands separators; a negative amount is written −£12,000.00, as in NHS finance reports.</summary>
    public static string Pounds(double value)
    {
        var pounds = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return (pounds < 0 ? "−£" : "£") + Math.Abs(pounds).ToString("N2", CultureInfo.InvariantCulture);
    }

    public static string Number(double value, int digits) => value.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

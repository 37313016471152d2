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

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Pounds(double value) => "£" + value.ToString("N2", CultureInfo.InvariantCulture);

    public static string Number(double value, int digits) => value.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

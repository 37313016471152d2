using System.Globalization;

namespace Strata.Cli.Understand.Report;

/// <summary>How released figures print in tables: suppressed or withheld values show as "*" (explained in each table's caption).</summary>
public static class Cells
{
    public const string Suppressed = "*";

    public static string Count(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : Suppressed;

    public static string Number(double? value, string format = "0.0") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : Suppressed;

    public static string Money(double? value) => value is { } v ? "£" + v.ToString("N0", CultureInfo.InvariantCulture) : Suppressed;
}

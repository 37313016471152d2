using System.Globalization;

namespace Strata.Cli.Understand.Report;

/// <summary>How released figures print in tables: suppressed or withheld values show as "*" (explained in each table's caption).</summary>
public static class Cells
{
    public const string Suppressed = "*";

    public static string Count(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : Suppressed;

    public static string Number(double? value, string format = "0.0")
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return Suppressed;
        }
        var text = v.ToString(format, CultureInfo.InvariantCulture);
        // A small negative that rounds to zero prints as "0.0", not "-0.0".
        return text.StartsWith('-') && text.AsSpan(1).Trim("0.,").IsEmpty ? text[1..] : text;
    }

    public static string Money(double? value) => value is { } v ? "£" + v.ToString("N0", CultureInfo.InvariantCulture) : Suppressed;
}

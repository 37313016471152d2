namespace Strata.Domain.Foundation;

/// <summary>Five-year age bands to 85+, the banding used for standardisation, cells and projections.</summary>
public static class AgeBands
{
    public const int Top = 85;

    public static IReadOnlyList<string> All { get; } =
        [.. Enumerable.Range(0, Top / 5).Select(i => $"{i * 5:00}-{i * 5 + 4:00}"), $"{Top}+"];

    public static string Of(int age) => age >= Top ? $"{Top}+" : $"{age / 5 * 5:00}-{age / 5 * 5 + 4:00}";

    /// <summary>The same banding as a SQL CASE over an integer age expression (portable SQL).</summary>
    /// <remarks>
    /// The band floor is age − age % 5: integer "/" is float division in DuckDB (67 / 5 = 13.4), so it is avoided.
    /// </remarks>
    public static string SqlCase(string ageExpression)
    {
        var floor = $"(({ageExpression}) - ({ageExpression}) % 5)";
        return $"CASE WHEN ({ageExpression}) >= {Top} THEN '{Top}+' ELSE lpad(CAST({floor} AS VARCHAR), 2, '0') || '-' || lpad(CAST({floor} + 4 AS VARCHAR), 2, '0') END";
    }

    /// <summary>
    /// Age in whole years at a date. Only the year of birth is held, so every birthday is taken as 1 July (mid-year):
    /// before July that year's birthday has not happened yet. Babies born later in the year count as age 0.
    /// Every stage uses this one definition (C# and SQL forms below).
    /// </summary>
    public static int AgeAt(int yearOfBirth, DateOnly date) => Math.Max(0, date.Year - yearOfBirth - (date.Month < 7 ? 1 : 0));

    /// <summary><see cref="AgeAt"/> as portable SQL for a fixed date.</summary>
    public static string AgeSql(string yearOfBirthExpression, DateOnly at) =>
        $"greatest(0, {(at.Year - (at.Month < 7 ? 1 : 0)).ToString(System.Globalization.CultureInfo.InvariantCulture)} - ({yearOfBirthExpression}))";

    /// <summary><see cref="AgeAt"/> as portable SQL for a date column or expression.</summary>
    public static string AgeSql(string yearOfBirthExpression, string dateExpression) =>
        $"greatest(0, CAST(EXTRACT(YEAR FROM {dateExpression}) AS INTEGER) - ({yearOfBirthExpression}) - CASE WHEN EXTRACT(MONTH FROM {dateExpression}) < 7 THEN 1 ELSE 0 END)";

    /// <summary>IMD quintile from decile (1 = most deprived).</summary>
    public static int ImdQuintile(int decile) => (decile + 1) / 2;

    /// <summary>The same quintile as a portable SQL integer expression over a decile expression (exact division, then cast).</summary>
    public static string ImdQuintileSql(string decileExpression) =>
        $"CAST(((({decileExpression}) + 1) - (({decileExpression}) + 1) % 2) / 2 AS INTEGER)";
}

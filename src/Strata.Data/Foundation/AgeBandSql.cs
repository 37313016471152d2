using System.Globalization;
using Strata.Domain.Foundation;

namespace Strata.Data.Foundation;

/// <summary>
/// The one age definition and banding of <see cref="AgeBands"/> as portable SQL expressions, so the engine bands
/// people exactly as the C# does (AgeBandSqlTests and AgeTests pin the two together).
/// </summary>
public static class AgeBandSql
{
    /// <summary><see cref="AgeBands.Of"/> as a SQL CASE over an integer age expression.</summary>
    /// <remarks>
    /// The band floor is age − age % 5: integer "/" is float division in DuckDB (67 / 5 = 13.4), so it is avoided.
    /// </remarks>
    public static string SqlCase(string ageExpression)
    {
        var floor = $"(({ageExpression}) - ({ageExpression}) % 5)";
        return $"CASE WHEN ({ageExpression}) >= {AgeBands.Top} THEN '{AgeBands.Top}+' ELSE lpad(CAST({floor} AS VARCHAR), 2, '0') || '-' || lpad(CAST({floor} + 4 AS VARCHAR), 2, '0') END";
    }

    /// <summary><see cref="AgeBands.AgeAt"/> for a fixed date.</summary>
    public static string AgeSql(string yearOfBirthExpression, DateOnly at) =>
        $"greatest(0, {(at.Year - (at.Month < 7 ? 1 : 0)).ToString(CultureInfo.InvariantCulture)} - ({yearOfBirthExpression}))";

    /// <summary><see cref="AgeBands.AgeAt"/> for a date column or expression.</summary>
    public static string AgeSql(string yearOfBirthExpression, string dateExpression) =>
        $"greatest(0, CAST(EXTRACT(YEAR FROM {dateExpression}) AS INTEGER) - ({yearOfBirthExpression}) - CASE WHEN EXTRACT(MONTH FROM {dateExpression}) < 7 THEN 1 ELSE 0 END)";

    /// <summary><see cref="AgeBands.ImdQuintile"/> over a decile expression (exact division, then cast).</summary>
    public static string ImdQuintileSql(string decileExpression) =>
        $"CAST(((({decileExpression}) + 1) - (({decileExpression}) + 1) % 2) / 2 AS INTEGER)";
}

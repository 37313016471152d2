namespace Strata.Domain.Foundation;

/// <summary>Five-year age bands to 85+, the banding used for standardisation, cells and projections.</summary>
public static class AgeBands
{
    public const int Top = 85;

    public static IReadOnlyList<string> All { get; } =
        [.. Enumerable.Range(0, Top / 5).Select(i => $"{i * 5:00}-{i * 5 + 4:00}"), $"{Top}+"];

    public static string Of(int age) => age >= Top ? $"{Top}+" : $"{age / 5 * 5:00}-{age / 5 * 5 + 4:00}";

    /// <summary>The same banding as a SQL CASE over an integer age expression (portable SQL; explicit floor because
    /// `/` on integers is float division in DuckDB but integer division in PostgreSQL).</summary>
    public static string SqlCase(string ageExpression) =>
        $"CASE WHEN ({ageExpression}) >= {Top} THEN '{Top}+' ELSE lpad(CAST(CAST(floor(({ageExpression}) / 5.0) * 5 AS INTEGER) AS VARCHAR), 2, '0') || '-' || lpad(CAST(CAST(floor(({ageExpression}) / 5.0) * 5 + 4 AS INTEGER) AS VARCHAR), 2, '0') END";

    /// <summary>IMD quintile from decile (1 = most deprived).</summary>
    public static int ImdQuintile(int decile) => (decile + 1) / 2;
}

namespace Strata.Domain.Foundation;

/// <summary>Five-year age bands to 85+, the banding used for standardisation, cells and projections.</summary>
public static class AgeBands
{
    public const int Top = 85;

    public static IReadOnlyList<string> All { get; } =
        [.. Enumerable.Range(0, Top / 5).Select(i => $"{i * 5:00}-{i * 5 + 4:00}"), $"{Top}+"];

    public static string Of(int age) => age >= Top ? $"{Top}+" : $"{age / 5 * 5:00}-{age / 5 * 5 + 4:00}";

    /// <summary>
    /// Age in whole years at a date. Only the year of birth is held, so every birthday is taken as 1 July (mid-year):
    /// before July that year's birthday has not happened yet. Babies born later in the year count as age 0.
    /// Every stage uses this one definition (its SQL form is Strata.Data's AgeBandSql).
    /// </summary>
    public static int AgeAt(int yearOfBirth, DateOnly date) => Math.Max(0, date.Year - yearOfBirth - (date.Month < 7 ? 1 : 0));

    /// <summary>IMD quintile from decile (1 = most deprived).</summary>
    public static int ImdQuintile(int decile) => (decile + 1) / 2;
}

namespace Strata.Domain.Evaluate;

public enum KpiPeriod { Month, Quarter, Year }

/// <summary>Where a KPI series is cut: the whole ICB, each place, each neighbourhood or each provider.</summary>
public enum KpiLevel { Icb, Place, Neighbourhood, Provider }

public enum NumeratorKind
{
    /// <summary>Activity rows in the listed settings (optionally with a primary diagnosis starting with a listed ICD-10 prefix).</summary>
    Activity,

    /// <summary>Bed days (end_date − start_date) of spells in the listed settings, counted in the period of admission.</summary>
    BedDays,

    /// <summary>People with the condition at the end of the period (person_conditions, built at each period end).</summary>
    PeopleWithCondition,
}

public enum DenominatorKind
{
    /// <summary>Registered people in the cohort alive at the start of the period.</summary>
    Registered,

    /// <summary>Registered people in the cohort with the condition at the end of the period.</summary>
    Condition,
}

public sealed record KpiNumerator
{
    public NumeratorKind Kind { get; init; }

    public IReadOnlyList<string> Settings { get; init; } = [];

    public IReadOnlyList<string> DiagnosisPrefixes { get; init; } = [];

    public string? Condition { get; init; }
}

public sealed record KpiDenominator
{
    public DenominatorKind Kind { get; init; }

    public string? Condition { get; init; }
}

/// <summary>Who counts, on both numerator and denominator. Ages are whole years at the start of the period, inclusive.</summary>
public sealed record KpiCohort
{
    public int? MinAge { get; init; }

    public int? MaxAge { get; init; }

    public IReadOnlyList<string> Sexes { get; init; } = [];

    public IReadOnlyList<int> ImdQuintiles { get; init; } = [];

    public IReadOnlyList<string> Places { get; init; } = [];

    /// <summary>Core segments (table segments); only usable when that table exists.</summary>
    public IReadOnlyList<string> Segments { get; init; } = [];
}

public sealed record KpiDefinition
{
    public required string Name { get; init; }

    public string Title { get; init; } = "";

    public required KpiNumerator Numerator { get; init; }

    public KpiDenominator Denominator { get; init; } = new();

    /// <summary>Rate multiplier, e.g. 1000 for "per 1,000".</summary>
    public double Per { get; init; } = 1000;

    public KpiCohort Cohort { get; init; } = new();

    public KpiPeriod Period { get; init; } = KpiPeriod.Month;

    public Improvement Improvement { get; init; } = Improvement.Decrease;

    public double? Target { get; init; }

    public string Label => string.IsNullOrEmpty(Title) ? Name : Title;
}

/// <summary>A versioned set of KPI definitions (the version is stored with every result).</summary>
public sealed record KpiSet
{
    public required string Version { get; init; }

    public required IReadOnlyList<KpiDefinition> Kpis { get; init; }
}

/// <summary>Reporting periods: calendar months, quarters starting January/April/July/October, NHS financial years from April.</summary>
public static class KpiPeriods
{
    public static DateOnly StartOf(DateOnly date, KpiPeriod period) => period switch
    {
        KpiPeriod.Month => new DateOnly(date.Year, date.Month, 1),
        KpiPeriod.Quarter => new DateOnly(date.Year, (date.Month - 1) / 3 * 3 + 1, 1),
        _ => date.Month >= 4 ? new DateOnly(date.Year, 4, 1) : new DateOnly(date.Year - 1, 4, 1),
    };

    public static DateOnly Next(DateOnly start, KpiPeriod period) => period switch
    {
        KpiPeriod.Month => start.AddMonths(1),
        KpiPeriod.Quarter => start.AddMonths(3),
        _ => start.AddYears(1),
    };

    /// <summary>Complete periods only: the first starts on or after <paramref name="first"/>, the last ends on or before <paramref name="last"/>.</summary>
    public static IReadOnlyList<(DateOnly Start, DateOnly End)> Between(DateOnly first, DateOnly last, KpiPeriod period)
    {
        var start = StartOf(first, period);
        if (start < first)
        {
            start = Next(start, period);
        }
        var list = new List<(DateOnly, DateOnly)>();
        for (var s = start; Next(s, period).AddDays(-1) <= last; s = Next(s, period))
        {
            list.Add((s, Next(s, period).AddDays(-1)));
        }
        return list;
    }
}

/// <summary>
/// Bed days are counted in the period of admission, so a period whose admissions are all in the data can still be
/// partial: spells still open at the data end have their bed days cut at the extract (the demo's last month of
/// emergency bed days per 1,000 aged 65+ fell to 93 against a mean of 213 for this reason). A period is partial
/// when at least <see cref="OpenShare"/> of its spells are open at the data end; it is left out of the series and
/// named in a warning, never read as special cause.
/// </summary>
public static class BedDayCompleteness
{
    /// <summary>Share of a period's spells open at the data end from which its bed days count as incomplete.</summary>
    public const double OpenShare = 0.01;

    public static IReadOnlyList<DateOnly> PartialPeriods(IEnumerable<(DateOnly Period, long Spells, long Open)> spells) =>
        [.. spells.Where(s => s.Spells > 0 && s.Open >= OpenShare * s.Spells).Select(s => s.Period).Order()];

    public static string Warning(IReadOnlyList<DateOnly> partial, DateOnly dataEnd) =>
        $"Period(s) {string.Join(", ", partial.Select(p => p.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))} left out: " +
        $"at least {OpenShare * 100:0.#}% of their spells were still open at the data end ({dataEnd:yyyy-MM-dd}), so their bed days are incomplete.";
}

namespace Strata.Domain.Foundation.Synthetic;

/// <summary>
/// The generated data window: whole financial years from <see cref="Start"/>. Dates inside the simulation are
/// day numbers (<see cref="DateOnly.DayNumber"/>) so the hot loop does no calendar arithmetic.
/// </summary>
public sealed class SimulationWindow
{
    public SimulationWindow(DateOnly start, int years)
    {
        if (years < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(years), years, "At least one financial year.");
        }
        Start = start;
        Years = years;
        YearStarts = [.. Enumerable.Range(0, years + 1).Select(y => start.AddYears(y).DayNumber)];
        StartDay = YearStarts[0];
        EndDay = YearStarts[^1] - 1;
        // The population structure is a mid-year estimate: 1 July of the first year.
        ReferenceDay = new DateOnly(start.Year, 7, 1).DayNumber;
        Months = Periods(1);
        Quarters = Periods(3);
    }

    /// <summary>Calendar months of the window (first day, last day), for monthly billing.</summary>
    public IReadOnlyList<(int Start, int End)> Months { get; }

    /// <summary>Three-month periods from the window start, for quarterly dispensing batches.</summary>
    public IReadOnlyList<(int Start, int End)> Quarters { get; }

    public DateOnly Start { get; }

    public int Years { get; }

    public int StartDay { get; }

    /// <summary>Last day of the window (inclusive).</summary>
    public int EndDay { get; }

    /// <summary>Mid-year date the age-sex structure describes.</summary>
    public int ReferenceDay { get; }

    /// <summary>First day of each financial year, plus the day after the window.</summary>
    public IReadOnlyList<int> YearStarts { get; }

    public int YearStartDay(int year) => YearStarts[year];

    public int YearEndDay(int year) => YearStarts[year + 1] - 1;

    /// <summary>Calendar year a financial year starts in (2024 for 2024/25).</summary>
    public int FinancialYear(int year) => Start.Year + year;

    private (int Start, int End)[] Periods(int months) =>
        [.. Enumerable.Range(0, Years * 12 / months).Select(i => (Start.AddMonths(i * months).DayNumber, Start.AddMonths((i + 1) * months).DayNumber - 1))];

    public static int AgeAt(int birthDay, int day) => (int)((day - birthDay) / 365.25);
}

namespace Strata.Domain.Deliver;

/// <summary>
/// England and Wales bank holidays, by rule (Banking and Financial Dealings Act 1971 and the annual
/// proclamations) plus a table of one-off moves and extra days.
/// </summary>
public static class BankHolidays
{
    /// <summary>One-off changes: days removed from the rule and days added.</summary>
    private static readonly Dictionary<int, (DateOnly[] Removed, DateOnly[] Added)> OneOffs = new()
    {
        [1995] = ([new(1995, 5, 1)], [new(1995, 5, 8)]),                      // VE Day 50th: early May moved
        [1999] = ([], [new(1999, 12, 31)]),                                    // Millennium
        [2002] = ([new(2002, 5, 27)], [new(2002, 6, 4), new(2002, 6, 3)]),     // Golden Jubilee
        [2011] = ([], [new(2011, 4, 29)]),                                     // Royal wedding
        [2012] = ([new(2012, 5, 28)], [new(2012, 6, 4), new(2012, 6, 5)]),     // Diamond Jubilee
        [2020] = ([new(2020, 5, 4)], [new(2020, 5, 8)]),                       // VE Day 75th: early May moved
        [2022] = ([new(2022, 5, 30)], [new(2022, 6, 2), new(2022, 6, 3), new(2022, 9, 19)]), // Platinum Jubilee; state funeral
        [2023] = ([], [new(2023, 5, 8)]),                                      // Coronation
    };

    public static IReadOnlySet<DateOnly> For(int year)
    {
        var days = new HashSet<DateOnly>();
        var newYear = new DateOnly(year, 1, 1);
        days.Add(NextWeekday(newYear));
        var easter = EasterSunday(year);
        days.Add(easter.AddDays(-2));
        days.Add(easter.AddDays(1));
        days.Add(FirstMonday(year, 5));
        days.Add(LastMonday(year, 5));
        days.Add(LastMonday(year, 8));
        // Christmas and Boxing Day: a day falling at the weekend is substituted by the next free weekday.
        var christmas = new DateOnly(year, 12, 25);
        var boxing = new DateOnly(year, 12, 26);
        var c = NextWeekday(christmas);
        days.Add(c);
        var b = NextWeekday(boxing);
        days.Add(b == c ? NextWeekday(b.AddDays(1)) : b);
        if (OneOffs.TryGetValue(year, out var change))
        {
            days.ExceptWith(change.Removed);
            days.UnionWith(change.Added);
        }
        return days;
    }

    public static bool IsBankHoliday(DateOnly date) => For(date.Year).Contains(date);

    /// <summary>Easter Sunday (Gregorian), by the anonymous Gregorian computus (Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly NextWeekday(DateOnly d) => d.DayOfWeek switch
    {
        DayOfWeek.Saturday => d.AddDays(2),
        DayOfWeek.Sunday => d.AddDays(1),
        _ => d,
    };

    private static DateOnly FirstMonday(int year, int month)
    {
        var d = new DateOnly(year, month, 1);
        return d.AddDays(((int)DayOfWeek.Monday - (int)d.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var d = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
        return d.AddDays(-(((int)d.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }
}

/// <summary>Working days: not Saturday, Sunday or an England and Wales bank holiday.</summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly d) =>
        d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !BankHolidays.IsBankHoliday(d);

    /// <summary>The n-th working day after <paramref name="start"/> (counting from the day after it).</summary>
    public static DateOnly AddWorkingDays(DateOnly start, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var d = start;
        for (var counted = 0; counted < n;)
        {
            d = d.AddDays(1);
            if (IsWorkingDay(d))
            {
                counted++;
            }
        }
        return d;
    }
}

using Strata.Domain.Deliver;

namespace Strata.Domain.Tests.Deliver;

public class WorkingDaysTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Theory]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    public void Easter_sunday_by_the_computus(int y, int m, int d) => Assert.Equal(D(y, m, d), BankHolidays.EasterSunday(y));

    [Fact]
    public void The_2022_holidays_include_the_jubilee_the_state_funeral_and_substitutes()
    {
        DateOnly[] expected = [D(2022, 1, 3), D(2022, 4, 15), D(2022, 4, 18), D(2022, 5, 2), D(2022, 6, 2), D(2022, 6, 3),
            D(2022, 8, 29), D(2022, 9, 19), D(2022, 12, 26), D(2022, 12, 27)];
        Assert.Equal(expected, BankHolidays.For(2022).Order());
    }

    [Fact]
    public void The_2020_early_may_holiday_moved_to_ve_day()
    {
        Assert.Contains(D(2020, 5, 8), BankHolidays.For(2020));
        Assert.DoesNotContain(D(2020, 5, 4), BankHolidays.For(2020));
        Assert.Contains(D(2020, 12, 28), BankHolidays.For(2020)); // Boxing Day on a Saturday
    }

    [Fact]
    public void Standstill_over_easter_2025_ends_on_1_may()
    {
        // Notice Thu 17 Apr; Fri 18 and Mon 21 are holidays: Tue 22 is day 1 … Thu 1 May day 8.
        Assert.Equal(D(2025, 5, 1), ProviderSelection.StandstillEnd(D(2025, 4, 17)));
    }

    [Fact]
    public void Standstill_over_christmas_2021_skips_the_saturday_and_sunday_substitutes()
    {
        // Christmas Sat → Mon 27, Boxing Sun → Tue 28, New Year Sat → Mon 3 Jan 2022.
        Assert.Equal(D(2022, 1, 6), ProviderSelection.StandstillEnd(D(2021, 12, 22)));
    }

    [Fact]
    public void Standstill_over_christmas_2022_skips_the_tuesday_substitute()
    {
        // Christmas Sun: Boxing Day Mon 26, Christmas substitute Tue 27; New Year Sun → Mon 2 Jan 2023.
        Assert.Equal(D(2023, 1, 6), ProviderSelection.StandstillEnd(D(2022, 12, 22)));
    }

    [Fact]
    public void Standstill_over_the_2023_coronation()
    {
        // Notice Fri 28 Apr: Mon 1 May (early May) and Mon 8 May (coronation) are holidays.
        Assert.Equal(D(2023, 5, 12), ProviderSelection.StandstillEnd(D(2023, 4, 28)));
    }

    [Fact]
    public void A_notice_at_the_weekend_counts_from_the_monday()
    {
        Assert.Equal(D(2025, 6, 18), ProviderSelection.StandstillEnd(D(2025, 6, 7)));
        Assert.Equal(D(2025, 6, 18), ProviderSelection.StandstillEnd(D(2025, 6, 6)));
    }

    [Fact]
    public void Further_standstill_after_a_fresh_decision_is_five_working_days() =>
        Assert.Equal(D(2025, 4, 28), ProviderSelection.FurtherStandstillEnd(D(2025, 4, 17)));

    [Fact]
    public void Direct_award_notice_is_due_within_30_days() =>
        Assert.Equal(D(2025, 5, 17), ProviderSelection.AwardNoticeDeadline(D(2025, 4, 17)));
}

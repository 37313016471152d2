using Strata.Data.Foundation;
using Strata.Domain.Foundation;

namespace Strata.Data.Tests.Foundation;

public class AgeTests
{
    [Theory]
    [InlineData(1960, "2025-06-30", 64)]
    [InlineData(1960, "2025-07-01", 65)]
    [InlineData(2025, "2025-03-31", 0)]
    [InlineData(2024, "2025-03-31", 0)]
    [InlineData(2024, "2025-07-01", 1)]
    public void Birthdays_are_taken_as_1_July_in_csharp_and_both_sql_forms(int yearOfBirth, string on, int expected)
    {
        var date = DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, AgeBands.AgeAt(yearOfBirth, date));
        using var ws = Workspace.InMemory();
        Assert.Equal(expected, ws.Engine.Scalar<int>($"SELECT {AgeBandSql.AgeSql(yearOfBirth.ToString(System.Globalization.CultureInfo.InvariantCulture), date)}"));
        Assert.Equal(expected, ws.Engine.Scalar<int>($"SELECT {AgeBandSql.AgeSql(yearOfBirth.ToString(System.Globalization.CultureInfo.InvariantCulture), ws.Engine.Dialect.Date(date))}"));
    }
}

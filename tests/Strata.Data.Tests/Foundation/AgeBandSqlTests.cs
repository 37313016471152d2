using Strata.Data.Foundation;
using Strata.Domain.Foundation;

namespace Strata.Data.Tests.Foundation;

/// <summary>The SQL forms of the age band and IMD quintile agree with the C# forms in the engine.</summary>
public class AgeBandSqlTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(67)]
    [InlineData(84)]
    [InlineData(85)]
    [InlineData(101)]
    public void Sql_age_band_matches_AgeBands_Of(int age)
    {
        using var ws = Workspace.InMemory();
        Assert.Equal(AgeBands.Of(age), ws.Engine.Scalar<string>($"SELECT {AgeBandSql.SqlCase(age.ToString(System.Globalization.CultureInfo.InvariantCulture))}"));
    }

    [Fact]
    public void Sql_imd_quintile_matches_ImdQuintile_for_every_decile()
    {
        using var ws = Workspace.InMemory();
        for (var decile = 1; decile <= 10; decile++)
        {
            Assert.Equal(AgeBands.ImdQuintile(decile), ws.Engine.Scalar<int>($"SELECT {AgeBandSql.ImdQuintileSql(decile.ToString(System.Globalization.CultureInfo.InvariantCulture))}"));
        }
    }
}

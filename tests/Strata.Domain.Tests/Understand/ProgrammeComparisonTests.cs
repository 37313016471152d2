using Strata.Domain.Understand;

namespace Strata.Domain.Tests.Understand;

public class ProgrammeComparisonTests
{
    [Theory]
    [InlineData(120, 10, SpendOutcomeQuadrant.HigherSpendWorseOutcome)]
    [InlineData(120, 5, SpendOutcomeQuadrant.HigherSpendBetterOutcome)]
    [InlineData(80, 10, SpendOutcomeQuadrant.LowerSpendWorseOutcome)]
    [InlineData(80, 5, SpendOutcomeQuadrant.LowerSpendBetterOutcome)]
    [InlineData(100, 8, SpendOutcomeQuadrant.LowerSpendBetterOutcome)]   // at the peers on both: not worse, not higher
    public void An_area_falls_in_the_quadrant_of_its_spend_and_outcome_against_the_peers(double spend, double rate, SpendOutcomeQuadrant expected)
    {
        var c = new ProgrammeComparison("PL1", "10", spend, 100, rate, 8);
        Assert.Equal(expected, c.Quadrant);
    }

    [Fact]
    public void Without_an_outcome_rate_there_is_no_quadrant()
    {
        Assert.Null(new ProgrammeComparison("PL1", "10", 120, 100, null, 8).Quadrant);
        Assert.Equal(1.2, new ProgrammeComparison("PL1", "10", 120, 100, null, 8).SpendIndex, 9);
    }
}

using Strata.Domain.Plan;

namespace Strata.Domain.Tests.Plan;

public class OpinionPoolTests
{
    private static Elicitation E(double low, double mode, double high, string expert = "A") =>
        new(Assumption.Effect, expert, new DateOnly(2026, 11, 30), low, mode, high, "because", []);

    [Fact]
    public void One_symmetric_triangle_gives_its_own_10th_and_90th_percentiles()
    {
        // Triangle (0, 0.5, 1): F(x) = 2x² below the mode, so P10 = √0.05.
        var pooled = OpinionPool.Pool([E(0, 0.5, 1)]);
        Assert.Equal(Math.Sqrt(0.05), pooled.Lo, 9);
        Assert.Equal(1 - Math.Sqrt(0.05), pooled.Hi, 9);
    }

    [Fact]
    public void Two_experts_are_an_equal_mixture_not_an_average_of_their_ranges()
    {
        // Two confident experts at 0.1 and 0.3: half the pooled mass at each, so P10 = 0.1 and P90 = 0.3 —
        // the disagreement widens the interval instead of collapsing to 0.2.
        var pooled = OpinionPool.Pool([E(0.1, 0.1, 0.1), E(0.3, 0.3, 0.3, "B")]);
        Assert.Equal(0.1, pooled.Lo, 6);
        Assert.Equal(0.3, pooled.Hi, 6);
    }

    [Theory]
    [InlineData("", "why", 0.1, 0.2, 0.3, "expert")]
    [InlineData("Dr A", " ", 0.1, 0.2, 0.3, "rationale")]
    [InlineData("Dr A", "why", 0.1, 0.4, 0.3, "mode")]
    public void An_elicitation_must_name_who_and_why_and_be_ordered(string expert, string rationale, double low, double mode, double high, string field)
    {
        var e = new Elicitation(Assumption.Reach, expert, new DateOnly(2026, 1, 1), low, mode, high, rationale, []);
        Assert.StartsWith(field, e.Validate(), StringComparison.Ordinal);
    }
}

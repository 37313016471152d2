using Strata.Domain.Deliver;

namespace Strata.Domain.Tests.Deliver;

public class DecommissioningTests
{
    private static List<CriterionScore> Scores() =>
        [.. Decommissioning.Criteria.Select(c => c == "strategic_fit" ? new CriterionScore(c, 5, "no longer in strategy", 2) : new CriterionScore(c, 3, "evidence"))];

    [Fact]
    public void Weighted_score_over_all_criteria()
    {
        var a = Decommissioning.Assess("d1", "svc", ["community_contact"], Scores(), new(100, 50, "input"), [], null);
        Assert.Equal((3.0 * 10 + 5 * 2) / 12, a.WeightedScore, 12);
        Assert.Equal(150, a.Costs.Total);
    }

    [Fact]
    public void Every_criterion_must_be_scored()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Decommissioning.Assess("d1", "svc", [], Scores().Where(s => s.Criterion != "estate").ToList(), new(0, 0, "input"), [], null));
        Assert.Contains("estate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quintile_affected_out_of_proportion_is_flagged()
    {
        QuintileImpact[] eq = [new(1, 40, 200, 0.4, 0.2), new(2, 20, 200, 0.2, 0.2), new(5, null, 200, null, 0.2)];
        var a = Decommissioning.Assess("d1", "svc", [], Scores(), new(0, 0, "input"), eq, null);
        Assert.Equal(2.0, eq[0].Ratio!.Value, 12);
        Assert.Single(a.Flags);
        Assert.Contains("quintile 1", a.Flags[0], StringComparison.Ordinal);
    }
}

using Strata.Data.Foundation;
using Strata.Data.Understand.Risk;
using Strata.Domain.Foundation;

namespace Strata.Data.Tests.Understand.Risk;

public class RiskTierSummaryTests
{
    private static readonly DateOnly D = new(2025, 3, 31);

    /// <summary>
    /// Scores of model m at D: a (P1, high 0.4), b (P1, low 0.1), c (P2, high 0.2). Not counted: d scored at another
    /// date, e scored by another model, f scored at D but in segments only at another date.
    /// </summary>
    private static Workspace Scored()
    {
        var ws = Workspace.InMemory();
        var e = ws.Engine;
        e.Execute("""
            CREATE TABLE segments (person_id VARCHAR, reference_date DATE, place_code VARCHAR);
            CREATE TABLE risk_scores (person_id VARCHAR, reference_date DATE, model VARCHAR, probability DOUBLE, tier VARCHAR);
            """);
        var earlier = D.AddYears(-1);
        using (var s = e.Append("segments"))
        {
            s.Row("a", D, "P1");
            s.Row("b", D, "P1");
            s.Row("c", D, "P2");
            s.Row("d", D, "P1");
            s.Row("e", D, "P1");
            s.Row("f", earlier, "P1");
        }
        using (var r = e.Append("risk_scores"))
        {
            r.Row("a", D, "m", 0.4, "high");
            r.Row("b", D, "m", 0.1, "low");
            r.Row("c", D, "m", 0.2, "high");
            r.Row("d", earlier, "m", 0.9, "very_high");
            r.Row("e", D, "other", 0.9, "very_high");
            r.Row("f", D, "m", 0.3, "moderate");
        }
        return ws;
    }

    [Fact]
    public void Tiers_count_one_models_scores_at_d_in_tier_order_with_empty_tiers_shown()
    {
        using var ws = Scored();
        var result = RiskStratification.Tiers(ws.Engine, "m", D);
        // Everyone scored by m at D: a, c high (mean 0.3), f moderate, b low.
        Assert.Equal(["very_high", "high", "moderate", "low"], result.Tiers.Select(t => t.Tier));
        Assert.Equal([0L, 2L, 1L, 1L], result.Tiers.Select(t => t.People));
        Assert.Equal(0.3, result.Tiers[1].MeanPredicted, 12);
        Assert.Equal(4, result.People);
    }

    [Fact]
    public void A_segments_filter_counts_only_people_whose_geography_at_d_matches()
    {
        using var ws = Scored();
        var p1 = RiskStratification.Tiers(ws.Engine, "m", D, new AreaFilter(Place: "P1"));
        // a (high 0.4) and b (low); c is in P2 and f's segments row is not at D.
        Assert.Equal([0L, 1L, 0L, 1L], p1.Tiers.Select(t => t.People));
        Assert.Equal(0.4, p1.Tiers[1].MeanPredicted, 12);
        Assert.Equal(2, p1.People);
    }
}

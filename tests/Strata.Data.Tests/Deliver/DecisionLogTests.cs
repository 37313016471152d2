using Strata.Data.Deliver;
using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;

namespace Strata.Data.Tests.Deliver;

/// <summary>Decisions with the area they are for, delegations, and decommissioning costs from a stored scenario.</summary>
public class DecisionLogTests
{
    private static Workspace TwoPlaces()
    {
        var ws = Workspace.InMemory();
        using var a = ws.Engine.Append("practices");
        a.Row("PR1", "Practice One", "N1", "P1", "Northtown", "ICB1");
        a.Row("PR2", "Practice Two", "N3", "P2", "Southville", "ICB1");
        return ws;
    }

    [Fact]
    public void A_neighbourhood_decision_records_the_place_its_practices_are_in()
    {
        using var ws = TwoPlaces();
        DecisionLog.Delegate(ws.Engine, new Delegation("grant", Tier.Neighbourhood, 10_000), "board");
        var (d, _) = DecisionLog.Record(ws.Engine, "grant", Tier.Neighbourhood, 5_000, "", false, "pm", neighbourhood: "N3");
        Assert.Equal(("P2", "N3"), (d.Place, d.Neighbourhood));
        Assert.Equal(("P2", "N3"), DecisionLog.Current(ws.Engine).Select(x => (x.Place, x.Neighbourhood)).Single());
    }

    [Theory]
    [InlineData(Tier.Neighbourhood, "P1", "N3", "neighbourhood 'N3' is in place 'P2', not 'P1'")]
    [InlineData(Tier.Neighbourhood, null, "N9", "neighbourhood 'N9' is not in the workspace's practices")]
    [InlineData(Tier.Icb, "P1", null, "a decision at ICB tier is ICB-wide and names no place or neighbourhood")]
    [InlineData(Tier.Place, "P1", "N1", "a decision at place tier names a place, not a neighbourhood")]
    public void A_decision_naming_an_area_its_tier_cannot_have_is_refused(Tier tier, string? place, string? neighbourhood, string reason)
    {
        using var ws = TwoPlaces();
        var e = Assert.Throws<ArgumentException>(() => DecisionLog.Record(ws.Engine, "grant", tier, 1, "", false, "pm", place: place, neighbourhood: neighbourhood));
        Assert.StartsWith(reason, e.Message, StringComparison.Ordinal);
        Assert.Empty(DecisionLog.Current(ws.Engine));
    }

    [Fact]
    public void Delegating_a_function_to_a_tier_again_replaces_its_limit_as_a_new_version()
    {
        using var ws = Workspace.InMemory();
        DecisionLog.Delegate(ws.Engine, new Delegation("grant", Tier.Place, 10_000), "board");
        var v2 = DecisionLog.Delegate(ws.Engine, new Delegation("grant", Tier.Place, null), "board");
        Assert.Equal(("grant@place", 2), (v2.RecordId, v2.Version));
        Assert.Null(DecisionLog.Register(ws.Engine).Find("grant", Tier.Place)!.Limit);
        Assert.Throws<ArgumentException>(() => DecisionLog.Delegate(ws.Engine, new Delegation("grant", Tier.Place, -1), "board"));
        Assert.Throws<ArgumentException>(() => DecisionLog.Delegate(ws.Engine, new Delegation(" ", Tier.Place, 1), "board"));
    }

    [Fact]
    public void Decommissioning_costs_are_an_interventions_stranded_and_double_running_summed_over_the_scenarios_years()
    {
        using var ws = Workspace.InMemory();
        var e = ws.Engine;
        Assert.Null(DecommissioningLog.LatestScenarioCosts(e, "portfolio"));
        ScenarioStore.Ensure(e);
        using (var runs = e.Append("scenario_runs"))
        {
            runs.Row("OLD", "R1", "scenario", "Older", new DateOnly(2025, 3, 31), "x@1", "1", 10, 2, ScenarioStore.RuleVersion, null, new DateTime(2025, 1, 1));
            runs.Row("NEW", "R2", "scenario", "Newer", new DateOnly(2025, 3, 31), "x@1", "1", 10, 2, ScenarioStore.RuleVersion, null, new DateTime(2025, 2, 1));
        }
        using (var r = e.Append("scenario_results"))
        {
            r.Row("OLD", 1, null, null, "portfolio", "stranded", "mean", 999.0);
            r.Row("NEW", 1, null, null, "portfolio", "stranded", "mean", 100.0);
            r.Row("NEW", 2, null, null, "portfolio", "stranded", "mean", 250.0);
            r.Row("NEW", 1, null, null, "portfolio", "double_running", "mean", 40.0);
            r.Row("NEW", 2, null, null, "portfolio", "double_running", "mean", 0.0);
            // Percentiles and other interventions are not the portfolio's means.
            r.Row("NEW", 1, null, null, "portfolio", "stranded", "p90", 5_000.0);
            r.Row("NEW", 1, null, null, "other", "stranded", "mean", 7_000.0);
        }
        var costs = DecommissioningLog.LatestScenarioCosts(e, "portfolio")!;
        Assert.Equal((350.0, 40.0), (costs.Stranded, costs.DoubleRunning));
        Assert.Equal("scenario 'Newer' (NEW), portfolio, years 1-2", costs.Source);
        Assert.Equal(999.0, DecommissioningLog.CostsFromScenario(e, "OLD", "portfolio")!.Stranded);
        Assert.Null(DecommissioningLog.CostsFromScenario(e, "NEW", "no_such"));
    }

    [Fact]
    public void The_equality_impact_can_cover_one_places_or_neighbourhoods_registered_population()
    {
        using var ws = DeliverFixture.Build();
        // Place B is practice P3 only: p2 (decile 10 → Q5) and p4 (decile 6 → Q3), both with community contacts.
        var b = EqualityImpactData.ByImdQuintile(ws.Engine, DeliverFixture.D, ["community_contact"], null, DisclosurePolicy.Off, place: "B");
        Assert.Equal([(3, 1L, 1L), (5, 1L, 1L)], b.Select(q => (q.Quintile, q.Affected!.Value, q.Population!.Value)));
        // Neighbourhood N2 is practice P2: p3 (decile 5 → Q3), no contact.
        var n2 = EqualityImpactData.ByImdQuintile(ws.Engine, DeliverFixture.D, ["community_contact"], null, DisclosurePolicy.Off, neighbourhood: "N2");
        Assert.Equal([(3, 0L, 1L)], n2.Select(q => (q.Quintile, q.Affected!.Value, q.Population!.Value)));
    }
}

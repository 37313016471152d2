using Strata.Domain.Plan;

namespace Strata.Domain.Tests.Plan;

public class ComparisonAndWaterfallTests
{
    [Fact]
    public void The_waterfall_steps_from_baseline_to_scenario_with_the_overlap_as_the_residual()
    {
        // 1,000 baseline; steps −100 and −50; scenario 830: the overlap is 830 − 1,000 + 150 = −20.
        var w = CostWaterfall.Of(3, "baseline", 1000, [new Step("a", -100), new Step("b", -50)], "scenario", 830);
        Assert.Equal(["baseline", "a", "b", "interaction", "scenario"], w.Bars.Select(b => b.Label));
        Assert.Equal([WaterfallKind.Baseline, WaterfallKind.Intervention, WaterfallKind.Intervention, WaterfallKind.Interaction, WaterfallKind.Scenario],
            w.Bars.Select(b => b.Kind));
        Assert.Equal((900.0, 850.0), (w.Bars[2].From, w.Bars[2].To));
        Assert.Equal(-20, w.Bars[3].Change, 12);
        Assert.Equal(830, w.Bars[3].To, 12);
        Assert.Equal((0.0, 830.0), (w.Bars[4].From, w.Bars[4].To));
    }

    [Fact]
    public void Settings_are_compared_by_cost_avoided_against_the_first_scenario()
    {
        static SettingHorizon H(string setting, double cost) =>
            new(setting, new CountSummary(null, null, null, null), new Summary(cost, cost, cost, cost));
        static ScenarioComparison C(string name, params SettingHorizon[] horizon) =>
            new(name, name, [], 5, 10, new Summary(0, 0, 0, 0), null, null, 0, 0, horizon, new Summary(0, 0, 0, 0), []);
        var rows = ScenarioComparison.BySetting([C("a", H("emergency_admission", 500)), C("b", H("emergency_admission", 800), H("community_contact", -200))]);
        Assert.Equal(["emergency_admission", "community_contact"], rows.Select(r => r.Setting));
        Assert.Equal([500.0, 800.0], rows[0].CostAvoided);
        Assert.Equal([0.0, 300.0], rows[0].DifferenceFromFirst);
        // A setting the first scenario does not touch counts as nothing avoided there.
        Assert.Equal([0.0, -200.0], rows[1].DifferenceFromFirst);
    }
}

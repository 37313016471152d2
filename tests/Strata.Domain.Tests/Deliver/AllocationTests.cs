using Strata.Domain.Deliver;

namespace Strata.Domain.Tests.Deliver;

public class AllocationTests
{
    private static readonly AreaNeed[] Areas = [new("A", 100, 120, 150, 200), new("B", 100, 80, 50, 100)];

    [Fact]
    public void Target_share_blends_need_weighted_share_with_the_inequalities_share()
    {
        var t = AllocationCalculator.Targets(Areas, 0.10, 1_000_000).ToDictionary(x => x.Area);
        // Core: A 150/200 = 0.75; HI: A 200/300 = 2/3. Target = 0.9 × 0.75 + 0.1 × 2/3.
        Assert.Equal(0.75, t["A"].CoreShare, 12);
        Assert.Equal(2.0 / 3, t["A"].InequalitiesShare, 12);
        Assert.Equal(0.675 + 0.2 / 3, t["A"].TargetShare, 12);
        Assert.Equal(0.225 + 0.1 / 3, t["B"].TargetShare, 12);
        Assert.Equal(1_000_000 * (0.675 + 0.2 / 3), t["A"].TargetAmount!.Value, 6);
    }

    [Fact]
    public void Every_component_weight_is_reported_per_area()
    {
        var a = AllocationCalculator.Targets(Areas).Single(x => x.Area == "A");
        Assert.Equal(1.2, a.AgeSexIndex, 12);       // 120 weighted heads / 100 people
        Assert.Equal(1.25, a.MorbidityFactor, 12);  // 150 / 120
    }

    [Fact]
    public void Distance_from_target_compares_current_share_with_target_share()
    {
        var t = AllocationCalculator.Targets(Areas, 0.10, null, new Dictionary<string, double> { ["A"] = 700, ["B"] = 300 });
        var target = 0.675 + 0.2 / 3;
        Assert.Equal((0.7 - target) / target, t.Single(x => x.Area == "A").DistanceFromTarget!.Value, 12);
    }

    [Fact]
    public void Zero_inequalities_share_gives_the_need_weighted_share() =>
        Assert.Equal(0.25, AllocationCalculator.Targets(Areas, 0).Single(x => x.Area == "B").TargetShare, 12);

    [Fact]
    public void A_current_allocation_for_an_unknown_area_is_an_error() =>
        Assert.Throws<ArgumentException>(() => AllocationCalculator.Targets(Areas, 0.1, null, new Dictionary<string, double> { ["Z"] = 1 }));

    private static readonly Dictionary<string, double> Shares = new() { ["A"] = 0.5, ["B"] = 0.3, ["C"] = 0.2 };
    private static readonly Dictionary<string, double> Current = new() { ["A"] = 400, ["B"] = 300, ["C"] = 300 };

    [Fact]
    public void Convergence_closes_gaps_shares_the_residual_and_holds_over_cap_areas_to_the_floor()
    {
        // Budget 1,200: targets 600/360/240; floors 404/303/303; C (300 > 240 × 1.1) is over the cap.
        // Gaps closed by half: A 98, B 28.5; residual 190 − 126.5 = 63.5 split 600:360 → 39.6875, 23.8125.
        var y1 = Convergence.Path(Current, Shares, [1200], new ConvergencePolicy(0.01, 0.5, 0.10)).ToDictionary(s => s.Area);
        Assert.Equal(541.69, y1["A"].Allocation, 2);
        Assert.Equal(355.31, y1["B"].Allocation, 2);
        Assert.Equal(303, y1["C"].Allocation, 2);
        Assert.True(y1["C"].AboveCap);
        Assert.Equal(98, y1["A"].GapExtra, 9);
        Assert.Equal(1200, y1.Values.Sum(s => s.Allocation), 9);
    }

    [Fact]
    public void Convergence_scales_gap_steps_down_when_the_budget_cannot_fund_them()
    {
        // Budget 1,050: headroom 40 over floors 1,010; gaps 60.5 + 6 = 66.5 scaled by 40/66.5.
        var y1 = Convergence.Path(Current, Shares, [1050], new ConvergencePolicy(0.01, 0.5, 0.10)).ToDictionary(s => s.Area);
        Assert.Equal(440.39, y1["A"].Allocation, 2);
        Assert.Equal(306.61, y1["B"].Allocation, 2);
        Assert.Equal(303, y1["C"].Allocation, 2);
    }

    [Fact]
    public void Every_year_totals_the_budget_and_respects_the_floor()
    {
        double[] budgets = [1200, 1237.77, 1301.01];
        var policy = new ConvergencePolicy(0.015, 0.3, 0.05);
        var path = Convergence.Path(Current, Shares, budgets, policy);
        for (var y = 1; y <= 3; y++)
        {
            var year = path.Where(s => s.Year == y).ToList();
            Assert.Equal(budgets[y - 1], year.Sum(s => s.Allocation), 9);
            Assert.All(year, s => Assert.True(s.Allocation >= s.Previous * 1.015 - 0.01));
            Assert.All(year.Where(s => s.AboveCap), s => Assert.True(Math.Abs(s.FloorAmount - s.Allocation) <= 0.006));
        }
    }

    [Fact]
    public void A_budget_below_the_floor_is_refused_with_the_reason()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Convergence.Path(Current, Shares, [1005], new ConvergencePolicy(0.01, 0.5, 0.1)));
        Assert.Contains("below the floor", e.Message, StringComparison.Ordinal);
    }
}

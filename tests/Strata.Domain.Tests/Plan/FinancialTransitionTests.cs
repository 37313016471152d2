using Strata.Domain.Plan;
using static Strata.Domain.Tests.Plan.PlanFixtures;

namespace Strata.Domain.Tests.Plan;

public class FinancialTransitionTests
{
    // Costs 100, 100, 50, 50; released 0, 60, 120, 150. Cumulative net benefit −100, −140, −70, +30.
    private static CashFlows Worked()
    {
        var f = new CashFlows(4);
        double[] cost = [0, 100, 100, 50, 50];
        double[] released = [0, 0, 60, 120, 150];
        for (var y = 1; y <= 4; y++)
        {
            f.InterventionCost[y] = cost[y];
            f.Released[y] = released[y];
            f.Gross[y] = released[y] * 2;
        }
        return f;
    }

    [Fact]
    public void Npv_discounts_net_benefit_at_3_5_percent_from_the_first_year()
    {
        Assert.Equal(-100 - 40 / 1.035 + 70 / Math.Pow(1.035, 2) + 100 / Math.Pow(1.035, 3), FinancialTransition.Npv(Worked(), 0.035), 9);
    }

    [Fact]
    public void Roi_is_discounted_savings_less_discounted_cost_over_discounted_cost()
    {
        var savings = 60 / 1.035 + 120 / Math.Pow(1.035, 2) + 150 / Math.Pow(1.035, 3);
        var cost = 100 + 100 / 1.035 + 50 / Math.Pow(1.035, 2) + 50 / Math.Pow(1.035, 3);
        Assert.Equal((savings - cost) / cost, FinancialTransition.Roi(Worked(), 0.035)!.Value, 9);
    }

    [Fact]
    public void Payback_is_the_first_year_cumulative_net_benefit_reaches_zero()
    {
        Assert.Equal(4, FinancialTransition.PaybackYear(Worked()));
        Assert.Equal([0, -100, -140, -70, 30], FinancialTransition.Cumulative(Worked()));
        var never = new CashFlows(2);
        never.InterventionCost[1] = 10;
        Assert.Null(FinancialTransition.PaybackYear(never));
    }

    [Fact]
    public void Double_running_is_the_uncovered_cost_until_releases_first_cover_a_year()
    {
        // Year 3 releases 120 against a cost of 50, so double running stops there.
        Assert.Equal([0, 100, 40, 0, 0], FinancialTransition.DoubleRunning(Worked()));
    }

    [Theory]
    // 10,000 bed days avoided: one 9,400 step comes out, so 94% of the semi-fixed half is released.
    [InlineData(100_000, 10_000, 0.5, 9_400, 97_000)]
    // Below one step: only the variable share.
    [InlineData(100_000, 9_000, 0.5, 9_400, 50_000)]
    // No step configured: the semi-fixed share stays stranded.
    [InlineData(100_000, 50_000, 0.3, 0, 30_000)]
    // Two whole steps exactly: everything released.
    [InlineData(80_000, 18_800, 0.5, 9_400, 80_000)]
    public void Cash_released_is_the_variable_share_plus_whole_steps_of_semi_fixed_cost(double cost, double beds, double share, double step, double expected)
    {
        Assert.Equal(expected, FinancialTransition.Released(cost, beds, share, step), 6);
    }

    [Fact]
    public void The_portfolio_releases_a_step_that_no_single_intervention_reaches()
    {
        // Two schemes each avoid 50 spells × 100 bed days = 5,000 bed days (£500k); a ward is 9,400 bed days.
        var baseline = Baseline([new ActivityCell(FrailOld, "emergency_admission", 1000, 100_000, 10_000_000)]);
        var a = Avoid("a", 0.05, 0.05);
        var b = Avoid("b", 0.05 / 0.95, 0.05 / 0.95);
        var r = Run(baseline, [a, b], 1, new ScenarioOptions(Runs: 0)).Runs[0];
        Assert.Equal(250_000, r.Flows[0].Released[1], 3);
        Assert.Equal(250_000, r.Flows[1].Released[1], 3);
        // Pooled 10,000 bed days: 0.5 + 0.5 × 0.94 of £1m.
        Assert.Equal(970_000, r.Flows[2].Released[1], 3);
        Assert.Equal(30_000, r.Flows[2].Stranded(1), 3);
    }

    [Fact]
    public void Provider_income_change_depends_on_the_payment_model()
    {
        Assert.Equal(-50, MechanismPayment.Activity.Income(150, 200) - MechanismPayment.Activity.Income(200, 200));
        Assert.Equal(0, MechanismPayment.Block.Income(150, 200) - MechanismPayment.Block.Income(200, 200));
        var blended = MechanismPayment.Blended(0.3);
        Assert.Equal(-15, blended.Income(150, 200) - blended.Income(200, 200), 9);
    }

    [Fact]
    public void Plan_payment_models_are_deliver_mechanisms_so_there_is_one_block_and_one_activity_based_payment()
    {
        var types = typeof(MechanismPayment).Assembly.GetTypes();
        Assert.Single(types, t => t.Name == "BlockPayment");
        Assert.Single(types, t => t.Name == "ActivityBasedPayment");
        // Blended 0.3 is an aligned payment with equal rates above and below baseline and no withhold.
        var api = new Strata.Domain.Deliver.AlignedPaymentIncentive(200, new Dictionary<string, double> { ["x"] = 1 }, 0.3, 0.3, WithholdShare: 0);
        var paid = api.Pay(new Strata.Domain.Deliver.Outturn(0, 0, new Dictionary<string, double> { ["x"] = 260 }, 260),
            new Strata.Domain.Deliver.ContractBaseline(0, new Dictionary<string, double> { ["x"] = 200 }));
        Assert.Equal(218, paid, 9);
        Assert.Equal(paid, MechanismPayment.Blended(0.3).Income(260, 200), 9);
        Assert.Equal("blended(0.3)", MechanismPayment.Blended(0.3).Name);
        Assert.Throws<ArgumentOutOfRangeException>(() => MechanismPayment.Blended(1.5));
    }
}

using Strata.Domain.Tests.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;
using static Strata.Domain.Tests.Plan.PlanFixtures;

namespace Strata.Domain.Tests.Plan;

public class ScenarioReportTests
{
    private static readonly CohortKey Deprived = FrailOld;
    private static readonly CohortKey Affluent = FrailOld with { ImdQuintile = 5 };

    // 100 admissions in IMD quintile 1 and 300 in quintile 5, all at one place, two acute providers.
    private static PlanBaseline Cells() => Baseline(
        [new ActivityCell(Deprived, "emergency_admission", 100, 0, 300_000), new ActivityCell(Affluent, "emergency_admission", 300, 0, 900_000)],
        providers: [new ProviderShare("P1", "emergency_admission", "RA", 0.5, 3000), new ProviderShare("P1", "emergency_admission", "RB", 0.5, 3000)]);

    [Fact]
    public void Equity_share_is_the_share_of_effect_in_the_most_deprived_quintile()
    {
        var run = Run(Cells(), [Avoid("a", 0.2, 0.2)], 2, new ScenarioOptions(Runs: 0));
        Assert.Equal(0.25, run.Model.EquityShare[0], 12);
    }

    [Fact]
    public void Provider_income_change_follows_each_providers_payment_model()
    {
        // 10% avoided = 40 admissions × £3,000 = £120k, half at each provider. RA is on a block, RB paid by activity.
        var run = Run(Cells(), [Avoid("a", 0.1, 0.1)], 1, new ScenarioOptions(Runs: 0));
        var payment = new Dictionary<string, IProviderPaymentModel> { ["RA"] = MechanismPayment.Block };
        var rows = ScenarioReport.Build(run, RoundingPolicy.Only, payment).ByProvider.Where(p => p.Year == 1).ToList();
        var ra = rows.Single(p => p.Provider == "RA");
        var rb = rows.Single(p => p.Provider == "RB");
        Assert.Equal(("block", 0.0), (ra.PaymentModel, ra.IncomeChange));
        Assert.Equal(("activity", -60_000.0), (rb.PaymentModel, Math.Round(rb.IncomeChange, 6)));
        Assert.Equal(180, rb.Activity.P50);
        Assert.Equal(200, rb.BaselineActivity.P50);
    }

    [Fact]
    public void Outturn_exposes_each_runs_provider_setting_activity_and_cost()
    {
        var run = Run(Cells(), [Avoid("a", 0.1, 0.1)], 1, new ScenarioOptions(Runs: 2, Noise: false));
        var outturn = run.Outturn;
        var rb = outturn.Outlets.ToList().IndexOf(new Outlet("RB", "emergency_admission"));
        Assert.Equal(3, outturn.Runs);
        Assert.Equal(180, outturn.Activity(2, 1, rb), 9);
        Assert.Equal(200, outturn.BaselineActivity(2, 1, rb), 9);
        Assert.Equal(540_000, outturn.Cost(2, 1, rb), 6);
        Assert.Equal(600_000, outturn.BaselineCost(2, 1, rb), 6);
    }

    [Fact]
    public void Counts_are_rounded_and_small_changes_suppressed_by_the_policy_keeping_their_sign()
    {
        Assert.Equal(-20, CountSummary.Protect(-18.4, RoundingPolicy.Only));
        Assert.Null(CountSummary.Protect(-6, RoundingPolicy.Only));
        Assert.Equal(-6, CountSummary.Protect(-6, DisclosurePolicy.Off));
    }
}

using Strata.Domain.Plan;
using static Strata.Domain.Tests.Plan.PlanFixtures;

namespace Strata.Domain.Tests.Plan;

public class ProviderImpactTests
{
    private static readonly CapacityTable Capacity = new("test",
        [new("emergency_admission", "beds", "bed_days", 1, 1.0, "s"), new("emergency_admission", "wte:nursing", "beds", 2, null, "s")]);

    [Fact]
    public void Income_moves_with_activity_under_activity_payment_and_not_under_a_block_and_released_plus_stranded_is_the_avoided_cost()
    {
        // 1,000 admissions at £3,000 and 8 bed days each, split 50:50 over RA (activity) and RB (block); 25% avoided.
        var baseline = Baseline([new ActivityCell(FrailOld, "emergency_admission", 1000, 8000, 3_000_000)], providers:
            [new ProviderShare("P1", "emergency_admission", "RA", 0.5, 3000), new ProviderShare("P1", "emergency_admission", "RB", 0.5, 3000)]);
        var run = Run(baseline, [Avoid("ward", 0.25, 0.25)], 2, new ScenarioOptions(Runs: 0));
        var pack = ProviderImpactPack.Build(run, new DateOnly(2025, 3, 31), [1, 2], Capacity,
            new Dictionary<string, IProviderPaymentModel> { ["RB"] = BlockPayment.Instance });

        var ra = pack.Lines.Single(l => l.Provider == "RA" && l.Year == 1);
        var rb = pack.Lines.Single(l => l.Provider == "RB" && l.Year == 1);
        Assert.Equal(-125, ra.ActivityChange, 9);
        Assert.Equal(-375_000m, ra.IncomeChange);
        Assert.Equal(0m, rb.IncomeChange);
        Assert.Equal("block", rb.PaymentModel);
        // 1,000 bed days avoided per provider: below the default 9,400 ward step, so only the 50% variable share is released.
        Assert.Equal(375_000m, ra.AvoidedCost);
        Assert.Equal(187_500m, ra.Released);
        Assert.Equal(ra.AvoidedCost - ra.Released, ra.Stranded);
        // Capacity freed: 1,000 bed days at 100% = 2.74 beds, × 2 nursing WTE per bed.
        Assert.Equal(1000 / 365.0, ra.Freed("beds"), 9);
        Assert.Equal(2 * 1000 / 365.0, ra.Freed("wte:nursing"), 9);
        Assert.Equal("2025/26", ra.FinancialYear);
    }
}

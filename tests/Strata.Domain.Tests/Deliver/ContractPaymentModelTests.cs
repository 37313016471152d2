using Strata.Domain.Deliver;

namespace Strata.Domain.Tests.Deliver;

public class ContractPaymentModelTests
{
    // API: fixed £1,000,000 for 1,000 emergency admissions at £1,000; 75% paid above baseline, 50% deducted below.
    private static readonly Contract Api = new("api1", "RX1", ["emergency_admission"],
        new ContractBaseline(0, new Dictionary<string, double> { ["emergency_admission"] = 1000 }),
        [new AlignedPaymentIncentive(1_000_000, new Dictionary<string, double> { ["emergency_admission"] = 1000 })], 1_000_000);

    [Fact]
    public void Aligned_payment_contract_passes_75_percent_of_a_rise_and_50_percent_of_a_fall_on_plans_values()
    {
        var model = new ContractPaymentModel(Api);
        // Plan values the outlet at £2,000,000. +10% → contract 1,100 admissions → paid 1,075,000 = 1.075 × base → income 2,150,000.
        Assert.Equal(2_150_000, model.Income(2_200_000, 2_000_000), 6);
        // −10% → 900 admissions → paid 950,000 = 0.95 × base → income 1,900,000.
        Assert.Equal(1_900_000, model.Income(1_800_000, 2_000_000), 6);
        Assert.Equal(2_000_000, model.Income(2_000_000, 2_000_000), 6);
        Assert.Equal("contract api1", model.Name);
    }

    [Fact]
    public void A_block_contract_keeps_income_at_baseline() =>
        Assert.Equal(500_000, new ContractPaymentModel(Api with { Mechanisms = [new BlockPayment(1_000_000)] }).Income(400_000, 500_000), 6);

    [Fact]
    public void Without_a_baseline_value_the_outlet_is_paid_as_activity() =>
        Assert.Equal(30_000, new ContractPaymentModel(Api).Income(30_000, 0), 6);
}

using Strata.Domain.Plan;

namespace Strata.Domain.Deliver;

/// <summary>
/// A recorded contract as the Plan stage's provider payment model, so a scenario's provider impact is the income
/// change under the provider's real mechanism (block, capitation, aligned payment and incentive, activity-based,
/// withhold, corridor, profit cap). Plan values a provider × setting outlet at its own prices; the adapter applies the
/// outlet's relative change r = value ÷ baseline value to the contract's baseline activity in every setting and to its
/// cost (agreed value × r), and returns the baseline value scaled by the contract's payment at r over its payment at
/// baseline. Exact in proportion for a single-setting contract; for a multi-setting contract it assumes the change is
/// proportionate across its settings.
/// </summary>
public sealed class ContractPaymentModel : IProviderPaymentModel
{
    private readonly double _basePayment;

    public ContractPaymentModel(Contract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        Contract = contract;
        _basePayment = Payment(1);
    }

    public Contract Contract { get; }

    public string Name => $"contract {Contract.ContractId}";

    public double Income(double activityValue, double baselineActivityValue)
    {
        // No baseline to scale from (e.g. a receiving setting new to the provider): paid as activity.
        if (baselineActivityValue <= 0 || _basePayment <= 0)
        {
            return activityValue;
        }
        return baselineActivityValue * Payment(activityValue / baselineActivityValue) / _basePayment;
    }

    private double Payment(double ratio) =>
        ContractSimulator.Simulate(Contract, new Outturn(0, 0,
            Contract.Baseline.ActivityBySetting.ToDictionary(a => a.Key, a => a.Value * ratio, StringComparer.Ordinal),
            Contract.AgreedValue * ratio)).Payment;
}

using Strata.Domain.Foundation;
namespace Strata.Domain.Deliver;

/// <summary>
/// A contract: provider, the settings it covers, its baseline, payment mechanism(s) (their payments add up),
/// an optional risk/gain-share corridor on cost and an optional profit cap, applied in that order.
/// </summary>
/// <param name="AgreedValue">The planned payment; commissioner risk is measured from it.</param>
public sealed record Contract(
    string ContractId,
    string Provider,
    IReadOnlyList<string> Settings,
    ContractBaseline Baseline,
    IReadOnlyList<PaymentMechanism> Mechanisms,
    double AgreedValue,
    RiskShareCorridor? Corridor = null,
    ProfitCap? ProfitCap = null)
{
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ContractId) || string.IsNullOrWhiteSpace(Provider))
        {
            throw new ArgumentException("contract_id and provider are required");
        }
        if (Mechanisms.Count == 0)
        {
            throw new ArgumentException("mechanisms: a contract needs at least one payment mechanism");
        }
        foreach (var m in Mechanisms)
        {
            m.Validate();
        }
        Corridor?.Validate();
    }
}

/// <summary>
/// Payment for one outturn and who bears the variance. Total variance = cost − agreed value, split exactly into
/// commissioner risk (payment − agreed value: what it pays beyond plan) and provider risk (cost − payment: the
/// provider's loss, i.e. −margin).
/// </summary>
public sealed record ContractOutcome(
    int Run,
    int Year,
    IReadOnlyList<PaymentComponent> Components,
    double BasePayment,
    double CorridorAdjustment,
    double ProfitCapReturn,
    double Payment,
    double Cost,
    double AgreedValue)
{
    public double ProviderMargin => Payment - Cost;

    public double TotalVariance => Cost - AgreedValue;

    public double CommissionerRisk => Payment - AgreedValue;

    public double ProviderRisk => Cost - Payment;
}

/// <summary>One mechanism's part of a payment.</summary>
public sealed record PaymentComponent(string Mechanism, double Amount);

/// <summary>Mean and P10/P50/P90 of one quantity over runs.</summary>
public sealed record DistributionSummary(double Mean, double P10, double P50, double P90)
{
    public static DistributionSummary Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("no values to summarise");
        }
        return new(sorted.Average(), Statistics.Quantile(sorted, 0.10), Statistics.Quantile(sorted, 0.50), Statistics.Quantile(sorted, 0.90));
    }
}

/// <summary>A year's distribution of payment, margin and each party's risk over the runs.</summary>
public sealed record ContractYearSummary(
    int Year,
    int Runs,
    DistributionSummary Payment,
    DistributionSummary ProviderMargin,
    DistributionSummary CommissionerRisk,
    DistributionSummary ProviderRisk);

public static class ContractSimulator
{
    public static ContractOutcome Simulate(Contract contract, Outturn outturn)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(outturn);
        var components = contract.Mechanisms.Select(m => new PaymentComponent(m.Describe(), m.Pay(outturn, contract.Baseline))).ToList();
        var basePayment = components.Sum(c => c.Amount);
        var corridor = contract.Corridor?.Split(outturn.Cost).Commissioner ?? 0;
        var afterCorridor = basePayment + corridor;
        var capReturn = contract.ProfitCap?.Excess(afterCorridor, outturn.Cost) ?? 0;
        return new ContractOutcome(outturn.Run, outturn.Year, components, basePayment, corridor, capReturn,
            afterCorridor - capReturn, outturn.Cost, contract.AgreedValue);
    }

    /// <summary>Every outturn (e.g. every Monte Carlo run and year of a Plan scenario), in input order.</summary>
    public static IReadOnlyList<ContractOutcome> Simulate(Contract contract, IEnumerable<Outturn> outturns) =>
        [.. outturns.Select(o => Simulate(contract, o))];

    /// <summary>
    /// The payment at baseline activity for provider costs from <paramref name="from"/> to <paramref name="to"/> of the
    /// agreed value (<paramref name="points"/> evenly spaced): the shape the corridor and profit cap give the payment.
    /// </summary>
    public static IReadOnlyList<(double Cost, double Payment)> PaymentCurve(Contract contract, double from = 0.7, double to = 1.3, int points = 61)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return [.. Enumerable.Range(0, points).Select(i => contract.AgreedValue * (from + (to - from) * i / (points - 1)))
            .Select(cost => (cost, Simulate(contract, new Outturn(0, 0, contract.Baseline.ActivityBySetting, cost)).Payment))];
    }

    /// <summary>Per year: mean, P10, P50, P90 over runs of payment, provider margin and each party's risk.</summary>
    public static IReadOnlyList<ContractYearSummary> Summarise(IEnumerable<ContractOutcome> outcomes) =>
        [.. outcomes.GroupBy(o => o.Year).OrderBy(g => g.Key).Select(g => new ContractYearSummary(
            g.Key, g.Count(),
            DistributionSummary.Of(g.Select(o => o.Payment)),
            DistributionSummary.Of(g.Select(o => o.ProviderMargin)),
            DistributionSummary.Of(g.Select(o => o.CommissionerRisk)),
            DistributionSummary.Of(g.Select(o => o.ProviderRisk))))];
}

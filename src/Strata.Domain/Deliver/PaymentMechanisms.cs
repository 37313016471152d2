using System.Text.Json.Serialization;

namespace Strata.Domain.Deliver;

/// <summary>
/// One outturn a contract is paid against: a Monte Carlo run and year of the Plan stage, or an actual year.
/// Activity is counted per setting; cost is the provider's cost of delivering it.
/// </summary>
/// <param name="WeightedPopulation">Weighted heads for capitation; null means the contract baseline.</param>
/// <param name="KpiAchievement">Achievement 0..1 per KPI or CQUIN indicator name; a missing one takes its assumed value.</param>
public sealed record Outturn(
    int Run,
    int Year,
    IReadOnlyDictionary<string, double> ActivityBySetting,
    double Cost,
    double? WeightedPopulation = null,
    IReadOnlyDictionary<string, double>? KpiAchievement = null)
{
    public double Activity(string setting) => ActivityBySetting.TryGetValue(setting, out var v) ? v : 0;

    public double Achievement(string kpi, double assumed) =>
        KpiAchievement is not null && KpiAchievement.TryGetValue(kpi, out var v) ? v : assumed;
}

/// <summary>What a contract is measured against: a (weighted) population and/or activity by setting.</summary>
public sealed record ContractBaseline(double WeightedPopulation, IReadOnlyDictionary<string, double> ActivityBySetting)
{
    public double Activity(string setting) => ActivityBySetting.TryGetValue(setting, out var v) ? v : 0;
}

/// <summary>A payment mechanism: the sum it pays for one outturn (payer spec, "Payment mechanisms").</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(BlockPayment), "block")]
[JsonDerivedType(typeof(CapitationPayment), "capitation")]
[JsonDerivedType(typeof(AlignedPaymentIncentive), "aligned_payment_incentive")]
[JsonDerivedType(typeof(ActivityBasedPayment), "activity_based")]
[JsonDerivedType(typeof(OutcomesWithhold), "outcomes_withhold")]
public abstract record PaymentMechanism
{
    public abstract double Pay(Outturn outturn, ContractBaseline baseline);

    public abstract string Describe();

    /// <summary>Throws ArgumentException naming the field when a parameter is out of range.</summary>
    public virtual void Validate()
    {
    }

    private protected static void Require(bool ok, string field, string reason)
    {
        if (!ok)
        {
            throw new ArgumentException($"{field}: {reason}");
        }
    }
}

/// <summary>A fixed sum regardless of activity.</summary>
public sealed record BlockPayment(double Amount) : PaymentMechanism
{
    public override double Pay(Outturn outturn, ContractBaseline baseline) => Amount;

    public override string Describe() => $"block £{Amount:N0}";

    public override void Validate() => Require(Amount >= 0, "amount", "must be ≥ 0");
}

/// <summary>£ per weighted head; the heads are the outturn's when it carries them, else the baseline's.</summary>
public sealed record CapitationPayment(double RatePerWeightedHead) : PaymentMechanism
{
    public override double Pay(Outturn outturn, ContractBaseline baseline) =>
        RatePerWeightedHead * (outturn.WeightedPopulation ?? baseline.WeightedPopulation);

    public override string Describe() => $"capitation £{RatePerWeightedHead:N2} per weighted head";

    public override void Validate() => Require(RatePerWeightedHead >= 0, "rate_per_weighted_head", "must be ≥ 0");
}

/// <summary>Unit price × activity for each priced setting (non-NHS providers, 100% of price).</summary>
public sealed record ActivityBasedPayment(IReadOnlyDictionary<string, double> UnitPrices) : PaymentMechanism
{
    public override double Pay(Outturn outturn, ContractBaseline baseline) =>
        UnitPrices.Sum(p => p.Value * outturn.Activity(p.Key));

    public override string Describe() => $"activity-based at unit price ({UnitPrices.Count} settings)";

    public override void Validate() => Require(UnitPrices.Count > 0 && UnitPrices.Values.All(p => p >= 0), "unit_prices", "need at least one non-negative price");
}

/// <summary>
/// Aligned payment and incentive: a fixed element plus a variable element on the value of activity (unit price ×
/// activity) against the baseline — above baseline paid at <see cref="AboveBaselineRate"/> (2022/23 precedent 75%),
/// below baseline deducted at <see cref="BelowBaselineRate"/> (50%) — and a CQUIN-style withhold of
/// <see cref="WithholdShare"/> (1.25%) of the fixed element, earned back on at most five equally weighted indicators.
/// </summary>
public sealed record AlignedPaymentIncentive(
    double Fixed,
    IReadOnlyDictionary<string, double> UnitPrices,
    double AboveBaselineRate = 0.75,
    double BelowBaselineRate = 0.50,
    double WithholdShare = 0.0125,
    IReadOnlyList<string>? Indicators = null,
    double AssumedAchievement = 1.0) : PaymentMechanism
{
    public const int MaxIndicators = 5;

    public double VariableElement(Outturn outturn, ContractBaseline baseline)
    {
        var delta = UnitPrices.Sum(p => p.Value * (outturn.Activity(p.Key) - baseline.Activity(p.Key)));
        return delta >= 0 ? delta * AboveBaselineRate : delta * BelowBaselineRate;
    }

    /// <summary>The withheld sum earned back: the mean achievement (0..1) of the indicators.</summary>
    public double WithholdEarned(Outturn outturn)
    {
        var withheld = Fixed * WithholdShare;
        var indicators = Indicators ?? [];
        if (indicators.Count == 0)
        {
            return withheld;
        }
        return withheld * indicators.Average(i => Math.Clamp(outturn.Achievement(i, AssumedAchievement), 0, 1));
    }

    public override double Pay(Outturn outturn, ContractBaseline baseline) =>
        Fixed * (1 - WithholdShare) + WithholdEarned(outturn) + VariableElement(outturn, baseline);

    public override string Describe() =>
        $"API fixed £{Fixed:N0} + variable ({AboveBaselineRate:P0} above / {BelowBaselineRate:P0} below baseline), withhold {WithholdShare:P2}";

    public override void Validate()
    {
        Require(Fixed >= 0, "fixed", "must be ≥ 0");
        Require(AboveBaselineRate is >= 0 and <= 1, "above_baseline_rate", "must be in 0..1");
        Require(BelowBaselineRate is >= 0 and <= 1, "below_baseline_rate", "must be in 0..1");
        Require(WithholdShare is >= 0 and < 1, "withhold_share", "must be in 0..1");
        Require((Indicators?.Count ?? 0) <= MaxIndicators, "indicators", $"at most {MaxIndicators} CQUIN-style indicators");
    }
}

/// <summary>A payout band: achievement at or above <see cref="MinAchievement"/> earns <see cref="PayoutShare"/> of the KPI's value.</summary>
public sealed record PayoutBand(double MinAchievement, double PayoutShare);

/// <summary>A KPI of an outcomes-based contract, with its weight and partial-achievement bands.</summary>
public sealed record Kpi(string Name, double Weight, IReadOnlyList<PayoutBand> Bands, double AssumedAchievement = 1.0)
{
    /// <summary>Share of the KPI's value paid: the highest band reached; nothing below the lowest band.</summary>
    public double Payout(double achievement) =>
        Bands.Where(b => achievement >= b.MinAchievement).Select(b => b.PayoutShare).DefaultIfEmpty(0).Max();
}

/// <summary>
/// Outcomes-based withhold: <see cref="WithholdShare"/> of the contract value is paid only on KPI achievement,
/// each KPI carrying its weight of the withheld sum and paying by its bands.
/// </summary>
public sealed record OutcomesWithhold(double ContractValue, double WithholdShare, IReadOnlyList<Kpi> Kpis) : PaymentMechanism
{
    public double Withheld => ContractValue * WithholdShare;

    public double Earned(Outturn outturn)
    {
        var total = Kpis.Sum(k => k.Weight);
        return Kpis.Sum(k => Withheld * k.Weight / total * k.Payout(outturn.Achievement(k.Name, k.AssumedAchievement)));
    }

    public override double Pay(Outturn outturn, ContractBaseline baseline) => ContractValue - Withheld + Earned(outturn);

    public override string Describe() => $"outcomes-based, {WithholdShare:P1} of £{ContractValue:N0} on {Kpis.Count} KPIs";

    public override void Validate()
    {
        Require(ContractValue >= 0, "contract_value", "must be ≥ 0");
        Require(WithholdShare is >= 0 and <= 1, "withhold_share", "must be in 0..1");
        Require(Kpis.Count > 0 && Kpis.All(k => k.Weight > 0 && k.Bands.Count > 0), "kpis", "need at least one KPI, each with a positive weight and a band");
    }
}

/// <summary>
/// Which payment mechanisms fit which provider types (payer spec and the NHS Payment Scheme): aligned payment and
/// incentive is for NHS trusts (acute, community, mental health, ambulance); local-authority social care, voluntary
/// sector and independent providers are paid by block, activity (spot purchase) or outcomes; primary care by capitation.
/// </summary>
public static class MechanismFit
{
    /// <summary>Provider types the NHS Payment Scheme's aligned payment and incentive applies to.</summary>
    public static readonly IReadOnlyList<string> AlignedPaymentProviderTypes = ["acute", "community", "mental_health", "ambulance"];

    public static bool Fits(string providerType, PaymentMechanism mechanism)
    {
        ArgumentNullException.ThrowIfNull(providerType);
        ArgumentNullException.ThrowIfNull(mechanism);
        return mechanism switch
        {
            AlignedPaymentIncentive => AlignedPaymentProviderTypes.Contains(providerType),
            CapitationPayment => providerType is "primary_care" or "community" or "mental_health",
            _ => true,
        };
    }
}

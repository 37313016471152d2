using Strata.Domain.Deliver;

namespace Strata.Domain.Plan;

/// <summary>
/// How a provider is paid for a year's activity, given the value (activity × unit price) of the scenario's activity
/// and of the baseline's. Every model is a Deliver payment mechanism (<see cref="PaymentMechanism"/>): the defaults
/// below through <see cref="MechanismPayment"/>, a recorded contract through <see cref="ContractPaymentModel"/>.
/// </summary>
public interface IProviderPaymentModel
{
    string Name { get; }

    double Income(double activityValue, double baselineActivityValue);
}

/// <summary>
/// Plan's default payment models as thin adapters over Deliver's mechanisms. A provider × setting outlet is valued in
/// £, so the outturn is one "value" setting priced at £1 a unit: activity value in, the mechanism's payment out.
/// </summary>
public sealed class MechanismPayment : IProviderPaymentModel
{
    private const string Value = "value";
    private static readonly IReadOnlyDictionary<string, double> AtOnePound = new Dictionary<string, double> { [Value] = 1 };

    private readonly Func<double, PaymentMechanism> _mechanism;

    /// <param name="mechanism">The mechanism for a provider whose baseline activity value is the argument.</param>
    private MechanismPayment(string name, Func<double, PaymentMechanism> mechanism) => (Name, _mechanism) = (name, mechanism);

    /// <summary>Paid per unit of activity (Deliver's <see cref="ActivityBasedPayment"/>): income moves one for one with activity value.</summary>
    public static MechanismPayment Activity { get; } = new("activity", _ => new ActivityBasedPayment(AtOnePound));

    /// <summary>A block fixed at the baseline value (Deliver's <see cref="BlockPayment"/>): activity changes do not move income.</summary>
    public static MechanismPayment Block { get; } = new("block", baseline => new BlockPayment(baseline));

    /// <summary>
    /// A fixed element at baseline plus <paramref name="variableShare"/> of the change, above and below baseline
    /// alike: Deliver's <see cref="AlignedPaymentIncentive"/> with equal rates and no withhold.
    /// </summary>
    public static MechanismPayment Blended(double variableShare) => variableShare is >= 0 and <= 1
        ? new(FormattableString.Invariant($"blended({variableShare})"),
            baseline => new AlignedPaymentIncentive(baseline, AtOnePound, variableShare, variableShare, WithholdShare: 0))
        {
            VariableShare = variableShare,
        }
        : throw new ArgumentOutOfRangeException(nameof(variableShare), variableShare, "Variable share must be in [0, 1].");

    public string Name { get; }

    /// <summary>The variable share of a blended model; null for the others.</summary>
    public double? VariableShare { get; private init; }

    public double Income(double activityValue, double baselineActivityValue) =>
        _mechanism(baselineActivityValue).Pay(
            new Outturn(0, 0, new Dictionary<string, double> { [Value] = activityValue }, activityValue),
            new ContractBaseline(0, new Dictionary<string, double> { [Value] = baselineActivityValue }));
}

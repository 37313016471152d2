namespace Strata.Domain.Plan;

/// <summary>
/// How a provider is paid for a year's activity, given the value (activity × unit price) of the scenario's activity
/// and of the baseline's. The Deliver stage's contract mechanisms can implement this; two defaults live here.
/// </summary>
public interface IProviderPaymentModel
{
    string Name { get; }

    double Income(double activityValue, double baselineActivityValue);
}

/// <summary>Paid per unit of activity: income moves one for one with activity value (income change = Δactivity × unit price).</summary>
public sealed class ActivityBasedPayment : IProviderPaymentModel
{
    public static ActivityBasedPayment Instance { get; } = new();

    public string Name => "activity";

    public double Income(double activityValue, double baselineActivityValue) => activityValue;
}

/// <summary>A block contract fixed at the baseline value: activity changes do not move income.</summary>
public sealed class BlockPayment : IProviderPaymentModel
{
    public static BlockPayment Instance { get; } = new();

    public string Name => "block";

    public double Income(double activityValue, double baselineActivityValue) => baselineActivityValue;
}

/// <summary>A fixed element at baseline plus a variable share paid on the change (aligned payment and incentive style).</summary>
public sealed class BlendedPayment(double variableShare) : IProviderPaymentModel
{
    public double VariableShare { get; } = variableShare is >= 0 and <= 1
        ? variableShare
        : throw new ArgumentOutOfRangeException(nameof(variableShare), variableShare, "Variable share must be in [0, 1].");

    public string Name => FormattableString.Invariant($"blended({VariableShare})");

    public double Income(double activityValue, double baselineActivityValue) =>
        baselineActivityValue + VariableShare * (activityValue - baselineActivityValue);
}

namespace Strata.Domain.Deliver;

public enum Party
{
    Provider,
    Commissioner,
}

/// <summary>How a cost variance is split between the parties.</summary>
public sealed record VarianceSplit(double Variance, double Provider, double Commissioner);

/// <summary>
/// Risk/gain-share corridor around an agreed value V. Variance = cost − V (positive = overspend).
/// Within ±<see cref="CorridorShare"/>·V the provider bears 100%; from there out to ±<see cref="CapShare"/>·V the
/// variance is shared, the provider bearing <see cref="ProviderShareBeyondCorridor"/>; beyond the cap
/// <see cref="BeyondCapBearer"/> bears all of it. Gains (underspends) are shared the same way, mirrored.
/// Both percentages are of the agreed value, so the bands are fixed sums.
/// </summary>
public sealed record RiskShareCorridor(
    double AgreedValue,
    double CorridorShare,
    double ProviderShareBeyondCorridor = 0.5,
    double CapShare = 0.10,
    Party BeyondCapBearer = Party.Commissioner)
{
    public VarianceSplit Split(double cost)
    {
        var variance = cost - AgreedValue;
        var size = Math.Abs(variance);
        var inner = Math.Min(size, CorridorShare * AgreedValue);
        var shared = Math.Clamp(size - CorridorShare * AgreedValue, 0, (CapShare - CorridorShare) * AgreedValue);
        var outer = Math.Max(0, size - CapShare * AgreedValue);
        var provider = inner + shared * ProviderShareBeyondCorridor + (BeyondCapBearer == Party.Provider ? outer : 0);
        var sign = Math.Sign(variance);
        return new VarianceSplit(variance, sign * provider, sign * (size - provider));
    }

    public void Validate()
    {
        if (AgreedValue <= 0)
        {
            throw new ArgumentException("corridor.agreed_value: must be > 0");
        }
        if (CorridorShare < 0 || CapShare < CorridorShare)
        {
            throw new ArgumentException("corridor: need 0 ≤ corridor_share ≤ cap_share");
        }
        if (ProviderShareBeyondCorridor is < 0 or > 1)
        {
            throw new ArgumentException("corridor.provider_share_beyond_corridor: must be in 0..1");
        }
    }
}

/// <summary>A profit cap: margin above <see cref="MaxMarginShare"/> of turnover (the payment) is returned.</summary>
public sealed record ProfitCap(double MaxMarginShare = 0.075)
{
    public double Excess(double payment, double cost) => Math.Max(0, payment - cost - MaxMarginShare * payment);
}

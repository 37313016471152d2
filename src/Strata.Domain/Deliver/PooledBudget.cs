namespace Strata.Domain.Deliver;

/// <summary>A partner to a Section 75 / Better Care Fund pooled budget and what it puts in.</summary>
public sealed record PoolPartner(string Name, double Contribution);

/// <summary>
/// A scheme in the pool: budget and year-end actual. <see cref="FixedShares"/> (partner → fraction, summing to 1)
/// fix who bears its overspend; without them the scheme is a variable-share scheme, shared by the agreement's ratio.
/// </summary>
public sealed record PoolScheme(string Name, double Budget, double Actual, IReadOnlyDictionary<string, double>? FixedShares = null)
{
    public double Variance => Actual - Budget;
}

/// <summary>
/// A pooled-budget agreement. Host defaults to the largest contributor; the risk-share ratio defaults to pro rata
/// to contributions.
/// </summary>
public sealed record PoolAgreement(
    string AgreementId,
    IReadOnlyList<string> Aims,
    IReadOnlyList<PoolPartner> Partners,
    IReadOnlyList<PoolScheme> Schemes,
    string? Host = null,
    double RiskReserve = 0,
    IReadOnlyDictionary<string, double>? RiskShareRatio = null,
    int DurationYears = 1)
{
    public string EffectiveHost => Host ?? Partners.OrderByDescending(p => p.Contribution).ThenBy(p => p.Name, StringComparer.Ordinal).First().Name;

    /// <summary>The agreed ratio, normalised to sum to 1.</summary>
    public IReadOnlyDictionary<string, double> Ratio()
    {
        var raw = RiskShareRatio ?? Partners.ToDictionary(p => p.Name, p => p.Contribution);
        var total = raw.Values.Sum();
        return raw.ToDictionary(kv => kv.Key, kv => kv.Value / total);
    }

    public void Validate()
    {
        if (Partners.Count == 0 || Partners.Any(p => p.Contribution < 0) || Partners.Sum(p => p.Contribution) <= 0)
        {
            throw new ArgumentException("partners: need at least one partner and a positive total contribution");
        }
        var names = Partners.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        if (Host is not null && !names.Contains(Host))
        {
            throw new ArgumentException($"host: '{Host}' is not a partner");
        }
        if (RiskReserve < 0)
        {
            throw new ArgumentException("risk_reserve: must be ≥ 0");
        }
        foreach (var shares in new[] { RiskShareRatio }.Concat(Schemes.Select(s => s.FixedShares)).OfType<IReadOnlyDictionary<string, double>>())
        {
            var unknown = shares.Keys.Where(k => !names.Contains(k)).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException($"shares name partners not in the agreement: {string.Join(", ", unknown)}");
            }
        }
        foreach (var s in Schemes.Where(s => s.FixedShares is not null))
        {
            if (Math.Abs(s.FixedShares!.Values.Sum() - 1) > 1e-9)
            {
                throw new ArgumentException($"scheme '{s.Name}': fixed shares must sum to 1");
            }
        }
    }
}

/// <summary>The year end of a pool, in the documented order.</summary>
/// <param name="Overspend">Sum of scheme overspends.</param>
/// <param name="Underspend">Sum of scheme underspends (positive).</param>
/// <param name="OffsetWithinPool">Overspend met from underspends elsewhere in the pool.</param>
/// <param name="ReserveUsed">Net overspend met from the risk reserve.</param>
/// <param name="SharedOverspend">What is left, shared between partners.</param>
/// <param name="PartnerShares">Each partner's part of the shared overspend.</param>
/// <param name="CarriedForward">Net underspend kept in the pool for non-recurrent use.</param>
/// <param name="ReturnedOnTermination">On termination, the surplus (carried forward + unused reserve) returned pro rata.</param>
public sealed record PoolYearEnd(
    string Host,
    double Overspend,
    double Underspend,
    double OffsetWithinPool,
    double ReserveUsed,
    double ReserveRemaining,
    double SharedOverspend,
    IReadOnlyDictionary<string, double> PartnerShares,
    double CarriedForward,
    IReadOnlyDictionary<string, double> ReturnedOnTermination);

public static class PooledBudget
{
    /// <summary>
    /// Year end: overspends are first offset against underspends in the pool, then met from the risk reserve, then
    /// shared — each overspent scheme's part of the remainder (pro rata to its overspend) by its fixed shares, or by
    /// the agreed ratio. A net underspend stays in the pool; at termination the surplus is returned pro rata to
    /// contributions.
    /// </summary>
    public static PoolYearEnd YearEnd(PoolAgreement agreement, bool terminating = false)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        agreement.Validate();
        var over = agreement.Schemes.Where(s => s.Variance > 0).Sum(s => s.Variance);
        var under = -agreement.Schemes.Where(s => s.Variance < 0).Sum(s => s.Variance);
        var offset = Math.Min(over, under);
        var net = over - offset;
        var reserveUsed = Math.Min(net, agreement.RiskReserve);
        var shared = net - reserveUsed;
        var ratio = agreement.Ratio();
        var partnerShares = agreement.Partners.ToDictionary(p => p.Name, _ => 0.0);
        if (shared > 0)
        {
            foreach (var s in agreement.Schemes.Where(s => s.Variance > 0))
            {
                var part = shared * s.Variance / over;
                foreach (var (partner, share) in s.FixedShares ?? ratio)
                {
                    partnerShares[partner] += part * share;
                }
            }
        }
        var carried = under - offset;
        var reserveRemaining = agreement.RiskReserve - reserveUsed;
        var contributions = agreement.Partners.Sum(p => p.Contribution);
        var returned = agreement.Partners.ToDictionary(p => p.Name,
            p => terminating ? (carried + reserveRemaining) * p.Contribution / contributions : 0.0);
        return new PoolYearEnd(agreement.EffectiveHost, over, under, offset, reserveUsed, reserveRemaining, shared,
            partnerShares, terminating ? 0 : carried, returned);
    }
}

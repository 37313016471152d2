namespace Strata.Domain.Deliver;

/// <summary>How a provider comes to be paid within a pathway contract.</summary>
public enum PathwayRole
{
    /// <summary>Holds the contract with the commissioner and the pathway budget; keeps what it does not pay on.</summary>
    Lead,

    /// <summary>Paid by the lead under a sub-contract (any Deliver payment mechanism on its own activity and cost).</summary>
    SubContractor,

    /// <summary>Delivers pathway activity without a sub-contract; the lead pays its cost (spot purchase).</summary>
    Spot,
}

/// <summary>A sub-contract: the lead pays <see cref="Provider"/> by <see cref="Payment"/> on that provider's own outturn.</summary>
public sealed record SubContract(string Provider, PaymentMechanism Payment);

/// <summary>One provider's pathway activity (by stage) and its cost of delivering it, in one outturn.</summary>
public sealed record ProviderOutturn(string Provider, IReadOnlyDictionary<string, double> ActivityByStage, double Cost);

/// <summary>
/// One outturn of a pathway: a Monte Carlo run and year of a pathway scenario, or an actual year. The cohort's
/// weighted heads drive capitation; KPI achievement drives outcome-linked payment.
/// </summary>
public sealed record PathwayOutturn(
    int Run, int Year, IReadOnlyList<ProviderOutturn> Providers, double? WeightedPopulation = null,
    IReadOnlyDictionary<string, double>? KpiAchievement = null);

/// <summary>What one provider receives in an outturn, its cost, and so its margin.</summary>
public sealed record ProviderFlow(string Provider, PathwayRole Role, double Receives, double Cost)
{
    public double Margin => Receives - Cost;
}

/// <summary>
/// A pathway contract's outcome: the commissioner's payment to the lead (with the corridor's gain/risk share on the
/// pathway's whole cost) and where it goes. The flows add up to the payment: the lead keeps the payment less what it
/// pays the others.
/// </summary>
public sealed record PathwayContractOutcome(ContractOutcome Commissioner, IReadOnlyList<ProviderFlow> Flows)
{
    public double Payment => Commissioner.Payment;
}

/// <summary>
/// A contract whose scope is a pathway and its cohort rather than a provider's activity (payer spec: lead provider
/// and alliance models). The commissioner pays the lead provider by <see cref="Mechanisms"/> — typically capitation
/// per cohort member, or a blend with a block, plus an outcomes withhold — measured against the pathway's whole
/// cost: the risk/gain-share corridor splits the variance of that cost from the agreed value between commissioner
/// and lead. The lead pays each sub-contractor by its sub-contract and any other provider on the pathway its cost.
/// </summary>
/// <param name="Baseline">Cohort weighted heads and activity by stage the mechanisms are measured against.</param>
public sealed record PathwayContract(
    string ContractId,
    string Pathway,
    string LeadProvider,
    IReadOnlyList<SubContract> SubContracts,
    ContractBaseline Baseline,
    IReadOnlyList<PaymentMechanism> Mechanisms,
    double AgreedValue,
    RiskShareCorridor? Corridor = null)
{
    /// <summary>The commissioner-to-lead contract the existing simulator pays (settings are the pathway's stages).</summary>
    public Contract LeadContract => new(ContractId, LeadProvider, [.. Baseline.ActivityBySetting.Keys], Baseline, Mechanisms, AgreedValue, Corridor);

    /// <summary>Throws ArgumentException naming the field when the contract is inconsistent.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(ContractId), "contract_id", "required");
        Require(!string.IsNullOrWhiteSpace(Pathway), "pathway", "required");
        Require(!string.IsNullOrWhiteSpace(LeadProvider), "lead_provider", "required");
        Require(AgreedValue > 0, "agreed_value", "must be > 0");
        foreach (var (s, i) in SubContracts.Select((s, i) => (s, i)))
        {
            Require(!string.IsNullOrWhiteSpace(s.Provider), $"sub_contracts[{i}].provider", "required");
            Require(s.Provider != LeadProvider, $"sub_contracts[{i}].provider", "the lead provider cannot sub-contract to itself");
            Require(SubContracts.Take(i).All(o => o.Provider != s.Provider), $"sub_contracts[{i}].provider", $"'{s.Provider}' has two sub-contracts");
            try
            {
                s.Payment.Validate();
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"sub_contracts[{i}].payment.{e.Message}");
            }
        }
        LeadContract.Validate();
    }

    private static void Require(bool ok, string field, string reason)
    {
        if (!ok)
        {
            throw new ArgumentException($"{field}: {reason}");
        }
    }
}

public static class PathwayContractSimulator
{
    /// <summary>
    /// Pays one outturn: the commissioner pays the lead on the pathway's total activity and on its whole cost (the
    /// lead's own cost plus what it pays the others, which is what the lead bears); each sub-contractor is paid by its
    /// mechanism on its own outturn, other providers their cost; the lead keeps the rest.
    /// </summary>
    public static PathwayContractOutcome Simulate(PathwayContract contract, PathwayOutturn outturn)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(outturn);
        var subs = contract.SubContracts.ToDictionary(s => s.Provider, StringComparer.Ordinal);
        var others = new List<ProviderFlow>();
        var leadCost = 0.0;
        foreach (var p in outturn.Providers)
        {
            if (p.Provider == contract.LeadProvider)
            {
                leadCost += p.Cost;
            }
            else if (subs.TryGetValue(p.Provider, out var sub))
            {
                var own = new Outturn(outturn.Run, outturn.Year, p.ActivityByStage, p.Cost, outturn.WeightedPopulation, outturn.KpiAchievement);
                others.Add(new ProviderFlow(p.Provider, PathwayRole.SubContractor, sub.Payment.Pay(own, contract.Baseline), p.Cost));
            }
            else
            {
                others.Add(new ProviderFlow(p.Provider, PathwayRole.Spot, p.Cost, p.Cost));
            }
        }
        // A sub-contractor with no activity in this outturn may still be owed a block sum.
        foreach (var sub in contract.SubContracts.Where(s => outturn.Providers.All(p => p.Provider != s.Provider)))
        {
            var none = new Outturn(outturn.Run, outturn.Year, new Dictionary<string, double>(), 0, outturn.WeightedPopulation, outturn.KpiAchievement);
            others.Add(new ProviderFlow(sub.Provider, PathwayRole.SubContractor, sub.Payment.Pay(none, contract.Baseline), 0));
        }
        var paidOn = others.Sum(o => o.Receives);
        var activity = outturn.Providers.SelectMany(p => p.ActivityByStage)
            .GroupBy(a => a.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(a => a.Value), StringComparer.Ordinal);
        var commissioner = ContractSimulator.Simulate(contract.LeadContract,
            new Outturn(outturn.Run, outturn.Year, activity, leadCost + paidOn, outturn.WeightedPopulation, outturn.KpiAchievement));
        var lead = new ProviderFlow(contract.LeadProvider, PathwayRole.Lead, commissioner.Payment - paidOn, leadCost);
        return new PathwayContractOutcome(commissioner, [lead, .. others.OrderBy(o => o.Provider, StringComparer.Ordinal)]);
    }

    public static IReadOnlyList<PathwayContractOutcome> Simulate(PathwayContract contract, IEnumerable<PathwayOutturn> outturns) =>
        [.. outturns.Select(o => Simulate(contract, o))];
}

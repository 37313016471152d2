using Strata.Data.Engine;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;

namespace Strata.Data.Deliver;

/// <summary>A contract's payment simulated over outturns: the distribution by year, and every run's outcome when asked.</summary>
public sealed record ContractSimulation(string ContractId, string Provider, int Version, string Case, int Outturns,
    IReadOnlyList<ContractYearSummary> Years, IReadOnlyList<ContractOutcome>? Outcomes);

/// <summary>The current version of a stored contract, with who recorded it and when.</summary>
public sealed record StoredContract(Contract Contract, int Version, string Actor, DateTime At);

/// <summary>
/// Contracts and pooled-budget agreements in the Deliver record store: the one way `strata contract`, `strata pool`
/// and the web validate, record, read and simulate them.
/// </summary>
public static class ContractBook
{
    /// <summary>
    /// The contract's own rules (<see cref="Contract.Validate"/>) and settings from the vocabulary. Throws
    /// ArgumentException whose message starts with the field ("settings: ...").
    /// </summary>
    public static void Validate(Contract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        contract.Validate();
        var unknown = contract.Settings.Where(s => !Vocabulary.Settings.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"settings: not settings of the vocabulary: {string.Join(", ", unknown)}");
        }
    }

    /// <summary>Validates and records a contract (a new version when the id exists).</summary>
    public static StoredRecord Add(IEngine engine, Contract contract, string actor)
    {
        Validate(contract);
        return DeliverRecords.Append(engine, "contract", contract.ContractId, actor, DeliverRecords.Serialise(contract));
    }

    /// <summary>The current version of every contract, by id.</summary>
    public static IReadOnlyList<StoredContract> Current(IEngine engine) =>
        [.. DeliverRecords.Current(engine, "contract").Select(r => new StoredContract(DeliverRecords.Deserialise<Contract>(r.Payload), r.Version, r.Actor, r.At))];

    public static StoredContract Load(IEngine engine, string id) =>
        Current(engine).FirstOrDefault(c => c.Contract.ContractId == id)
            ?? throw new ArgumentException($"no contract '{id}' in the workspace (add it with `strata contract add`)");

    /// <summary>Payment, provider margin and each party's risk over the outturns, summarised by year.</summary>
    public static ContractSimulation Simulate(StoredContract stored, IReadOnlyList<Outturn> outturns, string simulationCase, bool keepOutcomes)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var outcomes = ContractSimulator.Simulate(stored.Contract, outturns);
        return new ContractSimulation(stored.Contract.ContractId, stored.Contract.Provider, stored.Version, simulationCase, outcomes.Count,
            ContractSimulator.Summarise(outcomes), keepOutcomes ? outcomes : null);
    }

    /// <summary>Validates a pooled-budget agreement and records it (a new version when the id exists).</summary>
    public static StoredRecord AddPool(IEngine engine, PoolAgreement agreement, string actor)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        if (string.IsNullOrWhiteSpace(agreement.AgreementId))
        {
            throw new ArgumentException("agreement_id: required");
        }
        agreement.Validate();
        return DeliverRecords.Append(engine, "pool_agreement", agreement.AgreementId, actor, DeliverRecords.Serialise(agreement));
    }

    /// <summary>The current version of every pooled-budget agreement, by id.</summary>
    public static IReadOnlyList<(PoolAgreement Agreement, StoredRecord Stored)> Pools(IEngine engine) =>
        [.. DeliverRecords.Current(engine, "pool_agreement").Select(r => (DeliverRecords.Deserialise<PoolAgreement>(r.Payload), r))];
}

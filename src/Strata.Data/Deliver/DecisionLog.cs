using System.Globalization;
using Strata.Data.Engine;
using Strata.Domain.Deliver;

namespace Strata.Data.Deliver;

/// <summary>
/// Decisions tested against the decision rights register and kept in the Deliver record store: the one way the
/// CLI (`strata decision`) and the web record and read them.
/// </summary>
public static class DecisionLog
{
    /// <summary>The register as the workspace's current delegation records make it.</summary>
    public static DecisionRightsRegister Register(IEngine engine) =>
        new(DeliverRecords.Current(engine, "delegation").Select(r => DeliverRecords.Deserialise<Delegation>(r.Payload)));

    /// <summary>
    /// Tests a decision against the register (refused above the tier's limit, or escalated when asked) and records
    /// it with its outcome — a refused decision is recorded too, so the register shows what was asked.
    /// </summary>
    public static (DecisionRecord Decision, StoredRecord Stored) Record(IEngine engine, string function, Tier tier, double amount,
        string description, bool escalate, string actor, string? id = null)
    {
        if (string.IsNullOrWhiteSpace(function))
        {
            throw new ArgumentException("a decision needs the function it exercises", nameof(function));
        }
        if (!double.IsFinite(amount) || amount < 0)
        {
            throw new ArgumentException($"the decision's value must be a non-negative amount of money, not {amount.ToString(CultureInfo.InvariantCulture)}", nameof(amount));
        }
        var outcome = Register(engine).Decide(function, tier, amount, escalate);
        var decision = new DecisionRecord(id ?? Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..12], function, tier, amount, description ?? "", outcome);
        var stored = DeliverRecords.Append(engine, "decision", decision.DecisionId, actor, DeliverRecords.Serialise(decision));
        return (decision, stored);
    }

    /// <summary>The current version of every recorded decision.</summary>
    public static IReadOnlyList<DecisionRecord> Current(IEngine engine) =>
        [.. DeliverRecords.Current(engine, "decision").Select(x => DeliverRecords.Deserialise<DecisionRecord>(x.Payload))];

    /// <summary>A tier from its name: icb, place, neighbourhood or provider_collaborative.</summary>
    public static Tier ParseTier(string text, string field) =>
        Enum.TryParse<Tier>((text ?? "").Replace("_", "", StringComparison.Ordinal), true, out var t) && Enum.IsDefined(t)
            ? t
            : throw new ArgumentException($"{field}: '{text}' is not one of icb, place, neighbourhood, provider_collaborative");
}

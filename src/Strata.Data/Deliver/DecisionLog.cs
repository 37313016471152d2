using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Foundation;
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
    /// Records a delegation of a function to a tier with a financial limit (null = no limit). The record id is
    /// function@tier, so delegating the same function to the same tier again is a new version that replaces the limit.
    /// </summary>
    public static StoredRecord Delegate(IEngine engine, Delegation delegation, string actor)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        if (string.IsNullOrWhiteSpace(delegation.Function))
        {
            throw new ArgumentException("a delegation needs the function it delegates", nameof(delegation));
        }
        if (!Enum.IsDefined(delegation.Tier))
        {
            throw new ArgumentException($"'{delegation.Tier}' is not a tier", nameof(delegation));
        }
        if (delegation.Limit is { } l && (!double.IsFinite(l) || l < 0))
        {
            throw new ArgumentException($"the limit must be a non-negative amount of money, not {l.ToString(CultureInfo.InvariantCulture)}", nameof(delegation));
        }
        return DeliverRecords.Append(engine, "delegation", $"{delegation.Function}@{delegation.Tier}".ToLowerInvariant(), actor,
            DeliverRecords.Serialise(delegation));
    }

    /// <summary>
    /// Tests a decision against the register (refused above the tier's limit, or escalated when asked) and records
    /// it with its outcome — a refused decision is recorded too, so the register shows what was asked. A place or
    /// neighbourhood decision may name the area it is for; a neighbourhood's place is read from the practices.
    /// </summary>
    public static (DecisionRecord Decision, StoredRecord Stored) Record(IEngine engine, string function, Tier tier, double amount,
        string description, bool escalate, string actor, string? id = null, string? place = null, string? neighbourhood = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (string.IsNullOrWhiteSpace(function))
        {
            throw new ArgumentException("a decision needs the function it exercises", nameof(function));
        }
        if (!double.IsFinite(amount) || amount < 0)
        {
            throw new ArgumentException($"the decision's value must be a non-negative amount of money, not {amount.ToString(CultureInfo.InvariantCulture)}", nameof(amount));
        }
        place = Blank(place);
        neighbourhood = Blank(neighbourhood);
        if (DecisionRecord.AreaMismatch(tier, place, neighbourhood) is { } mismatch)
        {
            throw new ArgumentException(mismatch, nameof(tier));
        }
        if (neighbourhood is not null)
        {
            var of = Geography.PlaceOf(engine, neighbourhood)
                ?? throw new ArgumentException($"neighbourhood '{neighbourhood}' is not in the workspace's practices", nameof(neighbourhood));
            if (place is not null && place != of)
            {
                throw new ArgumentException($"neighbourhood '{neighbourhood}' is in place '{of}', not '{place}'", nameof(neighbourhood));
            }
            place = of;
        }
        var outcome = Register(engine).Decide(function, tier, amount, escalate);
        var decision = new DecisionRecord(id ?? Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..12], function, tier, amount,
            description ?? "", outcome, place, neighbourhood);
        var stored = DeliverRecords.Append(engine, "decision", decision.DecisionId, actor, DeliverRecords.Serialise(decision),
            area: DeliverRecords.Area(place, neighbourhood));
        return (decision, stored);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The current version of every recorded decision.</summary>
    public static IReadOnlyList<DecisionRecord> Current(IEngine engine) =>
        [.. DeliverRecords.Current(engine, "decision").Select(x => DeliverRecords.Deserialise<DecisionRecord>(x.Payload))];

    /// <summary>A tier from its name: icb, place, neighbourhood or provider_collaborative.</summary>
    public static Tier ParseTier(string text, string field) =>
        Enum.TryParse<Tier>((text ?? "").Replace("_", "", StringComparison.Ordinal), true, out var t) && Enum.IsDefined(t)
            ? t
            : throw new ArgumentException($"{field}: '{text}' is not one of icb, place, neighbourhood, provider_collaborative");
}

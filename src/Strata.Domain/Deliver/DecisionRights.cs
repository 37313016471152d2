namespace Strata.Domain.Deliver;

/// <summary>The tiers decisions can sit at (payer spec, "Decision rights").</summary>
public enum Tier
{
    Icb,
    Place,
    Neighbourhood,
    ProviderCollaborative,
}

/// <summary>A function delegated to a tier up to a financial limit (null = no limit).</summary>
public sealed record Delegation(string Function, Tier Tier, double? Limit);

public enum DecisionStatus
{
    Approved,
    Refused,
    Escalated,
}

/// <summary>A decision tested against the register: who may take it and why.</summary>
/// <param name="DecidedAt">The tier that may take it (the requested tier, or the one escalated to); null when refused.</param>
public sealed record DecisionOutcome(DecisionStatus Status, Tier RequestedTier, Tier? DecidedAt, string Reason);

/// <summary>A recorded decision: what was asked, and what the register said.</summary>
/// <param name="Place">The place the decision is for (place and neighbourhood tiers); null = ICB-wide or not recorded.</param>
/// <param name="Neighbourhood">The neighbourhood it is for (neighbourhood tier), within <paramref name="Place"/>.</param>
public sealed record DecisionRecord(string DecisionId, string Function, Tier Tier, double Amount, string Description, DecisionOutcome Outcome,
    string? Place = null, string? Neighbourhood = null)
{
    /// <summary>
    /// Which areas a tier's decision may name: ICB and provider collaborative decisions are ICB-wide (no area), a place
    /// decision names at most a place, a neighbourhood decision a neighbourhood (and its place). Null when consistent.
    /// </summary>
    public static string? AreaMismatch(Tier tier, string? place, string? neighbourhood) => tier switch
    {
        Tier.Icb or Tier.ProviderCollaborative when place is not null || neighbourhood is not null =>
            $"a decision at {DecisionRightsRegister.Name(tier)} tier is ICB-wide and names no place or neighbourhood",
        Tier.Place when neighbourhood is not null => "a decision at place tier names a place, not a neighbourhood",
        _ => null,
    };
}

/// <summary>
/// The decision rights register: neighbourhood reports to place, place and provider collaborative to the ICB.
/// A decision above the tier's limit, or on a function not delegated to it, is refused with the reason, or —
/// when escalation is asked for — passed up to the first tier whose delegation covers it.
/// </summary>
public sealed class DecisionRightsRegister(IEnumerable<Delegation> delegations)
{
    private readonly List<Delegation> _delegations = [.. delegations];

    public IReadOnlyList<Delegation> Delegations => _delegations;

    public static Tier? Above(Tier tier) => tier switch
    {
        Tier.Neighbourhood => Tier.Place,
        Tier.Place or Tier.ProviderCollaborative => Tier.Icb,
        _ => null,
    };

    public Delegation? Find(string function, Tier tier) =>
        _delegations.FirstOrDefault(d => d.Tier == tier && string.Equals(d.Function, function, StringComparison.OrdinalIgnoreCase));

    public DecisionOutcome Decide(string function, Tier tier, double amount, bool escalate)
    {
        var why = WhyNot(function, tier, amount);
        if (why is null)
        {
            return new DecisionOutcome(DecisionStatus.Approved, tier, tier, $"within {Name(tier)}'s delegation for '{function}'{LimitText(Find(function, tier)!)}");
        }
        if (!escalate)
        {
            return new DecisionOutcome(DecisionStatus.Refused, tier, null, why);
        }
        for (var up = Above(tier); up is not null; up = Above(up.Value))
        {
            if (WhyNot(function, up.Value, amount) is null)
            {
                return new DecisionOutcome(DecisionStatus.Escalated, tier, up, $"{why}; escalated to {Name(up.Value)}{LimitText(Find(function, up.Value)!)}");
            }
        }
        return new DecisionOutcome(DecisionStatus.Refused, tier, null, $"{why}; no tier above has a delegation covering £{amount:N0}");
    }

    private string? WhyNot(string function, Tier tier, double amount)
    {
        var d = Find(function, tier);
        if (d is null)
        {
            return $"'{function}' is not delegated to {Name(tier)}";
        }
        return d.Limit is { } limit && amount > limit
            ? $"£{amount:N0} is above {Name(tier)}'s limit of £{limit:N0} for '{function}'"
            : null;
    }

    private static string LimitText(Delegation d) => d.Limit is { } l ? $" (limit £{l:N0})" : " (no limit)";

    public static string Name(Tier tier) => tier switch
    {
        Tier.Icb => "ICB",
        Tier.Place => "place",
        Tier.Neighbourhood => "neighbourhood",
        _ => "provider collaborative",
    };
}

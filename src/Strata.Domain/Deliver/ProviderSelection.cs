namespace Strata.Domain.Deliver;

/// <summary>The processes of the Health Care Services (Provider Selection Regime) Regulations 2023 (SI 2023/1348).</summary>
public enum PsrProcess
{
    DirectAwardA,
    DirectAwardB,
    DirectAwardC,
    MostSuitableProvider,
    Competitive,
}

/// <summary>A change to lifetime value and character, tested for "considerable change" (regulation 6(10)).</summary>
public sealed record ValueChange(double CurrentLifetimeValue, double NewLifetimeValue, bool MateriallyDifferentInCharacter = false)
{
    public const double MoneyThreshold = 500_000;

    public const double ShareThreshold = 0.25;

    public double Increase => NewLifetimeValue - CurrentLifetimeValue;

    public double IncreaseShare => CurrentLifetimeValue > 0 ? Increase / CurrentLifetimeValue : double.PositiveInfinity;

    /// <summary>Materially different in character, or an increase of at least £500,000 and at least 25%.</summary>
    public bool IsConsiderable =>
        MateriallyDifferentInCharacter || (Increase >= MoneyThreshold && IncreaseShare >= ShareThreshold);
}

/// <summary>The facts the authority has established, which decide the process.</summary>
public sealed record PsrCase(
    bool ExistingProviderOnlyCapable,
    bool PatientChoiceUnlimitedProviders,
    bool ExistingContractExpiring,
    bool ExistingProviderSatisfying,
    bool ExistingProviderLikelyToSatisfy,
    ValueChange? Change,
    bool CanIdentifyMostSuitableProvider);

/// <summary>The process chosen, each test applied in order with its answer, and the notices that follow.</summary>
public sealed record ProcessSelection(PsrProcess Process, IReadOnlyList<string> Reasons, bool Mandatory, bool NeedsStandstill);

public static class ProviderSelection
{
    /// <summary>Applies the regulation's tests in order: A, B (mandatory where they apply), C, then MSP or competitive.</summary>
    public static ProcessSelection Select(PsrCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var reasons = new List<string>();
        if (c.ExistingProviderOnlyCapable)
        {
            reasons.Add("Direct Award A: existing provider and only that provider is capable of providing the services (reg. 6(3)); mandatory");
            return new(PsrProcess.DirectAwardA, reasons, Mandatory: true, NeedsStandstill: false);
        }
        reasons.Add("not Direct Award A: the services are not ones only the existing provider can provide");
        if (c.PatientChoiceUnlimitedProviders)
        {
            reasons.Add("Direct Award B: patients choose their provider and the number of providers is not restricted (reg. 6(4)); mandatory");
            return new(PsrProcess.DirectAwardB, reasons, Mandatory: true, NeedsStandstill: false);
        }
        reasons.Add("not Direct Award B: provider numbers are restricted or there is no patient choice");
        var cFails = new List<string>();
        if (!c.ExistingContractExpiring)
        {
            cFails.Add("no existing contract is expiring");
        }
        if (c.Change is { IsConsiderable: true } ch)
        {
            cFails.Add(ch.MateriallyDifferentInCharacter
                ? "the proposed contract is materially different in character (considerable change)"
                : $"lifetime value rises by £{ch.Increase:N0} ({ch.IncreaseShare:P1}): ≥ £500,000 and ≥ 25% (considerable change)");
        }
        if (!c.ExistingProviderSatisfying)
        {
            cFails.Add("the existing provider is not satisfying the existing contract");
        }
        if (!c.ExistingProviderLikelyToSatisfy)
        {
            cFails.Add("the existing provider is not likely to satisfy the proposed contract");
        }
        if (cFails.Count == 0)
        {
            reasons.Add("Direct Award C: contract expiring, no considerable change, provider satisfying the existing contract and likely to satisfy the new one (reg. 6(5), 9)");
            return new(PsrProcess.DirectAwardC, reasons, Mandatory: false, NeedsStandstill: true);
        }
        reasons.Add("not Direct Award C: " + string.Join("; ", cFails));
        if (c.CanIdentifyMostSuitableProvider)
        {
            reasons.Add("Most Suitable Provider: the authority can identify the most suitable provider without running a competition (reg. 6(6), 10)");
            return new(PsrProcess.MostSuitableProvider, reasons, Mandatory: false, NeedsStandstill: true);
        }
        reasons.Add("Competitive process: the most suitable provider cannot be identified without a competition (reg. 6(7), 11)");
        return new(PsrProcess.Competitive, reasons, Mandatory: false, NeedsStandstill: true);
    }

    /// <summary>Days allowed after a Direct Award A or B contract is entered into to publish the award notice.</summary>
    public const int AwardNoticeDays = 30;

    public const int StandstillWorkingDays = 8;

    public const int FurtherStandstillWorkingDays = 5;

    /// <summary>
    /// The standstill starts the day after the notice of intention; representations may be made until the end of the
    /// 8th working day of it.
    /// </summary>
    public static DateOnly StandstillEnd(DateOnly noticeOfIntention) => WorkingDays.AddWorkingDays(noticeOfIntention, StandstillWorkingDays);

    /// <summary>After a representation and a fresh decision, a further 5 working days from the day after that decision.</summary>
    public static DateOnly FurtherStandstillEnd(DateOnly freshDecision) => WorkingDays.AddWorkingDays(freshDecision, FurtherStandstillWorkingDays);

    /// <summary>Last day to publish the notice of a Direct Award A or B: 30 days after the contract is entered into.</summary>
    public static DateOnly AwardNoticeDeadline(DateOnly contractEnteredInto) => contractEnteredInto.AddDays(AwardNoticeDays);
}

public enum ModificationOutcome
{
    Permitted,
    PermittedWithTransparencyNotice,
    NewProcessRequired,
}

/// <summary>Contract modifications without a new process (regulation 13).</summary>
public static class Modifications
{
    /// <summary>
    /// Permitted when not materially different and the cumulative change is below £500,000 or below 25%;
    /// a permitted change of £500,000 or more needs a transparency notice; anything else needs a new process.
    /// </summary>
    public static (ModificationOutcome Outcome, string Reason) Assess(ValueChange cumulative)
    {
        ArgumentNullException.ThrowIfNull(cumulative);
        if (cumulative.MateriallyDifferentInCharacter)
        {
            return (ModificationOutcome.NewProcessRequired, "materially different in character: a new process is needed");
        }
        var money = Math.Abs(cumulative.Increase);
        var share = Math.Abs(cumulative.IncreaseShare);
        if (money >= ValueChange.MoneyThreshold && share >= ValueChange.ShareThreshold)
        {
            return (ModificationOutcome.NewProcessRequired, $"cumulative change £{money:N0} ({share:P1}) is ≥ £500,000 and ≥ 25%: a new process is needed");
        }
        return money >= ValueChange.MoneyThreshold
            ? (ModificationOutcome.PermittedWithTransparencyNotice, $"permitted (below 25%: {share:P1}); £{money:N0} ≥ £500,000 needs a transparency notice within 30 days")
            : (ModificationOutcome.Permitted, $"permitted: £{money:N0} is below £500,000");
    }
}

/// <summary>The five key criteria (regulation 5) with locally set weights, and the basic selection criteria.</summary>
public static class KeyCriteria
{
    public static readonly IReadOnlyList<string> All =
    [
        "quality_and_innovation", "value", "integration_collaboration_sustainability",
        "access_inequalities_choice", "social_value",
    ];

    public static readonly IReadOnlyList<string> BasicSelection =
        ["suitability", "economic_and_financial_standing", "technical_and_professional_ability"];

    /// <summary>Weighted score of one provider: Σ weight × score / Σ weight, on the scores' own scale.</summary>
    public static double Score(IReadOnlyDictionary<string, double> weights, IReadOnlyDictionary<string, double> scores)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(scores);
        var unknown = weights.Keys.Concat(scores.Keys).Where(k => !All.Contains(k)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown key criteria: {string.Join(", ", unknown)} (expected {string.Join(", ", All)})");
        }
        var missing = All.Where(k => !weights.ContainsKey(k) || !scores.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"every key criterion needs a weight and a score; missing: {string.Join(", ", missing)}");
        }
        var total = weights.Values.Sum();
        if (total <= 0 || weights.Values.Any(w => w < 0))
        {
            throw new ArgumentException("key criteria weights must be ≥ 0 with a positive total");
        }
        return All.Sum(k => weights[k] * scores[k]) / total;
    }
}

/// <summary>A bidder's basic selection results and key-criteria scores.</summary>
public sealed record Bidder(string Provider, IReadOnlyDictionary<string, bool> BasicSelection, IReadOnlyDictionary<string, double> Scores)
{
    public IReadOnlyList<string> FailedBasicSelection =>
        [.. KeyCriteria.BasicSelection.Where(k => !BasicSelection.TryGetValue(k, out var ok) || !ok)];
}

/// <summary>A bidder's evaluation: excluded at basic selection, or its weighted score and rank.</summary>
public sealed record BidderEvaluation(string Provider, IReadOnlyList<string> FailedBasicSelection, double? WeightedScore, int? Rank);

/// <summary>A conflict of interest declared and how it was managed.</summary>
public sealed record ConflictOfInterest(string Person, string Interest, string Management);

/// <summary>
/// The record regulation 24 requires: provider, process and decision maker, how the key criteria were applied,
/// conflicts and their management, and the notices and dates.
/// </summary>
public sealed record PsrRecord(
    string RecordId,
    string Service,
    string Provider,
    PsrProcess Process,
    IReadOnlyList<string> ProcessReasons,
    string DecisionMaker,
    DateOnly DecisionDate,
    double LifetimeValue,
    IReadOnlyDictionary<string, double>? CriteriaWeights,
    IReadOnlyList<BidderEvaluation> Evaluations,
    IReadOnlyList<ConflictOfInterest> Conflicts,
    DateOnly? NoticeOfIntention,
    DateOnly? StandstillEnd,
    DateOnly? ContractEnteredInto,
    DateOnly? AwardNoticeDeadline,
    bool Urgent,
    int Representations,
    DateOnly? FreshDecision,
    DateOnly? FurtherStandstillEnd);

/// <summary>The annual summary: counts by process, urgent awards, representations.</summary>
public sealed record PsrAnnualSummary(int Year, IReadOnlyDictionary<PsrProcess, int> ByProcess, int UrgentAwards, int Representations, double TotalLifetimeValue);

public static class PsrRecords
{
    /// <summary>Ranks bidders that pass basic selection by weighted key-criteria score (1 = best).</summary>
    public static IReadOnlyList<BidderEvaluation> Evaluate(IReadOnlyDictionary<string, double> weights, IEnumerable<Bidder> bidders)
    {
        var scored = bidders.Select(b => (b, failed: b.FailedBasicSelection,
            score: b.FailedBasicSelection.Count == 0 ? KeyCriteria.Score(weights, b.Scores) : (double?)null)).ToList();
        var ranked = scored.Where(s => s.score is not null).OrderByDescending(s => s.score).Select((s, i) => (s.b.Provider, Rank: i + 1))
            .ToDictionary(x => x.Provider, x => x.Rank);
        return [.. scored.Select(s => new BidderEvaluation(s.b.Provider, s.failed, s.score,
            ranked.TryGetValue(s.b.Provider, out var r) ? r : null))];
    }

    /// <summary>
    /// Fills in the dates the process implies: standstill end from the notice of intention (DA C, MSP, competitive),
    /// the further standstill after a fresh decision, and the award notice deadline for DA A and B.
    /// </summary>
    public static PsrRecord WithDates(PsrRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var standstill = r.Process is PsrProcess.DirectAwardA or PsrProcess.DirectAwardB;
        if (!standstill && r.NoticeOfIntention is null && !r.Urgent)
        {
            throw new ArgumentException($"{r.Process} needs a notice_of_intention date (standstill)");
        }
        return r with
        {
            StandstillEnd = standstill || r.NoticeOfIntention is null ? null : ProviderSelection.StandstillEnd(r.NoticeOfIntention.Value),
            FurtherStandstillEnd = r.FreshDecision is { } f ? ProviderSelection.FurtherStandstillEnd(f) : null,
            AwardNoticeDeadline = standstill && r.ContractEnteredInto is { } c ? ProviderSelection.AwardNoticeDeadline(c) : null,
        };
    }

    public static PsrAnnualSummary Summarise(int year, IEnumerable<PsrRecord> records)
    {
        var inYear = records.Where(r => r.DecisionDate.Year == year).ToList();
        return new PsrAnnualSummary(year,
            Enum.GetValues<PsrProcess>().ToDictionary(p => p, p => inYear.Count(r => r.Process == p)),
            inYear.Count(r => r.Urgent), inYear.Sum(r => r.Representations), inYear.Sum(r => r.LifetimeValue));
    }
}

/// <summary>
/// The route a case takes (`strata psr select`, the web's PSR form): the process chosen with its reasons and, when the
/// process has a standstill and the notice of intention is known, the standstill's last day.
/// </summary>
public sealed record PsrRoute(PsrProcess Process, bool Mandatory, bool NeedsStandstill, IReadOnlyList<string> Reasons,
    DateOnly? NoticeOfIntention, DateOnly? StandstillEnd)
{
    public static PsrRoute For(PsrCase c, DateOnly? noticeOfIntention)
    {
        var s = ProviderSelection.Select(c);
        return new PsrRoute(s.Process, s.Mandatory, s.NeedsStandstill, s.Reasons, noticeOfIntention,
            s.NeedsStandstill && noticeOfIntention is { } n ? ProviderSelection.StandstillEnd(n) : null);
    }
}

/// <summary>What an authority enters for a PSR record; the process and dates are derived from it.</summary>
public sealed record PsrRecordInput(
    string RecordId,
    string Service,
    string Provider,
    PsrCase Case,
    string DecisionMaker,
    DateOnly DecisionDate,
    double LifetimeValue,
    IReadOnlyList<ConflictOfInterest> Conflicts,
    IReadOnlyDictionary<string, double>? CriteriaWeights = null,
    IReadOnlyList<Bidder>? Bidders = null,
    DateOnly? NoticeOfIntention = null,
    DateOnly? ContractEnteredInto = null,
    bool Urgent = false,
    int Representations = 0,
    DateOnly? FreshDecision = null)
{
    /// <summary>The record: the process by the regulation's tests, bidders ranked, and the dates the process implies.</summary>
    public PsrRecord ToRecord()
    {
        if (string.IsNullOrWhiteSpace(RecordId) || string.IsNullOrWhiteSpace(Service) || string.IsNullOrWhiteSpace(Provider)
            || string.IsNullOrWhiteSpace(DecisionMaker))
        {
            throw new ArgumentException("a PSR record needs a record id, the service, the provider and the decision maker");
        }
        if (!double.IsFinite(LifetimeValue) || LifetimeValue < 0 || Representations < 0)
        {
            throw new ArgumentException("lifetime_value and representations must be ≥ 0");
        }
        // Input read from JSON may leave fields out: say which, rather than fail on a null.
        var selection = ProviderSelection.Select(Case ?? throw new ArgumentException("a PSR record needs the case's answers (case)"));
        var evaluations = Bidders is { Count: > 0 } b
            ? PsrRecords.Evaluate(CriteriaWeights ?? throw new ArgumentException("criteria_weights are needed to score bidders"), b)
            : [];
        return PsrRecords.WithDates(new PsrRecord(RecordId, Service, Provider, selection.Process, selection.Reasons, DecisionMaker, DecisionDate,
            LifetimeValue, CriteriaWeights, evaluations, Conflicts ?? [], NoticeOfIntention, null, ContractEnteredInto, null, Urgent, Representations, FreshDecision, null));
    }
}

using Strata.Domain.Deliver;

namespace Strata.Domain.Tests.Deliver;

public class ProviderSelectionTests
{
    // A case that qualifies for Direct Award C; each test flips the fact it is about.
    private static readonly PsrCase C = new(
        ExistingProviderOnlyCapable: false, PatientChoiceUnlimitedProviders: false, ExistingContractExpiring: true,
        ExistingProviderSatisfying: true, ExistingProviderLikelyToSatisfy: true,
        Change: new ValueChange(2_000_000, 2_400_000), CanIdentifyMostSuitableProvider: true);

    [Fact]
    public void Only_the_existing_provider_can_provide_is_direct_award_a_and_mandatory()
    {
        var s = ProviderSelection.Select(C with { ExistingProviderOnlyCapable = true, PatientChoiceUnlimitedProviders = true });
        Assert.Equal(PsrProcess.DirectAwardA, s.Process);
        Assert.True(s.Mandatory);
        Assert.False(s.NeedsStandstill);
    }

    [Fact]
    public void Unlimited_patient_choice_is_direct_award_b() =>
        Assert.Equal(PsrProcess.DirectAwardB, ProviderSelection.Select(C with { PatientChoiceUnlimitedProviders = true }).Process);

    [Fact]
    public void Expiring_contract_without_considerable_change_and_a_satisfying_provider_is_direct_award_c()
    {
        var s = ProviderSelection.Select(C);
        Assert.Equal(PsrProcess.DirectAwardC, s.Process);
        Assert.True(s.NeedsStandstill);
        Assert.Equal(3, s.Reasons.Count);
    }

    [Theory]
    [InlineData(2_000_000, 2_500_000, true)]   // exactly £500,000 and exactly 25%: considerable
    [InlineData(2_000_000, 2_499_999, false)]  // just under both
    [InlineData(1_000_000, 1_250_000, false)]  // 25% but only £250,000
    [InlineData(3_000_000, 3_500_000, false)]  // £500,000 but 16.7%
    [InlineData(1_000_000, 1_600_000, true)]
    public void Considerable_change_needs_both_500k_and_25_percent(double current, double proposed, bool considerable)
    {
        Assert.Equal(considerable, new ValueChange(current, proposed).IsConsiderable);
        var s = ProviderSelection.Select(C with { Change = new ValueChange(current, proposed) });
        Assert.Equal(considerable ? PsrProcess.MostSuitableProvider : PsrProcess.DirectAwardC, s.Process);
    }

    [Fact]
    public void Materially_different_in_character_is_a_considerable_change_whatever_the_value() =>
        Assert.True(new ValueChange(1_000_000, 1_000_000, MateriallyDifferentInCharacter: true).IsConsiderable);

    [Fact]
    public void A_provider_not_satisfying_the_contract_rules_out_direct_award_c()
    {
        var s = ProviderSelection.Select(C with { ExistingProviderSatisfying = false });
        Assert.Equal(PsrProcess.MostSuitableProvider, s.Process);
        Assert.Contains(s.Reasons, r => r.Contains("not satisfying", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_an_identifiable_most_suitable_provider_the_process_is_competitive() =>
        Assert.Equal(PsrProcess.Competitive, ProviderSelection.Select(C with { ExistingContractExpiring = false, CanIdentifyMostSuitableProvider = false }).Process);

    [Theory]
    [InlineData(2_000_000, 2_400_000, ModificationOutcome.Permitted)]                          // £400k, 20%
    [InlineData(1_000_000, 1_400_000, ModificationOutcome.Permitted)]                          // 40% but below £500k
    [InlineData(4_000_000, 4_600_000, ModificationOutcome.PermittedWithTransparencyNotice)]    // £600k but 15%
    [InlineData(2_000_000, 2_500_000, ModificationOutcome.NewProcessRequired)]                 // exactly £500k and 25%
    public void Modifications_follow_the_500k_and_25_percent_rule(double current, double proposed, ModificationOutcome expected) =>
        Assert.Equal(expected, Modifications.Assess(new ValueChange(current, proposed)).Outcome);

    [Fact]
    public void Key_criteria_score_is_the_weighted_mean()
    {
        var weights = new Dictionary<string, double>
        {
            ["quality_and_innovation"] = 30, ["value"] = 20, ["integration_collaboration_sustainability"] = 20,
            ["access_inequalities_choice"] = 20, ["social_value"] = 10,
        };
        var scores = new Dictionary<string, double>
        {
            ["quality_and_innovation"] = 4, ["value"] = 3, ["integration_collaboration_sustainability"] = 5,
            ["access_inequalities_choice"] = 2, ["social_value"] = 1,
        };
        Assert.Equal(3.3, KeyCriteria.Score(weights, scores), 12);
        var pass = KeyCriteria.BasicSelection.ToDictionary(k => k, _ => true);
        var evals = PsrRecords.Evaluate(weights, [
            new Bidder("P1", pass, scores),
            new Bidder("P2", pass, scores.ToDictionary(kv => kv.Key, _ => 4.0)),
            new Bidder("P3", new Dictionary<string, bool>(pass) { ["suitability"] = false }, scores),
        ]).ToDictionary(e => e.Provider);
        Assert.Equal(1, evals["P2"].Rank);
        Assert.Equal(2, evals["P1"].Rank);
        Assert.Null(evals["P3"].Rank);
        Assert.Equal(["suitability"], evals["P3"].FailedBasicSelection);
    }

    private static PsrRecord Record(PsrProcess p, DateOnly? notice, DateOnly? entered) => new("r", "s", "p", p, [], "board", new(2025, 4, 1), 100,
        null, [], [], notice, null, entered, null, false, 0, null, null);

    [Fact]
    public void A_direct_award_a_record_gets_an_award_notice_deadline_and_no_standstill()
    {
        var r = PsrRecords.WithDates(Record(PsrProcess.DirectAwardA, null, new(2025, 4, 17)));
        Assert.Equal(new DateOnly(2025, 5, 17), r.AwardNoticeDeadline);
        Assert.Null(r.StandstillEnd);
    }

    [Fact]
    public void A_direct_award_c_record_needs_a_notice_of_intention()
    {
        Assert.Throws<ArgumentException>(() => PsrRecords.WithDates(Record(PsrProcess.DirectAwardC, null, null)));
        Assert.Equal(new DateOnly(2025, 5, 1), PsrRecords.WithDates(Record(PsrProcess.DirectAwardC, new(2025, 4, 17), null)).StandstillEnd);
    }

    [Fact]
    public void Annual_summary_counts_by_process_urgent_awards_and_representations()
    {
        PsrRecord R(PsrProcess p, DateOnly on, bool urgent, int reps) => new("r", "s", "p", p, [], "board", on, 100, null, [], [],
            null, null, null, null, urgent, reps, null, null);
        var s = PsrRecords.Summarise(2025, [
            R(PsrProcess.DirectAwardC, new(2025, 3, 1), false, 1), R(PsrProcess.DirectAwardC, new(2025, 6, 1), true, 0),
            R(PsrProcess.Competitive, new(2025, 7, 1), false, 2), R(PsrProcess.Competitive, new(2024, 7, 1), false, 5),
        ]);
        Assert.Equal(2, s.ByProcess[PsrProcess.DirectAwardC]);
        Assert.Equal(1, s.ByProcess[PsrProcess.Competitive]);
        Assert.Equal(0, s.ByProcess[PsrProcess.DirectAwardA]);
        Assert.Equal(1, s.UrgentAwards);
        Assert.Equal(3, s.Representations);
    }
}

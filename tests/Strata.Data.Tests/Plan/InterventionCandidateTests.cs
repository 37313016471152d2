using Strata.Data.Plan;
using Strata.Data.Tests.Understand;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Tests.Plan;

/// <summary>
/// An opportunity becomes an intervention candidate carrying its evidence; the panel's judgements are stored with who,
/// when and why, pooled into the effect the scenario uses; and the opportunity's month-by-month series for its SPC chart.
/// </summary>
public class InterventionCandidateTests
{
    private static readonly DateOnly D = new(2025, 3, 31);

    private static OpportunityDefinition Def(string id) => OpportunityFiles.Library.Single(d => d.Id == id);

    /// <summary>Chronic ACSC admissions: three at practice P1 (five people), one at P2 (five people).</summary>
    private static World Acsc()
    {
        var w = new World();
        foreach (var (id, practice) in new[] { ("a", "P1"), ("b", "P1"), ("c", "P1"), ("d", "P1"), ("e", "P1"), ("f", "P2"), ("g", "P2"), ("h", "P2"), ("i", "P2"), ("j", "P2") })
        {
            w.Person(id, practice: practice);
        }
        return w.Activity("a", "emergency_admission", "2024-06-01", "J440", "2024-06-03", 2000m)
            .Activity("b", "emergency_admission", "2024-07-01", "J440", "2024-07-02", 2000m)
            .Activity("c", "emergency_admission", "2024-08-01", "I509", "2024-08-05", 2000m)
            .Activity("f", "emergency_admission", "2024-09-01", "J440", "2024-09-02", 2000m);
    }

    private static Elicitation Judge(string expert, double low, double mode, double high, Assumption assumption = Assumption.Effect) =>
        new(assumption, expert, new DateOnly(2025, 5, 1), low, mode, high, $"{expert}'s reading of the trials", ["https://example.org/" + expert]);

    [Fact]
    public void A_candidate_made_from_an_opportunity_carries_its_source_and_the_data_interval_until_the_panel_judges_it()
    {
        using var w = Acsc();
        var result = OpportunityLibrary.Compute(w.Ws.Engine, Def("acsc_chronic"), OpportunityLevel.Practice, D);
        var c = InterventionCandidates.Make(w.Ws.Engine, result, DisclosurePolicy.Off, "ann");
        Assert.Equal("opp-acsc_chronic", c.Id);
        Assert.Equal("ann", c.CreatedBy);
        Assert.Empty(c.Judgements);
        Assert.Null(c.PooledEffect);
        // P1 has 3 events against P2's 1 in the same age-sex mix: E = 2 each, O/E 1.5 and 0.5, median 1.0; the prize at
        // the median is P1's excess 3 − 2 = 1 of the 4 admissions of the target ages (everyone): 0.25.
        Assert.Equal(0.25, c.Intervention.Effect.Size.Lo, 4);
        Assert.Equal("acsc_chronic", c.Intervention.Provenance!.Opportunity!.Id);
        Assert.Equal(D, c.Intervention.Provenance.Opportunity.ReferenceDate);
        Assert.Contains(Def("acsc_chronic").Source.Url, c.Intervention.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judgements_are_stored_with_who_when_and_why_and_the_effect_becomes_their_pool()
    {
        using var w = Acsc();
        var result = OpportunityLibrary.Compute(w.Ws.Engine, Def("acsc_chronic"), OpportunityLevel.Practice, D);
        InterventionCandidates.Make(w.Ws.Engine, result, DisclosurePolicy.Off, "ann");
        InterventionCandidates.Elicit(w.Ws.Engine, "opp-acsc_chronic", Judge("Dr Ames", 0.05, 0.10, 0.20), "ann");
        var c = InterventionCandidates.Elicit(w.Ws.Engine, "opp-acsc_chronic", Judge("Ms Brook", 0.10, 0.15, 0.30), "pat");

        Assert.Equal(["Dr Ames", "Ms Brook"], c.Judgements.Select(j => j.Expert));
        var pooled = OpinionPool.Pool([Judge("Dr Ames", 0.05, 0.10, 0.20), Judge("Ms Brook", 0.10, 0.15, 0.30)]);
        Assert.Equal(pooled, c.PooledEffect);
        Assert.Equal(pooled, c.Intervention.Effect.Size);
        Assert.Null(c.PooledReach);
        Assert.Equal(2, c.Intervention.Provenance!.Elicitations.Count);
        Assert.Equal(["https://example.org/Ms Brook"], c.Intervention.Provenance.Elicitations[1].Evidence);
        // The file as written parses the same way anywhere (the CLI's intervention files).
        Assert.Equal(pooled, InterventionFiles.Parse(JsonInput.Parse("x.json", c.Json)).Effect.Size);
        // Made again with newer figures: a new version, the judgements stay.
        var again = InterventionCandidates.Make(w.Ws.Engine, result, DisclosurePolicy.Off, "ann");
        Assert.Equal(2, again.Judgements.Count);
        Assert.Equal(2, Strata.Data.Deliver.DeliverRecords.History(w.Ws.Engine, InterventionCandidates.CandidateType, "opp-acsc_chronic").Count);
    }

    [Fact]
    public void A_judgement_with_its_mode_outside_its_range_or_no_rationale_is_refused_naming_the_field()
    {
        using var w = Acsc();
        InterventionCandidates.Make(w.Ws.Engine, OpportunityLibrary.Compute(w.Ws.Engine, Def("acsc_chronic"), OpportunityLevel.Practice, D), DisclosurePolicy.Off, "ann");
        var mode = Assert.Throws<StrataValidationException>(() => InterventionCandidates.Elicit(w.Ws.Engine, "opp-acsc_chronic", Judge("X", 0.1, 0.5, 0.3), "ann"));
        Assert.Equal("mode", mode.Field);
        var why = Assert.Throws<StrataValidationException>(() =>
            InterventionCandidates.Elicit(w.Ws.Engine, "opp-acsc_chronic", Judge("X", 0.1, 0.2, 0.3) with { Rationale = " " }, "ann"));
        Assert.Equal("rationale", why.Field);
        var none = Assert.Throws<StrataValidationException>(() => InterventionCandidates.Elicit(w.Ws.Engine, "opp-nothing", Judge("X", 0.1, 0.2, 0.3), "ann"));
        Assert.Equal("candidate", none.Field);
        Assert.Empty(InterventionCandidates.Current(w.Ws.Engine).Single().Judgements);
    }

    [Fact]
    public void A_month_counts_that_months_events_of_people_who_qualify_over_the_year_ending_then()
    {
        using var w = new World().Person("five");
        foreach (var day in new[] { "2024-05-01", "2024-06-01", "2024-07-01", "2024-08-01", "2024-09-01" })
        {
            w.Activity("five", "ae_attendance", day);
        }
        var frequent = Def("ae_frequent_attenders");
        long Month(int year, int month) => OpportunityLibrary.Cells(w.Ws.Engine, frequent, OpportunityLevel.Icb,
            new DateOnly(year, month, 1).AddMonths(1).AddDays(-1), months: 1).Sum(c => c.Events);
        // Four attendances in the year to August: not yet a frequent attender. September's is the fifth.
        Assert.Equal(0, Month(2024, 8));
        Assert.Equal(1, Month(2024, 9));
        Assert.Equal(0, Month(2024, 10));
        // The 12-month window is the default: all five.
        Assert.Equal(5, OpportunityLibrary.Cells(w.Ws.Engine, frequent, OpportunityLevel.Icb, new DateOnly(2024, 9, 30)).Sum(c => c.Events));
    }

    [Fact]
    public void The_monthly_series_starts_at_the_first_whole_month_whose_year_lies_in_the_data()
    {
        using var w = Acsc().Activity("g", "gp_appointment", "2023-06-15").Activity("g", "gp_appointment", "2025-03-31");
        var months = OpportunityLibrary.Monthly(w.Ws.Engine, Def("acsc_chronic"));
        Assert.Equal(new DateOnly(2024, 6, 30), months[0].MonthEnding);
        Assert.Equal(new DateOnly(2025, 3, 31), months[^1].MonthEnding);
        Assert.Equal(10, months.Count);
        Assert.Equal(4, months.Sum(m => m.Events));
        Assert.Equal(1, months.Single(m => m.MonthEnding == new DateOnly(2024, 8, 31)).Events);
        Assert.All(months, m => Assert.Equal(10, m.Base));
    }
}

using Strata.Domain.Plan;
using static Strata.Domain.Tests.Plan.PlanFixtures;

namespace Strata.Domain.Tests.Plan;

/// <summary>Building a scenario from the intervention library: which interventions, in what order, with what changed.</summary>
public sealed class InterventionChoiceTests
{
    private static readonly IReadOnlyList<Intervention> Library =
    [
        Avoid("hubs", 0.10, 0.30, fixedCost: 450_000, perPerson: 180, reach: new Interval80(0.4, 0.7)),
        Avoid("rehab", 0.05, 0.15),
        Avoid("mdt", 0.20, 0.40, start: 2),
    ];

    [Fact]
    public void Chosen_interventions_keep_library_order_whatever_order_they_are_chosen_in()
    {
        var chosen = InterventionChoice.Apply(Library, [new("mdt"), new("hubs")], years: 5);
        Assert.Equal(["hubs", "mdt"], chosen.Select(i => i.Id));
    }

    [Fact]
    public void An_unchanged_choice_is_the_library_intervention_itself()
    {
        var chosen = InterventionChoice.Apply(Library, [new("hubs", Effect: new Interval80(0.10, 0.30), StartYear: 1)], years: 5);
        Assert.Same(Library[0], chosen[0]);
    }

    [Fact]
    public void Changed_assumptions_replace_the_library_values_and_are_written_into_the_version()
    {
        var c = InterventionChoice.Apply(Library,
            [new("hubs", Reach: new Interval80(0.5, 0.8), StartYear: 2, FixedCostPerYear: 300_000)], years: 5)[0];
        Assert.Equal(new Interval80(0.5, 0.8), c.Reach);
        Assert.Equal(new Interval80(0.10, 0.30), c.Effect.Size);
        Assert.Equal(2, c.StartYear);
        Assert.Equal(300_000, c.FixedCostPerYear);
        Assert.Equal(180, c.CostPerPersonReached);
        Assert.Equal("1+edited:reach=0.5-0.8;start_year=2;fixed_per_year=300000", c.Version);
        Assert.Equal(EffectKind.Avoid, c.Effect.Kind);
    }

    [Theory]
    [InlineData(-0.1, 0.2)]
    [InlineData(0.3, 0.2)]
    [InlineData(0.5, 1.2)]
    public void An_effect_that_is_not_a_proportion_interval_is_refused_naming_the_intervention(double lo, double hi)
    {
        var e = Assert.Throws<ArgumentException>(() => InterventionChoice.Apply(Library, [new("rehab", Effect: new Interval80(lo, hi))], 5));
        Assert.StartsWith("rehab: effect must be", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_start_year_beyond_the_scenario_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => InterventionChoice.Apply(Library, [new("mdt")], years: 1));
        Assert.StartsWith("mdt: start year 2 is outside the scenario's years 1 to 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_cost_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => InterventionChoice.Apply(Library, [new("hubs", CostPerPersonReached: -1)], 5));
        Assert.StartsWith("hubs: per_person_reached must be £0 or more", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_duplicate_or_no_choices_are_refused()
    {
        Assert.Contains("No intervention 'nope' in the library; it has hubs, rehab, mdt",
            Assert.Throws<ArgumentException>(() => InterventionChoice.Apply(Library, [new("nope")], 5)).Message, StringComparison.Ordinal);
        Assert.Contains("chosen twice", Assert.Throws<ArgumentException>(() => InterventionChoice.Apply(Library, [new("hubs"), new("hubs")], 5)).Message,
            StringComparison.Ordinal);
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => InterventionChoice.Apply(Library, [], 5)).Message, StringComparison.Ordinal);
    }
}

namespace Strata.Domain.Plan;

/// <summary>What a waterfall bar is: the start level, one intervention's contribution, the overlap, or the end level.</summary>
public enum WaterfallKind
{
    Baseline,
    Intervention,
    Interaction,
    Scenario,
}

/// <summary>One bar: its change and the level it runs from and to (From = To - Change; levels for Baseline and Scenario bars).</summary>
public sealed record WaterfallBar(string Label, WaterfallKind Kind, double Change, double From, double To);

/// <summary>
/// The step decomposition of a scenario's cost in one year as a waterfall: baseline cost, each intervention's step in
/// the order applied, the interaction (overlap) and the scenario cost. The interaction is the change not carried by the
/// steps (scenario − baseline − Σ steps), as <see cref="Decomposition"/> defines it, so the bars sum exactly to the scenario.
/// </summary>
public sealed record CostWaterfall(int Year, IReadOnlyList<WaterfallBar> Bars)
{
    public const string InteractionLabel = "interaction";

    public static CostWaterfall Of(int year, string baselineLabel, double baseline, IReadOnlyList<Step> steps, string scenarioLabel, double scenario)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var bars = new List<WaterfallBar> { new(baselineLabel, WaterfallKind.Baseline, baseline, 0, baseline) };
        var level = baseline;
        void Add(string label, WaterfallKind kind, double change)
        {
            bars.Add(new WaterfallBar(label, kind, change, level, level + change));
            level += change;
        }
        foreach (var step in steps)
        {
            Add(step.Intervention, WaterfallKind.Intervention, step.Value);
        }
        Add(InteractionLabel, WaterfallKind.Interaction, scenario - baseline - steps.Sum(s => s.Value));
        bars.Add(new WaterfallBar(scenarioLabel, WaterfallKind.Scenario, scenario, 0, scenario));
        return new CostWaterfall(year, bars);
    }
}

using System.Globalization;
using Strata.Data.Engine;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;

namespace Strata.Data.Deliver;

/// <summary>
/// Decommissioning assessments: criteria scored with evidence, the equality impact by IMD quintile read from the
/// workspace, and costs — the one way the CLI (`strata decommission assess`) and the web assess and record them.
/// </summary>
public static class DecommissioningLog
{
    public const string RecordType = "decommissioning_assessment";

    /// <summary>
    /// Assesses (equality impact at <paramref name="at"/>, disclosure-controlled, over the whole ICB or the population of
    /// one place or neighbourhood) and appends the assessment.
    /// </summary>
    public static (DecommissioningAssessment Assessment, StoredRecord Stored) Assess(IEngine engine, DecommissioningInput input,
        DecommissioningCosts costs, DateOnly at, DisclosurePolicy policy, string actor, string? place = null, string? neighbourhood = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrWhiteSpace(input.AssessmentId) || string.IsNullOrWhiteSpace(input.Service))
        {
            throw new ArgumentException("an assessment needs an id and the service it assesses");
        }
        var equality = EqualityImpactData.ByImdQuintile(engine, at, input.Settings, input.Provider, policy, place, neighbourhood);
        var a = Decommissioning.Assess(input.AssessmentId, input.Service, input.Settings, input.Criteria, costs, equality, input.Decision)
            with { Place = place, Neighbourhood = neighbourhood };
        return (a, DeliverRecords.Append(engine, RecordType, a.AssessmentId, actor, DeliverRecords.Serialise(a), area: DeliverRecords.Area(place, neighbourhood)));
    }

    /// <summary>The current version of every assessment.</summary>
    public static IReadOnlyList<DecommissioningAssessment> Current(IEngine engine) =>
        [.. DeliverRecords.Current(engine, RecordType).Select(r => DeliverRecords.Deserialise<DecommissioningAssessment>(r.Payload))];

    /// <summary>
    /// Stranded cost (avoided cost not yet released) and double running (cost while benefits have not yet come
    /// through) of one intervention or the portfolio of a scenario stored in the workspace (scenario_results), summed
    /// over its projection years (means over runs, as Plan stores them). Null when the scenario has no such figures.
    /// </summary>
    public static DecommissioningCosts? CostsFromScenario(IEngine engine, string scenarioId, string intervention)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!engine.TableExists("scenario_results"))
        {
            return null;
        }
        var q = engine.Dialect;
        var rows = engine.Query(
            $"""
             SELECT measure, sum(value), count(DISTINCT year) FROM scenario_results
             WHERE scenario_id = {q.Quote(scenarioId)} AND intervention = {q.Quote(intervention)} AND statistic = 'mean'
               AND measure IN ('stranded', 'double_running') AND year IS NOT NULL
             GROUP BY measure
             """,
            r => (Measure: r.GetString(0), Sum: r.IsDBNull(1) ? 0 : r.GetDouble(1), Years: Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture)));
        if (rows.Count == 0)
        {
            return null;
        }
        double Sum(string m) => rows.FirstOrDefault(r => r.Measure == m).Sum;
        var name = engine.Scalar<string>($"SELECT min(name) FROM scenario_runs WHERE scenario_id = {q.Quote(scenarioId)}");
        return new DecommissioningCosts(Sum("stranded"), Sum("double_running"),
            string.Create(CultureInfo.InvariantCulture, $"scenario '{name}' ({scenarioId}), {intervention}, years 1-{rows.Max(r => r.Years)}"));
    }

    /// <summary>
    /// The costs of <paramref name="intervention"/> (default the portfolio) from the newest stored scenario that has
    /// them; null when no scenario has been stored with financials.
    /// </summary>
    public static DecommissioningCosts? LatestScenarioCosts(IEngine engine, string intervention)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!engine.TableExists("scenario_runs") || !engine.TableExists("scenario_results"))
        {
            return null;
        }
        var id = engine.Scalar<string>(
            $"""
             SELECT r.scenario_id FROM scenario_runs r
             WHERE EXISTS (SELECT 1 FROM scenario_results s WHERE s.scenario_id = r.scenario_id AND s.measure = 'stranded'
                           AND s.intervention = {engine.Dialect.Quote(intervention)})
             ORDER BY r.created_at DESC, r.scenario_id LIMIT 1
             """);
        return id is null ? null : CostsFromScenario(engine, id, intervention);
    }
}

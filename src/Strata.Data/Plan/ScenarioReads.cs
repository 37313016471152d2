using System.Globalization;
using Strata.Data.Engine;

namespace Strata.Data.Plan;

/// <summary>One stored scenario run as listed (scenario_runs).</summary>
public sealed record ScenarioListing(string ScenarioId, string Name, string Kind, DateOnly ReferenceDate, int Runs, int Years, DateTime CreatedAt);

/// <summary>One percentile (p10, p50, p90) or the mean of one measure of one setting in one year.</summary>
public sealed record FanCell(int Year, string Statistic, double? Value);

/// <summary>A stored scenario with decommissioning financials (stranded cost) for an intervention or the portfolio.</summary>
public sealed record ScenarioCostPair(string ScenarioId, string Name, DateTime CreatedAt, string Intervention);

/// <summary>Reads of the stored scenarios (<see cref="ScenarioStore"/>'s tables) for the pages and API; empty when none is stored.</summary>
public static class ScenarioReads
{
    public const string RunsTable = "scenario_runs";
    public const string ResultsTable = "scenario_results";

    public static bool Any(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.TableExists(RunsTable);
    }

    /// <summary>Every stored scenario, newest first.</summary>
    public static IReadOnlyList<ScenarioListing> Runs(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.TableExists(RunsTable)
            ? engine.Query(
                $"SELECT scenario_id, name, kind, reference_date, runs, years, created_at FROM {RunsTable} ORDER BY created_at DESC, scenario_id",
                r => new ScenarioListing(r.GetString(0), r.GetString(1), r.GetString(2), DateOnly.FromDateTime(r.GetDateTime(3)),
                    Convert.ToInt32(r.GetValue(4), CultureInfo.InvariantCulture), Convert.ToInt32(r.GetValue(5), CultureInfo.InvariantCulture), r.GetDateTime(6)))
            : [];
    }

    /// <summary>Settings a scenario has whole-ICB results for by year.</summary>
    public static IReadOnlyList<string> Settings(IEngine engine, string scenarioId)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.TableExists(ResultsTable)
            ? engine.Query(
                $"SELECT DISTINCT setting FROM {ResultsTable} WHERE scenario_id = $1 AND setting IS NOT NULL AND provider IS NULL AND year IS NOT NULL ORDER BY setting",
                r => r.GetString(0), scenarioId)
            : [];
    }

    /// <summary>The p10, p50, p90 and mean of one measure (activity or cost) for one setting, by year (whole ICB, all interventions).</summary>
    public static IReadOnlyList<FanCell> Fan(IEngine engine, string scenarioId, string setting, string measure)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.TableExists(ResultsTable)
            ? engine.Query(
                $"""
                 SELECT year, statistic, value FROM {ResultsTable}
                 WHERE scenario_id = $1 AND setting = $2 AND provider IS NULL AND intervention IS NULL
                   AND measure = $3 AND statistic IN ('p10', 'p50', 'p90', 'mean') AND year IS NOT NULL
                 """,
                r => new FanCell(Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), r.GetString(1), r.IsDBNull(2) ? null : r.GetDouble(2)),
                scenarioId, setting, measure)
            : [];
    }

    /// <summary>Each stored scenario × intervention (or portfolio) that has a stranded cost.</summary>
    public static IReadOnlyList<ScenarioCostPair> CostPairs(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!engine.TableExists(RunsTable) || !engine.TableExists(ResultsTable))
        {
            return [];
        }
        return engine.Query(
            $"""
             SELECT r.scenario_id, min(r.name), min(r.created_at), s.intervention FROM {RunsTable} r
             JOIN {ResultsTable} s ON s.scenario_id = r.scenario_id AND s.measure = 'stranded' AND s.intervention IS NOT NULL
             GROUP BY r.scenario_id, s.intervention
             """,
            x => new ScenarioCostPair(x.GetString(0), x.GetString(1), x.GetDateTime(2), x.GetString(3)));
    }
}

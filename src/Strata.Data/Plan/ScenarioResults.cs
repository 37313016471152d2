using System.Globalization;
using Strata.Data.Engine;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Plan;

/// <summary>A stored scenario run (scenario_runs): what was run, over how many runs and years.</summary>
public sealed record StoredScenario(string ScenarioId, string Kind, string Name, DateOnly ReferenceDate, int Runs, int Years, IReadOnlyList<string> Interventions,
    string? Seed = null);

/// <summary>
/// Reads stored scenarios back from scenario_runs / scenario_results (as <see cref="ScenarioStore"/> writes them) into
/// the Plan stage's comparison and waterfall, so the CLI and the web compare stored runs the same way.
/// </summary>
public static class ScenarioResults
{
    public static StoredScenario Find(IEngine engine, string scenarioId)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var q = engine.Dialect;
        var found = engine.TableExists("scenario_runs")
            ? engine.Query($"SELECT scenario_id, kind, name, reference_date, runs, years, interventions, seed FROM scenario_runs WHERE scenario_id = {q.Quote(scenarioId)}",
                r => new StoredScenario(r.GetString(0), r.GetString(1), r.GetString(2), DateOnly.FromDateTime(r.GetDateTime(3)),
                    Convert.ToInt32(r.GetValue(4), CultureInfo.InvariantCulture), Convert.ToInt32(r.GetValue(5), CultureInfo.InvariantCulture),
                    r.GetString(6).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    r.IsDBNull(7) ? null : Convert.ToString(r.GetValue(7), CultureInfo.InvariantCulture)))
            : [];
        return found.Count == 1 ? found[0] : throw new ArgumentException($"No stored scenario '{scenarioId}'.", nameof(scenarioId));
    }

    /// <summary>The portfolio figures of one stored scenario, equal to <see cref="ScenarioComparison.Of"/> on the report that was stored.</summary>
    public static ScenarioComparison Comparison(IEngine engine, string scenarioId)
    {
        var run = Find(engine, scenarioId);
        var v = Values(engine, scenarioId);
        var portfolio = ScenarioReport.Portfolio;
        var horizon = v.Where(x => x.Year is null && x.Setting is not null && x.Measure == "horizon_avoided").Select(x => x.Setting!).Distinct()
            .OrderBy(s => Vocabulary.Settings.Contains(s) ? Vocabulary.Settings.TakeWhile(k => k != s).Count() : int.MaxValue).ThenBy(s => s, StringComparer.Ordinal)
            .Select(s => new SettingHorizon(s, Counts(v, null, s, null, "horizon_avoided"), Money(v, run, null, s, null, "horizon_cost_avoided")))
            .ToList();
        return new ScenarioComparison(run.Name, run.ScenarioId, run.Interventions, run.Years, run.Runs,
            Money(v, run, null, null, portfolio, "npv"), Get(v, null, null, portfolio, "roi", "mean"),
            Get(v, null, null, portfolio, "payback_year", "mean") is { } payback ? (int)payback : null,
            Required(v, run, null, null, portfolio, "discounted_cost", "mean"), Required(v, run, null, null, portfolio, "discounted_gross", "mean"),
            horizon, Money(v, run, run.Years, null, null, "total_cost"),
            [.. Enumerable.Range(1, run.Years).Select(y => Required(v, run, y, null, portfolio, "net_cost", "mean"))], run.Seed);
    }

    /// <summary>
    /// The cost waterfall of one stored scenario in one year (default the last): mean baseline cost, each intervention's
    /// mean step in the order applied, the interaction and the mean scenario cost.
    /// </summary>
    public static CostWaterfall Waterfall(IEngine engine, string scenarioId, int? year = null)
    {
        var run = Find(engine, scenarioId);
        var y = year ?? run.Years;
        if (y < 1 || y > run.Years)
        {
            throw new ArgumentException($"Year {y} is outside scenario '{run.Name}' (years 1 to {run.Years}).", nameof(year));
        }
        var v = Values(engine, scenarioId);
        var order = run.Interventions.Select(i => i.Split('@')[0]).ToList();
        var steps = v.Where(x => x.Year == y && x.Measure == "step:cost" && x.Statistic == "mean" && x.Intervention is not null)
            .OrderBy(x => order.IndexOf(x.Intervention!) is var i && i < 0 ? int.MaxValue : i).ThenBy(x => x.Intervention, StringComparer.Ordinal)
            .Select(x => new Step(x.Intervention!, x.Value ?? 0)).ToList();
        return CostWaterfall.Of(y, "baseline", Required(v, run, y, null, null, "total_baseline_cost", "mean"), steps,
            "scenario", Required(v, run, y, null, null, "total_cost", "mean"));
    }

    private sealed record Cell(int? Year, string? Setting, string? Intervention, string Measure, string Statistic, double? Value);

    private static IReadOnlyList<Cell> Values(IEngine engine, string scenarioId) =>
        engine.Query($"""
            SELECT year, setting, intervention, measure, statistic, value FROM scenario_results
            WHERE scenario_id = {engine.Dialect.Quote(scenarioId)} AND provider IS NULL
            """,
            r => new Cell(r.IsDBNull(0) ? null : Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), r.IsDBNull(1) ? null : r.GetString(1),
                r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetDouble(5)));

    private static double? Get(IReadOnlyList<Cell> values, int? year, string? setting, string? intervention, string measure, string statistic) =>
        values.FirstOrDefault(x => x.Year == year && x.Setting == setting && x.Intervention == intervention && x.Measure == measure && x.Statistic == statistic)?.Value;

    private static double Required(IReadOnlyList<Cell> values, StoredScenario run, int? year, string? setting, string? intervention, string measure, string statistic) =>
        Get(values, year, setting, intervention, measure, statistic)
        ?? throw new InvalidOperationException($"Scenario '{run.Name}' ({run.ScenarioId}) has no stored {measure}"
            + (year is null ? "" : string.Create(CultureInfo.InvariantCulture, $" for year {year}"))
            + ": it was stored before comparisons were kept; run it again.");

    private static Summary Money(IReadOnlyList<Cell> values, StoredScenario run, int? year, string? setting, string? intervention, string measure) =>
        new(Required(values, run, year, setting, intervention, measure, "mean"), Required(values, run, year, setting, intervention, measure, "p10"),
            Required(values, run, year, setting, intervention, measure, "p50"), Required(values, run, year, setting, intervention, measure, "p90"));

    private static CountSummary Counts(IReadOnlyList<Cell> values, int? year, string setting, string? intervention, string measure)
    {
        long? C(string statistic) => Get(values, year, setting, intervention, measure, statistic) is { } d ? (long)d : null;
        return new CountSummary(C("mean"), C("p10"), C("p50"), C("p90"));
    }
}

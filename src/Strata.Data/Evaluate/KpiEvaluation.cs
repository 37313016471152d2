using System.Text.Json;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Evaluate;
using Strata.Domain.Foundation;

namespace Strata.Data.Evaluate;

/// <summary>One KPI's released results: a series with SPC per unit, ICB-wide equity and equity per unit.</summary>
public sealed record KpiOutcome(KpiDefinition Kpi, IReadOnlyList<KpiSeriesResult> Series, EquityGaps Equity, IReadOnlyDictionary<string, EquityGaps> UnitEquity)
{
    /// <summary>KPI-wide warnings, such as periods left out because the data only partly cover them.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>ICB-wide inequalities over the window by IMD quintile, Core20, ethnicity and the coded PLUS groups.</summary>
    public IReadOnlyList<DimensionInequality> Inequalities { get; init; } = [];

    /// <summary>The unit's rate over the whole window (Σ released numerators / Σ released denominators), for benchmarking.</summary>
    public double? WindowRate(string unit)
    {
        var s = Series.FirstOrDefault(x => x.Unit == unit);
        if (s is null || s.Points.Any(p => p.Numerator is null || p.Denominator is null))
        {
            return null;
        }
        var den = s.Points.Sum(p => p.Denominator!.Value);
        return den > 0 ? s.Points.Sum(p => p.Numerator!.Value) / (double)den * Kpi.Per : null;
    }
}

/// <summary>One period of a stored KPI series: raw counts, not yet disclosure-controlled.</summary>
public sealed record KpiPeriodCounts(DateOnly Period, long Numerator, long Denominator);

public sealed record KpiRun(string RunId, string DefinitionsVersion, KpiLevel Level, IReadOnlyList<KpiOutcome> Kpis, string Disclosure);

/// <summary>
/// Computes every KPI of a definitions set over the workspace's complete periods: counts in the engine (split by
/// IMD quintile once, summed for the series), raw counts kept in evaluate_kpi_series with the run's provenance,
/// and only released figures (DisclosurePolicy) returned.
/// </summary>
public static class KpiEvaluation
{
    public const string Table = "evaluate_kpi_series";

    /// <summary>The KPIs stored for one unit: the ICB (no area), a place, or a neighbourhood (the narrowest area named).</summary>
    public static IReadOnlyList<string> Stored(IEngine engine, AreaFilter unit)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!engine.TableExists(Table))
        {
            return [];
        }
        var parameters = new List<object?>();
        return engine.Query($"SELECT DISTINCT kpi FROM {Table} WHERE {UnitPredicate(unit, parameters)} ORDER BY kpi", r => r.GetString(0), [.. parameters]);
    }

    /// <summary>The latest run's raw counts of one KPI for one unit by period, summed over IMD quintiles (to be released by the caller).</summary>
    public static IReadOnlyList<KpiPeriodCounts> StoredSeries(IEngine engine, string kpi, AreaFilter unit)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var parameters = new List<object?> { kpi };
        var where = $"kpi = $1 AND {UnitPredicate(unit, parameters)}";
        return engine.Query(
            $"""
             SELECT period_start, CAST(sum(numerator) AS BIGINT), CAST(sum(denominator) AS BIGINT) FROM {Table}
             WHERE {where}
               AND run_id = (SELECT s.run_id FROM strata_runs s WHERE s.run_id IN (SELECT run_id FROM {Table} WHERE {where})
                             ORDER BY s.created_at DESC LIMIT 1)
             GROUP BY period_start ORDER BY period_start
             """,
            r => new KpiPeriodCounts(DateOnly.FromDateTime(r.GetDateTime(0)), r.GetInt64(1), r.GetInt64(2)), [.. parameters]);
    }

    private static string UnitPredicate(AreaFilter unit, List<object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var (level, code) = unit.Neighbourhood is { } n ? ("neighbourhood", n) : unit.Place is { } p ? ("place", p) : ("icb", (string?)null);
        parameters.Add(level);
        var levelCondition = $"level = ${parameters.Count}";
        if (code is null)
        {
            return levelCondition;
        }
        parameters.Add(code);
        return $"{levelCondition} AND unit = ${parameters.Count}";
    }

    public static KpiRun Run(IEngine engine, KpiSet set, KpiLevel level, DisclosurePolicy policy, Action<double, string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(policy);
        var window = KpiSeries.ActivityWindow(engine) ?? throw new InvalidOperationException("The workspace has no activity: import data first.");
        engine.CreateTable(Tables.KpiSeries);
        var parameters = JsonSerializer.Serialize(new { definitions = set.Version, level = level.ToString().ToLowerInvariant() });
        var runId = RunLog.Record(engine, "evaluate.kpi", KpiSeries.RuleVersion, window.Last, parameters);
        var outcomes = new List<KpiOutcome>();
        for (var i = 0; i < set.Kpis.Count; i++)
        {
            var kpi = set.Kpis[i];
            progress?.Invoke(i / (double)set.Kpis.Count, kpi.Name);
            // From the period holding the first activity to the last period complete by the last activity date.
            var periods = KpiPeriods.Between(KpiPeriods.StartOf(window.First, kpi.Period), window.Last, kpi.Period);
            var warnings = new List<string>();
            if (kpi.Numerator.Kind == NumeratorKind.BedDays)
            {
                var partial = BedDayCompleteness.PartialPeriods(KpiSeries.OpenSpells(engine, kpi, periods, window.Last));
                if (partial.Count > 0)
                {
                    periods = [.. periods.Where(p => !partial.Contains(p.Start))];
                    warnings.Add(BedDayCompleteness.Warning(partial, window.Last));
                }
            }
            var cells = KpiSeries.Compute(engine, kpi, level, periods, byQuintile: true);
            using (var a = engine.Append(Table))
            {
                foreach (var c in cells)
                {
                    a.Row(runId, set.Version, KpiSeries.RuleVersion, kpi.Name, level.ToString().ToLowerInvariant(), c.Unit, c.PeriodStart, c.Quintile, c.Numerator, c.Denominator);
                }
            }
            var series = cells.GroupBy(c => c.Unit)
                .Select(u => KpiRelease.Analyse(u.Key, kpi,
                    [.. u.GroupBy(c => c.PeriodStart).Select(p => new KpiCount(p.Key, p.Sum(c => c.Numerator), p.Sum(c => c.Denominator)))], policy))
                .ToList();
            // Provider rows repeat the ICB population per provider: ICB-wide equity takes one unit's denominators.
            var icbCells = level == KpiLevel.Provider ? ProviderIcbCells(cells) : cells;
            var equity = Equity.Gaps([.. icbCells.Select(c => (c.Quintile, c.Numerator, c.Denominator))], kpi.Per, policy);
            var unitEquity = cells.GroupBy(c => c.Unit).ToDictionary(u => u.Key,
                u => Equity.Gaps([.. u.Select(c => (c.Quintile, c.Numerator, c.Denominator))], kpi.Per, policy), StringComparer.Ordinal);
            IEnumerable<(string, long, long)> Quintiles() => icbCells.Select(c => (c.Quintile.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Numerator, c.Denominator));
            var inequalities = Enum.GetValues<InequalityDimension>().Select(dim => GroupInequality.Of(dim,
                dim == InequalityDimension.ImdQuintile
                    ? [.. Quintiles()]
                    : [.. KpiSeries.ComputeByGroup(engine, kpi, KpiLevel.Icb, periods, dim).Select(c => (c.Group, c.Numerator, c.Denominator))],
                kpi.Per, policy)).ToList();
            outcomes.Add(new KpiOutcome(kpi, series, equity, unitEquity) { Warnings = warnings, Inequalities = inequalities });
        }
        progress?.Invoke(1, "done");
        return new KpiRun(runId, set.Version, level, outcomes, policy.Statement);
    }

    private static IEnumerable<KpiCell> ProviderIcbCells(IReadOnlyList<KpiCell> cells)
    {
        var denominators = cells.GroupBy(c => (c.PeriodStart, c.Quintile)).ToDictionary(g => g.Key, g => g.First().Denominator);
        return cells.GroupBy(c => (c.PeriodStart, c.Quintile))
            .Select(g => new KpiCell("icb", g.Key.PeriodStart, g.Key.Quintile, g.Sum(c => c.Numerator), denominators[g.Key]));
    }

    /// <summary>
    /// Benchmark inputs from a KPI run: each unit's window rate per KPI (outcome) and |SII| per KPI (equity, lower
    /// better). A metric suppressed for some unit cannot rank all peers, so it is left out and named in Dropped.
    /// </summary>
    public static (IReadOnlyList<MetricValue> Values, IReadOnlyList<string> Dropped) Metrics(KpiRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var list = new List<MetricValue>();
        foreach (var o in run.Kpis.Where(o => o.Kpi.Improvement != Improvement.Neutral))
        {
            foreach (var s in o.Series)
            {
                if (o.WindowRate(s.Unit) is { } rate)
                {
                    list.Add(new MetricValue(s.Unit, o.Kpi.Name, rate, o.Kpi.Improvement == Improvement.Increase, "outcome"));
                }
                if (o.UnitEquity.TryGetValue(s.Unit, out var eq) && eq.SlopeIndex is { } sii)
                {
                    list.Add(new MetricValue(s.Unit, o.Kpi.Name + "_sii", Math.Abs(sii), false, "equity"));
                }
            }
        }
        var areas = list.Select(m => m.Area).Distinct().Count();
        var groups = list.GroupBy(m => m.Metric).ToList();
        return ([.. groups.Where(g => g.Count() == areas).SelectMany(g => g)], [.. groups.Where(g => g.Count() != areas).Select(g => g.Key)]);
    }
}

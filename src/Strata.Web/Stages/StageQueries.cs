using Strata.Domain.Reporting;
using System.Globalization;
using Strata.Data.Plan;
using Strata.Domain.Foundation;
using Strata.Web.Infrastructure;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Stages;

/// <summary>
/// Read-only views of the Plan stage's workspace tables (scenario_runs / scenario_results from ScenarioStore;
/// the Deliver stage's governance records are read by DecisionQueries). Scenario results are modelled for the whole ICB, so only
/// ICB-scope users see them: a place user would otherwise see figures beyond their population.
/// </summary>
public sealed class StageQueries(WorkspaceGate gate, DisclosurePolicy policy)
{
    public const string IcbOnly = "Scenario results are modelled for the whole ICB, so they are shown to ICB-scope users only.";

    public AggregateTable Scenarios(WebUser user) => gate.Use(engine =>
    {
        const string name = "scenarios";
        if (!user.Scope.IsIcbWide)
        {
            throw new ScopeForbiddenException(IcbOnly);
        }
        if (!ScenarioReads.Any(engine))
        {
            return AggregateTable.Missing(name, "Scenarios", user.Scope.Describe(),
                "No scenario has been run yet: run `strata scenario run` on this workspace.", policy.Statement);
        }
        var rows = ScenarioReads.Runs(engine).Select(r => new object?[]
        {
            r.ScenarioId, r.Name, r.Kind, ReferenceDate.Text(r.ReferenceDate),
            r.Runs.ToString(CultureInfo.InvariantCulture), r.Years.ToString(CultureInfo.InvariantCulture), NhsFormat.Timestamp(r.CreatedAt),
        }).ToList();
        return new AggregateTable(name, "Scenarios", user.Scope.Describe(), null,
            [
                new("scenario_id", "Scenario id", ColumnKind.Text), new("name", "Name", ColumnKind.Text), new("kind", "Kind", ColumnKind.Text),
                new("reference_date", "Reference date", ColumnKind.Text), new("runs", "Simulation runs", ColumnKind.Text),
                new("years", "Years", ColumnKind.Text), new("created_at", "Run at (UTC)", ColumnKind.Text),
            ],
            rows, policy.Statement);
    });

    /// <summary>Settings a scenario has results for (for the fan chart's setting choice).</summary>
    public IReadOnlyList<string> Settings(WebUser user, string scenarioId) => gate.Use(engine =>
    {
        if (!user.Scope.IsIcbWide)
        {
            throw new ScopeForbiddenException(IcbOnly);
        }
        // The setting the scenario changes most first (largest mean cost avoided over the horizon), so the fan chart
        // opens on the point of the scenario; runs stored without comparison figures keep the stored order.
        var settings = ScenarioReads.Settings(engine, scenarioId);
        try
        {
            var avoided = ScenarioResults.Comparison(engine, scenarioId).Horizon.ToDictionary(h => h.Setting, h => Math.Abs(h.CostAvoided.Mean));
            return [.. settings.OrderByDescending(x => avoided.GetValueOrDefault(x))];
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // A run stored before comparison figures were kept (ScenarioResults.Comparison says which).
            return settings;
        }
    });

    /// <summary>
    /// The fan of one measure (activity or cost) for one setting by year: the 10th, 50th and 90th percentiles of the
    /// simulation runs and the mean. Percentiles are per setting as stored; they are not summed across settings
    /// (a sum of percentiles is not a percentile of the sum).
    /// </summary>
    public AggregateTable Fan(WebUser user, string scenarioId, string setting, string measure) => gate.Use(engine =>
    {
        if (!user.Scope.IsIcbWide)
        {
            throw new ScopeForbiddenException(IcbOnly);
        }
        if (measure is not ("activity" or "cost"))
        {
            throw new ArgumentException($"Measure '{measure}' is not activity or cost.", nameof(measure));
        }
        var title = $"{(measure == "cost" ? "Cost (£)" : "Activity")} for {DisplayNames.Setting(setting)}: 10th-90th percentile fan";
        if (!engine.TableExists(ScenarioReads.ResultsTable))
        {
            return AggregateTable.Missing("scenario-fan", title, user.Scope.Describe(), "No scenario has been run yet.", policy.Statement);
        }
        var cells = ScenarioReads.Fan(engine, scenarioId, setting, measure).Select(c => (c.Year, Stat: c.Statistic, c.Value)).ToList();
        var kind = measure == "cost" ? ColumnKind.Pounds : ColumnKind.Number;
        var rows = cells.GroupBy(c => c.Year).OrderBy(g => g.Key).Select(g => new object?[]
        {
            g.Key.ToString(CultureInfo.InvariantCulture),
            Value(g, "p10"), Value(g, "p50"), Value(g, "p90"), Value(g, "mean"),
        }).ToList();
        // The run's reference date puts financial years on the chart's axis (year n is the financial year n after it).
        DateOnly? reference = null;
        try
        {
            reference = ScenarioResults.Find(engine, scenarioId).ReferenceDate;
        }
        catch (ArgumentException)
        {
            // A run with results but no scenario_runs row: projection years only.
        }
        return new AggregateTable("scenario-fan", title, user.Scope.Describe(), reference,
            [
                new("year", "Year", ColumnKind.Text), new("p10", "10th percentile", kind), new("p50", "Median", kind),
                new("p90", "90th percentile", kind), new("mean", "Mean", kind),
            ],
            rows, policy.Statement + " Scenario figures are modelled (simulation percentiles), not counts of people.");
    });

    private static double? Value(IEnumerable<(int Year, string Stat, double? Value)> cells, string stat) =>
        cells.FirstOrDefault(c => c.Stat == stat).Value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;
}

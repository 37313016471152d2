using Strata.Domain.Reporting;
using System.Globalization;
using Strata.Data.Evaluate;
using Strata.Domain.Evaluate;
using Strata.Domain.Foundation;
using Strata.Web.Infrastructure;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Stages;

/// <summary>An SPC chart of one KPI for the user's own unit, made from disclosure-controlled rates.</summary>
public sealed record KpiChart(AggregateTable Table, SpcResult? Spc, string Title, string Variation, string Assurance);

/// <summary>Every KPI's latest reading for the user's unit (the board's summary), with each KPI's chart (its icons, its series).</summary>
public sealed record KpiSummary(AggregateTable Table, IReadOnlyList<string> Kpis, IReadOnlyList<KpiChart> Charts);

/// <summary>
/// KPI series from the Evaluate stage (table evaluate_kpi_series) for the unit the user is scoped to: the ICB row
/// for ICB users, their place or neighbourhood otherwise. Rates are recomputed from protected counts, then charted
/// with the shared XmR rules (Strata.Domain.Evaluate.Spc).
/// </summary>
public sealed class EvaluationQueries(WorkspaceGate gate, DisclosurePolicy policy)
{
    public IReadOnlyList<string> Kpis(WebUser user) => gate.Use(engine => KpiEvaluation.Stored(engine, user.Scope.Area));

    /// <summary>One row per KPI: latest period and rate, the mean of its current limits, variation and assurance.</summary>
    public KpiSummary Summary(WebUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var charts = Kpis(user).Select(k => (Kpi: k, Chart: Chart(user, k))).ToList();
        var rows = charts.Select(c =>
        {
            var series = c.Chart.Table;
            var last = series.Rows.Count > 0 ? series.Rows[^1] : null;
            return new object?[]
            {
                c.Chart.Title, last?[series.Column("period")], last?[series.Column("rate")],
                c.Chart.Spc is { } s ? Math.Round(s.Points[^1].Mean, 1, MidpointRounding.AwayFromZero) : null,
                c.Chart.Variation, c.Chart.Assurance,
            };
        }).ToList();
        var table = new AggregateTable("kpi-summary", "KPI summary: latest readings", user.Scope.Describe(), charts.Select(c => c.Chart.Table.ReferenceDate).Max(),
            [
                new("kpi", "KPI", ColumnKind.Text), new("period", "Latest period starting", ColumnKind.Text), new("rate", "Latest rate " + RateUnit(), ColumnKind.Rate),
                new("mean", "Mean", ColumnKind.Number), new("variation", "Variation", ColumnKind.Text), new("assurance", "Assurance", ColumnKind.Text),
            ],
            rows, policy.Statement);
        return new KpiSummary(table, [.. charts.Select(c => c.Kpi)], [.. charts.Select(c => c.Chart)]);
    }

    public KpiChart Chart(WebUser user, string kpi) => gate.Use(engine =>
    {
        var definition = KpiDefinitions.Default().Kpis.FirstOrDefault(k => k.Name == kpi);
        var title = definition?.Label ?? kpi;
        if (!engine.TableExists(KpiEvaluation.Table))
        {
            var missing = AggregateTable.Missing("kpi", title, user.Scope.Describe(), "No KPI has been computed yet: run `strata kpi` on this workspace.", policy.Statement);
            return new KpiChart(missing, null, title, "", "");
        }
        var per = definition?.Per ?? 1000;
        // The latest run of this KPI; counts summed over IMD quintiles give the whole unit's series.
        var cells = KpiEvaluation.StoredSeries(engine, kpi, user.Scope.Area);
        var rows = cells.Select(c => (c.Period, c.Numerator, c.Denominator, Rate: policy.Rate(c.Numerator, c.Denominator, per))).ToList();
        var observed = rows.Where(r => r.Rate is not null).Select(r => new SpcObservation(r.Period, r.Rate!.Value)).ToList();
        var spc = observed.Count >= 2
            ? Strata.Domain.Evaluate.Spc.Analyse(observed, new SpcOptions { Improvement = definition?.Improvement ?? Improvement.Neutral, Target = definition?.Target })
            : null;
        var types = spc?.Points.ToDictionary(p => p.Date, p => SpcChart.Label(p.PointType)) ?? [];
        var table = new AggregateTable("kpi", title, user.Scope.Describe(), rows.Count > 0 ? rows[^1].Period : null,
            [
                new("period", "Period starting", ColumnKind.Text), new("numerator", "Events", ColumnKind.Count),
                new("denominator", "Population", ColumnKind.Count), new("rate", "Rate " + NhsFormat.PerPeople(per, PeriodName(definition?.Period ?? KpiPeriod.Month)), ColumnKind.Rate),
                new("point", "SPC reading", ColumnKind.Text),
            ],
            [.. rows.Select(r => new object?[]
            {
                r.Period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), policy.Count(r.Numerator), policy.Count(r.Denominator),
                r.Rate is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null, types.GetValueOrDefault(r.Period, "(suppressed)"),
            })],
            policy.Statement);
        return new KpiChart(table, spc, title, spc is null ? "Too few points to chart" : SpcChart.Label(spc.VariationIcon),
            spc is null ? "" : SpcChart.Label(spc.AssuranceIcon));
    });

    /// <summary>A KPI period as a rate's "per …": month, quarter, financial year.</summary>
    public static string PeriodName(KpiPeriod period) => period switch
    {
        KpiPeriod.Month => "month",
        KpiPeriod.Quarter => "quarter",
        _ => "financial year",
    };

    /// <summary>The summary's rate unit: the KPIs' common one, or a pointer to each KPI's chart when they differ.</summary>
    private static string RateUnit()
    {
        var units = KpiDefinitions.Default().Kpis.Select(k => NhsFormat.PerPeople(k.Per, PeriodName(k.Period))).Distinct(StringComparer.Ordinal).ToList();
        return units.Count == 1 ? "(" + units[0] + ")" : "(unit as in each KPI's chart)";
    }
}

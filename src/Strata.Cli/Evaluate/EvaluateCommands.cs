using System.CommandLine;
using System.Globalization;
using Strata.Cli.Infrastructure;
using Strata.Data.Evaluate;
using Strata.Domain.Evaluate;
using Strata.Domain.Reporting;

namespace Strata.Cli.Evaluate;

/// <summary>The Evaluate stage's commands, and its part of `strata demo`.</summary>
public static class EvaluateCommands
{
    public static IEnumerable<Command> Create() =>
        [SpcCommand.Create(), DidCommand.Create(), ImpactDesignCommands.Its(), ImpactDesignCommands.Synth(), KpiCommand.Create(), BenchmarkCommand.Create(), ImpactCommand.Create()];

    /// <summary>
    /// Runs this stage on the demo workspace: the default KPIs per place, monthly, each with SPC; icon counts and
    /// equity gaps in the summary; SPC charts, equity and the place benchmark in report/evaluate.html.
    /// </summary>
    public static void Demo(DemoContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = Output.WithProgress("Evaluate: KPIs and SPC", false, p =>
            KpiEvaluation.Run(context.Workspace.Engine, KpiDefinitions.Default(), KpiLevel.Place, context.Disclosure, p));
        var report = KpiCommand.Report(run, new HtmlReport("Evaluate: KPIs, SPC, equity and benchmarking"));
        var (metrics, dropped) = KpiEvaluation.Metrics(run);
        if (metrics.Count > 0)
        {
            var scores = Benchmark.Score(metrics);
            report.Heading("Place benchmark (integration index of outcome and equity measures)")
                .Table("Scores 1.00 (best) to 4.00 by rank among places; segment by quartile of the average", ["Place", "Average score", "Segment", "Outcome", "Equity"],
                    scores.Select(a => (IReadOnlyList<string>)[a.Area, F(a.AverageScore), a.Segment.ToString(CultureInfo.InvariantCulture),
                        a.Domains.TryGetValue("outcome", out var o) ? F(o) : "", a.Domains.TryGetValue("equity", out var e) ? F(e) : ""]));
            context.Report("Evaluate", $"Benchmark: {scores.Count} places scored on {metrics.Select(m => m.Metric).Distinct().Count()} metrics; best {scores[0].Area} ({F(scores[0].AverageScore)}){(dropped.Count > 0 ? $"; {dropped.Count} metric(s) left out (suppressed)" : "")}.");
        }
        var dir = Directory.CreateDirectory(Path.Combine(context.OutputDirectory.FullName, "report"));
        var path = Path.Combine(dir.FullName, "evaluate.html");
        File.WriteAllText(path, report.ToHtml(run.Disclosure));
        foreach (var o in run.Kpis)
        {
            var icons = o.Series.Where(s => s.Spc is not null).GroupBy(s => s.Spc!.VariationIcon)
                .OrderBy(g => g.Key).Select(g => $"{g.Count()} {SpcChart.Label(g.Key).ToLowerInvariant()}");
            context.Report("Evaluate", $"{o.Kpi.Label}: {o.Series.Count} places; {string.Join(", ", icons)}; gap Q1-Q5 {KpiCommand.F(o.Equity.AbsoluteGap)}, Q1/Q5 {KpiCommand.F(o.Equity.RelativeGap)}, SII {KpiCommand.F(o.Equity.SlopeIndex)}.");
        }
        context.Report("Evaluate", $"SPC charts: {path}");
    }

    private static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
}

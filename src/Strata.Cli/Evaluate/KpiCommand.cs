using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Strata.Application.Evaluate;
using Strata.Cli.Infrastructure;
using Strata.Data.Evaluate;
using Strata.Domain.Evaluate;
using Strata.Domain.Reporting;

namespace Strata.Cli.Evaluate;

/// <summary>`strata kpi`: KPI series per unit with SPC and IMD equity, from versioned definitions.</summary>
public static class KpiCommand
{
    public static Command Create()
    {
        var workspace = CommonOptions.Workspace();
        var definitions = new Option<FileInfo?>("--definitions") { Description = $"KPI definitions (JSON); default: the shipped {KpiDefinitions.DefaultName}." };
        var level = new Option<KpiLevel>("--level") { Description = "icb, place, neighbourhood or provider.", DefaultValueFactory = _ => KpiLevel.Place };
        var html = new Option<FileInfo?>("--html") { Description = "Also write SPC charts and equity tables as an HTML page." };
        var json = CommonOptions.Json();
        var noDisclosure = CommonOptions.NoDisclosure();
        var command = new Command("kpi", "KPI time series per ICB, place, neighbourhood or provider, with SPC and IMD equity gaps.")
        {
            workspace, definitions, level, html, json, noDisclosure,
        };
        command.SetAction(r =>
        {
            var request = new KpiRequest(r.GetValue(definitions)?.FullName, [r.GetValue(level)]);
            request.Validate();
            var policy = CommonOptions.Disclosure(r.GetValue(noDisclosure));
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(workspace)!);
            var run = Output.WithProgress("KPIs", r.GetValue(json), p => KpiHandler.Run(ws.Engine, request, policy, p).Single());
            if (r.GetValue(html) is { } page)
            {
                File.WriteAllText(page.FullName, Report(run).ToHtml(run.Disclosure));
            }
            if (r.GetValue(json))
            {
                Output.Json(ToJson(run));
            }
            else
            {
                Print(run);
            }
            return 0;
        });
        return command;
    }

    public static object ToJson(KpiRun run) => new
    {
        run.RunId,
        run.DefinitionsVersion,
        run.Level,
        Kpis = run.Kpis.Select(o => new
        {
            o.Kpi.Name,
            o.Kpi.Title,
            o.Kpi.Period,
            o.Kpi.Improvement,
            o.Kpi.Target,
            o.Kpi.Per,
            o.Warnings,
            Series = o.Series.Select(s => new
            {
                s.Unit,
                Points = s.Points.Select(p =>
                {
                    var spc = s.Spc?.Points.FirstOrDefault(q => q.Date == p.PeriodStart);
                    return new
                    {
                        Period = p.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        p.Numerator,
                        p.Denominator,
                        p.Rate,
                        spc?.Mean,
                        spc?.Lpl,
                        spc?.Upl,
                        spc?.NearLpl,
                        spc?.NearUpl,
                        spc?.PointType,
                        spc?.Rules,
                    };
                }),
                Summary = new { s.Spc?.VariationIcon, s.Spc?.AssuranceIcon, s.Warnings },
            }),
            Equity = EquityJson(o.Equity),
            UnitEquity = o.UnitEquity.Select(e => new { Unit = e.Key, Gaps = EquityJson(e.Value) }),
            o.Inequalities,
        }),
        Disclosure = run.Disclosure,
    };

    private static object EquityJson(EquityGaps g) => new { g.Quintiles, g.AbsoluteGap, g.RelativeGap, g.SlopeIndex };

    /// <summary>SPC charts per KPI and unit, icon counts and the equity table: the kpi --html page and the demo's evaluate.html.</summary>
    public static HtmlReport Report(KpiRun run, HtmlReport? into = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var report = into ?? new HtmlReport("Evaluate: KPIs, SPC and equity");
        report.Paragraph($"Definitions {run.DefinitionsVersion}, level {run.Level.ToString().ToLowerInvariant()}. Points: grey common cause, blue improvement, orange concern, purple neither; dashed lines are the process limits, the band the near (2σ) limits.");
        report.Table("Equity by IMD quintile (1 = most deprived), ICB-wide over the whole window",
            ["KPI", "Q1", "Q2", "Q3", "Q4", "Q5", "Gap Q1−Q5", "Ratio Q1/Q5", "Slope index"],
            run.Kpis.Select(o => (IReadOnlyList<string>)[o.Kpi.Label, .. o.Equity.Quintiles.Select(q => F(q.Rate)), F(o.Equity.AbsoluteGap), F(o.Equity.RelativeGap), F(o.Equity.SlopeIndex)]));
        foreach (var o in run.Kpis)
        {
            report.Heading(o.Kpi.Label);
            report.Table("Inequalities, ICB-wide over the whole window (rates; ratio to the whole population in brackets)", ["Dimension", "Groups", "Compared", "Gap", "Ratio", "SII", "RII"],
                o.Inequalities.Select(i => (IReadOnlyList<string>)[i.Dimension.ToString(), string.Join("; ", i.Groups.Select(g => $"{g.Group} {F(g.Rate)} ({F(g.RatioToAll)})")),
                    i.Comparison, F(i.AbsoluteGap), F(i.RelativeGap), Ranked(i) ? F(i.SlopeIndex) : "n/a", Ranked(i) ? F(i.RelativeIndex) : "n/a"]));
            foreach (var w in o.Warnings)
            {
                report.Paragraph($"Warning: {w}");
            }
            report.Table("Variation icons by unit", ["Unit", "Variation", "Assurance"],
                o.Series.Select(s => (IReadOnlyList<string>)[s.Unit, s.Spc is null ? "no chart" : SpcChart.Label(s.Spc.VariationIcon), s.Spc is null ? "" : SpcChart.Label(s.Spc.AssuranceIcon)]));
            foreach (var s in o.Series.Where(s => s.Spc is not null))
            {
                SpcCommand.AddChart(report, $"{o.Kpi.Label}: {s.Unit}", s.Spc!, $"per {o.Kpi.Per.ToString("N0", CultureInfo.InvariantCulture)}");
            }
        }
        return report;
    }

    private static void Print(KpiRun run)
    {
        foreach (var o in run.Kpis)
        {
            AnsiConsole.MarkupLine($"[bold]{CliErrors.Safe(o.Kpi.Label)}[/]");
            var table = new Table().AddColumns("Unit", "Periods", "Latest rate", "Variation", "Assurance");
            foreach (var s in o.Series)
            {
                var latest = s.Points.Count == 0 ? null : s.Points[^1].Rate;
                table.AddRow(CliErrors.Safe(s.Unit), s.Points.Count.ToString(CultureInfo.InvariantCulture), F(latest),
                    CliErrors.Safe(s.Spc is null ? "no chart" : SpcChart.Label(s.Spc.VariationIcon)),
                    CliErrors.Safe(s.Spc is null ? "" : SpcChart.Label(s.Spc.AssuranceIcon)));
            }
            CliTables.Write(table);
            foreach (var w in o.Warnings)
            {
                Console.WriteLine($"Warning: {w}");
            }
            Console.WriteLine($"Equity (ICB): gap Q1-Q5 {F(o.Equity.AbsoluteGap)}, ratio Q1/Q5 {F(o.Equity.RelativeGap)}, slope index {F(o.Equity.SlopeIndex)}");
        }
        Console.WriteLine(run.Disclosure);
    }

    // Slope and relative indices need groups ranked by deprivation.
    private static bool Ranked(DimensionInequality i) => i.Dimension is InequalityDimension.ImdQuintile or InequalityDimension.Core20;

    public static string F(double? v) => v is { } x ? x.ToString("0.###", CultureInfo.InvariantCulture) : "suppressed";
}

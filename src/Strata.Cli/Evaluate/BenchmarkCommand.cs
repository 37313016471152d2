using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Strata.Cli.Infrastructure;
using Strata.Data.Evaluate;
using Strata.Domain.Evaluate;

namespace Strata.Cli.Evaluate;

/// <summary>`strata benchmark`: peer scoring 1–4 per metric, averaged into an integration index and segmented by quartile.</summary>
public static class BenchmarkCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo?>("--input") { Description = "Metrics CSV: area, metric, value, higher_is_better [, domain, weight]." };
        var workspace = new Option<FileInfo?>("--workspace", "-w") { Description = "Benchmark units on the workspace's KPIs (outcome) and their slope indices (equity) instead." };
        var definitions = new Option<FileInfo?>("--definitions") { Description = "KPI definitions with --workspace (default: the shipped set)." };
        var level = new Option<KpiLevel>("--level") { Description = "Units to compare with --workspace.", DefaultValueFactory = _ => KpiLevel.Place };
        var json = CommonOptions.Json();
        var noDisclosure = CommonOptions.NoDisclosure();
        var command = new Command("benchmark", "Peer benchmarking and integration index: metrics scored 1 (best) to 4, averaged, segmented 1-4 by quartile.")
        {
            input, workspace, definitions, level, json, noDisclosure,
        };
        command.SetAction(r =>
        {
            IReadOnlyList<MetricValue> values;
            IReadOnlyList<string> dropped = [];
            string? disclosure = null;
            if (r.GetValue(input) is { } file)
            {
                values = MetricsInput.Read(file.FullName);
            }
            else if (r.GetValue(workspace) is { } w)
            {
                var set = r.GetValue(definitions) is { } f ? KpiDefinitions.Read(f.FullName) : KpiDefinitions.Default();
                var policy = CommonOptions.Disclosure(r.GetValue(noDisclosure));
                using var ws = CommonOptions.OpenWorkspace(w);
                var run = Output.WithProgress("KPIs", r.GetValue(json), p => KpiEvaluation.Run(ws.Engine, set, r.GetValue(level), policy, p));
                (values, dropped) = KpiEvaluation.Metrics(run);
                disclosure = run.Disclosure;
            }
            else
            {
                throw new ArgumentException("Give --input metrics.csv or --workspace W.");
            }
            var scores = Benchmark.Score(values);
            if (r.GetValue(json))
            {
                Output.Json(new { Areas = scores, DroppedMetrics = dropped, Disclosure = disclosure });
                return 0;
            }
            var table = new Table().AddColumns("Area", "Average score", "Segment", "Domains");
            foreach (var a in scores)
            {
                table.AddRow(CliErrors.Safe(a.Area), a.AverageScore.ToString("0.00", CultureInfo.InvariantCulture), a.Segment.ToString(CultureInfo.InvariantCulture),
                    CliErrors.Safe(string.Join(", ", a.Domains.Select(d => $"{d.Key} {d.Value.ToString("0.00", CultureInfo.InvariantCulture)}"))));
            }
            CliTables.Write(table);
            foreach (var d in dropped)
            {
                Console.WriteLine($"Metric '{d}' left out: suppressed for some area.");
            }
            if (disclosure is not null)
            {
                Console.WriteLine(disclosure);
            }
            return 0;
        });
        return command;
    }
}

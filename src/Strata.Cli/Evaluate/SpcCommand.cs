using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Strata.Cli.Infrastructure;
using Strata.Data.Evaluate;
using Strata.Domain.Evaluate;
using Strata.Domain.Foundation;
using Strata.Domain.Reporting;

namespace Strata.Cli.Evaluate;

/// <summary>The chart types of `strata spc`.</summary>
public enum SpcChartType { Xmr, P, PPrime, U, UPrime, C, Run }

/// <summary>`strata spc`: an XmR, p, p′, u, u′, c or run chart with the Making Data Count rules over a CSV series.</summary>
public static class SpcCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV with columns date (yyyy-MM-dd, ascending) and value; for p, u and c charts date, events and denominator (c: date, events).", Required = true };
        var chart = new Option<SpcChartType>("--chart") { Description = "xmr (default), p, pprime, u, uprime, c or run.", DefaultValueFactory = _ => SpcChartType.Xmr };
        var reading = new Option<SpcReading>("--reading") { Description = "How a point flagged both ways is read: ruleprecedence (default, as the Making Data Count tool) or concernfirst.", DefaultValueFactory = _ => SpcReading.RulePrecedence };
        var fixUntil = new Option<string?>("--fix-until") { Description = "Fix mean and limits on the points of each group dated on or before this date (yyyy-MM-dd)." };
        var dataEnd = new Option<string?>("--data-end") { Description = "Last date the data cover (yyyy-MM-dd): periods ending after it are partial, charted but never read." };
        var improvement = new Option<Improvement>("--improvement") { Description = "Which direction is better: increase, decrease or neutral.", DefaultValueFactory = _ => Improvement.Increase };
        var target = new Option<double?>("--target") { Description = "Target for the assurance icon." };
        var screen = new Option<bool>("--screen-outliers") { Description = "Drop moving ranges ≥ 3.267 × AMR and recompute AMR (mean unchanged)." };
        var fixAfter = new Option<int?>("--fix-after") { Description = "Fix mean and limits on the first N points of each group." };
        var rebase = new Option<string?>("--rebase") { Description = "Comma-separated dates (yyyy-MM-dd) that each start a new group." };
        var shift = new Option<int>("--shift-points") { Description = "Points in a shift (6-8).", DefaultValueFactory = _ => 7 };
        var trend = new Option<int>("--trend-points") { Description = "Points in a trend (6-8).", DefaultValueFactory = _ => 7 };
        var html = new Option<FileInfo?>("--html") { Description = "Also write the SPC chart as an HTML page." };
        var json = CommonOptions.Json();
        var command = new Command("spc", "XmR statistical process control chart with NHS Making Data Count rules and icons.")
        {
            input, chart, reading, improvement, target, screen, fixAfter, fixUntil, rebase, dataEnd, shift, trend, html, json,
        };
        // Wrapped so input errors reach CliErrors (System.CommandLine would otherwise print them as unhandled).
        command.SetAction(r =>
        {
            var file = r.GetValue(input)!;
            var type = r.GetValue(chart);
            var options = new SpcOptions
            {
                Improvement = r.GetValue(improvement),
                Target = r.GetValue(target),
                ScreenOutliers = r.GetValue(screen),
                FixAfter = r.GetValue(fixAfter),
                FixUntil = ParseDate("--fix-until", r.GetValue(fixUntil)),
                Rebase = ParseDates("--rebase", r.GetValue(rebase)),
                Reading = r.GetValue(reading),
                ShiftPoints = r.GetValue(shift),
                TrendPoints = r.GetValue(trend),
            };
            var end = ParseDate("--data-end", r.GetValue(dataEnd));
            bool[] Partial(IEnumerable<DateOnly> dates) => end is { } d ? SpcPeriods.Partial([.. dates], d) : [.. dates.Select(_ => false)];
            if (type == SpcChartType.Run)
            {
                var values = SeriesInput.Read(file.FullName);
                var partial = Partial(values.Select(v => v.Date));
                var run = RunChart.Analyse([.. values.Select((v, i) => v with { Partial = partial[i] })], options);
                if (r.GetValue(html) is { } runPage)
                {
                    var report = new HtmlReport($"Run chart: {file.Name}");
                    report.Heading(file.Name, 3)
                        .Paragraph($"Variation: {SpcChart.Label(run.VariationIcon)}. Runs: {run.Runs} ({RunsText(run)}).")
                        .Chart(SpcChart.BuildRun(file.Name, run));
                    File.WriteAllText(runPage.FullName, report.ToHtml("Run chart: median, shift of 6, trend of 5, too few or too many runs (Swed–Eisenhart, 2.5% each tail)."));
                }
                if (r.GetValue(json))
                {
                    Output.Json(RunJson(run));
                }
                else
                {
                    PrintRun(run);
                }
                return 0;
            }
            SpcResult result;
            if (type == SpcChartType.Xmr)
            {
                var series = SeriesInput.Read(file.FullName);
                var partial = Partial(series.Select(v => v.Date));
                result = Spc.Analyse([.. series.Select((v, i) => v with { Partial = partial[i] })], options);
            }
            else
            {
                var counts = SeriesInput.ReadCounts(file.FullName, needsDenominator: type != SpcChartType.C, proportion: type is SpcChartType.P or SpcChartType.PPrime);
                var partial = Partial(counts.Select(v => v.Date));
                var kind = type switch
                {
                    SpcChartType.P => AttributeChart.P,
                    SpcChartType.PPrime => AttributeChart.PPrime,
                    SpcChartType.U => AttributeChart.U,
                    SpcChartType.UPrime => AttributeChart.UPrime,
                    _ => AttributeChart.C,
                };
                result = AttributeSpc.Analyse([.. counts.Select((c, i) => c with { Partial = partial[i] })], kind, options);
            }
            if (r.GetValue(html) is { } page)
            {
                var report = new HtmlReport($"SPC: {file.Name}");
                AddChart(report, file.Name, result);
                File.WriteAllText(page.FullName, report.ToHtml(Footnote(type)));
            }
            if (r.GetValue(json))
            {
                Output.Json(ToJson(result, type.ToString().ToLowerInvariant(), options.Reading));
            }
            else
            {
                Print(result);
            }
            return 0;
        });
        return command;
    }

    /// <summary>An SPC chart with its icons written as text, as used by the kpi report and the demo.</summary>
    public static void AddChart(HtmlReport report, string title, SpcResult result, string yLabel = "Value")
    {
        report.Heading(title, 3)
            .Paragraph($"Variation: {SpcChart.Label(result.VariationIcon)}. Assurance: {SpcChart.Label(result.AssuranceIcon)}.")
            .Chart(SpcChart.Build(title, result, yLabel));
        foreach (var w in result.Warnings)
        {
            report.Paragraph($"Warning: {w}");
        }
    }

    private static string Footnote(SpcChartType type) => type switch
    {
        SpcChartType.P or SpcChartType.U => "Limits: centre ± 3σ at each denominator (σ from the binomial or Poisson), clamped to the valid range.",
        SpcChartType.PPrime or SpcChartType.UPrime => "Laney limits: centre ± 3σᵢσz, σz = mean moving range of the z-scores / 1.128 (Laney 2002).",
        SpcChartType.C => "c chart limits: c̄ ± 3√c̄, floored at 0.",
        _ => "XmR limits: mean ± 2.66 × average moving range (NHS England Making Data Count).",
    };

    private static string RunsText(RunChartResult run) =>
        $"too few at {run.TooFewAt?.ToString(CultureInfo.InvariantCulture) ?? "-"} or fewer, too many at {run.TooManyAt?.ToString(CultureInfo.InvariantCulture) ?? "-"} or more{(run.RunsSignal ? ": signal" : "")}";

    private static object RunJson(RunChartResult run) => new
    {
        Chart = "run",
        Points = run.Points.Select(p => new { Date = p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Value, p.Median, p.PointType, p.Rules }),
        Summary = new { run.Median, run.UsefulObservations, run.Runs, run.TooFewAt, run.TooManyAt, run.RunsSignal, run.VariationIcon, run.Warnings },
    };

    private static void PrintRun(RunChartResult run)
    {
        var table = new Table().AddColumns("Date", "Value", "Median", "Point type", "Rules");
        foreach (var p in run.Points)
        {
            table.AddRow(p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), F(p.Value), F(p.Median), CliErrors.Safe(SpcChart.Label(p.PointType)), string.Join(", ", p.Rules));
        }
        CliTables.Write(table);
        Console.WriteLine($"Variation: {SpcChart.Label(run.VariationIcon)}");
        Console.WriteLine($"Runs: {run.Runs} of {run.UsefulObservations} useful points ({RunsText(run)})");
        foreach (var w in run.Warnings)
        {
            Console.WriteLine($"Warning: {w}");
        }
    }

    public static object ToJson(SpcResult result, string chart = "xmr", SpcReading reading = SpcReading.RulePrecedence) => new
    {
        Chart = chart,
        Reading = reading,
        Points = result.Points.Select(p => new
        {
            Date = p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            p.Value,
            p.Group,
            p.Mean,
            p.Lpl,
            p.Upl,
            p.NearLpl,
            p.NearUpl,
            p.PointType,
            p.Rules,
        }),
        Summary = new { result.VariationIcon, result.AssuranceIcon, result.Warnings },
    };

    private static DateOnly? ParseDate(string option, string? text) => ParseDates(option, text) switch
    {
        [] => null,
        [var d] => d,
        _ => throw new ArgumentException($"{option}: give one date (yyyy-MM-dd), not '{text}'."),
    };

    private static List<DateOnly> ParseDates(string option, string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => ReferenceDate.Parse(s, option))];

    private static void Print(SpcResult result)
    {
        var table = new Table().AddColumns("Date", "Value", "Mean", "LPL", "UPL", "Point type", "Rules");
        foreach (var p in result.Points)
        {
            table.AddRow(p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), F(p.Value), F(p.Mean), F(p.Lpl), F(p.Upl),
                CliErrors.Safe(SpcChart.Label(p.PointType)), string.Join(", ", p.Rules));
        }
        CliTables.Write(table);
        Console.WriteLine($"Variation: {SpcChart.Label(result.VariationIcon)}");
        Console.WriteLine($"Assurance: {SpcChart.Label(result.AssuranceIcon)}");
        foreach (var w in result.Warnings)
        {
            Console.WriteLine($"Warning: {w}");
        }
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Strata.Cli.Infrastructure;
using Strata.Data.Evaluate;
using Strata.Domain.Evaluate;
using Strata.Domain.Foundation;
using Strata.Domain.Reporting;

namespace Strata.Cli.Evaluate;

/// <summary>`strata spc`: an XmR chart with the Making Data Count rules over a date,value CSV.</summary>
public static class SpcCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV with columns date (yyyy-MM-dd, ascending) and value.", Required = true };
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
            input, improvement, target, screen, fixAfter, rebase, shift, trend, html, json,
        };
        // Wrapped so input errors reach CliErrors (System.CommandLine would otherwise print them as unhandled).
        command.SetAction(r =>
        {
            var file = r.GetValue(input)!;
            var series = SeriesInput.Read(file.FullName);
            var options = new SpcOptions
            {
                Improvement = r.GetValue(improvement),
                Target = r.GetValue(target),
                ScreenOutliers = r.GetValue(screen),
                FixAfter = r.GetValue(fixAfter),
                Rebase = ParseDates(r.GetValue(rebase)),
                ShiftPoints = r.GetValue(shift),
                TrendPoints = r.GetValue(trend),
            };
            var result = Spc.Analyse(series, options);
            if (r.GetValue(html) is { } page)
            {
                var report = new HtmlReport($"SPC: {file.Name}");
                AddChart(report, file.Name, result);
                File.WriteAllText(page.FullName, report.ToHtml("XmR limits: mean ± 2.66 × average moving range (NHS England Making Data Count)."));
            }
            if (r.GetValue(json))
            {
                Output.Json(ToJson(result));
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

    public static object ToJson(SpcResult result) => new
    {
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

    private static List<DateOnly> ParseDates(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => ReferenceDate.Parse(s, "--rebase"))];

    private static void Print(SpcResult result)
    {
        var table = new Table().AddColumns("Date", "Value", "Mean", "LPL", "UPL", "Point type", "Rules");
        foreach (var p in result.Points)
        {
            table.AddRow(p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), F(p.Value), F(p.Mean), F(p.Lpl), F(p.Upl),
                CliErrors.Safe(SpcChart.Label(p.PointType)), string.Join(", ", p.Rules));
        }
        AnsiConsole.Write(table);
        Console.WriteLine($"Variation: {SpcChart.Label(result.VariationIcon)}");
        Console.WriteLine($"Assurance: {SpcChart.Label(result.AssuranceIcon)}");
        foreach (var w in result.Warnings)
        {
            Console.WriteLine($"Warning: {w}");
        }
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}

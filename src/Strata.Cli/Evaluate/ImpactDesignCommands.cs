using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Strata.Cli.Infrastructure;
using Strata.Data.Evaluate;
using Strata.Domain.Evaluate;
using Strata.Domain.Reporting;

namespace Strata.Cli.Evaluate;

/// <summary>
/// `strata its` (interrupted time series) and `strata synth` (synthetic control): impact designs on aggregate
/// series, beside `strata did` and `strata evaluate impact`. Both state the assumptions they need in every output.
/// </summary>
public static class ImpactDesignCommands
{
    public static Command Its()
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV with columns date (yyyy-MM-dd, ascending) and value; complete periods only.", Required = true };
        var intervention = new Option<string>("--intervention") { Description = "First date on or after which the intervention applies (yyyy-MM-dd).", Required = true };
        var lag = new Option<int?>("--lag") { Description = "Newey–West lag (default ⌊4 (n/100)^(2/9)⌋)." };
        var html = new Option<FileInfo?>("--html") { Description = "Also write the series, fitted segments and counterfactual as an HTML page." };
        var json = CommonOptions.Json();
        var command = new Command("its", "Interrupted time series: segmented regression with Newey–West standard errors, level and slope change, counterfactual.")
        {
            input, intervention, lag, html, json,
        };
        command.SetAction(r =>
        {
            var file = r.GetValue(input)!;
            var series = SeriesInput.Read(file.FullName);
            var result = InterruptedTimeSeries.Analyse(series, Date("--intervention", r.GetValue(intervention)!), r.GetValue(lag));
            if (r.GetValue(html) is { } page)
            {
                var idx = Enumerable.Range(0, result.Points.Count).ToList();
                var p = result.Points;
                var chart = new SvgChart($"Interrupted time series: {file.Name}", "Date", "Value")
                    .Points("Observed", idx.Select(i => ((double)i, p[i].Value)), "#005eb8")
                    .Line("Fitted (pre)", idx.Where(i => !p[i].Post).Select(i => ((double)i, p[i].Fitted)), "#212b32")
                    .Line("Fitted (post)", idx.Where(i => p[i].Post).Select(i => ((double)i, p[i].Fitted)), "#212b32")
                    .Line("Counterfactual", idx.Where(i => p[i].Post).Select(i => ((double)i, p[i].Counterfactual)), "#ed8b00", dashed: true);
                var step = Math.Max(1, p.Count / 8);
                chart.XTicks(idx.Where(i => i % step == 0).Select(i => ((double)i, p[i].Date.ToString("yyyy-MM", CultureInfo.InvariantCulture))));
                var report = new HtmlReport($"Interrupted time series: {file.Name}")
                    .Paragraph($"Level change {F(result.LevelChange.Estimate)} (95% CI {F(result.LevelChange.CiLow)} to {F(result.LevelChange.CiHigh)}); slope change {F(result.SlopeChange.Estimate)} per period (95% CI {F(result.SlopeChange.CiLow)} to {F(result.SlopeChange.CiHigh)}); effect at the last period {F(result.EffectAtEnd)}.")
                    .Chart(chart);
                Notes(report, result.Assumptions, result.Warnings);
                File.WriteAllText(page.FullName, report.ToHtml($"Segmented regression; Newey–West standard errors, lag {result.Lag}."));
            }
            if (r.GetValue(json))
            {
                Output.Json(new
                {
                    Design = "interrupted_time_series",
                    StandardErrors = $"Newey–West (Bartlett kernel), lag {result.Lag}, n/(n−k) scaling",
                    result.Baseline,
                    result.PreSlope,
                    result.LevelChange,
                    result.SlopeChange,
                    result.EffectAtEnd,
                    result.Lag,
                    result.PrePeriods,
                    result.PostPeriods,
                    result.RSquared,
                    Points = result.Points.Select(q => new { Date = Iso(q.Date), q.Value, q.Post, q.Fitted, q.Counterfactual }),
                    result.Assumptions,
                    result.Warnings,
                });
                return 0;
            }
            var table = new Table().AddColumns("Term", "Estimate", "Newey–West SE", "95% CI", "p");
            foreach (var c in new[] { result.Baseline, result.PreSlope, result.LevelChange, result.SlopeChange })
            {
                table.AddRow(CliErrors.Safe(c.Name), F(c.Estimate), F(c.StandardError), $"{F(c.CiLow)} to {F(c.CiHigh)}", F(c.PValue));
            }
            CliTables.Write(table);
            Console.WriteLine($"Effect at the last period (level + slope change × periods since): {F(result.EffectAtEnd)}; {result.PrePeriods} periods before, {result.PostPeriods} after; lag {result.Lag}.");
            Print(result.Assumptions, result.Warnings);
            return 0;
        });
        return command;
    }

    public static Command Synth()
    {
        var input = new Option<FileInfo>("--input") { Description = "Long CSV with columns unit, date (yyyy-MM-dd), value; every unit on every date.", Required = true };
        var treated = new Option<string>("--treated") { Description = "The treated unit; every other unit is a donor.", Required = true };
        var intervention = new Option<string>("--intervention") { Description = "First date on or after which the intervention applies (yyyy-MM-dd).", Required = true };
        var cutoff = new Option<double?>("--placebo-cutoff") { Description = "Leave out placebos whose pre-period RMSPE exceeds this multiple of the treated unit's (e.g. 5)." };
        var html = new Option<FileInfo?>("--html") { Description = "Also write treated vs synthetic and the placebo gaps as an HTML page." };
        var json = CommonOptions.Json();
        var command = new Command("synth", "Synthetic control: donor weights on the simplex, post-period gap, placebo-in-space inference.")
        {
            input, treated, intervention, cutoff, html, json,
        };
        command.SetAction(r =>
        {
            var file = r.GetValue(input)!;
            var (dates, units) = UnitPanelInput.Read(file.FullName);
            var name = r.GetValue(treated)!;
            var unit = units.FirstOrDefault(u => u.Unit == name) ?? throw new ArgumentException($"--treated: unit '{name}' is not in {file.Name}.");
            var start = Date("--intervention", r.GetValue(intervention)!);
            var result = SyntheticControl.Estimate(unit, [.. units.Where(u => u.Unit != name)], dates.Count(d => d < start), r.GetValue(cutoff));
            if (r.GetValue(html) is { } page)
            {
                var idx = Enumerable.Range(0, dates.Count).ToList();
                var chart = new SvgChart($"Synthetic control: {name}", "Date", "Value")
                    .Line(name, idx.Select(i => ((double)i, unit.Values[i])), "#005eb8")
                    .Line("Synthetic", idx.Select(i => ((double)i, result.Synthetic[i])), "#ed8b00", dashed: true);
                var step = Math.Max(1, dates.Count / 8);
                chart.XTicks(idx.Where(i => i % step == 0).Select(i => ((double)i, dates[i].ToString("yyyy-MM", CultureInfo.InvariantCulture))));
                var report = new HtmlReport($"Synthetic control: {name}")
                    .Paragraph($"Mean post-period gap {F(result.MeanPostGap)}; pre-period RMSPE {F(result.PreRmspe)}, post {F(result.PostRmspe)}; placebo P = {F(result.PValue)}.")
                    .Chart(chart)
                    .Table("Donor weights", ["Donor", "Weight"], result.Weights.OrderByDescending(w => w.Value).Select(w => (IReadOnlyList<string>)[w.Key, F(w.Value)]))
                    .Table("Placebos in space", ["Unit", "Pre RMSPE", "Post RMSPE", "Ratio", "Kept"], result.Placebos.Select(p => (IReadOnlyList<string>)[p.Unit, F(p.PreRmspe), F(p.PostRmspe), F(p.Ratio), p.Kept ? "yes" : "no"]));
                Notes(report, result.Assumptions, result.Warnings);
                File.WriteAllText(page.FullName, report.ToHtml("Synthetic control (Abadie, Diamond and Hainmueller 2010), outcomes only."));
            }
            if (r.GetValue(json))
            {
                Output.Json(new
                {
                    Design = "synthetic_control",
                    Treated = name,
                    Weights = result.Weights.Select(w => new { Unit = w.Key, Weight = w.Value }),
                    Periods = dates.Select((d, i) => new { Date = Iso(d), Post = i >= result.PrePeriods, Treated = unit.Values[i], Synthetic = result.Synthetic[i], Gap = result.Gap[i] }),
                    result.PreRmspe,
                    result.PostRmspe,
                    result.Ratio,
                    result.MeanPostGap,
                    result.Placebos,
                    result.PValue,
                    result.Assumptions,
                    result.Warnings,
                });
                return 0;
            }
            var table = new Table().AddColumns("Donor", "Weight");
            foreach (var w in result.Weights.OrderByDescending(w => w.Value))
            {
                table.AddRow(CliErrors.Safe(w.Key), F(w.Value));
            }
            CliTables.Write(table);
            Console.WriteLine($"Mean post-period gap {F(result.MeanPostGap)}; RMSPE pre {F(result.PreRmspe)}, post {F(result.PostRmspe)}; placebo P = {F(result.PValue)} ({result.Placebos.Count(p => p.Kept)} placebos).");
            Print(result.Assumptions, result.Warnings);
            return 0;
        });
        return command;
    }

    private static void Notes(HtmlReport report, IReadOnlyList<string> assumptions, IReadOnlyList<string> warnings)
    {
        report.Table("Assumptions this design needs", ["Assumption"], assumptions.Select(a => (IReadOnlyList<string>)[a]));
        foreach (var w in warnings)
        {
            report.Paragraph($"Warning: {w}");
        }
    }

    private static void Print(IReadOnlyList<string> assumptions, IReadOnlyList<string> warnings)
    {
        Console.WriteLine("Assumptions:");
        foreach (var a in assumptions)
        {
            Console.WriteLine($"- {a}");
        }
        foreach (var w in warnings)
        {
            Console.WriteLine($"Warning: {w}");
        }
    }

    private static DateOnly Date(string option, string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new ArgumentException($"{option}: '{text}' is not a date (yyyy-MM-dd).");

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}

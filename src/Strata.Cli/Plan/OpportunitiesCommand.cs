using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Strata.Cli.Infrastructure;
using Strata.Data.Plan;
using Strata.Data.Understand.Risk;
using Strata.Domain.Plan;

namespace Strata.Cli.Plan;

/// <summary>
/// `strata opportunities`: the avoidable-activity library (opportunities/*.json) computed for the 12 months to D,
/// benchmarked across units, with the size of the prize (docs/plan.md "Opportunities").
/// </summary>
public static class OpportunitiesCommand
{
    public static Command Create()
    {
        var ws = CommonOptions.Workspace();
        var json = CommonOptions.Json();
        var noDc = CommonOptions.NoDisclosure();
        var at = CommonOptions.Date("--at", "End of the 12-month window, yyyy-mm-dd (default: data end).");
        var level = new Option<OpportunityLevel>("--level") { Description = "Units compared: icb, place, neighbourhood or practice.", DefaultValueFactory = _ => OpportunityLevel.Practice };
        var ids = new Option<string[]>("--id") { Description = "Only these opportunities (repeatable; default: all).", AllowMultipleArgumentsPerToken = true };
        var definitions = new Option<FileInfo?>("--definitions") { Description = "Folder or file of opportunity definitions instead of the shipped library." };
        var html = new Option<FileInfo?>("--html") { Description = "Also write the library page (table, funnels, trends) to this HTML file." };
        var candidate = new Option<FileInfo?>("--candidate") { Description = "Write the opportunity given by --id as an intervention file (evidence attached) to this path." };
        var command = new Command("opportunities", "Avoidable-activity opportunities: standardised rates, funnels, trend and the prize at the peer median or top quartile.")
            { ws, at, level, ids, definitions, json, noDc, html, candidate };
        command.SetAction(r =>
        {
            var policy = CommonOptions.Disclosure(r.GetValue(noDc));
            var library = r.GetValue(definitions) is { } d ? OpportunityFiles.Load(d.FullName) : OpportunityFiles.Library;
            var wanted = r.GetValue(ids) ?? [];
            var unknown = wanted.FirstOrDefault(i => library.All(x => x.Id != i));
            if (unknown is not null)
            {
                throw new ArgumentException($"--id: no opportunity '{unknown}'; known: {string.Join(", ", library.Select(x => x.Id))}.");
            }
            using var workspace = CommonOptions.OpenWorkspace(r.GetValue(ws)!);
            var date = CommonOptions.ReferenceDate(r, at, workspace.Engine);
            var results = library.Where(x => wanted.Length == 0 || wanted.Contains(x.Id))
                .Select(x => OpportunityLibrary.Compute(workspace.Engine, x, r.GetValue(level), date))
                .Select(x => (Released: OpportunityReport.Release(x, policy), Result: x)).ToList();
            if (r.GetValue(candidate) is { } c)
            {
                if (results.Count != 1)
                {
                    throw new ArgumentException("--candidate needs exactly one --id.");
                }
                File.WriteAllText(c.FullName, OpportunityCandidate.Json(workspace.Engine, results[0].Result, policy));
                Console.Error.WriteLine($"Intervention candidate written to {c.FullName}: set its cost and add the panel's elicitations.");
            }
            if (r.GetValue(html) is { } h)
            {
                File.WriteAllText(h.FullName, OpportunityReport.Html(results, policy).ToHtml(policy.Statement));
            }
            if (r.GetValue(json))
            {
                Output.Json(new { reference_date = date, level = r.GetValue(level), opportunities = results.Select(x => x.Released), disclosure = policy.Statement });
                return 0;
            }
            var table = new Table().Title(CliErrors.Safe($"Opportunities, 12 months to {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (by {r.GetValue(level).ToString().ToLowerInvariant()})"))
                .AddColumn("Opportunity").AddColumn(new TableColumn("Events").RightAligned()).AddColumn(new TableColumn("Rate").RightAligned()).AddColumn("Per")
                .AddColumn(new TableColumn("To median").RightAligned()).AddColumn(new TableColumn("£ to median").RightAligned())
                .AddColumn(new TableColumn("To top quartile").RightAligned()).AddColumn(new TableColumn("£ to top quartile").RightAligned());
            foreach (var (o, _) in results)
            {
                table.AddRow(CliErrors.Safe(o.Id), N(o.Events), F(o.Rate), o.RateUnit, N(o.ToMedian.Activity), M(o.ToMedian.Cost), N(o.ToTopQuartile.Activity), M(o.ToTopQuartile.Cost));
            }
            CliTables.Write(table);
            foreach (var w in results.SelectMany(x => x.Released.Warnings))
            {
                AnsiConsole.MarkupLine($"[yellow]Warning:[/] {CliErrors.Safe(w)}");
            }
            Console.WriteLine(policy.Statement);
            return 0;
        });
        return command;
    }

    private static string N(long? v) => v is { } x ? x.ToString("N0", CultureInfo.InvariantCulture) : "suppressed";

    private static string F(double? v) => v is { } x ? x.ToString("0.##", CultureInfo.InvariantCulture) : "suppressed";

    private static string M(double? v) => v is { } x ? "£" + x.ToString("N0", CultureInfo.InvariantCulture) : "suppressed";
}

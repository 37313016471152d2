using System.CommandLine;
using Spectre.Console;
using Strata.Cli.Infrastructure;
using Strata.Data.Plan;
using Strata.Domain.Plan;

namespace Strata.Cli.Plan;

/// <summary>The Plan stage's commands (`project`, `scenario run|compare|prioritise`), and its part of `strata demo`.</summary>
public static class PlanCommands
{
    public static IEnumerable<Command> Create() => [ProjectCommand.Create(), ScenarioCommands.Create(), PlanBuildCommand.Create(), OpportunitiesCommand.Create()];

    /// <summary>
    /// Runs the example interventions over 10 years × 200 runs on the demo workspace's cohort cells, prints the portfolio
    /// money and emergency admissions avoided, prioritises for a budget and writes the HTML pages.
    /// </summary>
    public static void Demo(DemoContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var engine = context.Workspace.Engine;
        if (!PlanCells.Available(engine))
        {
            context.Report("Plan", $"skipped: the workspace has no {PlanCells.PeopleTable}/{PlanCells.ActivityTable} (the Understand stage writes them).");
            return;
        }
        var examples = ExamplesFolder();
        if (examples is null)
        {
            context.Report("Plan", "skipped: examples/interventions not found next to the program or the working folder.");
            return;
        }
        var baseline = PlanCells.Load(engine);
        var interventions = InterventionFiles.Load([examples]);
        var outcome = ScenarioCommands.RunScenario(context.Workspace, baseline, interventions, GrowthAssumptions.Default(), ScenarioSettings.Default,
            new ScenarioOptions(Runs: 200, Seed: 42), 10, "demo", context.Disclosure, quiet: true);
        var report = outcome.Report;
        var portfolio = report.Financials.Single(f => f.Id == ScenarioReport.Portfolio);
        var ea = report.Horizon.SingleOrDefault(h => h.Setting == "emergency_admission")?.Avoided;
        var dir = Path.Combine(context.OutputDirectory.FullName, "plan");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "scenario.html"), PlanPages.Scenario("demo: example interventions", report));
        var projection = ProjectionReport.Build(baseline, GrowthAssumptions.Default(), 10, context.Disclosure,
            budget: outcome.Report.Totals[0].BaselineCost.Mean * 1.15);
        File.WriteAllText(Path.Combine(dir, "projection.html"), PlanPages.Projection(projection));
        var options = PriorityOptionsFile.FromScenario(report, 200, 42);
        var budget = options.Sum(o => o.Cost) / 2;
        var optimal = Prioritisation.Optimal(options, budget);

        context.Report("Plan", FormattableString.Invariant(
            $"{interventions.Count} interventions × 10 years × 200 runs on {baseline.Activity.Count:N0} cells: portfolio NPV £{portfolio.Npv.P50 / 1e6:0.00}m (P10 £{portfolio.Npv.P10 / 1e6:0.00}m, P90 £{portfolio.Npv.P90 / 1e6:0.00}m), payback {(portfolio.PaybackYear is { } p ? $"year {p}" : "not within 10 years")}."));
        if (ea is not null)
        {
            context.Report("Plan", $"Emergency admissions avoided over 10 years: P10 {Show(ea.P10)}, P50 {Show(ea.P50)}, P90 {Show(ea.P90)}.");
        }
        context.Report("Plan", FormattableString.Invariant(
            $"Optimal portfolio for £{budget / 1e6:0.00}m (half the discounted cost of all): {string.Join(", ", optimal.Chosen)}; gross saving £{optimal.NetBenefit / 1e6:0.00}m."));
        context.Report("Plan", $"Demand projection: total cost year 10 £{projection.Totals[^1].Cost / 1e6:0.0}m vs £{projection.Totals[0].Cost / 1e6:0.0}m now; over a budget of baseline + 15% from {(projection.FirstYearOverBudget is { } y ? $"year {y}" : "never")}. Pages: {dir}");
    }

    private static string Show(long? v) => v is null ? "suppressed" : v.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The shipped example interventions: next to the program, or under the working folder (repository runs).</summary>
    internal static string? ExamplesFolder()
    {
        foreach (var root in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "examples", "interventions");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    internal static void Table(string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table().Title(CliErrors.Safe(title));
        foreach (var h in headers)
        {
            table.AddColumn(CliErrors.Safe(h));
        }
        foreach (var r in rows)
        {
            table.AddRow([.. r.Select(CliErrors.Safe)]);
        }
        // A console over the current Console.Out (not Spectre's cached one), so redirected output is always honoured.
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) }).Write(table);
    }
}

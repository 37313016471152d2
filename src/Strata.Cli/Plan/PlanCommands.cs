using System.CommandLine;
using Spectre.Console;
using Strata.Application.Plan;
using Strata.Cli.Infrastructure;
using Strata.Data.Plan;
using Strata.Domain.Plan;
using Strata.Domain.Reporting;

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
        // The same request and handler as `strata scenario run` and the web's scenario job.
        var result = ScenarioHandler.Run(engine, new ScenarioRequest("demo", [examples], Runs: 200, Years: 10, Seed: 42), context.Disclosure);
        var interventions = result.Interventions;
        var outcome = result.Outcome;
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
            $"{interventions.Count} interventions × 10 years × 200 runs on {baseline.Activity.Count:N0} cells: portfolio NPV median {NhsFormat.Money(portfolio.Npv.P50)} (10th percentile {NhsFormat.Money(portfolio.Npv.P10)}, 90th {NhsFormat.Money(portfolio.Npv.P90)}), payback {(portfolio.PaybackYear is { } p ? $"in {NhsFormat.FinancialYear(baseline.ReferenceDate, p)}" : "not within 10 years")}."));
        if (ea is not null)
        {
            context.Report("Plan", $"Emergency admissions avoided over 10 years: P10 {Show(ea.P10)}, P50 {Show(ea.P50)}, P90 {Show(ea.P90)}.");
        }
        context.Report("Plan",
            $"Optimal portfolio for {NhsFormat.Money(budget)} (half the discounted cost of all): {string.Join(", ", optimal.Chosen)}; gross saving {NhsFormat.Money(optimal.NetBenefit)}."
            + (Prioritisation.Caveat(options) is { } caveat ? " " + caveat : ""));
        ThreeYearPlanDemo(context, baseline, interventions, dir);
        context.Report("Plan", $"Demand projection: total cost year 10 £{projection.Totals[^1].Cost / 1e6:0.0}m vs £{projection.Totals[0].Cost / 1e6:0.0}m now; over a budget of baseline + 15% from {(projection.FirstYearOverBudget is { } y ? $"year {y}" : "never")}. Pages: {dir}");
    }

    /// <summary>The three-year plan of the example interventions (the plan years when the data allows them) with its exports.</summary>
    private static void ThreeYearPlanDemo(DemoContext context, PlanBaseline baseline, IReadOnlyList<Intervention> interventions, string dir)
    {
        var capacity = CapacityFile.Shipped();
        var population = ReferenceFolder.Find(Path.Combine("reference", "population", "illustrative-v1", "variants.csv"));
        FinancialYears.Range(PlanBuildCommand.DefaultYears, baseline.ReferenceDate, out var error);
        if (capacity is null || population is null || error is not null)
        {
            context.Report("Plan", $"Three-year plan skipped: {error ?? "reference/ not found next to the program or the working folder"}.");
            return;
        }
        var growth = GrowthAssumptions.Default().WithPopulation(new PopulationInputs(
            PopulationFiles.Read(population, PopulationFiles.BaseYear(baseline.ReferenceDate)), HealthStatusAdjustment.Default));
        var inputs = new PlanBuildInputs(PlanBuildCommand.DefaultYears, growth, ScenarioSettings.Default, new ScenarioOptions(Runs: 50, Seed: 42),
            CapacityFile.ReadTable(capacity));
        var outcome = PlanBuilder.Build(context.Workspace.Engine, baseline, interventions, inputs, "demo three-year plan", context.Disclosure);
        var plan = outcome.Plan;
        var tables = PlanTables.Plan(plan, context.Disclosure);
        var impact = PlanTables.Impact(outcome.Impact, context.Disclosure);
        var planDir = Path.Combine(dir, "three-year-plan");
        Directory.CreateDirectory(planDir);
        PlanFiles.Workbook(Path.Combine(planDir, "plan.xlsx"), [.. tables, impact], context.Disclosure.Statement);
        File.WriteAllText(Path.Combine(planDir, "commissioning-intentions.html"),
            PlanDocuments.CommissioningIntentions("demo", plan, outcome.Impact, interventions, context.Disclosure));
        File.WriteAllText(Path.Combine(planDir, "provider-impact.html"), PlanDocuments.ProviderImpact("demo", outcome.Impact, context.Disclosure));
        var beds = plan.Years.Select(y => plan.Lines.Where(l => l.Year == y).Sum(l => l.Need("beds"))).ToList();
        context.Report("Plan", FormattableString.Invariant(
            $"Three-year plan {plan.FinancialYears[0]}–{plan.FinancialYears[^1]}: cost {string.Join(", ", plan.Years.Select(y => $"£{plan.TotalCost(y) / 1e6m:0.00}m"))}; beds {string.Join(", ", beds.Select(b => $"{b:0.0}"))}; {plan.Checks.Count(c => c.Passed)}/{plan.Checks.Count} checks tie. Files: {planDir}"));
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
        CliTables.Write(table);
    }
}

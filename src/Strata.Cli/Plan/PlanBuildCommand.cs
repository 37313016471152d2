using System.CommandLine;
using Strata.Application.Plan;
using Strata.Cli.Infrastructure;
using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Cli.Plan;

/// <summary>`strata plan build`: the three-year plan and provider impact pack from one scenario run, with exports.</summary>
internal static class PlanBuildCommand
{
    public const string DefaultYears = "2026/27-2028/29";

    public static Command Create()
    {
        var plan = new Command("plan", "The medium-term plan: activity, cost, capacity, workforce and funding per year, place and provider.");
        plan.Subcommands.Add(Build());
        return plan;
    }

    private static Command Build()
    {
        var ws = CommonOptions.Workspace();
        var json = CommonOptions.Json();
        var noDisclosure = CommonOptions.NoDisclosure();
        var growthOptions = new PlanOptions();
        var scenario = new Option<string[]>("--scenario")
        {
            Description = "The scenario: intervention files or folders (every *.json), applied in the order given.", Required = true, AllowMultipleArgumentsPerToken = true,
        };
        var years = new Option<string>("--years") { Description = "Financial years of the plan, e.g. 2026/27-2028/29.", DefaultValueFactory = _ => DefaultYears };
        var runs = new Option<int>("--runs") { Description = "Monte Carlo runs (the plan reads the principal run; runs give the scenario's intervals).", DefaultValueFactory = _ => 200 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var settings = new Option<FileInfo?>("--settings") { Description = "Scenario settings JSON (discount rate, variable shares, step sizes, payment models)." };
        var contracts = new Option<bool>("--contracts") { Description = "Each provider's recorded contract is its payment mechanism (as scenario run --contracts)." };
        var capacity = new Option<FileInfo?>("--capacity") { Description = "Capacity conversion table CSV (default reference/capacity/capacity-v1.csv)." };
        var available = new Option<FileInfo?>("--available") { Description = "Capacity providers have: provider, resource, available[, year]." };
        var allocations = new Option<FileInfo?>("--allocations") { Description = "Place allocations: place, current, target (£ a year)." };
        var pace = new Option<double>("--convergence-pace") { Description = "Share of the distance from target closed each year.", DefaultValueFactory = _ => ConvergenceAssumptions.Default.Pace };
        var uplift = new Option<double>("--uplift") { Description = "Annual cash uplift of allocations.", DefaultValueFactory = _ => ConvergenceAssumptions.Default.Uplift };
        var transitions = new Option<bool>("--transitions") { Description = "Move the population mix between segments by the transition model estimated from the data's year-ends." };
        var name = new Option<string>("--name") { Description = "Plan (scenario) name.", DefaultValueFactory = _ => "plan" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Write plan.xlsx, commissioning-intentions.html, provider-impact.html/.csv/.xlsx here." };
        var pdf = new Option<bool>("--pdf") { Description = "With --out, also print commissioning-intentions.pdf (headless Chromium: STRATA_CHROMIUM or /usr/bin/chromium)." };
        var command = new Command("build", "Build the three-year plan from one scenario run: per year, place and provider, with checks and exports.")
        {
            ws, json, noDisclosure, scenario, years, runs, seed, settings, contracts, capacity, available, allocations, pace, uplift, transitions, name, output, pdf,
            growthOptions.Growth, growthOptions.Ndg, growthOptions.At, growthOptions.Population, growthOptions.HealthStatus,
        };
        command.SetAction(r =>
        {
            if (r.GetValue(runs) is < 0 or > 100_000)
            {
                throw new ArgumentException("--runs must be between 0 and 100000.");
            }
            if (r.GetValue(pdf) && r.GetValue(output) is null)
            {
                throw new ArgumentException("--pdf needs --out (the folder the documents are written to).");
            }
            if (r.GetValue(pdf) && !PdfPrinter.Available)
            {
                throw new ArgumentException("--pdf needs Chromium: set STRATA_CHROMIUM or install chromium (the HTML document prints from any browser).");
            }
            if (r.GetValue(pace) is < 0 or > 1)
            {
                throw new ArgumentException("--convergence-pace must be between 0 and 1.");
            }
            var policy = CommonOptions.Disclosure(r.GetValue(noDisclosure));
            var interventions = InterventionFiles.Load(r.GetValue(scenario)!);
            var scenarioSettings = r.GetValue(settings) is { } sf ? PlanInputs.ReadSettings(sf.FullName) : ScenarioSettings.Default;
            var table = CapacityFile.ReadTable(r.GetValue(capacity)?.FullName ?? CapacityFile.Shipped()
                ?? throw new ArgumentException("reference/capacity/capacity-v1.csv not found: give --capacity FILE."));
            using var workspace = CommonOptions.OpenWorkspace(r.GetValue(ws)!);
            var baseline = PlanCells.Load(workspace.Engine, growthOptions.AtOf(r, workspace.Engine));
            if (r.GetValue(contracts))
            {
                scenarioSettings = scenarioSettings with { PaymentModels = ScenarioHandler.ContractPaymentModels(workspace.Engine, scenarioSettings.PaymentModels) };
            }
            // The plan samples population variants and the health-status adjustment by default (the shipped illustrative set).
            var growth = growthOptions.GrowthOf(r, baseline.ReferenceDate, healthByDefault: true,
                defaultPopulation: ReferenceFolder.Find(Path.Combine("reference", "population", "illustrative-v1", "variants.csv")));
            var planYears = FinancialYears.Range(r.GetValue(years)!, baseline.ReferenceDate, out var error);
            if (error is not null)
            {
                throw new InputException("--years", 0, r.GetValue(years), error);
            }
            if (r.GetValue(transitions))
            {
                growth = PlanBuilder.WithSegmentMix(workspace.Engine, growth, planYears[^1], r.GetValue(runs), r.GetValue(seed));
            }
            var inputs = new PlanBuildInputs(r.GetValue(years)!, growth, scenarioSettings, new ScenarioOptions(r.GetValue(runs), r.GetValue(seed)), table,
                r.GetValue(available) is { } av ? CapacityFile.ReadAvailable(av.FullName) : null,
                r.GetValue(allocations) is { } al ? PlanBuilder.ReadAllocations(al.FullName) : null,
                new ConvergenceAssumptions(r.GetValue(pace), r.GetValue(uplift)));
            var planName = r.GetValue(name)!;
            var outcome = Output.WithProgress("Plan", r.GetValue(json), p =>
                PlanBuilder.Build(workspace.Engine, baseline, interventions, inputs, planName, policy, f => p(f, "runs")));
            var tables = PlanTables.Plan(outcome.Plan, policy);
            var impact = PlanTables.Impact(outcome.Impact, policy);
            if (r.GetValue(output) is { } dir)
            {
                Directory.CreateDirectory(dir.FullName);
                PlanFiles.Workbook(Path.Combine(dir.FullName, "plan.xlsx"), [.. tables, impact], policy.Statement);
                PlanFiles.Csv(Path.Combine(dir.FullName, "plan-lines.csv"), tables.Single(t => t.Name == "lines"), policy.Statement);
                PlanFiles.Csv(Path.Combine(dir.FullName, "provider-impact.csv"), impact, policy.Statement);
                PlanFiles.Workbook(Path.Combine(dir.FullName, "provider-impact.xlsx"), [impact], policy.Statement);
                var intentions = PlanDocuments.CommissioningIntentions(planName, outcome.Plan, outcome.Impact, interventions, policy);
                File.WriteAllText(Path.Combine(dir.FullName, "commissioning-intentions.html"), intentions);
                if (r.GetValue(pdf))
                {
                    File.WriteAllBytes(Path.Combine(dir.FullName, "commissioning-intentions.pdf"), PdfPrinter.Print(intentions));
                }
                File.WriteAllText(Path.Combine(dir.FullName, "provider-impact.html"), PlanDocuments.ProviderImpact(planName, outcome.Impact, policy));
            }
            if (r.GetValue(json))
            {
                Output.Json(new
                {
                    name = planName, scenario_id = outcome.Scenario.ScenarioId, reference_date = baseline.ReferenceDate,
                    financial_years = outcome.Plan.FinancialYears, capacity_version = table.Version,
                    tables = tables.Append(impact).Select(t => new { t.Name, t.Title, t.Headers, t.Rows }),
                    disclosure = policy.Statement,
                });
            }
            else
            {
                foreach (var t in tables.Where(t => t.Name is "summary" or "funding" or "checks"))
                {
                    PlanCommands.Table(t.Title, t.Headers, t.Rows.Select(row => (IReadOnlyList<string>)[.. row.Select(PlanTables.Text)]));
                }
                Console.WriteLine($"Scenario {outcome.Scenario.ScenarioId}; capacity table {table.Version}. {policy.Statement}");
            }
            return outcome.Plan.Checks.All(c => c.Passed) ? 0 : 1;
        });
        return command;
    }
}

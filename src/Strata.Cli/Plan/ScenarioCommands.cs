using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Strata.Application.Plan;
using Strata.Cli.Deliver;
using Strata.Cli.Infrastructure;
using Strata.Data.Deliver;
using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;
using Strata.Domain.Reporting;

namespace Strata.Cli.Plan;

/// <summary>A scenario result as written by `scenario run --out` and read by `scenario compare`.</summary>
public sealed record ScenarioFile(string Name, string ScenarioId, DateOnly ReferenceDate, ScenarioReport Report);

/// <summary>`strata scenario run|compare|prioritise`.</summary>
internal static class ScenarioCommands
{
    public static Command Create()
    {
        var scenario = new Command("scenario", "Multi-year intervention scenarios: Monte Carlo, financial transition, comparison and prioritisation.");
        scenario.Subcommands.Add(RunCommand());
        scenario.Subcommands.Add(CompareCommand());
        scenario.Subcommands.Add(PrioritiseCommand());
        return scenario;
    }

    /// <summary>Runs and stores one scenario (<see cref="ScenarioRunner"/>) with a progress bar on a terminal.</summary>
    public static (ScenarioRun Run, ScenarioReport Report, string ScenarioId) RunScenario(Workspace workspace, PlanBaseline baseline,
        IReadOnlyList<Intervention> interventions, GrowthAssumptions growth, ScenarioSettings settings, ScenarioOptions options, int years,
        string name, DisclosurePolicy policy, bool quiet)
    {
        var outcome = Output.WithProgress("Monte Carlo", quiet, p =>
            ScenarioRunner.Run(workspace.Engine, baseline, interventions, growth, settings, options, years, name, policy, f => p(f, "runs")));
        return (outcome.Run, outcome.Report, outcome.ScenarioId);
    }

    private static Command RunCommand()
    {
        var ws = CommonOptions.Workspace();
        var json = CommonOptions.Json();
        var noDisclosure = CommonOptions.NoDisclosure();
        var plan = new PlanOptions();
        var interventions = new Option<string[]>("--interventions")
        {
            Description = "Intervention files or folders (every *.json), applied in the order given.", Required = true, AllowMultipleArgumentsPerToken = true,
        };
        var runs = new Option<int>("--runs") { Description = "Monte Carlo runs (plus the principal run 0).", DefaultValueFactory = _ => 1000 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed; results are reproducible from it.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default all cores); results do not depend on it." };
        var settings = new Option<FileInfo?>("--settings") { Description = "Scenario settings JSON: discount rate, variable shares, step sizes, provider payment models." };
        var name = new Option<string>("--name") { Description = "Scenario name.", DefaultValueFactory = _ => "scenario" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the scenario result (JSON) here, for `scenario compare`." };
        var html = new Option<DirectoryInfo?>("--html") { Description = "Write the scenario HTML page into this folder." };
        var outturns = new Option<FileInfo?>("--outturns")
        {
            Description = "Write each run's outturn per provider × setting × year (CSV, baseline and scenario) for `contract simulate --outturns`.",
        };
        var contracts = new Option<bool>("--contracts")
        {
            Description = "Provider impact under each provider's recorded contract (`strata contract add`), overriding --settings payment_models.",
        };
        var command = new Command("run", "Run interventions over the baseline projection: Monte Carlo outturn, step decomposition, money.")
        {
            ws, json, noDisclosure, interventions, runs, seed, threads, settings, name, output, html, outturns, contracts,
        };
        foreach (var o in plan.All)
        {
            command.Options.Add(o);
        }
        command.SetAction(r =>
        {
            var policy = CommonOptions.Disclosure(r.GetValue(noDisclosure));
            var request = new ScenarioRequest(r.GetValue(name)!, r.GetValue(interventions)!, r.GetValue(runs), plan.YearsOf(r), r.GetValue(seed),
                At: r.GetValue(plan.At), GrowthAt: d => plan.GrowthOf(r, d),
                Settings: r.GetValue(settings) is { } sf ? PlanInputs.ReadSettings(sf.FullName) : null,
                UseContracts: r.GetValue(contracts), Threads: r.GetValue(threads));
            request.Validate();
            using var workspace = CommonOptions.OpenWorkspace(r.GetValue(ws)!);
            var result = Output.WithProgress("Monte Carlo", r.GetValue(json), p => ScenarioHandler.Run(workspace.Engine, request, policy, (f, _) => p(f, "runs")));
            var (scenarioRun, report, id) = result.Outcome;
            var scenarioName = request.Name;
            var file = new ScenarioFile(scenarioName, id, result.ReferenceDate, report);
            if (r.GetValue(outturns) is { } oc)
            {
                OutturnCsv.Write(oc.FullName, scenarioRun.Outturn, policy);
            }
            if (r.GetValue(output) is { } of)
            {
                File.WriteAllText(of.FullName, JsonSerializer.Serialize(file, Output.JsonOptions));
            }
            if (r.GetValue(html) is { } hd)
            {
                Directory.CreateDirectory(hd.FullName);
                File.WriteAllText(Path.Combine(hd.FullName, "scenario.html"), PlanPages.Scenario(scenarioName, report));
            }
            if (r.GetValue(json))
            {
                Output.Json(file);
                return 0;
            }
            PlanCommands.Table($"Scenario '{scenarioName}' ({report.Runs} runs, seed {report.Seed}; stored as {id})",
                ["Intervention", "NPV P10", "NPV P50", "NPV P90", "ROI", "Payback year"],
                report.Financials.Select(f => (IReadOnlyList<string>)[f.Id, M(f.Npv.P10), M(f.Npv.P50), M(f.Npv.P90),
                    f.Roi?.ToString("0.00", CultureInfo.InvariantCulture) ?? "", f.PaybackYear?.ToString(CultureInfo.InvariantCulture) ?? "none"]));
            Console.WriteLine(report.Disclosure);
            return 0;
        });
        return command;
    }

    private static Command CompareCommand()
    {
        var files = new Argument<FileInfo[]>("results") { Description = "Scenario result files written by `scenario run --out`.", Arity = ArgumentArity.ZeroOrMore };
        var ws = new Option<FileInfo?>("--workspace", "-w") { Description = "Workspace, to run intervention sets given with --set." };
        var sets = new Option<string[]>("--set") { Description = "An intervention set (folder or file) to run and compare; repeat for each set." };
        var ids = new Option<string[]>("--id") { Description = "A scenario run stored in the workspace (scenario_runs.scenario_id) to compare; repeat for each." };
        var runs = new Option<int>("--runs") { Description = "Monte Carlo runs per --set.", DefaultValueFactory = _ => 200 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed for every --set (common random numbers).", DefaultValueFactory = _ => 1 };
        var years = new Option<int>("--years") { Description = "Projection years for every --set.", DefaultValueFactory = _ => 10 };
        var json = CommonOptions.Json();
        var noDisclosure = CommonOptions.NoDisclosure();
        var command = new Command("compare", "Compare scenarios side by side (result files and/or intervention sets): money, payback and activity avoided.")
        {
            files, ws, sets, ids, runs, seed, years, json, noDisclosure,
        };
        command.SetAction(r =>
        {
            var scenarios = r.GetValue(files)!.Select(Load).ToList();
            var rows = scenarios.Select(s => ScenarioComparison.Of(s.Name, s.ScenarioId, s.Report)).ToList();
            var setPaths = r.GetValue(sets) ?? [];
            var storedIds = r.GetValue(ids) ?? [];
            if (setPaths.Length > 0 || storedIds.Length > 0)
            {
                var wsFile = r.GetValue(ws) ?? throw new ArgumentException("--set and --id need --workspace.");
                using var workspace = CommonOptions.OpenWorkspace(wsFile);
                rows.AddRange(storedIds.Select(id => ScenarioResults.Comparison(workspace.Engine, id)));
                var baseline = setPaths.Length > 0 ? PlanCells.Load(workspace.Engine) : null;
                foreach (var set in setPaths)
                {
                    var (_, report, id) = RunScenario(workspace, baseline!, InterventionFiles.Load([set]), GrowthAssumptions.Default(), ScenarioSettings.Default,
                        new ScenarioOptions(r.GetValue(runs), r.GetValue(seed)), r.GetValue(years), set, CommonOptions.Disclosure(r.GetValue(noDisclosure)), quiet: true);
                    rows.Add(ScenarioComparison.Of(set, id, report));
                }
            }
            if (rows.Count < 2)
            {
                throw new ArgumentException("Give at least two scenarios to compare (result files, --id or --set).");
            }
            var disclosure = scenarios.Count > 0 ? scenarios[0].Report.Disclosure : CommonOptions.Disclosure(r.GetValue(noDisclosure)).Statement;
            var caveats = ScenarioComparison.Caveats(rows);
            if (r.GetValue(json))
            {
                Output.Json(new { scenarios = rows, caveats, disclosure });
                return 0;
            }
            PlanCommands.Table("Scenario comparison (portfolio)",
                ["Scenario", "NPV 10th percentile", "NPV median", "NPV 90th percentile", "ROI (mean cash flows)", "Payback (mean cash flows)",
                    "Emergency admissions avoided (median)", "Cost in the final year (median)"],
                rows.Select(c => (IReadOnlyList<string>)[c.Name, NhsFormat.Money(c.Npv.P10), NhsFormat.Money(c.Npv.P50), NhsFormat.Money(c.Npv.P90),
                    c.Roi is { } roi ? NhsFormat.Number(roi, 2) : "",
                    c.PaybackYear is { } p ? "year " + p.ToString(CultureInfo.InvariantCulture) : "not within the horizon",
                    c.Avoided.TryGetValue("emergency_admission", out var ea) ? ea.P50?.ToString("N0", CultureInfo.InvariantCulture) ?? "suppressed" : "",
                    NhsFormat.Money(c.FinalYearCost.P50)]));
            foreach (var caveat in caveats)
            {
                Console.WriteLine("Note: " + caveat);
            }
            Console.WriteLine(disclosure);
            return 0;
        });
        return command;
    }

    private static Command PrioritiseCommand()
    {
        var options = new Option<FileInfo?>("--options") { Description = "Options JSON (invest/disinvest, cost, benefit, scores, criteria)." };
        var scenario = new Option<FileInfo?>("--scenario") { Description = "Or: a scenario result file; each intervention becomes an invest option." };
        var budget = new Option<double>("--budget") { Description = "Budget (£) for the portfolio.", Required = true };
        var draws = new Option<int>("--draws") { Description = "Monte Carlo draws for the probability of being in the optimal portfolio.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed for the draws.", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var command = new Command("prioritise", "Rank options by benefit per £, score them on weighted criteria and find the optimal portfolio under a budget.")
        {
            options, scenario, budget, draws, seed, json,
        };
        command.SetAction(r =>
        {
            IReadOnlyList<PriorityOption> opts;
            IReadOnlyList<Criterion> criteria;
            if (r.GetValue(options) is { } of)
            {
                (opts, criteria) = PriorityOptionsFile.Read(of.FullName, r.GetValue(draws), r.GetValue(seed));
            }
            else if (r.GetValue(scenario) is { } sf)
            {
                opts = PriorityOptionsFile.FromScenario(Load(sf).Report, r.GetValue(draws), r.GetValue(seed));
                criteria = [.. Prioritisation.DefaultCriteria.Where(c => c.Name is "benefit" or "cost" || opts.All(o => o.Scores.ContainsKey(c.Name)))];
            }
            else
            {
                throw new ArgumentException("Give --options FILE or --scenario FILE.");
            }
            var b = r.GetValue(budget);
            var result = new PrioritisationResult(b, Prioritisation.Rank(opts, b), Prioritisation.Score(opts, criteria), Prioritisation.Optimal(opts, b),
                Prioritisation.Sensitivity(opts, b));
            if (r.GetValue(json))
            {
                Output.Json(result);
                return 0;
            }
            PlanCommands.Table($"Benefit per £ (budget £{M(b)})", ["Option", "Cost", "Benefit", "Benefit per £", "Funded"],
                result.Ranking.Invest.Select(o => (IReadOnlyList<string>)[o.Id, M(o.Cost), M(o.Benefit), o.BenefitPerPound.ToString("0.000", CultureInfo.InvariantCulture), o.Funded ? "yes" : ""]));
            PlanCommands.Table("Multi-criteria scores", ["Rank", "Option", "Score", "Explanation"],
                result.Scores.Select(s => (IReadOnlyList<string>)[s.Rank.ToString(CultureInfo.InvariantCulture), s.Id, s.Score.ToString("0.000", CultureInfo.InvariantCulture),
                    string.Join("; ", s.Explanation.Select(c => FormattableString.Invariant($"{c.Criterion} {c.Contribution:0.000}")))]));
            Console.WriteLine($"Optimal portfolio: {string.Join(", ", result.Optimal.Chosen)} (net cost {NhsFormat.Money(result.Optimal.NetCost)}, net benefit {NhsFormat.Money(result.Optimal.NetBenefit)}).");
            if (Prioritisation.Caveat(opts) is { } caveat)
            {
                Console.WriteLine("Note: " + caveat);
            }
            foreach (var p in result.InclusionProbability)
            {
                Console.WriteLine(FormattableString.Invariant($"  P({p.Id} in optimal portfolio) = {p.Probability:0.00}"));
            }
            return 0;
        });
        return command;
    }

    /// <summary>Reads a scenario result written by `scenario run --out` (also Deliver's decommissioning costs).</summary>
    public static ScenarioFile Load(FileInfo f)
    {
        if (!f.Exists)
        {
            throw new InputException(f.FullName, 0, null, "file not found");
        }
        try
        {
            return JsonSerializer.Deserialize<ScenarioFile>(File.ReadAllText(f.FullName), Output.JsonOptions)
                ?? throw new InputException(f.FullName, 1, null, "empty scenario result");
        }
        catch (JsonException e)
        {
            throw new InputException(f.FullName, (e.LineNumber ?? 0) + 1, e.Path, $"not a scenario result written by `scenario run --out`: {e.Message}");
        }
    }

    private static string M(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
}

internal sealed record PrioritisationResult(double Budget, ValueRanking Ranking, IReadOnlyList<McdaScore> Scores, OptimalPortfolio Optimal,
    IReadOnlyList<InclusionProbability> InclusionProbability);

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Strata.Cli.Infrastructure;
using Strata.Cli.Understand.Report;
using Strata.Data.Deliver;
using Strata.Data.Foundation;
using Strata.Data.Understand;
using Strata.Data.Understand.Pathways;
using Strata.Data.Understand.Risk;
using Strata.Data.Understand.Variation;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;
using Strata.Domain.Understand;

namespace Strata.Cli.Understand;

/// <summary>
/// `strata pathway list|show|scenario` and `strata programme-budget`: the pathway and programme views of the linked
/// data (docs/pathways.md). Thin shells over Strata.Data's PathwayAnalytics, PathwayReport, PathwayScenario and ProgrammeBudget.
/// </summary>
public static class PathwayCommands
{
    public static IEnumerable<Command> Create() => [Pathway(), ProgrammeBudgetCommand(), UtilisationCommand.Create()];

    /// <summary>`strata demo`: pathways at the reference date (people and escalations per pathway) and the programme budget's reconciliation.</summary>
    public static void Demo(DemoContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var engine = context.Workspace.Engine;
        var policy = context.Disclosure;
        PathwayAnalytics.Build(engine, context.ReferenceDate);
        foreach (var p in PathwayFiles.Shipped)
        {
            var stages = PathwayAnalytics.StageSpend(engine, p, PathwayArea.Icb);
            var escalation = stages.Where(s => s.Escalation).Sum(s => s.Cost);
            var total = stages.Sum(s => s.Cost);
            var people = PathwayAnalytics.People(engine, p.Id, PathwayArea.Icb);
            context.Report("Understand", string.Create(CultureInfo.InvariantCulture,
                $"Pathway {p.Id}: {Cells.Count(policy.Count(people))} people, spend {Cells.Money(policy.Amount((double)total, people))}, {(total > 0 ? escalation / total : 0):P0} of it in escalation stages."));
        }
        var programmes = ProgrammeBudget.Spend(engine, context.ReferenceDate);
        var spend = programmes.Sum(x => x.Cost);
        var unmapped = programmes.Single(x => x.Code == ProgrammeBudget.Unmapped).Cost;
        context.Report("Understand", string.Create(CultureInfo.InvariantCulture,
            $"Programme budget: {Cells.Money((double)spend)} in {programmes.Count(x => x.Cost != 0)} programme categories, {(spend > 0 ? unmapped / spend : 0):P0} unmapped (no diagnosis or setting rule)."));
    }

    private static Command Pathway() => new("pathway", "Pathways as versioned definitions: list them, show one from the data, run its shift scenario.")
    {
        List(), Show(), Scenario(),
    };

    private static Option<DirectoryInfo?> Definitions() => new("--definitions") { Description = "Folder of pathway JSON files to use instead of the shipped pathways/." };

    private static IReadOnlyList<PathwayDefinition> Load(DirectoryInfo? folder) => folder is null ? PathwayFiles.Shipped : PathwayFiles.Load(folder.FullName);

    private static Option<string?> AreaOption() => new("--area") { Description = "Restrict to one area: place:CODE, neighbourhood:CODE or practice:CODE (default: the ICB)." };

    private static PathwayArea ParseArea(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return PathwayArea.Icb;
        }
        var parts = text.Split(':', 2);
        if (parts.Length != 2 || parts[1].Length == 0 || !Enum.TryParse<FunnelLevel>(parts[0], ignoreCase: true, out var level))
        {
            throw new ArgumentException($"--area '{text}': use place:CODE, neighbourhood:CODE or practice:CODE.");
        }
        return new PathwayArea(level, parts[1]);
    }

    private static Command List()
    {
        var json = CommonOptions.Json();
        var defs = Definitions();
        var command = new Command("list", "The pathway definitions: cohort, stages and clinical source.") { defs, json };
        command.SetAction(r =>
        {
            var list = Load(r.GetValue(defs));
            if (r.GetValue(json))
            {
                Output.Json(list);
                return 0;
            }
            var table = new Table().Title("Pathways").AddColumn("Id").AddColumn("Version").AddColumn("Cohort").AddColumn("Stages (→ escalation)").AddColumn("Source");
            foreach (var p in list)
            {
                table.AddRow(p.Id, p.Version,
                    CliErrors.Safe($"{string.Join(", ", p.Cohort.Conditions)}; age {p.Cohort.MinAge}{(p.Cohort.MaxAge is { } m ? "-" + m.ToString(CultureInfo.InvariantCulture) : "+")}"),
                    CliErrors.Safe(string.Join(" → ", p.Stages.Select(s => s.Escalation ? s.Id + " (!)" : s.Id))),
                    CliErrors.Safe($"{p.Source} {p.SourceUrl}"));
            }
            CliTables.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var ws = CommonOptions.Workspace();
        var id = new Option<string>("--pathway", "-p") { Description = "Pathway id (see `strata pathway list`).", Required = true };
        var at = CommonOptions.Date("--at", "Reference date D, yyyy-mm-dd (default: data end); figures are for the 12 months to D.");
        var area = AreaOption();
        var defs = Definitions();
        var json = CommonOptions.Json();
        var noDc = CommonOptions.NoDisclosure();
        var command = new Command("show", "One pathway from the data: people, spend by stage, setting and provider, transitions, time to escalation, practice variation.")
            { ws, id, at, area, defs, json, noDc };
        command.SetAction(r =>
        {
            var list = Load(r.GetValue(defs));
            var pathway = PathwayFiles.Find(r.GetValue(id)!, list);
            var policy = CommonOptions.Disclosure(r.GetValue(noDc));
            var where = ParseArea(r.GetValue(area));
            using var workspace = CommonOptions.OpenWorkspace(r.GetValue(ws)!);
            var date = CommonOptions.ReferenceDate(r, at, workspace.Engine);
            PathwayAnalytics.Build(workspace.Engine, date, list);
            var summary = PathwayReport.Build(workspace.Engine, pathway, where, policy);
            if (r.GetValue(json))
            {
                Output.Json(summary);
                return 0;
            }
            Print(summary);
            return 0;
        });
        return command;
    }

    private static void Print(PathwaySummary s)
    {
        AnsiConsole.MarkupLine(CliErrors.Safe($"{s.Name} ({s.Pathway} {s.Version}), {s.Area}, 12 months to {s.ReferenceDate:yyyy-MM-dd}: {Cells.Count(s.People)} people on the pathway. Source: {s.Source} {s.SourceUrl}"));
        var stages = new Table().Title("Spend by stage").AddColumn("Stage").AddColumn("Escalation")
            .AddColumn(new TableColumn("People").RightAligned()).AddColumn(new TableColumn("Activity").RightAligned())
            .AddColumn(new TableColumn("Spend").RightAligned()).AddColumn(new TableColumn("Per person on pathway").RightAligned());
        foreach (var st in s.Stages)
        {
            stages.AddRow(CliErrors.Safe(st.Name), st.Escalation ? "yes" : "", Cells.Count(st.People), Cells.Count(st.Activity),
                CliErrors.Safe(Cells.Money(st.Cost)), CliErrors.Safe(Cells.Money(st.CostPerCohortMember)));
        }
        CliTables.Write(stages);
        foreach (var (title, rows) in new[] { ("Spend by setting", s.Settings), ("Spend by provider (who holds the money)", s.Providers) })
        {
            var t = new Table().Title(title).AddColumn("").AddColumn(new TableColumn("People").RightAligned())
                .AddColumn(new TableColumn("Activity").RightAligned()).AddColumn(new TableColumn("Spend").RightAligned());
            foreach (var row in rows)
            {
                t.AddRow(CliErrors.Safe(row.Key), Cells.Count(row.People), Cells.Count(row.Activity), CliErrors.Safe(Cells.Money(row.Cost)));
            }
            CliTables.Write(t);
        }
        var links = new Table().Title("Transitions between consecutive 12-month periods (Sankey links)").AddColumn("Period to period")
            .AddColumn("From").AddColumn("To").AddColumn(new TableColumn("People").RightAligned());
        foreach (var l in s.Links)
        {
            links.AddRow(Periods(s.ReferenceDate, l.FromPeriod), l.From, l.To, Cells.Count(l.People));
        }
        CliTables.Write(links);
        var e = s.Escalation;
        AnsiConsole.MarkupLine(CliErrors.Safe($"Time to escalation: of {Cells.Count(e.People)} people first seen below escalation, {Cells.Count(e.Escalated)} escalated; median {Cells.Number(e.MedianDays, "0")} days, mean {Cells.Number(e.MeanDays, "0")}."));
        var outliers = s.Variation.Where(v => v.Flag is FunnelFlag.High998 or FunnelFlag.Low998).ToList();
        AnsiConsole.MarkupLine(CliErrors.Safe($"Practice variation (share of the cohort with an escalation, ICB {s.VariationTarget:P1}): {s.Variation.Count} practices, {outliers.Count} beyond 99.8% limits{(outliers.Count > 0 ? ": " + string.Join(", ", outliers.Select(o => o.Unit)) : "")}."));
        AnsiConsole.MarkupLine(CliErrors.Safe(s.Statement));
    }

    private static string Periods(DateOnly d, int fromPeriod) =>
        $"to {d.AddYears(-fromPeriod):yyyy-MM-dd} → to {d.AddYears(-fromPeriod + 1):yyyy-MM-dd}";

    private static Command Scenario()
    {
        var ws = CommonOptions.Workspace();
        var id = new Option<string>("--pathway", "-p") { Description = "Pathway id.", Required = true };
        var share = new Option<double>("--shift") { Description = "Share of escalations moved to the earlier stage (0..1), the low end of an 80% interval with --shift-high.", Required = true };
        var high = new Option<double?>("--shift-high") { Description = "High end of the share's 80% interval (default: --shift)." };
        var from = new Option<string[]>("--from") { Description = "Stages to move from (default: the escalation stages).", AllowMultipleArgumentsPerToken = true };
        var to = new Option<string?>("--to") { Description = "Stage to move to (default: the first stage)." };
        var years = new Option<int>("--years") { Description = "Projection years.", DefaultValueFactory = _ => 3 };
        var runs = new Option<int>("--runs") { Description = "Monte Carlo runs.", DefaultValueFactory = _ => 200 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1UL };
        var contract = new Option<FileInfo?>("--contract") { Description = "A pathway contract (JSON; examples/pathway-contract-copd.json) to simulate under the scenario." };
        var at = CommonOptions.Date("--at", "Reference date D, yyyy-mm-dd (default: data end).");
        var json = CommonOptions.Json();
        var noDc = CommonOptions.NoDisclosure();
        var command = new Command("scenario", "Shift a share of a pathway's escalations to an earlier stage through the scenario engine; optionally simulate a pathway contract.")
            { ws, id, share, high, from, to, years, runs, seed, contract, at, json, noDc };
        command.SetAction(r =>
        {
            var pathway = PathwayFiles.Find(r.GetValue(id)!);
            var policy = CommonOptions.Disclosure(r.GetValue(noDc));
            using var workspace = CommonOptions.OpenWorkspace(r.GetValue(ws)!);
            var engine = workspace.Engine;
            var date = CommonOptions.ReferenceDate(r, at, engine);
            PathwayAnalytics.EnsureCurrent(engine, date);
            var lo = r.GetValue(share);
            var shift = PathwayScenario.DefaultShift(pathway, lo) with { Share = new Interval80(lo, r.GetValue(high) ?? lo) };
            if (r.GetValue(from) is { Length: > 0 } f)
            {
                shift = shift with { FromStages = f };
            }
            if (r.GetValue(to) is { } t)
            {
                shift = shift with { ToStage = t };
            }
            if (r.GetValue(years) is < 1 or > 20 || r.GetValue(runs) is < 0 or > 10_000)
            {
                throw new ArgumentException("--years must be 1..20 and --runs 0..10000.");
            }
            var result = PathwayScenario.Run(engine, pathway, shift, r.GetValue(years), new ScenarioOptions(r.GetValue(runs), r.GetValue(seed)));
            var cohort = policy.Count(result.CohortPeople);
            // Aggregates over a cohort below the threshold are withheld with it.
            double? Released(double v) => policy.Amount(v, result.CohortPeople);
            var stages = result.Stages.Select(s => new { s.Key, s.Year, BaselineActivity = Released(s.BaselineActivity), Activity = Released(s.Activity.Mean), BaselineCost = Released(s.BaselineCost), Cost = Released(s.Cost.Mean), CostP10 = Released(s.Cost.P10), CostP90 = Released(s.Cost.P90) }).ToList();
            PathwayContractView? contractResult = null;
            if (r.GetValue(contract) is { } file)
            {
                var pc = ReadContract(file, pathway, result);
                var outcomes = PathwayContractSimulator.Simulate(pc, PathwayScenario.Outturns(result.Run, result.CohortPeople));
                // Stochastic runs only when there are any (run 0 is the principal run).
                var summarised = outcomes.Any(o => o.Commissioner.Run > 0) ? outcomes.Where(o => o.Commissioner.Run > 0).ToList() : [.. outcomes];
                contractResult = new PathwayContractView(pc.ContractId, pc.LeadProvider, pc.AgreedValue,
                    outcomes.Max(o => Math.Abs(o.Payment - o.Flows.Sum(x => x.Receives))),
                    [.. summarised.GroupBy(o => o.Commissioner.Year).OrderBy(g => g.Key).SelectMany(g => g.SelectMany(o => o.Flows)
                        .GroupBy(x => (x.Provider, x.Role))
                        .Select(p => new PathwayFlowView(g.Key, p.Key.Provider, p.Key.Role, p.Average(x => x.Receives), p.Average(x => x.Margin)))
                        .OrderBy(p => p.Role).ThenBy(p => p.Provider, StringComparer.Ordinal)
                        .Prepend(new PathwayFlowView(g.Key, "commissioner pays", null, g.Average(o => o.Payment), null)))]);
            }
            if (r.GetValue(json))
            {
                Output.Json(new { result.Pathway, result.ReferenceDate, Shift = result.Shift, CohortPeople = cohort, Stages = stages, Contract = contractResult, policy.Statement });
                return 0;
            }
            AnsiConsole.MarkupLine(CliErrors.Safe($"{pathway.Name}: shift {lo:P0}{(r.GetValue(high) is { } h ? $"–{h:P0}" : "")} of {string.Join(", ", shift.FromStages)} to {shift.ToStage}; {Cells.Count(cohort)} people; means over {r.GetValue(runs)} runs."));
            var table = new Table().Title("Activity and spend by stage and projection year").AddColumn("Year").AddColumn("Stage")
                .AddColumn(new TableColumn("Baseline activity").RightAligned()).AddColumn(new TableColumn("Scenario activity").RightAligned())
                .AddColumn(new TableColumn("Baseline spend").RightAligned()).AddColumn(new TableColumn("Scenario spend (P10–P90)").RightAligned());
            foreach (var s in stages)
            {
                table.AddRow(s.Year.ToString(CultureInfo.InvariantCulture), s.Key, Cells.Number(s.BaselineActivity, "N0"), Cells.Number(s.Activity, "N0"),
                    CliErrors.Safe(Cells.Money(s.BaselineCost)), CliErrors.Safe($"{Cells.Money(s.Cost)} ({Cells.Money(s.CostP10)}–{Cells.Money(s.CostP90)})"));
            }
            CliTables.Write(table);
            if (contractResult is { } cr)
            {
                var flows = new Table().Title(CliErrors.Safe($"Pathway contract {cr.ContractId}: lead {cr.LeadProvider}, agreed £{cr.AgreedValue:N0}; the lead's budget flows to the others (means over runs)"))
                    .AddColumn("Year").AddColumn("Provider").AddColumn("Role").AddColumn(new TableColumn("Receives").RightAligned()).AddColumn(new TableColumn("Margin").RightAligned());
                foreach (var flow in cr.Flows)
                {
                    flows.AddRow(flow.Year.ToString(CultureInfo.InvariantCulture), flow.Provider, flow.Role?.ToString() ?? "", CliErrors.Safe(Cells.Money(flow.Receives)), flow.Margin is null ? "" : CliErrors.Safe(Cells.Money(flow.Margin)));
                }
                CliTables.Write(flows);
                AnsiConsole.MarkupLine(CliErrors.Safe($"Payments reconcile with what the providers receive: largest difference £{cr.ReconciliationMaxDifference:0.00}."));
            }
            AnsiConsole.MarkupLine(CliErrors.Safe(policy.Statement));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// A pathway contract file (snake_case, the Deliver payment mechanisms); without a "baseline" it is measured
    /// against the pathway's own 12 months to D (people on the pathway and activity by stage), and without an
    /// "agreed_value" (here or in its corridor) it is agreed at the pathway's baseline cost.
    /// </summary>
    private static PathwayContract ReadContract(FileInfo file, PathwayDefinition pathway, PathwayScenarioResult result)
    {
        if (!file.Exists)
        {
            throw new InputException(file.FullName, 0, null, "file not found");
        }
        PathwayContract contract;
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(file.FullName)) as JsonObject ?? throw new InputException(file.FullName, 1, null, "expected a JSON object");
            if (!node.ContainsKey("baseline"))
            {
                var activity = new JsonObject();
                foreach (var s in result.Stages.Where(s => s.Year == 1))
                {
                    activity[s.Key] = s.BaselineActivity;
                }
                node["baseline"] = new JsonObject { ["weighted_population"] = result.CohortPeople, ["activity_by_setting"] = activity };
            }
            // Without an agreed value the contract is agreed at the pathway's baseline cost in the first projection year.
            if (!node.ContainsKey("agreed_value"))
            {
                node["agreed_value"] = result.Stages.Where(s => s.Year == 1).Sum(s => s.BaselineCost);
            }
            if (node["corridor"] is JsonObject corridor && !corridor.ContainsKey("agreed_value"))
            {
                corridor["agreed_value"] = node["agreed_value"]!.GetValue<double>();
            }
            contract = node.Deserialize<PathwayContract>(DeliverRecords.PayloadJson) ?? throw new InputException(file.FullName, 1, null, "empty contract");
        }
        catch (JsonException e)
        {
            throw new InputException(file.FullName, (e.LineNumber ?? 0) + 1, e.Path, $"invalid pathway contract: {e.Message}");
        }
        if (contract.Pathway != pathway.Id)
        {
            throw new InputException(file.FullName, 0, "pathway", $"the contract is for '{contract.Pathway}', the scenario for '{pathway.Id}'");
        }
        try
        {
            contract.Validate();
        }
        catch (ArgumentException e)
        {
            var colon = e.Message.IndexOf(": ", StringComparison.Ordinal);
            throw new InputException(file.FullName, 0, colon > 0 ? e.Message[..colon] : null, colon > 0 ? e.Message[(colon + 2)..] : e.Message);
        }
        return contract;
    }

    private static Command ProgrammeBudgetCommand()
    {
        var ws = CommonOptions.Workspace();
        var at = CommonOptions.Date("--at", "Reference date D, yyyy-mm-dd (default: data end); spend over the 12 months to D.");
        var by = new Option<FunnelLevel>("--by") { Description = "Areas compared with the ICB: place, neighbourhood or practice.", DefaultValueFactory = _ => FunnelLevel.Place };
        var json = CommonOptions.Json();
        var noDc = CommonOptions.NoDisclosure();
        var command = new Command("programme-budget", "All spend in NHS programme budgeting categories, and spend per head and outcome by area against the ICB.")
            { ws, at, by, json, noDc };
        command.SetAction(r =>
        {
            var policy = CommonOptions.Disclosure(r.GetValue(noDc));
            using var workspace = CommonOptions.OpenWorkspace(r.GetValue(ws)!);
            var date = CommonOptions.ReferenceDate(r, at, workspace.Engine);
            var spend = ProgrammeBudget.Spend(workspace.Engine, date);
            var total = spend.Sum(s => s.Cost);
            var comparisons = ProgrammeBudget.Compare(ProgrammeBudget.ByArea(workspace.Engine, date, r.GetValue(by)), policy);
            var released = spend.Select(s => new { s.Code, s.Name, People = policy.Count(s.People), Activity = policy.Count(s.Activity), Cost = policy.Amount((double)s.Cost, s.People), Share = total > 0 ? (double)(s.Cost / total) : 0 }).ToList();
            if (r.GetValue(json))
            {
                Output.Json(new { ReferenceDate = date, TotalCost = total, Programmes = released, Areas = comparisons.Select(c => new { c.Area, c.Programme, c.SpendPerHead, c.PeerSpendPerHead, c.SpendIndex, c.OutcomeRate, c.PeerOutcomeRate, c.Quadrant }), policy.Statement });
                return 0;
            }
            var table = new Table().Title(CliErrors.Safe($"Programme budget, 12 months to {date:yyyy-MM-dd} (total {Cells.Money((double)total)})"))
                .AddColumn("Code").AddColumn("Programme").AddColumn(new TableColumn("People").RightAligned()).AddColumn(new TableColumn("Activity").RightAligned())
                .AddColumn(new TableColumn("Spend").RightAligned()).AddColumn(new TableColumn("Share").RightAligned());
            foreach (var s in released)
            {
                table.AddRow(s.Code, CliErrors.Safe(s.Name), Cells.Count(s.People), Cells.Count(s.Activity), CliErrors.Safe(Cells.Money(s.Cost)), s.Share.ToString("P1", CultureInfo.InvariantCulture));
            }
            CliTables.Write(table);
            var quad = new Table().Title("Spend and outcome against the ICB (outcome: emergency admissions per 1,000 for the programme; above the ICB is worse)")
                .AddColumn("Area").AddColumn("Programme").AddColumn(new TableColumn("Spend per head").RightAligned())
                .AddColumn(new TableColumn("ICB").RightAligned()).AddColumn(new TableColumn("Admissions per 1,000").RightAligned())
                .AddColumn(new TableColumn("ICB").RightAligned()).AddColumn("Quadrant");
            foreach (var c in comparisons.Where(c => c.Programme is not ("22" or ProgrammeBudget.Unmapped)))
            {
                quad.AddRow(CliErrors.Safe(c.Area), c.Programme, CliErrors.Safe(Cells.Money(c.SpendPerHead)), CliErrors.Safe(Cells.Money(c.PeerSpendPerHead)),
                    Cells.Number(c.OutcomeRate), Cells.Number(c.PeerOutcomeRate), c.Quadrant?.ToString() ?? "");
            }
            CliTables.Write(quad);
            AnsiConsole.MarkupLine(CliErrors.Safe(policy.Statement));
            return 0;
        });
        return command;
    }
}

/// <summary>A pathway contract simulated under a pathway scenario: mean flows per year, and the reconciliation check.</summary>
public sealed record PathwayContractView(string ContractId, string LeadProvider, double AgreedValue, double ReconciliationMaxDifference, IReadOnlyList<PathwayFlowView> Flows);

/// <summary>A provider's mean receipts and margin in a projection year (Role null: the commissioner's payment to the lead).</summary>
public sealed record PathwayFlowView(int Year, string Provider, PathwayRole? Role, double Receives, double? Margin);

/// <summary>`strata utilisation`: Evidence-Based Interventions by practice and provider against the ICB, SPC trend, follow-up ratios.</summary>
public static class UtilisationCommand
{
    public static Command Create()
    {
        var ws = CommonOptions.Workspace();
        var at = CommonOptions.Date("--at", "Reference date D, yyyy-mm-dd (default: data end); rates over the 12 months to D.");
        var json = CommonOptions.Json();
        var noDc = CommonOptions.NoDisclosure();
        var command = new Command("utilisation", "Evidence-Based Interventions (procedures not to be routinely offered, or only on criteria): rates by practice and provider against the ICB, money at stake, SPC trend; outpatient follow-up ratios by provider and specialty, referral-to-procedure conversion by specialty.")
            { ws, at, json, noDc };
        command.SetAction(r =>
        {
            var policy = CommonOptions.Disclosure(r.GetValue(noDc));
            using var workspace = CommonOptions.OpenWorkspace(r.GetValue(ws)!);
            var date = CommonOptions.ReferenceDate(r, at, workspace.Engine);
            var report = UtilisationReports.Build(workspace.Engine, date, policy);
            if (r.GetValue(json))
            {
                Output.Json(report);
                return 0;
            }
            var table = new Table().Title(CliErrors.Safe($"Evidence-Based Interventions, 12 months to {date:yyyy-MM-dd}"))
                .AddColumn("Intervention").AddColumn("List").AddColumn(new TableColumn("Procedures").RightAligned())
                .AddColumn(new TableColumn("Per 100,000").RightAligned()).AddColumn(new TableColumn("Money at stake").RightAligned());
            foreach (var e in report.Interventions)
            {
                table.AddRow(CliErrors.Safe(e.Name), e.List.ToString(CultureInfo.InvariantCulture), Cells.Count(e.Procedures), Cells.Number(e.RatePer100k), CliErrors.Safe(Cells.Money(e.Cost)));
            }
            CliTables.Write(table);
            var above = new Table().Title("Practices above the ICB rate (excess procedures and their cost at the ICB's mean cost)").AddColumn("Practice").AddColumn("Intervention")
                .AddColumn(new TableColumn("Per 100,000").RightAligned()).AddColumn(new TableColumn("ICB").RightAligned())
                .AddColumn(new TableColumn("Excess").RightAligned()).AddColumn(new TableColumn("Excess cost").RightAligned());
            foreach (var u in report.Practices.Where(u => u.ExcessProcedures is > 0).OrderByDescending(u => u.ExcessCost).Take(20))
            {
                above.AddRow(u.Unit, u.EbiId, Cells.Number(u.RatePer100k), Cells.Number(u.PeerRatePer100k), Cells.Number(u.ExcessProcedures), CliErrors.Safe(Cells.Money(u.ExcessCost)));
            }
            CliTables.Write(above);
            if (report.Trend is { } t)
            {
                AnsiConsole.MarkupLine(CliErrors.Safe($"Monthly EBI procedures, ICB: {t.Points.Count} months, latest {t.Points[^1].Value:0}, mean {t.Points[^1].Mean:0.0}; variation: {t.VariationIcon}."));
            }
            var f = new Table().Title("Outpatient follow-ups per first attendance by provider").AddColumn("Provider")
                .AddColumn(new TableColumn("First").RightAligned()).AddColumn(new TableColumn("Follow-up").RightAligned()).AddColumn(new TableColumn("Ratio").RightAligned());
            foreach (var row in report.Followups)
            {
                f.AddRow(row.Provider, Cells.Count(row.First), Cells.Count(row.Followup), Cells.Number(row.Ratio, "0.00"));
            }
            CliTables.Write(f);
            var sp = new Table().Title(CliErrors.Safe($"By specialty (treatment function): follow-ups per first attendance; referral-to-procedure conversion within {Utilisation.ConversionDays} days"))
                .AddColumn("Specialty").AddColumn(new TableColumn("First").RightAligned()).AddColumn(new TableColumn("Follow-up").RightAligned())
                .AddColumn(new TableColumn("Ratio").RightAligned()).AddColumn(new TableColumn("Firsts followed up").RightAligned())
                .AddColumn(new TableColumn("Procedures").RightAligned()).AddColumn(new TableColumn("Conversion").RightAligned());
            foreach (var row in report.Specialties)
            {
                sp.AddRow(CliErrors.Safe(row.Specialty), Cells.Count(row.First), Cells.Count(row.Followup), Cells.Number(row.FollowupRatio, "0.00"),
                    Cells.Count(row.ConversionFirsts), Cells.Count(row.Converted), Cells.Number(row.ConversionRate, "0.00"));
            }
            CliTables.Write(sp);
            AnsiConsole.MarkupLine(CliErrors.Safe(report.Statement));
            return 0;
        });
        return command;
    }
}

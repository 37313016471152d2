using System.CommandLine;
using System.Globalization;
using Strata.Cli.Infrastructure;
using Strata.Cli.Plan;
using Strata.Data.Deliver;
using Strata.Data.Foundation;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Cli.Deliver;

/// <summary>`strata pool`, `strata decision`, `strata psr`, `strata decommission`, `strata records`.</summary>
public static class GovernanceCommands
{
    public static IEnumerable<Command> Create() => [Pool(), Decision(), Psr(), Decommission(), Records()];

    private static Command Pool()
    {
        var input = new Option<FileInfo>("--input") { Description = "Pooled-budget agreement JSON with scheme actuals.", Required = true };
        var terminating = new Option<bool>("--terminating") { Description = "The agreement ends this year: return the surplus pro rata." };
        var ws = new Option<FileInfo?>("--workspace", "-w") { Description = "Also record the agreement in this workspace (needs --actor)." };
        var actor = new Option<string?>("--actor") { Description = "Who is recording this." };
        var json = CommonOptions.Json();
        var yearEnd = new Command("yearend", "Year-end overspend and underspend handling, in the documented order.") { input, terminating, ws, actor, json };
        yearEnd.SetAction(r =>
        {
            var file = r.GetValue(input)!;
            var agreement = DeliverInput.Read<PoolAgreement>(file);
            PoolYearEnd result;
            try
            {
                result = PooledBudget.YearEnd(agreement, r.GetValue(terminating));
            }
            catch (ArgumentException e)
            {
                throw new InputException(file.FullName, 0, null, e.Message);
            }
            if (r.GetValue(ws) is { } wsFile)
            {
                using var w = CommonOptions.OpenWorkspace(wsFile);
                ContractBook.AddPool(w.Engine, agreement, r.GetValue(actor) ?? throw new ArgumentException("--actor is needed to record the agreement"));
            }
            if (r.GetValue(json))
            {
                Output.Json(result);
                return 0;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"host {result.Host}: overspend £{result.Overspend:N0}, underspend £{result.Underspend:N0}, offset £{result.OffsetWithinPool:N0}, reserve used £{result.ReserveUsed:N0}, shared £{result.SharedOverspend:N0}, carried forward £{result.CarriedForward:N0}"));
            foreach (var (partner, share) in result.PartnerShares)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {partner}: bears £{share:N0}, returned £{result.ReturnedOnTermination[partner]:N0}"));
            }
            return 0;
        });
        return new Command("pool", "Pooled budgets (Section 75 / Better Care Fund).") { yearEnd };
    }

    private static Tier ParseTier(string text) => DecisionLog.ParseTier(text, "--tier");

    private static Command Decision()
    {
        var ws1 = CommonOptions.Workspace();
        var function = new Option<string>("--function") { Description = "The function, e.g. contract_award.", Required = true };
        var tier = new Option<string>("--tier") { Description = "icb, place, neighbourhood or provider_collaborative.", Required = true };
        var limit = new Option<double?>("--limit") { Description = "Financial limit (£); omit for no limit." };
        var actor1 = ContractCommands.Actor();
        var json1 = CommonOptions.Json();
        var delegate_ = new Command("delegate", "Delegate a function to a tier with a financial limit.") { ws1, function, tier, limit, actor1, json1 };
        delegate_.SetAction(r =>
        {
            var d = new Delegation(r.GetValue(function)!, ParseTier(r.GetValue(tier)!), r.GetValue(limit));
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(ws1)!);
            return ContractCommands.Stored(DecisionLog.Delegate(ws.Engine, d, r.GetValue(actor1)!), r.GetValue(json1), d);
        });

        var ws2 = CommonOptions.Workspace();
        var function2 = new Option<string>("--function") { Description = "The function the decision exercises.", Required = true };
        var tier2 = new Option<string>("--tier") { Description = "Tier taking the decision.", Required = true };
        var amount = new Option<double>("--amount") { Description = "Value of the decision (£).", Required = true };
        var description = new Option<string>("--description") { Description = "What is decided.", DefaultValueFactory = _ => "" };
        var escalate = new Option<bool>("--escalate") { Description = "Escalate to the tier above instead of refusing." };
        var id = new Option<string?>("--id") { Description = "Decision id (default generated)." };
        var place = new Option<string?>("--place") { Description = "The place a place-tier decision is for." };
        var neighbourhood = new Option<string?>("--neighbourhood") { Description = "The neighbourhood a neighbourhood-tier decision is for (its place is read from the practices)." };
        var actor2 = ContractCommands.Actor();
        var json2 = CommonOptions.Json();
        var record = new Command("record", "Record a decision, tested against the delegations: refused above the limit, or escalated.")
        { ws2, function2, tier2, amount, description, escalate, id, place, neighbourhood, actor2, json2 };
        record.SetAction(r =>
        {
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(ws2)!);
            var (decision, stored) = DecisionLog.Record(ws.Engine, r.GetValue(function2)!, ParseTier(r.GetValue(tier2)!), r.GetValue(amount),
                r.GetValue(description)!, r.GetValue(escalate), r.GetValue(actor2)!, r.GetValue(id), r.GetValue(place), r.GetValue(neighbourhood));
            var outcome = decision.Outcome;
            if (r.GetValue(json2))
            {
                ContractCommands.Stored(stored, true, decision);
            }
            else
            {
                Console.WriteLine($"{outcome.Status.ToString().ToLowerInvariant()}: {outcome.Reason} (decision {decision.DecisionId} recorded)");
            }
            if (outcome.Status == DecisionStatus.Refused)
            {
                Console.Error.WriteLine($"refused: {outcome.Reason}");
                return CliErrors.Failure;
            }
            return 0;
        });

        var ws3 = CommonOptions.Workspace();
        var json3 = CommonOptions.Json();
        var list = new Command("list", "Delegations and decisions (current versions).") { ws3, json3 };
        list.SetAction(r =>
        {
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(ws3)!);
            var delegations = DecisionLog.Register(ws.Engine).Delegations;
            var decisions = DecisionLog.Current(ws.Engine);
            if (r.GetValue(json3))
            {
                Output.Json(new { Delegations = delegations, Decisions = decisions });
                return 0;
            }
            foreach (var d in delegations)
            {
                Console.WriteLine($"delegation {d.Function} → {DecisionRightsRegister.Name(d.Tier)}: {(d.Limit is { } l ? "£" + DeliverInput.Money(l) : "no limit")}");
            }
            foreach (var d in decisions)
            {
                Console.WriteLine($"decision {d.DecisionId} {d.Function} £{DeliverInput.Money(d.Amount)} at {DecisionRightsRegister.Name(d.Tier)}: {d.Outcome.Status.ToString().ToLowerInvariant()} — {d.Outcome.Reason}");
            }
            return 0;
        });
        return new Command("decision", "Decision rights register: delegations with limits, decisions refused or escalated above them.") { delegate_, record, list };
    }

    private static Command Psr()
    {
        var input = new Option<FileInfo>("--input") { Description = "The case's facts (JSON).", Required = true };
        var notice = CommonOptions.Date("--notice", "Notice of intention date (yyyy-mm-dd): gives the standstill end.");
        var json1 = CommonOptions.Json();
        var select = new Command("select", "Choose the PSR process by the regulation's tests, with reasons.") { input, notice, json1 };
        select.SetAction(r =>
        {
            var n = ReferenceDate.ParseOptional(r.GetValue(notice), "--notice");
            var route = PsrRoute.For(DeliverInput.Read<PsrCase>(r.GetValue(input)!), n);
            if (r.GetValue(json1))
            {
                Output.Json(route);
                return 0;
            }
            Console.WriteLine($"process: {route.Process}{(route.Mandatory ? " (mandatory)" : "")}");
            foreach (var reason in route.Reasons)
            {
                Console.WriteLine($"  - {reason}");
            }
            if (route.StandstillEnd is { } end)
            {
                Console.WriteLine($"standstill: {n!.Value.AddDays(1):yyyy-MM-dd} to end of {end:yyyy-MM-dd}");
            }
            return 0;
        });

        var ws2 = CommonOptions.Workspace();
        var input2 = new Option<FileInfo>("--input") { Description = "PSR record JSON (docs/deliver.md).", Required = true };
        var actor2 = ContractCommands.Actor();
        var json2 = CommonOptions.Json();
        var record = new Command("record", "Keep the record the regulation requires (process, decision maker, criteria, conflicts, notices and dates).") { ws2, input2, actor2, json2 };
        record.SetAction(r =>
        {
            var file = r.GetValue(input2)!;
            var recordInput = DeliverInput.Read<PsrRecordInput>(file);
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(ws2)!);
            try
            {
                var (rec, stored) = PsrLog.Record(ws.Engine, recordInput, r.GetValue(actor2)!);
                return ContractCommands.Stored(stored, r.GetValue(json2), rec);
            }
            catch (ArgumentException e)
            {
                throw new InputException(file.FullName, 0, null, e.Message);
            }
        });

        var ws3 = CommonOptions.Workspace();
        var year = new Option<int>("--year") { Description = "Calendar year of decisions.", Required = true };
        var json3 = CommonOptions.Json();
        var summary = new Command("summary", "Annual summary: counts by process, urgent awards, representations.") { ws3, year, json3 };
        summary.SetAction(r =>
        {
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(ws3)!);
            var s = PsrLog.Summary(ws.Engine, r.GetValue(year));
            if (r.GetValue(json3))
            {
                Output.Json(s);
                return 0;
            }
            Console.WriteLine($"PSR summary {s.Year}: {string.Join(", ", s.ByProcess.Select(kv => $"{kv.Key} {kv.Value}"))}; urgent awards {s.UrgentAwards}; representations {s.Representations}");
            return 0;
        });
        var currentValue = new Option<double>("--current-value") { Description = "Lifetime value before the modification(s) (£).", Required = true };
        var newValue = new Option<double>("--new-value") { Description = "Lifetime value after the cumulative modification(s) (£).", Required = true };
        var different = new Option<bool>("--materially-different") { Description = "The modified contract is materially different in character." };
        var json4 = CommonOptions.Json();
        var modification = new Command("modification", "Is a contract modification allowed without a new process, and does it need a transparency notice?")
        { currentValue, newValue, different, json4 };
        modification.SetAction(r =>
        {
            var (outcome, reason) = Modifications.Assess(new ValueChange(r.GetValue(currentValue), r.GetValue(newValue), r.GetValue(different)));
            if (r.GetValue(json4))
            {
                Output.Json(new { Outcome = outcome, Reason = reason });
                return 0;
            }
            Console.WriteLine($"{outcome}: {reason}");
            return 0;
        });
        return new Command("psr", "Provider Selection Regime (SI 2023/1348): process selection, records, annual summary, modifications.")
        { select, record, summary, modification };
    }

    private static Command Decommission()
    {
        var ws1 = CommonOptions.Workspace();
        var input = new Option<FileInfo>("--input") { Description = "Assessment JSON: criteria scored with evidence, settings, costs.", Required = true };
        var scenario = new Option<FileInfo?>("--costs-from") { Description = "Plan scenario result (`scenario run --out`): stranded and double-running cost summed over its years." };
        var intervention = new Option<string>("--intervention")
        {
            Description = "Which of the scenario's financials to take: an intervention id, or the portfolio.", DefaultValueFactory = _ => ScenarioReport.Portfolio,
        };
        var at = CommonOptions.Date("--at", "Reference date for the equality impact, yyyy-mm-dd (default: the end of the data).");
        var actor = ContractCommands.Actor();
        var json = CommonOptions.Json();
        var noDisclosure = CommonOptions.NoDisclosure();
        var assess = new Command("assess", "Score the decommissioning criteria with evidence, costs and an equality impact by IMD quintile.")
        { ws1, input, scenario, intervention, at, actor, json, noDisclosure };
        assess.SetAction(r =>
        {
            var file = r.GetValue(input)!;
            var i = DeliverInput.Read<DecommissioningInput>(file);
            var costs = i.Costs;
            if (r.GetValue(scenario) is { } s)
            {
                costs = ScenarioCosts(s, r.GetValue(intervention)!);
            }
            if (costs is null)
            {
                throw new InputException(file.FullName, 0, "costs", "give costs in the input or --costs-from a scenario result");
            }
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(ws1)!);
            var policy = CommonOptions.Disclosure(r.GetValue(noDisclosure));
            var referenceDate = CommonOptions.ReferenceDate(r, at, ws.Engine);
            DecommissioningAssessment a;
            StoredRecord stored;
            try
            {
                (a, stored) = DecommissioningLog.Assess(ws.Engine, i, costs, referenceDate, policy, r.GetValue(actor)!);
            }
            catch (ArgumentException e)
            {
                throw new InputException(file.FullName, 0, null, e.Message);
            }
            if (r.GetValue(json))
            {
                Output.Json(new { stored.Version, stored.Actor, stored.At, Assessment = a, Disclosure = policy.Statement });
                return 0;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{a.Service}: weighted score {a.WeightedScore:0.00}/5; costs £{a.Costs.Total:N0} (stranded £{a.Costs.Stranded:N0}, double running £{a.Costs.DoubleRunning:N0})"));
            foreach (var q in a.EqualityImpact)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  IMD quintile {q.Quintile}: affected {q.Affected?.ToString(CultureInfo.InvariantCulture) ?? "suppressed"}, ratio {q.Ratio:0.00}"));
            }
            foreach (var f in a.Flags)
            {
                Console.WriteLine($"  ! {f}");
            }
            Console.WriteLine(policy.Statement);
            return 0;
        });
        return new Command("decommission", "Decommissioning assessments.") { assess };
    }

    /// <summary>
    /// Stranded cost (avoided cost not yet released) and double running (cost while benefits have not yet come through)
    /// of one intervention or the portfolio, summed over the scenario's projection years (means over runs, as Plan writes them).
    /// </summary>
    public static DecommissioningCosts ScenarioCosts(FileInfo file, string intervention)
    {
        ArgumentNullException.ThrowIfNull(file);
        var scenario = ScenarioCommands.Load(file);
        var financials = scenario.Report?.Financials
            ?? throw new InputException(file.FullName, 0, "report.financials", "not a scenario result written by `scenario run --out`");
        var f = financials.FirstOrDefault(x => x.Id == intervention)
            ?? throw new InputException(file.FullName, 0, "report.financials",
                $"no financials for '{intervention}' (the file has: {string.Join(", ", financials.Select(x => x.Id))})");
        return new DecommissioningCosts(f.Years.Sum(y => y.Stranded), f.Years.Sum(y => y.DoubleRunning),
            $"{file.Name}: scenario '{scenario.Name}' ({scenario.ScenarioId}), {intervention}, years 1-{f.Years.Count}");
    }

    private static Command Records()
    {
        var ws1 = CommonOptions.Workspace();
        var type = new Option<string>("--type") { Description = $"Record type: {string.Join(", ", DeliverRecords.Types)}.", Required = true };
        var id = new Option<string>("--id") { Description = "Record id.", Required = true };
        var json = CommonOptions.Json();
        var history = new Command("history", "Every version of a record: who changed what, when.") { ws1, type, id, json };
        history.SetAction(r =>
        {
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(ws1)!);
            var versions = DeliverRecords.History(ws.Engine, r.GetValue(type)!, r.GetValue(id)!);
            if (versions.Count == 0)
            {
                throw new ArgumentException($"no {r.GetValue(type)} '{r.GetValue(id)}' in the workspace");
            }
            if (r.GetValue(json))
            {
                Output.Json(versions.Select(v => new { v.Version, v.Actor, v.At, Payload = System.Text.Json.JsonDocument.Parse(v.Payload).RootElement }));
                return 0;
            }
            foreach (var v in versions)
            {
                Console.WriteLine($"v{v.Version} {v.At:yyyy-MM-ddTHH:mm:ssZ} {v.Actor}: {v.Payload}");
            }
            return 0;
        });
        return new Command("records", "Deliver records (append-only history).") { history };
    }
}

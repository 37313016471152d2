using System.CommandLine;
using System.Globalization;
using Strata.Cli.Infrastructure;
using Strata.Data.Deliver;
using Strata.Data.Foundation;
using Strata.Domain.Deliver;
using Strata.Domain.Reporting;

namespace Strata.Cli.Deliver;

/// <summary>`strata contract add|list|simulate`.</summary>
public static class ContractCommands
{
    /// <summary>
    /// Outturns from a long CSV (run, year, setting, activity, cost), e.g. a Plan scenario's runs written by
    /// `scenario run --outturns` (<see cref="Strata.Cli.Plan.OutturnCsv"/>): rows of other providers (when the file has a
    /// provider column) and other settings are left out; a run-year's activity is summed per setting and its cost over
    /// the contract's settings. With <paramref name="baseline"/> the baseline_activity and baseline_cost columns are read.
    /// </summary>
    public static IReadOnlyList<Outturn> ReadOutturns(FileInfo file, Contract contract, FileInfo? kpiFile = null, bool baseline = false)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(contract);
        var kpis = kpiFile is null ? null : ReadKpis(kpiFile);
        var (activityColumn, costColumn) = baseline ? ("baseline_activity", "baseline_cost") : ("activity", "cost");
        var csv = CsvInput.Read(file.FullName, "run", "year", "setting", activityColumn, costColumn);
        var byProvider = csv.Has("provider");
        var cells = new Dictionary<(int Run, int Year), (Dictionary<string, double> Activity, double Cost)>();
        foreach (var row in csv.Rows)
        {
            var key = ((int)row.Long("run"), (int)row.Long("year"));
            var setting = row.Text("setting");
            if (!Strata.Domain.Foundation.Vocabulary.Settings.Contains(setting))
            {
                throw row.Fail("setting", $"'{setting}' is not a setting of the vocabulary");
            }
            if (!contract.Settings.Contains(setting) || (byProvider && row.Text("provider") != contract.Provider))
            {
                continue; // other settings and providers of the scenario are outside this contract
            }
            if (row.OptionalText(activityColumn) is null)
            {
                throw row.Fail(activityColumn, "suppressed by disclosure control; rerun the scenario with --no-disclosure-control to simulate a contract inside the organisation");
            }
            if (!cells.TryGetValue(key, out var cell))
            {
                cell = (new Dictionary<string, double>(StringComparer.Ordinal), 0);
            }
            cell.Activity[setting] = cell.Activity.GetValueOrDefault(setting) + row.Double(activityColumn);
            cells[key] = (cell.Activity, cell.Cost + row.Double(costColumn));
        }
        if (cells.Count == 0)
        {
            throw new InputException(file.FullName, 1, byProvider ? "provider" : "setting",
                $"no rows for the contract's {(byProvider ? $"provider '{contract.Provider}' in its " : "")}settings ({string.Join(", ", contract.Settings)})");
        }
        return [.. cells.OrderBy(c => c.Key.Year).ThenBy(c => c.Key.Run).Select(c => new Outturn(c.Key.Run, c.Key.Year, c.Value.Activity, c.Value.Cost,
            KpiAchievement: kpis is not null && kpis.TryGetValue(c.Key, out var k) ? k : null))];
    }

    /// <summary>KPI and CQUIN indicator achievement per run and year: CSV run, year, kpi, achievement (0..1).</summary>
    private static Dictionary<(int, int), Dictionary<string, double>> ReadKpis(FileInfo file)
    {
        var csv = CsvInput.Read(file.FullName, "run", "year", "kpi", "achievement");
        var result = new Dictionary<(int, int), Dictionary<string, double>>();
        foreach (var row in csv.Rows)
        {
            var achievement = row.Double("achievement");
            if (achievement is < 0 or > 1)
            {
                throw row.Fail("achievement", "must be in 0..1");
            }
            var key = ((int)row.Long("run"), (int)row.Long("year"));
            if (!result.TryGetValue(key, out var kpis))
            {
                result[key] = kpis = new Dictionary<string, double>(StringComparer.Ordinal);
            }
            kpis[row.Text("kpi")] = achievement;
        }
        return result;
    }

    public static string Html(Contract contract, ContractSimulation sim)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(sim);
        var v = contract.AgreedValue;
        // Payment across a range of costs with the baseline activity: the corridor's shape.
        var curve = ContractSimulator.PaymentCurve(contract);
        var chart = new SvgChart($"Contract {contract.ContractId}: payment against provider cost", "Provider cost (£)", "Payment (£)")
            .Line("Payment", curve)
            .Line("Cost = payment", curve.Select(p => (p.Cost, p.Cost)), dashed: true);
        if (sim.Outcomes is { Count: > 0 } o)
        {
            chart.Points("Simulated outturns", o.Select(x => (x.Cost, x.Payment)));
        }
        static string F(double x) => x.ToString("N0", CultureInfo.InvariantCulture);
        return new HtmlReport($"Contract {contract.ContractId} ({contract.Provider})")
            .Paragraph($"Mechanisms: {string.Join("; ", contract.Mechanisms.Select(m => m.Describe()))}. Agreed value £{F(v)}." +
                (contract.Corridor is { } c ? $" Corridor: provider bears ±{c.CorridorShare:P1}, then {c.ProviderShareBeyondCorridor:P0} provider share to ±{c.CapShare:P1}, beyond that the {c.BeyondCapBearer.ToString().ToLowerInvariant()}." : ""))
            .Chart(chart)
            .Table("Distribution over runs by year (£)", ["Year", "Runs", "Payment mean", "Payment P10", "Payment P90", "Commissioner risk mean", "Commissioner risk P90", "Provider risk mean", "Provider risk P90"],
                sim.Years.Select(y => (IReadOnlyList<string>)[y.Year.ToString(CultureInfo.InvariantCulture), y.Runs.ToString(CultureInfo.InvariantCulture),
                    F(y.Payment.Mean), F(y.Payment.P10), F(y.Payment.P90), F(y.CommissionerRisk.Mean), F(y.CommissionerRisk.P90), F(y.ProviderRisk.Mean), F(y.ProviderRisk.P90)]))
            .ToHtml("Contract figures are modelled payments; no person-level counts are shown.");
    }

    public static Command Create()
    {
        var contract = new Command("contract", "Contracts and payment mechanisms: record them and simulate who bears which risk.");

        var ws1 = CommonOptions.Workspace();
        var input = new Option<FileInfo>("--input") { Description = "Contract JSON (docs/deliver.md).", Required = true };
        var actor = Actor();
        var json1 = CommonOptions.Json();
        var add = new Command("add", "Record a contract (a new version if the id exists).") { ws1, input, actor, json1 };
        add.SetAction(r =>
        {
            var c = DeliverInput.Read<Contract>(r.GetValue(input)!);
            Validate(c, r.GetValue(input)!);
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(ws1)!);
            var stored = ContractBook.Add(ws.Engine, c, r.GetValue(actor)!);
            return Stored(stored, r.GetValue(json1));
        });

        var ws2 = CommonOptions.Workspace();
        var json2 = CommonOptions.Json();
        var list = new Command("list", "Current version of every contract.") { ws2, json2 };
        list.SetAction(r =>
        {
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(ws2)!);
            var current = ContractBook.Current(ws.Engine);
            if (r.GetValue(json2))
            {
                Output.Json(current.Select(x => new { x.Version, x.Actor, x.At, x.Contract }));
                return 0;
            }
            foreach (var x in current)
            {
                var c = x.Contract;
                Console.WriteLine($"{c.ContractId} v{x.Version} {c.Provider}: £{DeliverInput.Money(c.AgreedValue)} — {string.Join("; ", c.Mechanisms.Select(m => m.Describe()))}");
            }
            return 0;
        });

        var ws3 = CommonOptions.Workspace();
        var id = new Option<string>("--contract") { Description = "Contract id.", Required = true };
        var outturns = new Option<FileInfo?>("--outturns")
        {
            Description = "CSV run,year,[provider,]setting,activity,cost, e.g. written by `scenario run --outturns`; default the baseline at the agreed value.",
        };
        var baselineCase = new Option<bool>("--baseline") { Description = "Simulate the file's baseline_activity and baseline_cost (the scenario's runs without interventions)." };
        var kpiFile = new Option<FileInfo?>("--kpis") { Description = "CSV run,year,kpi,achievement (0..1) for outcomes KPIs and CQUIN indicators; missing ones take their assumed achievement." };
        var detail = new Option<bool>("--runs") { Description = "Include every run's outcome in the JSON." };
        var report = new Option<FileInfo?>("--report") { Description = "Write an HTML page with the corridor chart." };
        var json3 = CommonOptions.Json();
        var simulate = new Command("simulate", "Payment, provider margin and each party's risk over outturns (mean, P10, P50, P90).") { ws3, id, outturns, baselineCase, kpiFile, detail, report, json3 };
        simulate.SetAction(r =>
        {
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(ws3)!);
            var stored = ContractBook.Load(ws.Engine, r.GetValue(id)!);
            var c = stored.Contract;
            var file = r.GetValue(outturns);
            if (r.GetValue(baselineCase) && file is null)
            {
                throw new ArgumentException("--baseline reads the baseline columns of an --outturns file.");
            }
            var outs = file is not null ? ReadOutturns(file, c, r.GetValue(kpiFile), r.GetValue(baselineCase)) : [new Outturn(0, 0, c.Baseline.ActivityBySetting, c.AgreedValue)];
            var simCase = file is null ? "contract_baseline" : r.GetValue(baselineCase) ? "baseline" : "scenario";
            var full = ContractBook.Simulate(stored, outs, simCase, keepOutcomes: true);
            var sim = r.GetValue(detail) ? full : full with { Outcomes = null };
            if (r.GetValue(report) is { } page)
            {
                File.WriteAllText(page.FullName, Html(c, full));
            }
            if (r.GetValue(json3))
            {
                Output.Json(sim);
                return 0;
            }
            Console.WriteLine($"contract {sim.ContractId} ({sim.Provider}), {sim.Case}:");
            foreach (var y in sim.Years)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"year {y.Year} ({y.Runs} runs): payment mean £{y.Payment.Mean:N0} (P10 £{y.Payment.P10:N0}, P90 £{y.Payment.P90:N0}); commissioner risk mean £{y.CommissionerRisk.Mean:N0}; provider risk mean £{y.ProviderRisk.Mean:N0}"));
            }
            return 0;
        });

        contract.Subcommands.Add(add);
        contract.Subcommands.Add(list);
        contract.Subcommands.Add(simulate);
        return contract;
    }

    private static void Validate(Contract c, FileInfo file)
    {
        try
        {
            ContractBook.Validate(c);
        }
        catch (ArgumentException e)
        {
            throw new InputException(file.FullName, 0, null, e.Message);
        }
    }

    public static Option<string> Actor() => new("--actor") { Description = "Who is recording this (kept in the history).", Required = true };

    /// <summary>Reports a stored record version.</summary>
    public static int Stored(StoredRecord stored, bool json, object? result = null)
    {
        if (json)
        {
            Output.Json(new { stored.RecordType, stored.RecordId, stored.Version, stored.Actor, stored.At, Result = result });
        }
        else
        {
            Console.WriteLine($"{stored.RecordType} '{stored.RecordId}' version {stored.Version} recorded by {stored.Actor} at {stored.At:yyyy-MM-ddTHH:mm:ssZ}");
        }
        return 0;
    }
}

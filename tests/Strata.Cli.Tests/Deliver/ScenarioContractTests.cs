using System.Globalization;
using System.Text.Json;
using Strata.Cli.Infrastructure;
using Strata.Cli.Tests.Infrastructure;
using Strata.Data.Foundation;

namespace Strata.Cli.Tests.Deliver;

/// <summary>Deliver fed by Plan: contracts simulated on a scenario's runs, decommissioning costs from its financials.</summary>
[Collection("cli")]
public sealed class ScenarioContractTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("strata-wire-cli");

    private string Ws => Path.Combine(_dir.FullName, "ws.duckdb");

    private string PathOf(string name) => Path.Combine(_dir.FullName, name);

    // Activity-based at £3,000 an emergency admission (the cohort's unit cost), no corridor: payment = 3,000 × activity.
    private const string Contract = """
        {"contract_id": "ea1", "provider": "RX1", "settings": ["emergency_admission"],
         "baseline": {"weighted_population": 0, "activity_by_setting": {"emergency_admission": 675}},
         "mechanisms": [{"type": "activity_based", "unit_prices": {"emergency_admission": 3000}}], "agreed_value": 2025000}
        """;

    public ScenarioContractTests()
    {
        using var ws = Workspace.Open(Ws);
        // Plan cells: 900 emergency admissions at £3,000 in a frail cohort of place P1.
        ws.Engine.Execute("""
            CREATE TABLE cohort_people AS SELECT * FROM (VALUES
              (DATE '2025-03-31', 'frailty_dementia', 'very_high', 'P1', 'N1', '85+', 'F', 1, 2000))
              t(reference_date, segment, risk_tier, place_code, neighbourhood_code, age_band, sex, imd_quintile, people);
            CREATE TABLE cohort_activity AS SELECT * FROM (VALUES
              (DATE '2025-03-31', 'frailty_dementia', 'very_high', 'P1', 'N1', '85+', 'F', 1, 'emergency_admission', 900, 8100, 2700000.0))
              t(reference_date, segment, risk_tier, place_code, neighbourhood_code, age_band, sex, imd_quintile, setting, activity, bed_days, cost_gbp);
            INSERT INTO practices VALUES ('PR1', 'Practice 1', 'N1', 'P1', 'Place 1', 'ICB1');
            INSERT INTO people (person_id, sex, year_of_birth, death_date, practice_code, lsoa_code, imd_decile, ethnicity) VALUES ('a', 'F', 1935, NULL, 'PR1', NULL, 1, NULL), ('b', 'F', 1936, NULL, 'PR1', NULL, 2, NULL);
            -- Provider mix of P1's emergency admissions: RX1 three of four (share 0.75), RX2 one; both at £3,000.
            INSERT INTO activity (activity_id, person_id, setting, provider_code, start_date, end_date, primary_diagnosis, cost_gbp) VALUES
              ('e1', 'a', 'emergency_admission', 'RX1', DATE '2024-06-01', NULL, NULL, 3000),
              ('e2', 'a', 'emergency_admission', 'RX1', DATE '2024-09-01', NULL, NULL, 3000),
              ('e3', 'b', 'emergency_admission', 'RX1', DATE '2024-12-01', NULL, NULL, 3000),
              ('e4', 'b', 'emergency_admission', 'RX2', DATE '2025-02-01', NULL, NULL, 3000);
            """);
    }

    public void Dispose() => _dir.Delete(true);

    private static string Examples(string name)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var p = Path.Combine(d.FullName, "examples", name);
            if (Path.Exists(p))
            {
                return p;
            }
        }
        throw new InvalidOperationException("examples not found");
    }

    private static JsonElement Json(CliResult r)
    {
        Assert.True(r.ExitCode == 0, r.Error);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    /// <summary>Runs the virtual-ward scenario over 3 years and returns the outturn CSV it wrote.</summary>
    private string Scenario(int runs, string outturns, params string[] extra)
    {
        var r = CliRunner.Run([.. new[] { "scenario", "run", "--workspace", Ws, "--interventions",
            Path.Combine(Examples("interventions"), "01-frailty-virtual-ward.json"), "--runs", runs.ToString(CultureInfo.InvariantCulture),
            "--years", "3", "--outturns", outturns }, .. extra]);
        Assert.True(r.ExitCode == 0, r.Error);
        return outturns;
    }

    private void AddContract() =>
        Assert.Equal(0, CliRunner.Run("contract", "add", "-w", Ws, "--input", WriteFile("c.json", Contract), "--actor", "alice").ExitCode);

    private string WriteFile(string name, string text)
    {
        File.WriteAllText(PathOf(name), text);
        return PathOf(name);
    }

    [Fact]
    public void Principal_run_baseline_gives_the_providers_share_of_activity_at_the_agreed_value()
    {
        var file = Scenario(0, PathOf("principal.csv"), "--no-disclosure-control");
        AddContract();
        var j = Json(CliRunner.Run("contract", "simulate", "-w", Ws, "--contract", "ea1", "--outturns", file, "--baseline", "--json"));
        Assert.Equal("baseline", j.GetProperty("case").GetString());
        // Year 0: RX1 has 0.75 × 900 = 675 admissions (RX2's 225 are another provider's) → paid 675 × 3,000 = 2,025,000 = agreed value.
        var y0 = j.GetProperty("years")[0];
        Assert.Equal(0, y0.GetProperty("year").GetInt32());
        Assert.Equal(1, y0.GetProperty("runs").GetInt32());
        Assert.Equal(2_025_000, y0.GetProperty("payment").GetProperty("mean").GetDouble(), 3);
        Assert.Equal(0, y0.GetProperty("commissioner_risk").GetProperty("mean").GetDouble(), 3);
        Assert.Equal(4, j.GetProperty("years").GetArrayLength());
    }

    [Fact]
    public void Contract_simulation_on_scenario_runs_reconciles_with_the_outturn_file()
    {
        var file = Scenario(20, PathOf("runs.csv"));
        AddContract();
        var csv = CsvInput.Read(file, "run", "year", "provider", "setting", "activity", "cost", "baseline_activity", "baseline_cost");
        var rx1 = csv.Rows.Where(r => r.Text("provider") == "RX1" && r.Text("setting") == "emergency_admission" && r.Long("year") == 3).ToList();
        Assert.Equal(20, rx1.Count);
        foreach (var (flag, activity, cost) in new[] { ((string?)null, "activity", "cost"), ("--baseline", "baseline_activity", "baseline_cost") })
        {
            string[] args = ["contract", "simulate", "-w", Ws, "--contract", "ea1", "--outturns", file, "--json"];
            var j = Json(CliRunner.Run(flag is null ? args : [.. args, flag]));
            var y3 = j.GetProperty("years").EnumerateArray().Single(y => y.GetProperty("year").GetInt32() == 3);
            Assert.Equal(20, y3.GetProperty("runs").GetInt32());
            var payment = rx1.Average(r => 3000 * r.Double(activity));
            Assert.Equal(payment, y3.GetProperty("payment").GetProperty("mean").GetDouble(), 3);
            Assert.Equal(payment - 2_025_000, y3.GetProperty("commissioner_risk").GetProperty("mean").GetDouble(), 3);
            Assert.Equal(rx1.Average(r => r.Double(cost)) - payment, y3.GetProperty("provider_risk").GetProperty("mean").GetDouble(), 3);
        }
        // The virtual ward avoids admissions: RX1's mean scenario activity in year 3 is below its baseline.
        Assert.True(rx1.Average(r => r.Double("activity")) < rx1.Average(r => r.Double("baseline_activity")));
    }

    [Fact]
    public void A_contract_whose_provider_is_not_in_the_outturns_fails_naming_file_and_field()
    {
        var file = Scenario(0, PathOf("principal.csv"));
        Assert.Equal(0, CliRunner.Run("contract", "add", "-w", Ws, "--input", WriteFile("c.json", Contract.Replace("RX1", "RX9", StringComparison.Ordinal)),
            "--actor", "alice").ExitCode);
        var r = CliRunner.Run("contract", "simulate", "-w", Ws, "--contract", "ea1", "--outturns", file);
        Assert.Equal(CliErrors.InputError, r.ExitCode);
        Assert.Contains("principal.csv", r.Error, StringComparison.Ordinal);
        Assert.Contains("'provider'", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decommission_takes_an_interventions_stranded_and_double_running_costs_from_the_scenario_result()
    {
        var result = PathOf("result.json");
        Scenario(20, PathOf("runs.csv"), "--out", result);
        var criteria = string.Join(",", Strata.Domain.Deliver.Decommissioning.Criteria.Select(c => $$"""{"criterion": "{{c}}", "score": 3, "evidence": "board paper"}"""));
        var input = WriteFile("d.json", $$"""{"assessment_id": "d1", "service": "acute frailty beds", "settings": ["emergency_admission"], "criteria": [{{criteria}}]}""");
        using var doc = JsonDocument.Parse(File.ReadAllText(result));
        var years = doc.RootElement.GetProperty("report").GetProperty("financials").EnumerateArray()
            .Single(f => f.GetProperty("id").GetString() == "frailty-virtual-ward").GetProperty("years").EnumerateArray().ToList();
        var stranded = years.Sum(y => y.GetProperty("stranded").GetDouble());
        var doubleRunning = years.Sum(y => y.GetProperty("double_running").GetDouble());
        Assert.True(stranded > 0);

        var j = Json(CliRunner.Run("decommission", "assess", "-w", Ws, "--input", input, "--costs-from", result, "--intervention", "frailty-virtual-ward",
            "--at", "2025-03-31", "--actor", "alice", "--json", "--no-disclosure-control"));
        var costs = j.GetProperty("assessment").GetProperty("costs");
        Assert.Equal(stranded, costs.GetProperty("stranded").GetDouble(), 6);
        Assert.Equal(doubleRunning, costs.GetProperty("double_running").GetDouble(), 6);
        Assert.Contains("frailty-virtual-ward", costs.GetProperty("source").GetString(), StringComparison.Ordinal);

        var bad = CliRunner.Run("decommission", "assess", "-w", Ws, "--input", input, "--costs-from", result, "--intervention", "no-such",
            "--actor", "alice");
        Assert.Equal(CliErrors.InputError, bad.ExitCode);
        Assert.Contains("result.json", bad.Error, StringComparison.Ordinal);
        Assert.Contains("report.financials", bad.Error, StringComparison.Ordinal);
        Assert.Contains("no-such", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_provider_impact_uses_the_providers_recorded_contract()
    {
        Assert.Equal(0, CliRunner.Run("contract", "add", "-w", Ws, "--input", WriteFile("b.json", Contract
            .Replace("\"ea1\"", "\"blk\"", StringComparison.Ordinal)
            .Replace("""{"type": "activity_based", "unit_prices": {"emergency_admission": 3000}}""", """{"type": "block", "amount": 2025000}""", StringComparison.Ordinal)),
            "--actor", "alice").ExitCode);
        var j = Json(CliRunner.Run("scenario", "run", "--workspace", Ws, "--interventions", Path.Combine(Examples("interventions"), "01-frailty-virtual-ward.json"),
            "--runs", "20", "--years", "3", "--contracts", "--json"));
        var y3 = j.GetProperty("report").GetProperty("by_provider").EnumerateArray()
            .Where(p => p.GetProperty("year").GetInt32() == 3 && p.GetProperty("setting").GetString() == "emergency_admission")
            .ToDictionary(p => p.GetProperty("provider").GetString()!);
        // RX1 is on a block contract: admissions avoided do not move its income. RX2 has none: paid as activity, it loses income.
        Assert.Equal("contract blk", y3["RX1"].GetProperty("payment_model").GetString());
        Assert.Equal(0, y3["RX1"].GetProperty("income_change").GetDouble(), 6);
        Assert.Equal("activity", y3["RX2"].GetProperty("payment_model").GetString());
        Assert.True(y3["RX2"].GetProperty("income_change").GetDouble() < 0);
    }
}

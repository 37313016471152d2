using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Plan;

/// <summary>
/// Persists scenario results in the workspace: scenario_runs (one row per scenario: kind, name, interventions with
/// versions, seed, runs, years, parameters) and scenario_results (long format: scenario, year, setting, provider,
/// intervention, measure, statistic, value), and records the run in strata_runs.
/// </summary>
public static class ScenarioStore
{
    public const string RuleVersion = "plan-v1";

    public static void Ensure(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.CreateTable(Tables.ScenarioRuns);
        engine.CreateTable(Tables.ScenarioResults);
        engine.CreateTable(Tables.ScenarioEvidence);
    }

    /// <summary>Each intervention's evidence and elicitation record stored with a scenario (JSON, as in the result file).</summary>
    public static IReadOnlyList<(string Intervention, InterventionEvidence Provenance)> Evidence(IEngine engine, string scenarioId)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Ensure(engine);
        return engine.Query("SELECT intervention, provenance FROM scenario_evidence WHERE scenario_id = $1 ORDER BY intervention",
            r => (r.GetString(0), System.Text.Json.JsonSerializer.Deserialize<InterventionEvidence>(r.GetString(1), ProvenanceJson)!), scenarioId);
    }

    private static readonly System.Text.Json.JsonSerializerOptions ProvenanceJson = new()
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Saves a report; returns the scenario id.</summary>
    public static string Save(IEngine engine, string kind, string name, DateOnly referenceDate, ScenarioReport report, string? parametersJson)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(report);
        Ensure(engine);
        var id = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        engine.InTransaction(() =>
        {
            var runId = RunLog.Record(engine, "plan:" + kind, RuleVersion, referenceDate, parametersJson);
            using (var a = engine.Append("scenario_runs"))
            {
                a.Row(id, runId, kind, name, referenceDate, string.Join(",", report.Interventions.Select(i => $"{i.Id}@{i.Version}")),
                    report.Seed.ToString(CultureInfo.InvariantCulture), report.Runs, report.Years, RuleVersion, parametersJson, DateTime.UtcNow);
            }
            using (var e = engine.Append("scenario_evidence"))
            {
                foreach (var i in report.Interventions.Where(i => i.Provenance is not null))
                {
                    e.Row(id, i.Id, System.Text.Json.JsonSerializer.Serialize(i.Provenance, ProvenanceJson));
                }
            }
            using var r = engine.Append("scenario_results");
            void Row(int? year, string? setting, string? provider, string? intervention, string measure, string statistic, double? value) =>
                r.Row(id, year, setting, provider, intervention, measure, statistic, value);
            void Counts(int? year, string? setting, string? provider, string measure, CountSummary c)
            {
                Row(year, setting, provider, null, measure, "mean", c.Mean);
                Row(year, setting, provider, null, measure, "p10", c.P10);
                Row(year, setting, provider, null, measure, "p50", c.P50);
                Row(year, setting, provider, null, measure, "p90", c.P90);
            }
            void Money(int? year, string? setting, string? provider, string? intervention, string measure, Summary s)
            {
                Row(year, setting, provider, intervention, measure, "mean", s.Mean);
                Row(year, setting, provider, intervention, measure, "p10", s.P10);
                Row(year, setting, provider, intervention, measure, "p50", s.P50);
                Row(year, setting, provider, intervention, measure, "p90", s.P90);
            }
            foreach (var s in report.BySetting)
            {
                Counts(s.Year, s.Setting, null, "baseline_activity", s.BaselineActivity);
                Counts(s.Year, s.Setting, null, "activity", s.Activity);
                Counts(s.Year, s.Setting, null, "avoided", s.Avoided);
                Counts(s.Year, s.Setting, null, "bed_days", s.BedDays);
                Money(s.Year, s.Setting, null, null, "baseline_cost", s.BaselineCost);
                Money(s.Year, s.Setting, null, null, "cost", s.Cost);
            }
            // Whole-system totals (per-run sums across settings, then summarised) and the horizon by setting: the
            // percentiles of sums cannot be rebuilt from the per-setting rows, and comparisons need them.
            foreach (var t in report.Totals)
            {
                Money(t.Year, null, null, null, "total_baseline_cost", t.BaselineCost);
                Money(t.Year, null, null, null, "total_cost", t.Cost);
                Counts(t.Year, null, null, "total_bed_days", t.BedDays);
            }
            foreach (var h in report.Horizon)
            {
                Counts(null, h.Setting, null, "horizon_avoided", h.Avoided);
                Money(null, h.Setting, null, null, "horizon_cost_avoided", h.CostAvoided);
            }
            foreach (var p in report.ByProvider)
            {
                Counts(p.Year, p.Setting, p.Provider, "baseline_activity", p.BaselineActivity);
                Counts(p.Year, p.Setting, p.Provider, "activity", p.Activity);
                Counts(p.Year, p.Setting, p.Provider, "bed_days", p.BedDays);
                Row(p.Year, p.Setting, p.Provider, null, "baseline_cost", "mean", p.BaselineCost);
                Money(p.Year, p.Setting, p.Provider, null, "cost", p.Cost);
                Row(p.Year, p.Setting, p.Provider, null, "income_change:" + p.PaymentModel, "mean", p.IncomeChange);
            }
            foreach (var d in report.Decomposition)
            {
                foreach (var step in d.Steps)
                {
                    Row(d.Year, null, null, step.Intervention, "step:" + d.Measure, "mean", step.Value);
                }
                Row(d.Year, null, null, null, "interaction:" + d.Measure, "mean", d.Interaction);
            }
            foreach (var f in report.Financials)
            {
                foreach (var y in f.Years)
                {
                    Row(y.Year, null, null, f.Id, "gross_saving", "mean", y.Gross);
                    Row(y.Year, null, null, f.Id, "cash_released", "mean", y.Released);
                    Row(y.Year, null, null, f.Id, "stranded", "mean", y.Stranded);
                    Row(y.Year, null, null, f.Id, "intervention_cost", "mean", y.InterventionCost);
                    Row(y.Year, null, null, f.Id, "receiving_cost", "mean", y.ReceivingCost);
                    Row(y.Year, null, null, f.Id, "net_cost", "mean", y.Net);
                    Row(y.Year, null, null, f.Id, "cumulative_net_benefit", "mean", y.Cumulative);
                    Row(y.Year, null, null, f.Id, "double_running", "mean", y.DoubleRunning);
                }
                Money(null, null, null, f.Id, "npv", f.Npv);
                Row(null, null, null, f.Id, "npv", "principal", f.PrincipalNpv);
                Row(null, null, null, f.Id, "roi", "mean", f.Roi);
                Row(null, null, null, f.Id, "payback_year", "mean", f.PaybackYear);
                Row(null, null, null, f.Id, "discounted_cost", "mean", f.DiscountedCost);
                Row(null, null, null, f.Id, "discounted_gross", "mean", f.DiscountedGross);
            }
        });
        return id;
    }
}

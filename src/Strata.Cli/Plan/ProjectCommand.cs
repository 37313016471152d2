using System.CommandLine;
using System.Globalization;
using Strata.Cli.Infrastructure;
using Strata.Data.Plan;
using Strata.Domain.Plan;

namespace Strata.Cli.Plan;

/// <summary>`strata project`: demand projection by setting against an optional capacity and budget (the curve of doom).</summary>
internal static class ProjectCommand
{
    public static Command Create()
    {
        var ws = CommonOptions.Workspace();
        var json = CommonOptions.Json();
        var noDisclosure = CommonOptions.NoDisclosure();
        var plan = new PlanOptions();
        var budget = new Option<double?>("--budget") { Description = "Annual budget (£) drawn as a line against total cost." };
        var capacity = new Option<FileInfo?>("--capacity") { Description = "Capacity CSV: setting, capacity[, year] (activity per year)." };
        var html = new Option<FileInfo?>("--html") { Description = "Write the projection page (HTML) to this file." };
        var command = new Command("project", "Project activity and cost by setting for 5–10 years from demographic and non-demographic growth.")
        {
            ws, json, noDisclosure, budget, capacity, html,
        };
        foreach (var o in plan.All)
        {
            command.Options.Add(o);
        }
        command.SetAction(r =>
        {
            var policy = CommonOptions.Disclosure(r.GetValue(noDisclosure));
            using var workspace = CommonOptions.OpenWorkspace(r.GetValue(ws)!);
            var baseline = PlanCells.Load(workspace.Engine, plan.AtOf(r));
            var caps = r.GetValue(capacity) is { } c ? PlanInputs.ReadCapacity(c.FullName) : null;
            var years = plan.YearsOf(r);
            var report = ProjectionRunner.Run(workspace.Engine, baseline, plan.GrowthOf(r, baseline.ReferenceDate), years, policy, r.GetValue(budget), caps, "projection",
                new { years, growth = r.GetValue(plan.Growth)?.FullName ?? "default", ndg = r.GetValue(plan.Ndg) ?? "default", budget = r.GetValue(budget),
                    population = r.GetValue(plan.Population)?.FullName, health_status = r.GetValue(plan.HealthStatus) }).Report;
            if (r.GetValue(html) is { } h)
            {
                File.WriteAllText(h.FullName, PlanPages.Projection(report));
            }
            if (r.GetValue(json))
            {
                Output.Json(report);
                return 0;
            }
            PlanCommands.Table($"Projection from {report.ReferenceDate:yyyy-MM-dd}", ["Year", "Total cost (£)", "Budget (£)", "Gap (£)"],
                report.Totals.Select(t => (IReadOnlyList<string>)[t.Year.ToString(CultureInfo.InvariantCulture), t.Cost.ToString("N0", CultureInfo.InvariantCulture),
                    t.Budget?.ToString("N0", CultureInfo.InvariantCulture) ?? "", t.Gap?.ToString("N0", CultureInfo.InvariantCulture) ?? ""]));
            foreach (var over in report.BySetting.Where(s => s.OverCapacity).GroupBy(s => s.Setting))
            {
                Console.WriteLine($"{over.Key} exceeds capacity from year {over.Min(s => s.Year)}.");
            }
            Console.WriteLine(report.Disclosure);
            return 0;
        });
        return command;
    }
}

using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;
using Strata.Web.Infrastructure;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Stages;

/// <summary>The three-year plan of the user's own area: its published tables and the printable documents.</summary>
public sealed record MediumTermPlanView(IReadOnlyList<AggregateTable> Tables, string? Span, string? Intentions, string? ImpactReport)
{
    public AggregateTable Table(string name) => Tables.Single(t => t.Name == name);
}

/// <summary>
/// The web's three-year plan: the plan of the library's interventions (examples/interventions) for the user's own
/// area, from the principal run only and stored nowhere (the CLI's `plan build` stores its run), with the shipped
/// population variants, health-status adjustment and capacity table. Tables pass disclosure control (PlanTables).
/// </summary>
public sealed class MediumTermPlanQueries(WorkspaceGate gate, DisclosurePolicy policy, StrataWebOptions options)
{
    /// <summary>Export names of the plan's tables, in page order (plan-summary, plan-lines, ..., plan-impact).</summary>
    public static IReadOnlyList<string> TableNames { get; } = ["summary", "lines", "funding", "places", "capacity", "checks", "impact"];

    /// <param name="years">Financial years such as 2026/27-2028/29; null = the three after the baseline year.</param>
    public MediumTermPlanView Plan(WebUser user, string? years) => gate.Use(engine => Build(engine, user, years));

    private MediumTermPlanView Build(IEngine engine, WebUser user, string? years)
    {
        ArgumentNullException.ThrowIfNull(user);
        var scope = user.Scope.Describe();
        MediumTermPlanView Missing(string message) =>
            new([.. TableNames.Select(n => AggregateTable.Missing("plan-" + n, Title(n), scope, message, policy.Statement))], null, null, null);
        var capacityPath = CapacityFile.Shipped();
        if (options.InterventionsFolder is not { } folder || capacityPath is null)
        {
            return Missing("The server has no intervention library or capacity table (examples/interventions, reference/capacity): start it from the repository.");
        }
        if (!PlanCells.Available(engine))
        {
            return Missing("Not computed yet: the plan starts from the cohort profile (`strata profile`, or \"Segment the population\" on the Jobs page).");
        }
        PlanBaseline baseline;
        try
        {
            baseline = PlanCells.Load(engine, null, PopulationQueries.Where(engine, user, AreaFilter.None, "1 = 1"));
        }
        catch (InvalidOperationException e)
        {
            return Missing(e.Message);
        }
        var baseYear = FinancialYears.BaselineStart(baseline.ReferenceDate);
        var span = years ?? $"{FinancialYears.Label(baseYear + 1)}-{FinancialYears.Label(baseYear + 3)}";
        var planYears = FinancialYears.Range(span, baseline.ReferenceDate, out var error);
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(years));
        }
        var growth = GrowthAssumptions.Default();
        if (ReferenceFolder.Find(Path.Combine("reference", "population", "illustrative-v1", "variants.csv")) is { } manifest)
        {
            try
            {
                growth = growth.WithPopulation(new PopulationInputs(PopulationFiles.Read(manifest, PopulationFiles.BaseYear(baseline.ReferenceDate)), HealthStatusAdjustment.Default));
            }
            catch (InputException)
            {
                // The illustrative variants do not cover this baseline's year: default growth, health-status adjustment only.
                growth = growth.WithPopulation(new PopulationInputs([], HealthStatusAdjustment.Default));
            }
        }
        var interventions = InterventionFiles.Load([folder]);
        var capacity = CapacityFile.ReadTable(capacityPath);
        var model = ScenarioModel.Build(baseline, growth, interventions, planYears[^1]);
        var run = MonteCarlo.Run(model, FinanceAssumptions.Default, new ScenarioOptions(Runs: 0));
        var plan = ThreeYearPlan.Build(run, baseline.ReferenceDate, planYears, capacity);
        var impact = ProviderImpactPack.Build(run, baseline.ReferenceDate, planYears, capacity);
        var published = PlanTables.Plan(plan, policy).Append(PlanTables.Impact(impact, policy));
        var note = policy.Statement + " Planned figures are modelled (the principal run of the example interventions over the baseline), not counts of people.";
        var tables = published.Select(t => new AggregateTable("plan-" + t.Name, t.Title, scope, baseline.ReferenceDate,
            [.. t.Headers.Select((h, i) => new AggregateColumn(Key(h), h, KindOf(t, i)))],
            [.. t.Rows.Select(r => r.Select(v => v is decimal d ? (object?)(double)d : v).ToArray())], note)).ToList();
        var name = $"example interventions ({scope})";
        return new MediumTermPlanView(tables, $"{plan.FinancialYears[0]} to {plan.FinancialYears[^1]}",
            PlanDocuments.CommissioningIntentions(name, plan, impact, interventions, policy), PlanDocuments.ProviderImpact(name, impact, policy));
    }

    private static string Title(string name) => name switch
    {
        "summary" => "Plan summary by financial year",
        "lines" => "Activity, cost, capacity and workforce by place, provider and setting",
        "funding" => "Funding transition",
        "places" => "Allocation convergence by place",
        "capacity" => "Capacity against projected demand by provider",
        "checks" => "Consistency checks",
        _ => "Provider impact by setting and year",
    };

    private static string Key(string header) =>
        new string([.. header.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '_')]).Trim('_').Replace("__", "_", StringComparison.Ordinal);

    private static ColumnKind KindOf(PlanTable t, int column) =>
        t.Rows.Select(r => r[column]).FirstOrDefault(v => v is not null) switch
        {
            decimal => ColumnKind.Pounds,
            long => ColumnKind.Count,
            double => ColumnKind.Number,
            _ => ColumnKind.Text,
        };
}

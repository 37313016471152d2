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

/// <summary>
/// What the plan page builds: the financial years (null = the three after the baseline year), the population variant
/// (null = every variant by weight; a name = that variant alone), the health-status adjustment on or off, and the
/// interventions by id from the library and the workspace's candidates (null = the library's files).
/// </summary>
public sealed record PlanRequest(string? Years = null, string? Variant = null, bool HealthStatus = true, IReadOnlyList<string>? Interventions = null)
{
    /// <summary>The request as a query string (starting with ?), for the documents and exports of the same plan.</summary>
    public string Query() =>
        "?health=" + (HealthStatus ? "on" : "off")
        + (Years is { } y ? "&years=" + Uri.EscapeDataString(y) : "")
        + (Variant is { } v ? "&variant=" + Uri.EscapeDataString(v) : "")
        + (Interventions is { } i ? "&interventions=" + Uri.EscapeDataString(string.Join(",", i)) : "");

    /// <summary>From query-string values; health is on unless "off".</summary>
    public static PlanRequest From(string? years, string? variant, string? health, string? interventions) =>
        new(string.IsNullOrWhiteSpace(years) ? null : years.Trim(), string.IsNullOrWhiteSpace(variant) ? null : variant.Trim(),
            !string.Equals(health?.Trim(), "off", StringComparison.OrdinalIgnoreCase),
            interventions is null ? null : [.. interventions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
}

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
    public MediumTermPlanView Plan(WebUser user, string? years) => Plan(user, new PlanRequest(years));

    public MediumTermPlanView Plan(WebUser user, PlanRequest request) => gate.Use(engine => Build(engine, user, request));

    /// <summary>The population variants of the shipped set (empty when it is not found).</summary>
    public static IReadOnlyList<string> Variants() =>
        Manifest() is { } m ? [.. CsvInput.Read(m, "variant", "weight", "file").Rows.Select(r => r.Text("variant"))] : [];

    /// <summary>The interventions a plan can be built from: the library's files, then the workspace's candidates.</summary>
    public IReadOnlyList<Intervention> Interventions() => gate.Use(Choosable);

    private IReadOnlyList<Intervention> Choosable(IEngine engine) =>
        [.. options.InterventionsFolder is { } folder ? InterventionFiles.Load([folder]) : [], .. InterventionCandidates.Current(engine).Select(c => c.Intervention)];

    private static string? Manifest() => ReferenceFolder.Find(Path.Combine("reference", "population", "illustrative-v1", "variants.csv"));

    private MediumTermPlanView Build(IEngine engine, WebUser user, PlanRequest request)
    {
        var years = request.Years;
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
            baseline = PlanCells.Load(engine, null, user.Scope.Area);
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
        var health = request.HealthStatus ? HealthStatusAdjustment.Default : null;
        IReadOnlyList<PopulationVariant> variants = [];
        if (Manifest() is { } manifest)
        {
            try
            {
                variants = PopulationFiles.Read(manifest, PopulationFiles.BaseYear(baseline.ReferenceDate));
            }
            catch (InputException)
            {
                // The illustrative variants do not cover this baseline's year: default growth (and the health-status adjustment if asked).
            }
        }
        if (request.Variant is { } chosen)
        {
            var one = variants.FirstOrDefault(v => v.Name == chosen)
                ?? throw new StrataValidationException("variant", $"no population variant '{chosen}' for this baseline; known: {string.Join(", ", variants.Select(v => v.Name))}");
            variants = [one];
        }
        if (variants.Count > 0 || health is not null)
        {
            growth = growth.WithPopulation(new PopulationInputs(variants, health));
        }
        var available = Choosable(engine);
        var interventions = request.Interventions is null ? InterventionFiles.Load([folder]) : [.. request.Interventions.Select(id =>
            available.FirstOrDefault(i => i.Id == id) ?? throw new StrataValidationException("interventions", $"no intervention '{id}' in the library or the workspace's candidates"))];
        var capacity = CapacityFile.ReadTable(capacityPath);
        var model = ScenarioModel.Build(baseline, growth, interventions, planYears[^1]);
        var run = MonteCarlo.Run(model, FinanceAssumptions.Default, new ScenarioOptions(Runs: 0));
        var plan = ThreeYearPlan.Build(run, baseline.ReferenceDate, planYears, capacity);
        var impact = ProviderImpactPack.Build(run, baseline.ReferenceDate, planYears, capacity);
        var published = PlanTables.Plan(plan, policy).Append(PlanTables.Impact(impact, policy));
        var note = policy.Statement + " Planned figures are modelled (the principal run of the chosen interventions over the baseline), not counts of people.";
        var tables = published.Select(t => new AggregateTable("plan-" + t.Name, t.Title, scope, baseline.ReferenceDate,
            [.. t.Headers.Select((h, i) => new AggregateColumn(Key(h), h, KindOf(t, i)))],
            [.. t.Rows.Select(r => r.Select(v => v is decimal d ? (object?)(double)d : v).ToArray())], note)).ToList();
        var name = $"{(request.Interventions is null ? "example interventions" : $"{interventions.Count} chosen intervention(s)")} ({scope}; "
            + $"{(request.Variant is { } vn ? "variant " + vn : "variants by weight")}; health-status adjustment {(request.HealthStatus ? "on" : "off")})";
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

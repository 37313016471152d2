using System.Globalization;
using Strata.Domain.Foundation;
using Strata.Domain.Reporting;

namespace Strata.Domain.Plan;

/// <summary>A published table of the plan: cells are text, long (counts), double or decimal (£); null = withheld.</summary>
public sealed record PlanTable(string Name, string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// The plan and the provider impact pack as published tables — the one shape the CLI, the Excel planning return, the
/// HTML documents and the web page show. Disclosure control: activity and bed days are counts (1–7 withheld, others
/// rounded to 5); a line's cost, beds and WTE are withheld with its activity, and per year the smallest other cost is
/// withheld with it (<see cref="DisclosurePolicy.Complement"/>) so no withheld cost can be had by subtraction.
/// </summary>
public static class PlanTables
{
    public static IReadOnlyList<PlanTable> Plan(ThreeYearPlan plan, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(policy);
        var resources = plan.Lines.SelectMany(l => l.Needs.Select(n => n.Resource)).Distinct(StringComparer.Ordinal)
            .OrderBy(r => r.StartsWith("wte:", StringComparison.Ordinal)).ThenBy(r => r, StringComparer.Ordinal).ToList();
        var cost = WithheldWith(plan.Lines, l => l.Year, l => CountSummary.Protect(l.Activity, policy) is not null, l => l.Cost, policy);
        var lines = plan.Lines.Select((l, i) =>
        {
            var activity = CountSummary.Protect(l.Activity, policy);
            return (IReadOnlyList<object?>)[l.FinancialYear, l.Place, l.Provider, l.Setting, activity, CountSummary.Protect(l.BedDays, policy), cost[i],
                .. resources.Select(r => activity is null ? null : (object?)Math.Round(l.Need(r), 1))];
        }).ToList();
        var summary = plan.Years.Select(y => (IReadOnlyList<object?>)[FinancialYears.Label(plan.ReferenceDate, y), plan.TotalCost(y),
            .. resources.Select(r => (object?)Math.Round(plan.Lines.Where(l => l.Year == y).Sum(l => l.Need(r)), 1))]).ToList();
        return
        [
            new("summary", "Plan summary by financial year", ["Financial year", "Total cost (£)", .. resources.Select(Label)], summary),
            new("lines", "Activity, cost, capacity and workforce by place, provider and setting",
                ["Financial year", "Place", "Provider", "Setting", "Activity", "Bed days", "Cost (£)", .. resources.Select(Label)], lines),
            new("funding", "Funding transition (scenario portfolio, principal run)",
                ["Financial year", "Intervention cost (£)", "Receiving-setting cost (£)", "Gross saving (£)", "Cash released (£)", "Stranded (£)", "Double running (£)"],
                [.. plan.Funding.Select(f => (IReadOnlyList<object?>)[f.FinancialYear, f.InterventionCost, f.ReceivingCost, f.GrossSaving, f.Released, f.Stranded, f.DoubleRunning])]),
            new("places", "Allocation convergence by place",
                ["Financial year", "Place", "Allocation (£)", "Target (£)", "Plan cost (£)", "Headroom (£)"],
                [.. plan.Places.Select(p => (IReadOnlyList<object?>)[p.FinancialYear, p.Place, p.Allocation, p.Target, p.Cost, p.Headroom])]),
            new("capacity", "Capacity against projected demand by provider",
                ["Financial year", "Provider", "Resource", "Needed", "Needed at baseline", "Available", "Shortfall"],
                [.. plan.Capacity.Select(c => (IReadOnlyList<object?>)[c.FinancialYear, c.Provider, Label(c.Resource), Math.Round(c.Needed, 1),
                    Math.Round(c.BaselineNeeded, 1), c.Available, c.Shortfall is { } s ? Math.Round(s, 1) : null])]),
            new("checks", "Consistency checks", ["Check", "Passed", "Detail"],
                [.. plan.Checks.Select(c => (IReadOnlyList<object?>)[c.Name, c.Passed ? "yes" : "NO", c.Detail])]),
        ];
    }

    public static PlanTable Impact(ProviderImpactPack pack, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(policy);
        var resources = pack.Lines.SelectMany(l => l.CapacityFreed.Select(n => n.Resource)).Distinct(StringComparer.Ordinal)
            .OrderBy(r => r.StartsWith("wte:", StringComparison.Ordinal)).ThenBy(r => r, StringComparer.Ordinal).ToList();
        bool Shown(ProviderImpactLine l) => CountSummary.Protect(l.BaselineActivity, policy) is not null && CountSummary.Protect(l.Activity, policy) is not null;
        var income = WithheldWith(pack.Lines, l => l.Year, Shown, l => l.Income, policy);
        var baseIncome = WithheldWith(pack.Lines, l => l.Year, Shown, l => l.BaselineIncome, policy);
        return new("impact", "Provider impact by setting and year",
            ["Financial year", "Provider", "Setting", "Payment", "Baseline activity", "Activity", "Activity change", "Baseline income (£)", "Income (£)",
                "Income change (£)", "Avoided cost (£)", "Released (£)", "Stranded (£)", .. resources.Select(r => Label(r) + " freed")],
            [.. pack.Lines.Select((l, i) =>
            {
                var shown = Shown(l);
                return (IReadOnlyList<object?>)[l.FinancialYear, l.Provider, l.Setting, l.PaymentModel, CountSummary.Protect(l.BaselineActivity, policy),
                    CountSummary.Protect(l.Activity, policy), shown ? CountSummary.Protect(l.ActivityChange, policy) : null, baseIncome[i], income[i],
                    baseIncome[i] is { } b && income[i] is { } n ? n - b : null, shown ? l.AvoidedCost : null, shown ? l.Released : null, shown ? l.Stranded : null,
                    .. resources.Select(r => shown ? (object?)Math.Round(l.Freed(r), 1) : null)];
            })]);
    }

    /// <summary>"wte:nursing" → "WTE nursing", "theatre_sessions" → "Theatre sessions".</summary>
    public static string Label(string resource) => resource.StartsWith("wte:", StringComparison.Ordinal)
        ? "WTE " + resource[4..].Replace('_', ' ')
        : char.ToUpperInvariant(resource[0]) + resource[1..].Replace('_', ' ');

    /// <summary>A cell as text for HTML and the console (£ with pence, counts with separators, withheld as "*").</summary>
    public static string Text(object? value) => value switch
    {
        null => "*",
        decimal d => NhsPounds(d),
        long n => n.ToString("N0", CultureInfo.InvariantCulture),
        double x => x.ToString("N1", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string NhsPounds(decimal d) => (d < 0 ? "\u2212£" : "£") + Math.Abs(d).ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>Each row's amount, withheld where its counts are, with the complement per year (DisclosurePolicy.Complement).</summary>
    private static decimal?[] WithheldWith<T>(IReadOnlyList<T> rows, Func<T, int> year, Func<T, bool> shown, Func<T, decimal> amount, DisclosurePolicy policy)
    {
        var result = new decimal?[rows.Count];
        foreach (var group in Enumerable.Range(0, rows.Count).GroupBy(i => year(rows[i])))
        {
            var index = group.ToList();
            var released = policy.Complement([.. index.Select(i => shown(rows[i]) ? (double?)(double)amount(rows[i]) : null)]);
            for (var k = 0; k < index.Count; k++)
            {
                result[index[k]] = released[k] is null ? null : amount(rows[index[k]]);
            }
        }
        return result;
    }

    /// <summary>The tables as an HTML document section each.</summary>
    internal static void AddTo(HtmlReport page, IEnumerable<PlanTable> tables)
    {
        foreach (var t in tables)
        {
            page.Table(t.Title, t.Headers, t.Rows.Select(r => (IReadOnlyList<string>)[.. r.Select(Text)]));
        }
    }
}

/// <summary>The plan's printable documents: commissioning intentions and the provider impact report.</summary>
public static class PlanDocuments
{
    /// <summary>
    /// Commissioning intentions: each intended change (intervention) with its evidence, start and scale, and its
    /// provider impact in the last plan year; then the plan's tables.
    /// </summary>
    public static string CommissioningIntentions(string scenario, ThreeYearPlan plan, ProviderImpactPack pack, IReadOnlyList<Intervention> interventions,
        DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(interventions);
        ArgumentNullException.ThrowIfNull(policy);
        var span = $"{plan.FinancialYears[0]} to {plan.FinancialYears[^1]}";
        var page = new HtmlReport($"Commissioning intentions {span}: {scenario}");
        page.Paragraph($"Intended changes of scenario '{scenario}' and their effect on providers, from one scenario run (its principal run), " +
            $"reference date {plan.ReferenceDate:yyyy-MM-dd}. Capacity conversion table {plan.CapacityVersion}.");
        page.Heading("Intended changes");
        foreach (var iv in interventions)
        {
            page.Heading($"{iv.Name} ({iv.Id} v{iv.Version})", 3);
            page.Paragraph(iv.Description ?? "No description given.");
            page.Paragraph("Evidence: " + (iv.Evidence ?? "none given."));
            page.Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"Settings: {string.Join(", ", iv.Settings)}; effect {iv.Effect.Kind} {iv.Effect.Size.Lo:P0}–{iv.Effect.Size.Hi:P0}; starts in {FinancialYears.Label(plan.ReferenceDate, iv.StartYear)}."));
        }
        var last = plan.Years[^1];
        var impact = PlanTables.Impact(pack with { Lines = [.. pack.Lines.Where(l => l.Year == last)] }, policy);
        page.Heading($"Provider impact in {FinancialYears.Label(plan.ReferenceDate, last)}");
        PlanTables.AddTo(page, [impact]);
        page.Heading("The plan");
        PlanTables.AddTo(page, PlanTables.Plan(plan, policy));
        return page.ToHtml(policy.Statement);
    }

    /// <summary>The printable provider impact report: one section per provider.</summary>
    public static string ProviderImpact(string scenario, ProviderImpactPack pack, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(policy);
        var page = new HtmlReport($"Provider impact pack: {scenario}");
        page.Paragraph("Per provider: activity and income change by setting and year under its payment mechanism, the avoided cost released " +
            "(variable share and whole capacity steps) and stranded, and the capacity freed.");
        foreach (var provider in pack.Providers)
        {
            page.Heading(provider);
            PlanTables.AddTo(page, [PlanTables.Impact(pack with { Lines = [.. pack.Lines.Where(l => l.Provider == provider)] }, policy)]);
        }
        return page.ToHtml(policy.Statement);
    }
}

using Strata.Domain.Foundation;
using System.Globalization;
using Strata.Domain.Reporting;

namespace Strata.Domain.Plan;

/// <summary>The Plan stage's HTML pages: the curve of doom, fan charts, the waterfall and payback curves.</summary>
public static class PlanPages
{
    public static string Projection(ProjectionReport p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var page = new HtmlReport($"Demand projection from {NhsFormat.Date(p.ReferenceDate)}");
        page.Paragraph("Activity and cost by setting from demographic growth (age band × sex) and non-demographic growth per setting, before any intervention.");
        // Year n is the financial year n after the one the reference date is in, on every axis and in every table.
        string Fy(int year) => NhsFormat.FinancialYear(p.ReferenceDate, year);
        var years = p.Totals.Select(t => t.Year).ToList();
        var cost = new SvgChart("Total cost by financial year against the budget (the curve of doom)", "Financial year", "Cost (£)")
            .Line("Projected cost", p.Totals.Select(t => ((double)t.Year, t.Cost)))
            .XTicks(years.Select(y => ((double)y, Fy(y))));
        if (p.Totals.Any(t => t.Budget is not null))
        {
            cost.Line("Budget", p.Totals.Select(t => ((double)t.Year, t.Budget ?? double.NaN)), dashed: true);
        }
        page.Chart(cost);
        var activity = new SvgChart("Activity by setting relative to the baseline year (index, baseline = 100)", "Financial year", "Index")
            .XTicks(years.Select(y => ((double)y, Fy(y))));
        foreach (var group in p.BySetting.GroupBy(r => r.Setting))
        {
            var baseActivity = group.First(r => r.Year == 0).Activity ?? 0;
            if (baseActivity > 0)
            {
                activity.Line(DisplayNames.Setting(group.Key), group.Select(r => ((double)r.Year, r.Activity is null ? double.NaN : 100.0 * r.Activity.Value / baseActivity)));
            }
        }
        page.Chart(activity);
        page.Table("Projected activity and cost by setting", ["Setting", "Financial year", "Activity", "Bed days", "Cost (£)", "Capacity", "Over capacity"],
            p.BySetting.Select(r => (IReadOnlyList<string>)[DisplayNames.Setting(r.Setting), Fy(r.Year), Count(r.Activity), Count(r.BedDays), r.Cost is { } c ? Money(c) : "*",
                r.Capacity is null ? "" : Money(r.Capacity.Value), r.OverCapacity ? "yes" : ""]));
        return page.ToHtml(p.Disclosure);
    }

    public static string Scenario(string name, ScenarioReport r, string focusSetting = "emergency_admission")
    {
        ArgumentNullException.ThrowIfNull(r);
        var page = new HtmlReport($"Scenario: {name}");
        page.Paragraph(FormattableString.Invariant($"{r.Interventions.Count} interventions, {r.Years} years, {r.Runs} Monte Carlo runs (seed {r.Seed}) plus the principal run. Bands are P10–P90, lines P50."));
        var focus = r.BySetting.Where(s => s.Setting == focusSetting).OrderBy(s => s.Year).ToList();
        if (focus.Count > 0)
        {
            page.Chart(new SvgChart($"{focusSetting}: activity with interventions (P10–P90, P50) against the baseline projection", "Projection year", "Activity")
                .Band("P10–P90", focus.Select(s => ((double)s.Year, D(s.Activity.P10), D(s.Activity.P90))))
                .Line("P50", focus.Select(s => ((double)s.Year, D(s.Activity.P50))))
                .Line("Baseline P50", focus.Select(s => ((double)s.Year, D(s.BaselineActivity.P50))), dashed: true));
        }
        page.Chart(new SvgChart("Total cost with interventions (P10–P90, P50) against the baseline projection", "Projection year", "Cost (£)")
            .Band("P10–P90", r.Totals.Select(t => ((double)t.Year, t.Cost.P10, t.Cost.P90)))
            .Line("P50", r.Totals.Select(t => ((double)t.Year, t.Cost.P50)))
            .Line("Baseline P50", r.Totals.Select(t => ((double)t.Year, t.BaselineCost.P50)), dashed: true));

        var last = r.Decomposition.Where(d => d.Measure == "cost").OrderBy(d => d.Year).LastOrDefault();
        if (last is not null)
        {
            // The change from baseline (starting at 0): each intervention alone, the overlap, the total.
            var bars = new List<(double X, double Base, double Top)>();
            var labels = new List<(double, string)>();
            var x = 0;
            foreach (var bar in CostWaterfall.Of(last.Year, "baseline", 0, last.Standalone, "total", last.PrincipalTotal).Bars.Where(b => b.Kind != WaterfallKind.Baseline))
            {
                bars.Add((x, bar.From, bar.To));
                labels.Add((x++, bar.Label));
            }
            page.Chart(new SvgChart($"Change in cost in year {last.Year} by intervention (principal run; interaction = overlap)", "", "Change in cost (£)")
                .Bars("Contribution", bars).XTicks(labels));
        }
        var payback = new SvgChart("Payback: cumulative net benefit (cash released − cost), mean over runs", "Projection year", "£");
        foreach (var f in r.Financials)
        {
            payback.Line(f.Id, f.Years.Select(y => ((double)y.Year, y.Cumulative)).Prepend((0, 0)), dashed: f.Id != ScenarioReport.Portfolio);
        }
        page.Chart(payback);
        EvidenceSection(page, r);
        page.Table("Financial transition", ["Intervention", "NPV P10", "NPV P50", "NPV P90", "ROI", "Payback year", "Discounted cost", "Discounted gross saving"],
            r.Financials.Select(f => (IReadOnlyList<string>)[f.Id, Money(f.Npv.P10), Money(f.Npv.P50), Money(f.Npv.P90),
                f.Roi is null ? "" : f.Roi.Value.ToString("0.00", CultureInfo.InvariantCulture), f.PaybackYear is null ? "not in horizon" : Int(f.PaybackYear.Value),
                Money(f.DiscountedCost), Money(f.DiscountedGross)]));
        var portfolio = r.Financials.Single(f => f.Id == ScenarioReport.Portfolio);
        page.Table("Portfolio by year: double running and stranded cost", ["Year", "Gross saving", "Cash released", "Stranded", "Intervention cost", "Receiving cost", "Net cost", "Cumulative net benefit", "Double running"],
            portfolio.Years.Select(y => (IReadOnlyList<string>)[Int(y.Year), Money(y.Gross), Money(y.Released), Money(y.Stranded), Money(y.InterventionCost),
                Money(y.ReceivingCost), Money(y.Net), Money(y.Cumulative), Money(y.DoubleRunning)]));
        var lastYear = r.ByProvider.Where(p => p.Year == r.Years).GroupBy(p => (p.Provider, p.PaymentModel)).ToList();
        page.Table($"Provider impact in year {r.Years} (income change under each provider's payment model)", ["Provider", "Payment model", "Baseline cost", "Cost (sum of settings' means)", "Income change"],
            lastYear.Select(g => (IReadOnlyList<string>)[g.Key.Provider, g.Key.PaymentModel, Money(g.Sum(p => p.BaselineCost)), Money(g.Sum(p => p.Cost.Mean)), Money(g.Sum(p => p.IncomeChange))]));
        return page.ToHtml(r.Disclosure);
    }

    /// <summary>Every number traced back: the opportunity each intervention came from and each named judgement pooled into it.</summary>
    public static void EvidenceSection(HtmlReport page, ScenarioReport r)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(r);
        var traced = r.Interventions.Where(i => i.Provenance is not null).ToList();
        if (traced.Count == 0)
        {
            return;
        }
        page.Table("Evidence: the opportunity each intervention was made from", ["Intervention", "Opportunity", "Source", "Reference date", "Level", "Figures shown to the panel"],
            traced.Where(i => i.Provenance!.Opportunity is not null).Select(i =>
            {
                var o = i.Provenance!.Opportunity!;
                return (IReadOnlyList<string>)[i.Id, $"{o.Id} v{o.Version}", o.Source, o.ReferenceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), o.Level, o.Summary];
            }));
        page.Table($"Elicited ranges ({OpinionPool.Method})", ["Intervention", "Assumption", "Expert", "Date", "Low", "Mode", "High", "Rationale", "Evidence"],
            traced.SelectMany(i => i.Provenance!.Elicitations.Select(e => (IReadOnlyList<string>)[i.Id, e.Assumption.ToString().ToLowerInvariant(), e.Expert,
                e.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), P(e.Low), P(e.Mode), P(e.High), e.Rationale, string.Join(" ", e.Evidence)])));
    }

    private static string P(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static double D(long? v) => v is null ? double.NaN : v.Value;

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Count(long? v) => v is null ? "suppressed" : v.Value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Money(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
}

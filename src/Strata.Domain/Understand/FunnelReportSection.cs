using System.Globalization;
using Strata.Domain.Foundation;
using Strata.Domain.Reporting;

namespace Strata.Domain.Understand;

/// <summary>
/// A funnel plot section: units as points (ratio or proportion against E or denominator) with the target and the 95%
/// and 99.8% limit curves, then a table of units beyond 99.8%. With a disclosure policy (workspace data), a unit's
/// observed count is protected and its ratio recomputed from the protected count; suppressed units are not drawn.
/// </summary>
public static class FunnelReportSection
{
    public static HtmlReport AddTo(HtmlReport report, string title, FunnelResult funnel, DisclosurePolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(funnel);
        var ratio = funnel.Kind == FunnelKind.Ratio;
        var shown = funnel.Points.Select(p => (Point: p, Value: Released(p, policy))).ToList();
        var sizes = funnel.Points.Select(p => p.Size).ToList();
        var (lo, hi) = (Math.Max(sizes.Min() * 0.9, ratio ? 0.5 : 1), sizes.Max() * 1.1);
        var grid = Enumerable.Range(0, 60).Select(i => lo * Math.Pow(hi / lo, i / 59.0)).ToList();
        var limits = grid.Select(s => (S: s, L: Funnels.LimitsAt(funnel.Kind, funnel.Target, funnel.Overdispersion, s))).ToList();
        var od = funnel.Overdispersion;
        report.Heading(title)
            .Paragraph($"{(ratio ? "Indirectly standardised ratio (observed / expected)" : "Proportion")} by unit; target {F(funnel.Target)}. " +
                $"Limits: {(od.Applied ? $"adjusted for overdispersion (φ = {F(od.Phi)}, τ² = {F(od.Tau2)})" : $"exact {(ratio ? "Poisson" : "binomial")} (φ = {F(od.Phi)})")}; " +
                $"φ estimated with {od.Describe()}. {funnel.Outliers} unit(s) beyond the 99.8% limits.");
        foreach (var w in funnel.Warnings)
        {
            report.Paragraph($"Warning: {w}");
        }
        report.Chart(new SvgChart(title, ratio ? "Expected count" : "Denominator", ratio ? "Observed / expected" : "Proportion")
            .Line("99.8% limits", limits.Select(l => (l.S, l.L.Upper998)), "#da291c", dashed: true)
            .Line("95% limits", limits.Select(l => (l.S, l.L.Upper95)), "#ed8b00", dashed: true)
            .Line("Target", [(lo, funnel.Target), (hi, funnel.Target)], "#425563")
            .Line("99.8% lower", limits.Select(l => (l.S, l.L.Lower998)), "#da291c", dashed: true)
            .Line("95% lower", limits.Select(l => (l.S, l.L.Lower95)), "#ed8b00", dashed: true)
            .Points("Units", shown.Where(s => s.Value is not null).Select(s => (s.Point.Size, s.Value!.Value)), "#005eb8"));
        var outliers = shown.Where(s => s.Point.Outlier).OrderByDescending(s => s.Point.Value).ToList();
        if (outliers.Count > 0)
        {
            report.Table("Units beyond the 99.8% limits", ["Unit", ratio ? "Ratio" : "Proportion", ratio ? "Expected" : "Denominator", "Lower 99.8%", "Upper 99.8%", "Side"],
                outliers.Select(s => (IReadOnlyList<string>)[s.Point.Unit, s.Value is { } v ? F(v) : "suppressed", F(s.Point.Size),
                    F(s.Point.Limits.Lower998), F(s.Point.Limits.Upper998), s.Point.Flag == FunnelFlag.High998 ? "high" : "low"]));
        }
        return report;
    }

    /// <summary>The value released for a unit: protected observed count over the (unrounded) expected or denominator.</summary>
    public static double? Released(FunnelPoint point, DisclosurePolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (policy is null)
        {
            return point.Value;
        }
        return policy.Count((long)Math.Round(point.Observed)) is { } o ? o / point.Size : null;
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}

using System.Globalization;
using Strata.Domain.Foundation;
using Strata.Domain.Reporting;

namespace Strata.Domain.Understand;

/// <summary>What the risk section shows: a model's out-of-time validation and, when scored, its current tiers.</summary>
public sealed record RiskReportData(
    string ModelId,
    DateOnly TrainIndex,
    DateOnly TestIndex,
    RiskMetrics Metrics,
    IReadOnlyList<TierSummary> TestTiers,
    OracleComparison? Oracle,
    DateOnly? ScoredAt,
    IReadOnlyList<TierSummary>? ScoredTiers);

/// <summary>
/// The risk stratification section of an HTML report: metrics table, tier bar chart, reliability diagram and tier
/// outcomes. Every count passes the disclosure policy; observed rates are recomputed from the protected counts.
/// </summary>
public static class RiskReportSection
{
    public static HtmlReport AddTo(HtmlReport report, RiskReportData data, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(policy);
        var m = data.Metrics;
        report.Heading("Risk of emergency admission")
            .Paragraph($"Model {data.ModelId}: logistic regression trained on people at {Iso(data.TrainIndex)} and validated on people at " +
                $"{Iso(data.TestIndex)} (outcome: at least one emergency admission in the following 12 months).");
        var rows = new List<IReadOnlyList<string>>
        {
            Row("People in the test set", CountText(policy.Count(m.People))),
            Row("People with the outcome", CountText(policy.Count(m.Events))),
            Row("AUROC (95% CI, DeLong)", $"{F(m.Auroc.Value, 3)} ({F(m.Auroc.Lower95, 3)} to {F(m.Auroc.Upper95, 3)})"),
            Row("Brier score", F(m.Brier, 4)),
            Row("Calibration intercept (ideal 0)", F(m.CalibrationIntercept, 3)),
            Row("Calibration slope (ideal 1)", F(m.CalibrationSlope, 3)),
        };
        if (data.Oracle is { } o)
        {
            rows.Add(Row("Oracle AUROC (true rates)", F(o.OracleAuroc, 3)));
            rows.Add(Row("Model minus oracle AUROC", F(o.Gap, 3)));
        }
        report.Table("Out-of-time validation", ["Measure", "Value"], rows);

        var tiers = data.ScoredTiers ?? data.TestTiers;
        var label = data.ScoredAt is { } at && data.ScoredTiers is not null ? $"scored at {Iso(at)}" : $"test set at {Iso(data.TestIndex)}";
        var protectedTiers = tiers.Select((t, i) => (X: (double)i, t.Tier, People: policy.Count(t.PeopleCell))).ToList();
        report.Chart(new SvgChart($"People by risk tier ({label})", "Risk tier", "People")
            .Bars("People", protectedTiers.Where(t => t.People is not null).Select(t => (t.X, 0.0, (double)t.People!.Value)))
            .XTicks(protectedTiers.Select(t => (t.X, t.Tier))));

        var bins = m.Reliability.Select(b => (b.Decile, Predicted: b.MeanPredicted,
            Observed: policy.Rate((long)Math.Round(b.Observed * b.People), b.People))).ToList();
        var top = Math.Max(bins.Select(b => b.Predicted).DefaultIfEmpty(0).Max(), bins.Select(b => b.Observed ?? 0).DefaultIfEmpty(0).Max());
        report.Chart(new SvgChart("Reliability by decile of predicted risk", "Mean predicted probability", "Observed proportion")
            .Line("Perfect calibration", [(0, 0), (top, top)], dashed: true)
            .Points("Deciles", bins.Where(b => b.Observed is not null).Select(b => (b.Predicted, b.Observed!.Value))));
        report.Table("Reliability by decile (test set)", ["Decile", "Mean predicted", "Observed"],
            bins.Select(b => Row(b.Decile.ToString(CultureInfo.InvariantCulture), F(b.Predicted, 4), b.Observed is { } v ? F(v, 4) : "suppressed")));
        report.Table($"Risk tiers on the test set ({Iso(data.TestIndex)})", ["Tier", "People", "With outcome", "Observed rate", "Mean predicted"],
            data.TestTiers.Select(t => Row(t.Tier, CountText(policy.Count(t.PeopleCell)), CountText(policy.Count(t.Events)),
                policy.Rate(t.Events, t.People) is { } r ? F(r, 3) : "suppressed", F(t.MeanPredicted, 3))));
        return report;
    }

    private static IReadOnlyList<string> Row(params string[] cells) => cells;

    internal static string CountText(long? count) => count is { } c ? c.ToString("N0", CultureInfo.InvariantCulture) : "suppressed";

    internal static string F(double v, int decimals) => v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

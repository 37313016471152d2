using Strata.Data.Foundation;
using Strata.Data.Understand;
using Strata.Domain.Foundation;
using Strata.Domain.Reporting;
using Strata.Domain.Understand;

namespace Strata.Cli.Understand.Report;

/// <summary>Report section: every profile measure by IMD quintile with gaps and the slope index of inequality.</summary>
public static class InequalitySection
{
    public static void Add(HtmlReport report, Workspace workspace, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(policy);
        report.Heading("Inequalities by deprivation");
        if (CohortProfiles.Current(workspace.Engine) is null)
        {
            report.Paragraph("No cohort profile in this workspace: run `strata profile`.");
            return;
        }
        var measures = Measures(workspace, policy);
        report.Paragraph("IMD quintile 1 is the most deprived. Absolute gap = Q1 − Q5; relative gap = Q1 / Q5; SII = slope index of inequality " +
            "(population-weighted regression on cumulative deprivation rank, fitted most deprived minus least deprived), computed from released figures.");
        report.Table("Profile measures by IMD quintile (* = suppressed or not computable)",
            ["Measure", "Q1", "Q2", "Q3", "Q4", "Q5", "Gap Q1−Q5", "Ratio Q1/Q5", "SII"],
            measures.Select(m => (IReadOnlyList<string>)
            [
                m.Measure, .. m.Quintiles.Select(q => Cells.Number(q.Value)),
                Cells.Number(m.Gaps.AbsoluteGap), Cells.Number(m.Gaps.RelativeGap, "0.00"), Cells.Number(m.Gaps.SlopeIndex),
            ]));
        var chart = new SvgChart("Emergency admissions and A&E attendances per 1,000 by IMD quintile (1 = most deprived)", "IMD quintile", "Per 1,000 people");
        foreach (var (setting, label) in new[] { ("emergency_admission", "Emergency admissions"), ("ae_attendance", "A&E attendances") })
        {
            var m = measures.Single(x => x.Measure == ProfileInequalities.ActivityMeasure(setting));
            chart.Line(label, m.Quintiles.Select(q => ((double)q.Quintile, q.Value ?? double.NaN)));
        }
        chart.XTicks(Enumerable.Range(1, 5).Select(q => ((double)q, q.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        report.Chart(chart);
    }

    /// <summary>The released inequality measures from the cohort cube (the one path shared by the command and the report).</summary>
    public static IReadOnlyList<InequalityMeasure> Measures(Workspace workspace, DisclosurePolicy policy, IReadOnlyCollection<string>? measures = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return ProfileInequalities.Compute(
            CohortProfiles.Slice(workspace.Engine, ["imd_quintile"]),
            CohortProfiles.Slice(workspace.Engine, ["imd_quintile", "setting"]),
            policy, measures);
    }
}

using Strata.Data.Foundation;
using Strata.Data.Understand.Risk;
using Strata.Data.Understand.Variation;
using Strata.Domain.Foundation;
using Strata.Domain.Reporting;
using Strata.Domain.Understand;

namespace Strata.Cli.Understand.Report;

/// <summary>Report section: the latest risk model's validation (metrics, reliability, tiers); skipped before `strata risk train`.</summary>
public static class RiskModelSection
{
    public static void Add(HtmlReport report, Workspace workspace, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (!RiskStratification.AnyModel(workspace.Engine))
        {
            return;
        }
        RiskReportSection.AddTo(report, RiskCommands.ReportData(RiskStratification.Load(workspace.Engine)), policy);
    }
}

/// <summary>Report section: unwarranted variation — emergency admissions by practice on a funnel plot, at the segmentation date.</summary>
public static class VariationSection
{
    public static void Add(HtmlReport report, Workspace workspace, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (ActivitySpan.Last(workspace.Engine) is null)
        {
            return;
        }
        var at = Strata.Data.Understand.Segmentation.Current(workspace.Engine)?.ReferenceDate ?? RiskStratification.DataEnd(workspace.Engine);
        try
        {
            var (_, funnel) = VariationFunnels.Compute(workspace.Engine, "emergency_admission", FunnelLevel.Practice, at, overdispersion: true);
            FunnelReportSection.AddTo(report, "Emergency admissions by practice (indirectly age-sex standardised)", funnel, policy);
        }
        catch (InvalidOperationException e)
        {
            // Too little data for a funnel (no admissions in the window): say so rather than fail the whole report.
            ArgumentNullException.ThrowIfNull(report);
            report.Heading("Unwarranted variation").Paragraph($"No funnel plot: {e.Message}");
        }
    }
}

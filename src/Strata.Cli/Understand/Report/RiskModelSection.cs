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
        if (!workspace.Engine.TableExists("risk_models") || workspace.Engine.Scalar<long>("SELECT count(*) FROM risk_models") == 0)
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
        if (workspace.Engine.Scalar<long>("SELECT count(*) FROM activity") == 0)
        {
            return;
        }
        var at = workspace.Engine.TableExists("segments")
            ? DateOnly.FromDateTime(workspace.Engine.Scalar<DateTime>("SELECT CAST(max(reference_date) AS TIMESTAMP) FROM segments"))
            : RiskStratification.DataEnd(workspace.Engine);
        var (_, funnel) = VariationFunnels.Compute(workspace.Engine, "emergency_admission", FunnelLevel.Practice, at, overdispersion: true);
        FunnelReportSection.AddTo(report, "Emergency admissions by practice (indirectly age-sex standardised)", funnel, policy);
    }
}

using Strata.Data.Foundation;
using Strata.Data.Understand;
using Strata.Domain.Foundation;
using Strata.Domain.Reporting;

namespace Strata.Cli.Understand.Report;

/// <summary>Report section: people per risk tier (from risk_scores via the cohort cube); skipped when nothing is scored.</summary>
public static class RiskTierSection
{
    /// <summary>Tiers from highest risk down (risk stratification: top 0.5%, 0.5–5%, 5–20%, rest).</summary>
    public static readonly IReadOnlyList<string> Tiers = ["very_high", "high", "moderate", "low", CohortProfiles.Unscored];

    public static void Add(HtmlReport report, Workspace workspace, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(policy);
        if (!workspace.Engine.TableExists(CohortProfiles.RiskTable) || CohortProfiles.Current(workspace.Engine) is null)
        {
            return;
        }
        var cells = CohortProfiles.Slice(workspace.Engine, ["risk_tier"]);
        if (cells.All(c => c.Keys[0] == CohortProfiles.Unscored))
        {
            return;
        }
        report.Heading("Risk tiers");
        var order = Tiers.Concat(cells.Select(c => c.Keys[0]).Where(t => !Tiers.Contains(t))).ToList();
        var people = order.Select(t => (Tier: t, People: policy.Count(KeyedCount.Sum(cells.Where(c => c.Keys[0] == t).Select(c => c.PeopleCell))))).ToList();
        report.Chart(new SvgChart("People by risk tier (probability of an emergency admission in the next 12 months)", "Risk tier", "People")
            .Bars("People", people.Select((p, i) => ((double)i, 0.0, (double)(p.People ?? 0))))
            .XTicks(people.Select((p, i) => ((double)i, p.Tier))));
        report.Table("People per risk tier (* = suppressed)", ["Risk tier", "People"],
            people.Select(p => (IReadOnlyList<string>)[p.Tier, Cells.Count(p.People)]));
    }
}

using Strata.Data.Foundation;
using Strata.Data.Understand;
using Strata.Domain.Foundation;
using Strata.Domain.Reporting;
using Strata.Domain.Understand;

namespace Strata.Cli.Understand.Report;

/// <summary>Report section: the cohort profile by segment (activity per 1,000 for the main settings, spend per head).</summary>
public static class ProfileSection
{
    private static readonly string[] Shown = ["emergency_admission", "ae_attendance", "elective_admission", "outpatient_first", "gp_appointment"];

    public static void Add(HtmlReport report, Workspace workspace, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(policy);
        report.Heading("Cohort profile");
        if (CohortProfiles.Current(workspace.Engine) is not { } at)
        {
            report.Paragraph("No cohort profile in this workspace: run `strata profile`.");
            return;
        }
        report.Paragraph(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Activity and spend in the 12 months to {at:yyyy-MM-dd} by core segment. Rates per 1,000 people are recomputed from rounded counts."));
        var bySegment = CohortProfiles.Slice(workspace.Engine, ["segment"]).ToDictionary(c => c.Keys[0], c => c.Protect(policy));
        var bySetting = CohortProfiles.Slice(workspace.Engine, ["segment", "setting"]);
        report.Table("Activity per 1,000 people and spend per head by segment (* = suppressed or withheld)",
            ["Segment", "People", "All activity per 1,000", .. Shown.Select(s => s + " per 1,000"), "Bed days", "Spend per head"],
            bySegment.OrderBy(kv => Order(kv.Key)).Select(kv => (IReadOnlyList<string>)
            [
                kv.Key, Cells.Count(kv.Value.People), Cells.Number(kv.Value.ActivityPer1000),
                .. Shown.Select(s => Cells.Number(bySetting.Single(c => c.Keys[0] == kv.Key && c.Keys[1] == s).Protect(policy).ActivityPer1000)),
                Cells.Count(kv.Value.BedDays), Cells.Money(kv.Value.SpendPerHead),
            ]));
    }

    // Segments in precedence order; anything unexpected after them.
    private static int Order(string segment)
    {
        var i = Segments.DefaultPrecedence.ToList().IndexOf(segment);
        return i < 0 ? int.MaxValue : i;
    }
}

using Strata.Data.Foundation;
using Strata.Data.Understand;
using Strata.Domain.Foundation;
using Strata.Domain.Reporting;

namespace Strata.Cli.Understand.Report;

/// <summary>Report section: people per core segment with LTC count and CMS, and the age-sex pyramid.</summary>
public static class SegmentSection
{
    public static void Add(HtmlReport report, Workspace workspace, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(policy);
        report.Heading("Population segments");
        if (Segmentation.Current(workspace.Engine) is not { } current)
        {
            report.Paragraph("No segmentation in this workspace: run `strata segment --at DATE`.");
            return;
        }
        report.Paragraph(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Core segments at {current.ReferenceDate:yyyy-MM-dd} under segmentation rules {current.RuleVersion} (one segment per person, by precedence; see docs/understand.md)."));
        var rows = SegmentRows(workspace, policy);
        var total = policy.Count(KeyedCount.Sum(rows.Select(r => r.Raw.PeopleCell)));
        report.Table("People per core segment, with mean long-term-condition count and Cambridge Multimorbidity Score (* = suppressed)",
            ["Segment", "People", "% of people", "Mean LTC count", "Mean CMS (general)", "Mean CMS (mortality)"],
            rows.Select(r => (IReadOnlyList<string>)
            [
                DisplayNames.Segment(r.Raw.Segment), Cells.Count(r.People),
                Cells.Number(r.People is { } p && total is > 0 ? 100.0 * p / total.Value : null),
                Cells.Number(r.MeanLtc, "0.00"), Cells.Number(r.MeanCmsGeneral, "0.00"), Cells.Number(r.MeanCmsMortality, "0.0"),
            ]));

        if (CohortProfiles.Current(workspace.Engine) is null)
        {
            return;
        }
        var cells = CohortProfiles.Slice(workspace.Engine, ["age_band", "sex"]);
        var pyramid = new SvgPyramid("Population pyramid by age band and sex (people; hatched = suppressed)");
        foreach (var band in AgeBands.All)
        {
            long? People(string sex) => policy.Count(KeyedCount.Sum(cells.Where(c => c.Keys[0] == band && c.Keys[1] == sex).Select(c => c.PeopleCell)));
            pyramid.Band(band, People("M"), People("F"));
        }
        report.Chart(pyramid);
    }

    /// <summary>Per-segment figures as released: counts protected, means withheld with a suppressed count.</summary>
    public static IReadOnlyList<SegmentRow> SegmentRows(Workspace workspace, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(policy);
        return [.. Segmentation.Summarise(workspace.Engine).Select(c => new SegmentRow(c, policy.Count(c.PeopleCell),
            policy.Amount(c.MeanLtcCount, c.PeopleCell), policy.Amount(c.MeanCmsGeneral, c.PeopleCell), policy.Amount(c.MeanCmsMortality, c.PeopleCell)))];
    }
}

/// <summary>One released segment row (null = suppressed or withheld).</summary>
public sealed record SegmentRow(SegmentCount Raw, long? People, double? MeanLtc, double? MeanCmsGeneral, double? MeanCmsMortality);

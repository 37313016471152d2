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
                r.Raw.Segment, Cells.Count(r.People),
                Cells.Number(r.People is { } p && total is > 0 ? 100.0 * p / total.Value : null),
                Cells.Number(r.MeanLtc, "0.00"), Cells.Number(r.MeanCmsGeneral, "0.00"), Cells.Number(r.MeanCmsMortality, "0.0"),
            ]));

        if (CohortProfiles.Current(workspace.Engine) is null)
        {
            return;
        }
        var cells = CohortProfiles.Slice(workspace.Engine, ["age_band", "sex"]);
        var chart = new SvgChart("Population pyramid: females above the axis, males below", "Age band", "People");
        var bands = AgeBands.All;
        foreach (var (sex, sign) in new[] { ("F", 1.0), ("M", -1.0) })
        {
            chart.Bars(sex == "F" ? "Female" : "Male", bands.Select((band, i) =>
            {
                var people = KeyedCount.Sum(cells.Where(c => c.Keys[0] == band && c.Keys[1] == sex).Select(c => c.PeopleCell));
                return ((double)i, 0.0, sign * (policy.Count(people) ?? 0));
            }));
        }
        chart.XTicks(bands.Select((b, i) => ((double)i, b)).Where(t => (int)t.Item1 % 2 == 0));
        report.Chart(chart);
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

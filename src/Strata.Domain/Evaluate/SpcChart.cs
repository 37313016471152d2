using System.Globalization;
using Strata.Domain.Reporting;

namespace Strata.Domain.Evaluate;

/// <summary>Draws an SPC result on the shared SVG chart: the series, mean, process and near limits, points by type.</summary>
public static class SpcChart
{
    /// <summary>Making Data Count colours: grey common cause, blue improvement, orange concern, purple neither; pale grey partial periods.</summary>
    public static string Colour(PointType type) => type switch
    {
        PointType.SpecialCauseImprovement => "#005eb8",
        PointType.SpecialCauseConcern => "#ed8b00",
        PointType.SpecialCauseNeither => "#7c2855",
        PointType.PartialPeriod => "#d8dde0",
        _ => "#768692",
    };

    public static SvgChart Build(string title, SpcResult result, string yLabel = "Value")
    {
        ArgumentNullException.ThrowIfNull(result);
        var p = result.Points;
        var chart = new SvgChart(title, "Date", yLabel);
        (double X, double Y) At(int i, Func<SpcPoint, double> f) => (i, f(p[i]));
        var idx = Enumerable.Range(0, p.Count).ToList();
        chart.Band("Near limits", idx.Select(i => ((double)i, p[i].NearLpl, p[i].NearUpl)), "#aeb7bd")
            .Line("Value", idx.Select(i => At(i, q => q.Value)), "#aeb7bd")
            .Line("Mean", idx.Select(i => At(i, q => q.Mean)), "#212b32")
            .Line("Upper limit", idx.Select(i => At(i, q => q.Upl)), "#425563", dashed: true)
            .Line("Lower limit", idx.Select(i => At(i, q => q.Lpl)), "#425563", dashed: true);
        foreach (var type in Enum.GetValues<PointType>())
        {
            var pts = idx.Where(i => p[i].PointType == type).Select(i => At(i, q => q.Value)).ToList();
            if (pts.Count > 0)
            {
                chart.Points(Label(type), pts, Colour(type));
            }
        }
        var step = Math.Max(1, p.Count / 8);
        chart.XTicks(idx.Where(i => i % step == 0).Select(i => ((double)i, p[i].Date.ToString("yyyy-MM", CultureInfo.InvariantCulture))));
        return chart;
    }

    /// <summary>A run chart: the series, its median, points by type.</summary>
    public static SvgChart BuildRun(string title, RunChartResult result, string yLabel = "Value")
    {
        ArgumentNullException.ThrowIfNull(result);
        var p = result.Points;
        var idx = Enumerable.Range(0, p.Count).ToList();
        var chart = new SvgChart(title, "Date", yLabel)
            .Line("Value", idx.Select(i => ((double)i, p[i].Value)), "#aeb7bd")
            .Line("Median", idx.Select(i => ((double)i, p[i].Median)), "#212b32");
        foreach (var type in Enum.GetValues<PointType>())
        {
            var pts = idx.Where(i => p[i].PointType == type).Select(i => ((double)i, p[i].Value)).ToList();
            if (pts.Count > 0)
            {
                chart.Points(Label(type), pts, Colour(type));
            }
        }
        var step = Math.Max(1, p.Count / 8);
        chart.XTicks(idx.Where(i => i % step == 0).Select(i => ((double)i, p[i].Date.ToString("yyyy-MM", CultureInfo.InvariantCulture))));
        return chart;
    }

    /// <summary>Plain-words label of a point type, icon or assurance (for tables, legends and text icons).</summary>
    public static string Label(PointType type) => type switch
    {
        PointType.SpecialCauseImprovement => "Special cause (improvement)",
        PointType.SpecialCauseConcern => "Special cause (concern)",
        PointType.SpecialCauseNeither => "Special cause (neither)",
        PointType.PartialPeriod => "Partial period (not read)",
        _ => "Common cause",
    };

    public static string Label(VariationIcon icon) => icon switch
    {
        VariationIcon.ImprovementHigh => "Special cause improvement (high)",
        VariationIcon.ImprovementLow => "Special cause improvement (low)",
        VariationIcon.ConcernHigh => "Special cause concern (high)",
        VariationIcon.ConcernLow => "Special cause concern (low)",
        VariationIcon.NeitherHigh => "Special cause neither (high)",
        VariationIcon.NeitherLow => "Special cause neither (low)",
        _ => "Common cause variation",
    };

    public static string Label(AssuranceIcon? icon) => icon switch
    {
        AssuranceIcon.Pass => "Consistently passing the target",
        AssuranceIcon.Fail => "Consistently failing the target",
        AssuranceIcon.HitAndMiss => "Hit and miss against the target",
        _ => "No assurance (no target or neutral measure)",
    };
}

/// <summary>Which periods of a series the data do not fully cover.</summary>
public static class SpcPeriods
{
    /// <summary>
    /// A point's period runs to the day before the next point; the last point's period is as long as the step
    /// before it (in whole months when the two dates are whole months apart). A period ending after
    /// <paramref name="dataEnd"/> is partial.
    /// </summary>
    public static bool[] Partial(IReadOnlyList<DateOnly> dates, DateOnly dataEnd)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var partial = new bool[dates.Count];
        for (var i = 0; i < dates.Count; i++)
        {
            DateOnly next;
            if (i + 1 < dates.Count)
            {
                next = dates[i + 1];
            }
            else if (i == 0)
            {
                next = dates[i].AddDays(1);
            }
            else
            {
                var (a, b) = (dates[i - 1], dates[i]);
                var months = (b.Year - a.Year) * 12 + b.Month - a.Month;
                next = months > 0 && a.AddMonths(months) == b ? b.AddMonths(months) : b.AddDays(b.DayNumber - a.DayNumber);
            }
            partial[i] = next.AddDays(-1) > dataEnd;
        }
        return partial;
    }
}

using Strata.Domain.Foundation;

namespace Strata.Domain.Evaluate;

/// <summary>Raw numerator and denominator of one KPI cell, as read back from the engine (never released as is).</summary>
public sealed record KpiCount(DateOnly PeriodStart, long Numerator, long Denominator);

/// <summary>A released point: counts after disclosure control and the rate recomputed from them (null when suppressed).</summary>
public sealed record ReleasedPoint(DateOnly PeriodStart, long? Numerator, long? Denominator, double? Rate);

public sealed record KpiSeriesResult(string Unit, IReadOnlyList<ReleasedPoint> Points, SpcResult? Spc, IReadOnlyList<string> Warnings);

/// <summary>
/// Turns raw KPI counts into a released series and its SPC. SPC runs on the released rates, so nothing the chart
/// shows depends on unrounded counts; suppressed points are left out of the chart and said so in a warning.
/// </summary>
public static class KpiRelease
{
    public static KpiSeriesResult Analyse(string unit, KpiDefinition kpi, IReadOnlyList<KpiCount> counts, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(policy);
        var points = counts.OrderBy(c => c.PeriodStart)
            .Select(c => new ReleasedPoint(c.PeriodStart, policy.Count(c.Numerator), policy.Count(c.Denominator), policy.Rate(c.Numerator, c.Denominator, kpi.Per)))
            .ToList();
        var warnings = new List<string>();
        var charted = points.Where(p => p.Rate is not null).Select(p => new SpcObservation(p.PeriodStart, p.Rate!.Value)).ToList();
        if (charted.Count < points.Count)
        {
            warnings.Add($"{points.Count - charted.Count} of {points.Count} period(s) suppressed by disclosure control and left out of the SPC chart.");
        }
        SpcResult? spc = null;
        if (charted.Count >= 2)
        {
            spc = Spc.Analyse(charted, new SpcOptions { Improvement = kpi.Improvement, Target = kpi.Target });
            warnings.AddRange(spc.Warnings);
        }
        else
        {
            warnings.Add("Fewer than 2 released points: no SPC chart.");
        }
        return new KpiSeriesResult(unit, points, spc, warnings);
    }
}

using System.Globalization;
using Strata.Data.Understand;
using Strata.Data.Understand.Risk;
using Strata.Data.Understand.Variation;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;
using Strata.Web.Infrastructure;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Stages;

/// <summary>A funnel plot's released rows plus the points to draw (in-scope practices only, released figures).</summary>
public sealed record FunnelView(AggregateTable Table, IReadOnlyList<FunnelPoint> Points, string Measure);

/// <summary>
/// Unwarranted variation by practice (Understand stage, <see cref="VariationFunnels"/>): indirectly age-sex
/// standardised ratios with 95% and 99.8% limits, computed ICB-wide (the standard is the whole ICB) and shown for
/// the practices in the user's scope (or the place / neighbourhood chosen within it) only. Ratios are recomputed from the protected observed count.
/// </summary>
public sealed class VariationQueries(WorkspaceGate gate, DisclosurePolicy policy)
{
    public static IReadOnlyList<string> Measures => VariationFunnels.Measures;

    public FunnelView Funnel(WebUser user, AreaFilter area, string measure) => gate.Use(engine =>
    {
        ArgumentNullException.ThrowIfNull(area);
        // Scope is checked before anything else so an out-of-scope request is refused whatever exists.
        var inScope = engine.Query($"SELECT practice_code FROM practices WHERE {PopulationQueries.Where(engine, user, area, "1 = 1")}", r => r.GetString(0)).ToHashSet();
        if (!Measures.Contains(measure))
        {
            throw new ArgumentException($"Measure '{measure}' is not one of {string.Join(", ", Measures)}.", nameof(measure));
        }
        var title = $"Standardised ratio of {measure.Replace('_', ' ')} by practice";
        if (engine.Scalar<long>("SELECT count(*) FROM activity") == 0)
        {
            return new FunnelView(AggregateTable.Missing("funnel", title, area.Describe(user.Scope), "No activity in this workspace yet: import data first.", policy.Statement), [], measure);
        }
        var at = Segmentation.Current(engine)?.ReferenceDate ?? RiskStratification.DataEnd(engine);
        var (counts, funnel) = VariationFunnels.Compute(engine, measure, FunnelLevel.Practice, at, overdispersion: true);
        var people = counts.ToDictionary(c => c.Unit, c => c.People);
        var points = funnel.Points.Where(p => inScope.Contains(p.Unit)).OrderBy(p => p.Unit, StringComparer.Ordinal).ToList();
        var table = new AggregateTable("funnel", title, area.Describe(user.Scope), at,
            [
                new("practice_code", "Practice", ColumnKind.Text), new("people", "Registered people", ColumnKind.Count),
                new("observed", "Observed", ColumnKind.Count), new("expected", "Expected", ColumnKind.Number),
                new("ratio", "Observed / expected", ColumnKind.Number), new("flag", "Against the 95% and 99.8% limits", ColumnKind.Text),
            ],
            [.. points.Select(p =>
            {
                var observed = policy.Count((long)p.Observed);
                return new object?[]
                {
                    p.Unit, policy.Count(people.GetValueOrDefault(p.Unit)), observed, Math.Round(p.Size, 1),
                    observed is { } o && p.Size > 0 ? Math.Round(o / p.Size, 3) : null, Flag(p.Flag),
                };
            })],
            policy.Statement + (funnel.Overdispersion.Applied
                ? string.Create(CultureInfo.InvariantCulture, $" Limits widened for overdispersion (φ = {funnel.Overdispersion.Phi:0.00}, τ² = {funnel.Overdispersion.Tau2:0.0000}; {funnel.Overdispersion.Describe()}).")
                : "") + string.Concat(funnel.Warnings.Select(w => " Warning: " + w)));
        // The chart draws the released figures only: ratios from the protected count, suppressed units left out.
        var drawn = points.Select(p => (Point: p, Observed: policy.Count((long)p.Observed)))
            .Where(x => x.Observed is not null && x.Point.Size > 0)
            .Select(x => x.Point with { Observed = x.Observed!.Value, Value = x.Observed.Value / x.Point.Size })
            .ToList();
        return new FunnelView(table, drawn, measure);
    });

    public static string Flag(FunnelFlag flag) => flag switch
    {
        FunnelFlag.High998 => "Above 99.8% (outlier)",
        FunnelFlag.High95 => "Above 95%",
        FunnelFlag.Low95 => "Below 95%",
        FunnelFlag.Low998 => "Below 99.8% (outlier)",
        _ => "Within limits",
    };
}

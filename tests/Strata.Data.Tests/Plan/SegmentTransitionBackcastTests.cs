using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Data.Tests.Foundation.Synthetic;
using Strata.Domain.Plan;

namespace Strata.Data.Tests.Plan;

/// <summary>The transition model against the synthetic ICB's own history: estimated on the first years, it back-casts the last.</summary>
public class SegmentTransitionBackcastTests(GeneratedIcbFixture icb) : IClassFixture<GeneratedIcbFixture>
{
    [Fact]
    public void Transitions_estimated_on_the_first_years_predict_the_last_years_segment_sizes_within_their_80_percent_intervals()
    {
        var engine = icb.Workspace.Engine;
        var dates = SegmentHistory.YearEnds(ActivitySpan.First(engine)!.Value, ActivitySpan.Last(engine)!.Value);
        Assert.True(dates.Count >= 3, $"need three year-ends, got {dates.Count}");
        SegmentHistory.Build(engine, dates);

        var fit = SegmentHistory.Movements(engine, [.. dates.Take(dates.Count - 1)]);
        var model = SegmentTransitionModel.Estimate(fit.Transitions, fit.Entrants, dates.Count - 2);
        var projection = model.Project(fit.Last, 1, 400, 7);
        var actual = SegmentHistory.Movements(engine, [.. dates.TakeLast(2)]).Last
            .GroupBy(c => c.Segment).ToDictionary(g => g.Key, g => g.Sum(c => c.People));

        var report = string.Join("\n", model.Segments.Select(s =>
        {
            var p = projection.Of(1, s).People;
            return $"{s}: actual {actual.GetValueOrDefault(s)} P10 {p.P10:0} mean {p.Mean:0} P90 {p.P90:0}";
        }));
        var inside = model.Segments.Count(s => projection.Of(1, s).People is var p && actual.GetValueOrDefault(s) >= p.P10 && actual.GetValueOrDefault(s) <= p.P90);
        // Calibrated 80% intervals hold the truth about 8 times in 10: at least 80% of segments must be inside (on the
        // demo's synthetic ICB 10 of 11 are; incurable cancer shrinks faster than its first year showed).
        Assert.True(inside >= Math.Ceiling(0.8 * model.Segments.Count), report);
        // And the intervals are informative: the population total is predicted within 3%.
        var predicted = model.Segments.Sum(s => projection.Of(1, s).People.Mean);
        Assert.InRange(actual.Values.Sum() / predicted, 0.97, 1.03);
    }
}

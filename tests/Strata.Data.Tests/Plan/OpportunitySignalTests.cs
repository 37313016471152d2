using Strata.Data.Foundation;
using Strata.Data.Foundation.Synthetic;
using Strata.Data.Plan;
using Strata.Data.Tests.Foundation.Synthetic;
using Strata.Domain.Plan;

namespace Strata.Data.Tests.Plan;

/// <summary>The generator plants excess activity in a few practices (truth file); the library must find them.</summary>
public class OpportunitySignalTests(GeneratedIcbFixture icb) : IClassFixture<GeneratedIcbFixture>
{
    [Fact]
    public void Practices_given_excess_zero_day_admissions_rank_in_the_top_decile()
    {
        var truth = File.ReadAllLines(Path.Combine(icb.Directory, SyntheticIcbGenerator.TruthFolder, SyntheticIcbGenerator.ExcessTruthFile))
            .Skip(1).Select(l => l.Split(',')).ToList();
        Assert.NotEmpty(truth);
        var last = ActivitySpan.Last(icb.Workspace.Engine)!.Value;
        var at = new DateOnly(last.Month >= 4 ? last.Year : last.Year - 1, 3, 31);
        foreach (var opportunity in truth.Select(t => t[1]).Distinct())
        {
            var definition = OpportunityFiles.Library.Single(d => d.Id == opportunity);
            var result = OpportunityLibrary.Compute(icb.Workspace.Engine, definition, OpportunityLevel.Practice, at);
            var ranked = result.Benchmark.Units.OrderByDescending(u => u.StandardisedRate).Select(u => u.Unit).ToList();
            var topDecile = (int)Math.Ceiling(ranked.Count / 10.0);
            foreach (var practice in truth.Where(t => t[1] == opportunity).Select(t => t[0]))
            {
                Assert.InRange(ranked.IndexOf(practice) + 1, 1, topDecile);
            }
            // Twice the zero-day share (capped) is well above the ICB after age-sex standardisation.
            Assert.All(truth.Where(t => t[1] == opportunity), t =>
                Assert.True(result.Benchmark.Units.Single(u => u.Unit == t[0]).Ratio > 1.3, $"{t[0]}: O/E {result.Benchmark.Units.Single(u => u.Unit == t[0]).Ratio}"));
        }
    }
}

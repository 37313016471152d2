using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Domain.Tests.Plan;

public class PrioritisationTests
{
    private static PriorityOption Option(string id, double cost, double benefit, bool disinvest = false, double equity = 0, double fit = 0, double deliver = 0) =>
        new(id, id, disinvest, cost, benefit, new Dictionary<string, double> { ["equity"] = equity, ["strategic_fit"] = fit, ["deliverability"] = deliver });

    [Fact]
    public void Knapsack_matches_brute_force_on_random_small_cases()
    {
        var rng = new Rng(2024);
        for (var trial = 0; trial < 300; trial++)
        {
            var n = 1 + rng.NextInt(15);
            var cost = Enumerable.Range(0, n).Select(_ => 1 + rng.NextDouble() * 99).ToArray();
            var value = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 100).ToArray();
            var capacity = rng.NextDouble() * cost.Sum();
            var take = Knapsack.Solve(cost, value, capacity);
            var got = Enumerable.Range(0, n).Where(i => take[i]).Sum(i => value[i]);
            Assert.True(Enumerable.Range(0, n).Where(i => take[i]).Sum(i => cost[i]) <= capacity + 1e-9);
            var best = 0.0;
            for (var mask = 0; mask < 1 << n; mask++)
            {
                double c = 0, v = 0;
                for (var i = 0; i < n; i++)
                {
                    if ((mask & (1 << i)) != 0)
                    {
                        c += cost[i];
                        v += value[i];
                    }
                }
                if (c <= capacity && v > best)
                {
                    best = v;
                }
            }
            Assert.Equal(best, got, 6);
        }
    }

    [Fact]
    public void Knapsack_is_exact_for_sixty_options_against_dynamic_programming_on_whole_costs()
    {
        var rng = new Rng(60);
        for (var trial = 0; trial < 5; trial++)
        {
            // Whole-number costs let a capacity DP give the true optimum to compare with; values close to cost make it hard.
            var cost = Enumerable.Range(0, 60).Select(_ => (double)(10 + rng.NextInt(90))).ToArray();
            var value = cost.Select(c => Math.Round(c * (0.9 + rng.NextDouble() * 0.2))).ToArray();
            var capacity = (int)(cost.Sum() / 3);
            var dp = new double[capacity + 1];
            for (var i = 0; i < 60; i++)
            {
                for (var w = capacity; w >= (int)cost[i]; w--)
                {
                    dp[w] = Math.Max(dp[w], dp[w - (int)cost[i]] + value[i]);
                }
            }
            var take = Knapsack.Solve(cost, value, capacity);
            Assert.True(Enumerable.Range(0, 60).Where(i => take[i]).Sum(i => cost[i]) <= capacity);
            Assert.Equal(dp[capacity], Enumerable.Range(0, 60).Where(i => take[i]).Sum(i => value[i]), 9);
        }
    }

    [Fact]
    public void Greedy_is_not_optimal_where_the_knapsack_is()
    {
        // Budget 10: best ratio A (6 → 9, 1.5) blocks B + C (5 + 5 → 7 + 7 = 14).
        var options = new[] { Option("A", 6, 9), Option("B", 5, 7), Option("C", 5, 7) };
        var ranking = Prioritisation.Rank(options, 10);
        Assert.Equal(["A"], ranking.Invest.Where(o => o.Funded).Select(o => o.Id));
        Assert.Equal(9, ranking.Benefit);
        var optimal = Prioritisation.Optimal(options, 10);
        Assert.Equal(["B", "C"], optimal.Chosen);
        Assert.Equal(14, optimal.NetBenefit);
    }

    [Fact]
    public void Disinvesting_a_low_value_service_funds_a_better_option()
    {
        // Budget 5. Invest X costs 8 for benefit 20. Disinvest D releases 4 and loses benefit 2: worth it (net +18).
        var options = new[] { Option("X", 8, 20), Option("D", 4, 2, disinvest: true), Option("E", 4, 30, disinvest: true) };
        var optimal = Prioritisation.Optimal(options, 5);
        Assert.Equal(["X", "D"], optimal.Chosen);
        Assert.Equal(4, optimal.NetCost);
        Assert.Equal(18, optimal.NetBenefit);
        Assert.Equal("D", Prioritisation.Rank(options, 5).DisinvestCandidates[0].Id);
    }

    [Fact]
    public void Multi_criteria_scores_are_weighted_normalised_and_explained()
    {
        var options = new[] { Option("A", 100, 10, equity: 0.5), Option("B", 200, 30, equity: 0.1), Option("C", 300, 20, equity: 0.3) };
        var criteria = new[] { new Criterion("benefit", 2), new Criterion("equity", 1), new Criterion("cost", 1, HigherIsBetter: false) };
        var scores = Prioritisation.Score(options, criteria);
        // A: benefit 0, equity 1, cost 1 → (0×2 + 1 + 1)/4 = 0.5. B: 1, 0, 0.5 → 2.5/4 = 0.625. C: 0.5, 0.5, 0 → 1.5/4 = 0.375.
        Assert.Equal(["B", "A", "C"], scores.Select(s => s.Id));
        Assert.Equal(0.625, scores[0].Score, 12);
        Assert.Equal(0.5, scores[1].Score, 12);
        Assert.Equal(0.375, scores[2].Score, 12);
        var b = scores[0].Explanation;
        Assert.Equal(0.5, b.Single(c => c.Criterion == "benefit").Contribution, 12);
        Assert.Equal(0.125, b.Single(c => c.Criterion == "cost").Contribution, 12);
    }

    [Fact]
    public void Inclusion_probability_counts_draws_in_which_an_option_is_optimal()
    {
        // Budget 10, two options of cost 10; A beats B in 3 draws of 4.
        var a = Option("A", 10, 5) with { BenefitDraws = [5, 6, 7, 1] };
        var b = Option("B", 10, 4) with { BenefitDraws = [4, 4, 4, 4] };
        var p = Prioritisation.Sensitivity([a, b], 10);
        Assert.Equal(0.75, p.Single(x => x.Id == "A").Probability, 12);
        Assert.Equal(0.25, p.Single(x => x.Id == "B").Probability, 12);
    }
}

using Strata.Domain.Foundation;

namespace Strata.Domain.Plan;

/// <summary>
/// An option for the portfolio. Invest: spends Cost for Benefit. Disinvest: releases Cost (money back in the budget)
/// and loses Benefit. Both numbers are positive. Draws (optional, same length) give the option's cost and benefit in
/// each Monte Carlo draw, for the probability of being in the optimal portfolio.
/// </summary>
public sealed record PriorityOption(
    string Id,
    string Name,
    bool Disinvest,
    double Cost,
    double Benefit,
    IReadOnlyDictionary<string, double> Scores,
    IReadOnlyList<double>? CostDraws = null,
    IReadOnlyList<double>? BenefitDraws = null)
{
    public double BenefitPerPound => Cost > 0 ? Benefit / Cost : double.PositiveInfinity;
}

/// <summary>A multi-criteria criterion. Source "benefit"/"cost" read the option's figures; any other name reads Scores.</summary>
public sealed record Criterion(string Name, double Weight, bool HigherIsBetter = true);

public sealed record RankedOption(string Id, string Name, bool Disinvest, double Cost, double Benefit, double BenefitPerPound, bool Funded, double CumulativeCost);

public sealed record ValueRanking(IReadOnlyList<RankedOption> Invest, IReadOnlyList<RankedOption> DisinvestCandidates, double Spent, double Benefit);

public sealed record CriterionContribution(string Criterion, double Raw, double Normalised, double Weight, double Contribution);

public sealed record McdaScore(string Id, string Name, double Score, int Rank, IReadOnlyList<CriterionContribution> Explanation);

public sealed record OptimalPortfolio(IReadOnlyList<string> Chosen, double NetCost, double NetBenefit, double Budget);

public sealed record InclusionProbability(string Id, double Probability);

/// <summary>Prioritisation (planning spec): PBMA/STAR value ranking, explained multi-criteria scores, exact optimal portfolio.</summary>
public static class Prioritisation
{
    /// <summary>Default criteria: health gain, equity (benefit share to the most deprived quintile), strategic fit, deliverability, cost.</summary>
    public static IReadOnlyList<Criterion> DefaultCriteria { get; } =
    [
        new("benefit", 0.35), new("equity", 0.20), new("strategic_fit", 0.15), new("deliverability", 0.15), new("cost", 0.15, HigherIsBetter: false),
    ];

    /// <summary>
    /// Benefit per £: invest options in descending order, funded while they fit the budget (a non-fitting option is
    /// skipped and the next tried); disinvestment candidates are the disinvest options with the least benefit per £ released.
    /// </summary>
    public static ValueRanking Rank(IReadOnlyList<PriorityOption> options, double budget)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ranked = new List<RankedOption>();
        double spent = 0, benefit = 0;
        foreach (var opt in options.Where(x => !x.Disinvest).OrderByDescending(x => x.BenefitPerPound).ThenBy(x => x.Id, StringComparer.Ordinal))
        {
            var fits = spent + opt.Cost <= budget + 1e-9;
            if (fits)
            {
                spent += opt.Cost;
                benefit += opt.Benefit;
            }
            ranked.Add(new RankedOption(opt.Id, opt.Name, false, opt.Cost, opt.Benefit, opt.BenefitPerPound, fits, spent));
        }
        var candidates = options.Where(x => x.Disinvest).OrderBy(x => x.BenefitPerPound).ThenBy(x => x.Id, StringComparer.Ordinal)
            .Select(x => new RankedOption(x.Id, x.Name, true, x.Cost, x.Benefit, x.BenefitPerPound, false, 0)).ToList();
        return new ValueRanking(ranked, candidates, spent, benefit);
    }

    /// <summary>
    /// Weighted multi-criteria score: each criterion min–max normalised across options to [0, 1] (reversed where lower
    /// is better; all equal → 1), weighted, summed and divided by the total weight. Every contribution is reported.
    /// </summary>
    public static IReadOnlyList<McdaScore> Score(IReadOnlyList<PriorityOption> options, IReadOnlyList<Criterion> criteria)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(criteria);
        var totalWeight = criteria.Sum(c => c.Weight);
        if (totalWeight <= 0)
        {
            throw new ArgumentException("Criteria weights must sum to more than zero.", nameof(criteria));
        }
        var raw = criteria.Select(c => options.Select(o => RawScore(o, c)).ToArray()).ToArray();
        var scored = options.Select((o, i) =>
        {
            var parts = criteria.Select((c, j) =>
            {
                var (lo, hi) = (raw[j].Min(), raw[j].Max());
                var position = (raw[j][i] - lo) / (hi - lo);
                var n = hi - lo < 1e-12 ? 1 : c.HigherIsBetter ? position : 1 - position;
                return new CriterionContribution(c.Name, raw[j][i], n, c.Weight, c.Weight * n / totalWeight);
            }).ToList();
            return (Option: o, Score: parts.Sum(p => p.Contribution), Parts: parts);
        }).OrderByDescending(x => x.Score).ThenBy(x => x.Option.Id, StringComparer.Ordinal).ToList();
        return [.. scored.Select((x, r) => new McdaScore(x.Option.Id, x.Option.Name, x.Score, r + 1, x.Parts))];
    }

    private static double RawScore(PriorityOption o, Criterion c) => c.Name switch
    {
        "benefit" => o.Benefit,
        "cost" => o.Cost,
        _ => o.Scores.TryGetValue(c.Name, out var v) ? v : throw new ArgumentException($"Option '{o.Id}' has no score for criterion '{c.Name}'."),
    };

    /// <summary>
    /// The portfolio of maximum net benefit within the budget, exactly. A disinvestment is recast as "keep the
    /// service" (cost c, benefit b) against a budget raised by every disinvestment's c, so all items are 0/1 knapsack items.
    /// </summary>
    public static OptimalPortfolio Optimal(IReadOnlyList<PriorityOption> options, double budget) =>
        Optimal(options, budget, options.Select(o => o.Cost).ToArray(), options.Select(o => o.Benefit).ToArray());

    private static OptimalPortfolio Optimal(IReadOnlyList<PriorityOption> options, double budget, double[] cost, double[] benefit)
    {
        var capacity = budget + options.Select((o, i) => o.Disinvest ? cost[i] : 0).Sum();
        var chosen = Knapsack.Solve(cost, benefit, capacity);
        var picked = new List<string>();
        double netCost = 0, netBenefit = 0;
        for (var i = 0; i < options.Count; i++)
        {
            // For a disinvestment the knapsack item is "keep": not chosen means disinvest.
            var take = options[i].Disinvest ? !chosen[i] : chosen[i];
            if (!take)
            {
                continue;
            }
            picked.Add(options[i].Id);
            netCost += options[i].Disinvest ? -cost[i] : cost[i];
            netBenefit += options[i].Disinvest ? -benefit[i] : benefit[i];
        }
        return new OptimalPortfolio(picked, netCost, netBenefit, budget);
    }

    /// <summary>
    /// The caveat an optimal portfolio needs when every investment option costs more than it saves (benefit below cost,
    /// a negative NPV): the knapsack still fills the budget, so its choice is the least bad way to spend it, not a
    /// case for spending it. Null when some option pays for itself.
    /// </summary>
    public static string? Caveat(IReadOnlyList<PriorityOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var invest = options.Where(o => !o.Disinvest).ToList();
        return invest.Count > 0 && invest.All(o => o.Benefit < o.Cost)
            ? "Every option costs more than it saves (negative NPV), so this portfolio is the least bad use of the budget, not a recommendation to spend it."
            : null;
    }

    /// <summary>Share of Monte Carlo draws in which each option is in the optimal portfolio.</summary>
    public static IReadOnlyList<InclusionProbability> Sensitivity(IReadOnlyList<PriorityOption> options, double budget)
    {
        ArgumentNullException.ThrowIfNull(options);
        var draws = options.Select(o => o.BenefitDraws?.Count ?? 0).DefaultIfEmpty(0).Max();
        if (draws == 0)
        {
            return [];
        }
        var counts = new int[options.Count];
        var ids = options.Select(o => o.Id).ToList();
        for (var d = 0; d < draws; d++)
        {
            var cost = options.Select(o => o.CostDraws is { } c && d < c.Count ? c[d] : o.Cost).ToArray();
            var benefit = options.Select(o => o.BenefitDraws is { } b && d < b.Count ? b[d] : o.Benefit).ToArray();
            foreach (var id in Optimal(options, budget, cost, benefit).Chosen)
            {
                counts[ids.IndexOf(id)]++;
            }
        }
        return [.. options.Select((o, i) => new InclusionProbability(o.Id, counts[i] / (double)draws))];
    }

    /// <summary>Draws for options given as 80% intervals of cost and benefit (seeded; clipped at zero).</summary>
    public static IReadOnlyList<double> DrawsOf(Interval80 interval, int count, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return [.. Enumerable.Range(0, count).Select(_ => interval.Draw(rng, 0, double.MaxValue))];
    }
}

/// <summary>Exact 0/1 knapsack by depth-first branch and bound with the fractional (Dantzig) upper bound.</summary>
public static class Knapsack
{
    /// <summary>Which items to take to maximise total value with total cost ≤ capacity. Exact for real-valued costs.</summary>
    public static bool[] Solve(IReadOnlyList<double> cost, IReadOnlyList<double> value, double capacity)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(value);
        var n = cost.Count;
        var take = new bool[n];
        // Free items with value are always taken; items without value are never worth taking.
        var items = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (value[i] <= 0)
            {
                continue;
            }
            if (cost[i] <= 0)
            {
                take[i] = true;
                capacity -= cost[i];
            }
            else
            {
                items.Add(i);
            }
        }
        if (capacity < 0)
        {
            return take;
        }
        var order = items.OrderByDescending(i => value[i] / cost[i]).ThenBy(i => i).ToArray();
        var c = order.Select(i => cost[i]).ToArray();
        var v = order.Select(i => value[i]).ToArray();
        var m = order.Length;
        var best = 0.0;
        var bestSet = new bool[m];
        var current = new bool[m];
        const double eps = 1e-9;

        double Bound(int from, double room, double val)
        {
            for (var j = from; j < m; j++)
            {
                if (c[j] <= room)
                {
                    room -= c[j];
                    val += v[j];
                }
                else
                {
                    return val + v[j] * room / c[j];
                }
            }
            return val;
        }

        void Search(int j, double room, double val)
        {
            if (val > best + eps)
            {
                best = val;
                Array.Copy(current, bestSet, m);
            }
            if (j == m || Bound(j, room, val) <= best + eps)
            {
                return;
            }
            if (c[j] <= room + eps)
            {
                current[j] = true;
                Search(j + 1, room - c[j], val + v[j]);
                current[j] = false;
            }
            Search(j + 1, room, val);
        }

        Search(0, capacity, 0);
        for (var j = 0; j < m; j++)
        {
            take[order[j]] = bestSet[j];
        }
        return take;
    }
}

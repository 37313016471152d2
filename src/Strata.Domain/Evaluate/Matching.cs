using Strata.Domain.Foundation;

namespace Strata.Domain.Evaluate;

/// <summary>A person available for matching: exact-match cell key, propensity logit and the covariates for balance.</summary>
public sealed record MatchCandidate(string PersonId, bool Treated, string Cell, double Logit, IReadOnlyList<double> Covariates);

public sealed record MatchedPair(string TreatedId, string ControlId, double Distance);

public sealed record MatchResult(IReadOnlyList<MatchedPair> Pairs, double Caliper, int NoCandidates, int OutsideCaliper);

/// <summary>Standardised mean difference of one covariate before and after matching.</summary>
public sealed record BalanceRow(string Covariate, double TreatedMean, double PoolMean, double SmdBefore, double MatchedMean, double SmdAfter);

/// <summary>
/// Matched comparison (evaluation spec, "Impact evaluation"): exact matching on the cell (segment, age band, sex,
/// IMD quintile), then greedy 1:1 nearest neighbour without replacement on the logit of the propensity score within
/// a caliper of <c>caliperSd</c> × SD(logit) (Austin 2011 recommends 0.2). Treated people are taken in a seeded
/// random order, so the result is reproducible and not biased by input order.
/// </summary>
public static class Matching
{
    public static MatchResult Match(IReadOnlyList<MatchCandidate> people, double caliperSd, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(people);
        var (_, sd) = Statistics.MeanSd([.. people.Select(p => p.Logit)]);
        var caliper = caliperSd * sd;
        var rng = new Rng(seed);
        var pairs = new List<MatchedPair>();
        int none = 0, outside = 0;
        foreach (var cell in people.GroupBy(p => p.Cell).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var controls = cell.Where(p => !p.Treated).OrderBy(p => p.Logit).ThenBy(p => p.PersonId, StringComparer.Ordinal).ToList();
            var used = new bool[controls.Count];
            var treated = cell.Where(p => p.Treated).OrderBy(p => p.PersonId, StringComparer.Ordinal).ToList();
            // Fisher-Yates with the seeded stream: the matching order.
            for (var i = treated.Count - 1; i > 0; i--)
            {
                var j = rng.NextInt(i + 1);
                (treated[i], treated[j]) = (treated[j], treated[i]);
            }
            foreach (var t in treated)
            {
                var best = -1;
                var bestDistance = double.PositiveInfinity;
                for (var c = 0; c < controls.Count; c++)
                {
                    var d = Math.Abs(controls[c].Logit - t.Logit);
                    if (!used[c] && d < bestDistance)
                    {
                        best = c;
                        bestDistance = d;
                    }
                }
                if (best < 0)
                {
                    none++;
                }
                else if (bestDistance > caliper)
                {
                    outside++;
                }
                else
                {
                    used[best] = true;
                    pairs.Add(new MatchedPair(t.PersonId, controls[best].PersonId, bestDistance));
                }
            }
        }
        return new MatchResult(pairs, caliper, none, outside);
    }

    /// <summary>SMD = (mean_t − mean_c) / √((sd_t² + sd_c²) / 2) per covariate, against the whole pool and the matched controls.</summary>
    public static IReadOnlyList<BalanceRow> Balance(IReadOnlyList<string> names, IReadOnlyList<MatchCandidate> people, IReadOnlyList<MatchedPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(pairs);
        var byId = people.ToDictionary(p => p.PersonId, StringComparer.Ordinal);
        var treated = people.Where(p => p.Treated).ToList();
        var pool = people.Where(p => !p.Treated).ToList();
        var matchedT = pairs.Select(p => byId[p.TreatedId]).ToList();
        var matchedC = pairs.Select(p => byId[p.ControlId]).ToList();
        return [.. names.Select((name, j) =>
        {
            var t = Statistics.MeanSd([.. treated.Select(p => p.Covariates[j])]);
            var c = Statistics.MeanSd([.. pool.Select(p => p.Covariates[j])]);
            var mt = Statistics.MeanSd([.. matchedT.Select(p => p.Covariates[j])]);
            var mc = Statistics.MeanSd([.. matchedC.Select(p => p.Covariates[j])]);
            return new BalanceRow(name, t.Mean, c.Mean, Smd(t, c), mc.Mean, Smd(mt, mc));
        })];
    }

    public static double Smd((double Mean, double Sd) a, (double Mean, double Sd) b)
    {
        var pooled = Math.Sqrt((a.Sd * a.Sd + b.Sd * b.Sd) / 2);
        return pooled > 0 ? (a.Mean - b.Mean) / pooled : a.Mean == b.Mean ? 0 : double.PositiveInfinity * Math.Sign(a.Mean - b.Mean);
    }
}

using Strata.Domain.Foundation;

namespace Strata.Domain.Evaluate;

/// <summary>
/// The splits every KPI's inequalities are reported on: IMD quintile (1 = most deprived); Core20 (IMD deciles 1–2,
/// the most deprived 20% nationally) against the rest; ethnicity (the five ONS groups and "unknown"); and the PLUS
/// groups the data model codes: learning disability and severe mental illness (schizophrenia or bipolar disorder),
/// each against the rest. Homelessness is not coded in import format v1, so it cannot be reported.
/// </summary>
public enum InequalityDimension { ImdQuintile, Core20, Ethnicity, LearningDisability, SevereMentalIllness }

/// <summary>One group's released counts, rate, and rate relative to the whole population's (null when suppressed).</summary>
public sealed record GroupRate(string Group, long? Numerator, long? Denominator, double? Rate, double? RatioToAll);

/// <summary>
/// Inequality on one dimension. Comparison says what the gaps compare. SlopeIndex and RelativeIndex need groups
/// ranked by deprivation, so they are given for IMD quintiles and Core20 only (null otherwise).
/// </summary>
public sealed record DimensionInequality(InequalityDimension Dimension, IReadOnlyList<GroupRate> Groups, string Comparison,
    double? AbsoluteGap, double? RelativeGap, double? SlopeIndex, double? RelativeIndex);

/// <summary>Gaps per dimension from released group counts (disclosure control first, then every figure from the released counts).</summary>
public static class GroupInequality
{
    /// <summary>The group labels of each dimension, in report order (ranked most deprived first where there is a rank).</summary>
    public static IReadOnlyList<string> Groups(InequalityDimension dimension) => dimension switch
    {
        InequalityDimension.ImdQuintile => ["1", "2", "3", "4", "5"],
        InequalityDimension.Core20 => ["core20", "rest"],
        InequalityDimension.Ethnicity => ["asian", "black", "mixed", "white", "other", "unknown"],
        InequalityDimension.LearningDisability => ["learning_disability", "rest"],
        _ => ["severe_mental_illness", "rest"],
    };

    public static DimensionInequality Of(InequalityDimension dimension, IReadOnlyList<(string Group, long Numerator, long Denominator)> cells, double per, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(policy);
        var labels = Groups(dimension);
        foreach (var c in cells.Where(c => !labels.Contains(c.Group)))
        {
            throw new ArgumentException($"'{c.Group}' is not a group of {dimension} ({string.Join(", ", labels)}).");
        }
        long all = cells.Sum(c => c.Numerator), allDen = cells.Sum(c => c.Denominator);
        var allRate = policy.Rate(all, allDen, per);
        var groups = labels.Select(g =>
        {
            long n = cells.Where(c => c.Group == g).Sum(c => c.Numerator), d = cells.Where(c => c.Group == g).Sum(c => c.Denominator);
            var rate = policy.Rate(n, d, per);
            return new GroupRate(g, policy.Count(n), policy.Count(d), rate, rate is { } r && allRate is > 0 ? r / allRate : null);
        }).ToList();
        switch (dimension)
        {
            case InequalityDimension.ImdQuintile or InequalityDimension.Core20:
            {
                // Ranked most deprived first: Inequality.Gaps gives first − last, first / last, SII and RII.
                var ranked = groups.Select((g, i) => new Understand.QuintileRate(i + 1, g.Denominator ?? 0, g.Denominator is > 0 ? g.Rate : null)).ToList();
                var gaps = Understand.Inequality.Gaps(ranked);
                return new DimensionInequality(dimension, groups,
                    dimension == InequalityDimension.Core20 ? "Core20 − rest; Core20 / rest; SII and RII across the two ranked groups" : "Q1 − Q5; Q1 / Q5; SII and RII across quintiles",
                    gaps.AbsoluteGap, gaps.RelativeGap, gaps.SlopeIndex, gaps.RelativeIndex);
            }
            case InequalityDimension.Ethnicity:
            {
                // No order: the gap is between the highest and lowest known groups; "unknown" is shown, not compared.
                var known = groups.Where(g => g.Group != "unknown").ToList();
                var complete = known.All(g => g.Rate is not null);
                double? max = complete ? known.Max(g => g.Rate) : null, min = complete ? known.Min(g => g.Rate) : null;
                return new DimensionInequality(dimension, groups, "highest − lowest of the five ONS groups; highest / lowest (unknown shown, not compared); no slope index (groups have no order)",
                    max - min, min is > 0 ? max / min : null, null, null);
            }
            default:
            {
                var (group, rest) = (groups[0].Rate, groups[1].Rate);
                return new DimensionInequality(dimension, groups, $"{groups[0].Group} − rest; {groups[0].Group} / rest; no slope index (a group against the rest is not a ranked social gradient)",
                    group - rest, rest is > 0 ? group / rest : null, null, null);
            }
        }
    }
}

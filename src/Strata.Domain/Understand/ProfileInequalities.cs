using Strata.Domain.Foundation;

namespace Strata.Domain.Understand;

/// <summary>One quintile of a released inequality measure: protected population and the measure recomputed from protected figures.</summary>
public sealed record QuintileValue(int Quintile, long? People, double? Value);

/// <summary>A profile measure by IMD quintile with its gaps.</summary>
public sealed record InequalityMeasure(string Measure, IReadOnlyList<QuintileValue> Quintiles, InequalityGaps Gaps);

/// <summary>
/// Every cohort-profile measure by IMD quintile: activity per 1,000 for each setting and for all settings, and
/// spend per head. Figures are released through the disclosure policy first; the gaps and SII are computed from
/// the released (rounded) populations and rates, so nothing finer than the released table leaks through them.
/// </summary>
public static class ProfileInequalities
{
    public const string SpendPerHead = "spend_per_head";
    public const string AllActivity = "activity_per_1000:all";

    public static string ActivityMeasure(string setting) => $"activity_per_1000:{setting}";

    /// <summary>Measure names in output order.</summary>
    public static IReadOnlyList<string> MeasureNames { get; } =
        [AllActivity, .. Vocabulary.Settings.Select(ActivityMeasure), SpendPerHead];

    /// <param name="byQuintile">Cube slice by imd_quintile.</param>
    /// <param name="byQuintileAndSetting">Cube slice by imd_quintile and setting.</param>
    /// <param name="measures">Measures wanted (default all); unknown names are an error.</param>
    public static IReadOnlyList<InequalityMeasure> Compute(
        IReadOnlyList<ProfileCell> byQuintile, IReadOnlyList<ProfileCell> byQuintileAndSetting, DisclosurePolicy policy,
        IReadOnlyCollection<string>? measures = null)
    {
        ArgumentNullException.ThrowIfNull(byQuintile);
        ArgumentNullException.ThrowIfNull(byQuintileAndSetting);
        ArgumentNullException.ThrowIfNull(policy);
        var unknown = measures?.Where(m => !MeasureNames.Contains(m)).ToList() ?? [];
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown measure '{unknown[0]}'. Choose from: {string.Join(", ", MeasureNames)}.");
        }
        var quintiles = Enumerable.Range(1, 5).ToList();
        ProfileCell Cell(IEnumerable<ProfileCell> cells, int q) =>
            cells.FirstOrDefault(c => c.Keys[0] == q.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ?? new ProfileCell([], 0, 0, 0, 0);

        InequalityMeasure Build(string name, Func<int, ProfileCell> cellOf, Func<ProfileCell, double?> value)
        {
            var values = quintiles.Select(q => { var c = cellOf(q); return new QuintileValue(q, policy.Count(c.PeopleCell), value(c)); }).ToList();
            var gaps = Inequality.Gaps([.. values.Select(v => new QuintileRate(v.Quintile, v.People ?? 0, v.People is null ? null : v.Value))]);
            return new InequalityMeasure(name, values, gaps);
        }

        var result = new List<InequalityMeasure>();
        foreach (var name in MeasureNames.Where(m => measures is null || measures.Count == 0 || measures.Contains(m)))
        {
            if (name == SpendPerHead)
            {
                result.Add(Build(name, q => Cell(byQuintile, q), c => c.Protect(policy).SpendPerHead));
            }
            else if (name == AllActivity)
            {
                result.Add(Build(name, q => Cell(byQuintile, q), c => c.Protect(policy).ActivityPer1000));
            }
            else
            {
                var setting = name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..];
                result.Add(Build(name, q => Cell(byQuintileAndSetting.Where(c => c.Keys[1] == setting), q), c => c.Protect(policy).ActivityPer1000));
            }
        }
        return result;
    }
}

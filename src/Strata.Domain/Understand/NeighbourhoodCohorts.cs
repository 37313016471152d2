using Strata.Domain.Foundation;

namespace Strata.Domain.Understand;

/// <summary>
/// The neighbourhood cohorts ICBs are asked to find and plan for. Care-home residents and housebound people come from
/// the optional people fields <c>care_home</c> and <c>housebound</c> of import format v1 (1 = yes): status at the
/// extract date, with no date of their own, so these two cohorts have no year-earlier count.
/// </summary>
public enum NeighbourhoodCohort { Frail75Plus, EndOfLife, MultipleLongTermConditions, CareHomeResidents, Housebound }

public enum FrailtyBand { Fit, Mild, Moderate, Severe }

/// <summary>
/// An electronic-frailty-index-style score: deficits present / 36, banded as the eFI (Clegg et al., Age and Ageing
/// 2016): fit ≤ 0.12, mild ≤ 0.24, moderate ≤ 0.36, severe above. Only the eFI deficits that Strata's condition
/// vocabulary codes are counted (listed in <see cref="Deficits"/>), over the eFI's full denominator of 36, so the
/// score is a lower bound of the eFI: with 11 of 36 deficits codable it can reach moderate (9 or more) but not severe.
/// Coded frailty diagnoses (frailty_moderate, frailty_severe) are used beside it.
/// </summary>
public static class FrailtyIndex
{
    public const int EfiDeficits = 36;

    public const double FitMax = 0.12, MildMax = 0.24, ModerateMax = 0.36;

    /// <summary>Vocabulary condition → eFI deficit it codes.</summary>
    public static readonly IReadOnlyDictionary<string, string> Deficits = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["painful_condition"] = "arthritis",
        ["atrial_fibrillation"] = "atrial fibrillation",
        ["ckd"] = "chronic kidney disease",
        ["diabetes"] = "diabetes",
        ["hearing_loss"] = "hearing impairment",
        ["heart_failure"] = "heart failure",
        ["hypertension"] = "hypertension",
        ["chd"] = "ischaemic heart disease",
        ["dementia"] = "memory and cognitive problems",
        ["asthma"] = "respiratory disease",
        ["copd"] = "respiratory disease",
        ["stroke_tia"] = "stroke and TIA",
    };

    /// <summary>The distinct eFI deficits codable from the vocabulary (asthma and COPD are one deficit).</summary>
    public static int CodableDeficits => Deficits.Values.Distinct().Count();

    /// <summary>The fewest deficits that band as moderate: the smallest k with k/36 &gt; 0.24.</summary>
    public static int ModerateFrom => Enumerable.Range(0, EfiDeficits + 1).First(k => Band(k) >= FrailtyBand.Moderate);

    public static FrailtyBand Band(int deficits)
    {
        var score = deficits / (double)EfiDeficits;
        return score <= FitMax ? FrailtyBand.Fit : score <= MildMax ? FrailtyBand.Mild : score <= ModerateMax ? FrailtyBand.Moderate : FrailtyBand.Severe;
    }
}

/// <summary>
/// Raw counts of one cohort in one neighbourhood at a reference date and a year earlier (never released as is), with
/// their cell keys (summed record keys; null when counted without keys). PeopleYearBefore is null for cohorts whose
/// membership has no date (care home, housebound).
/// </summary>
public sealed record CohortCounts(string Neighbourhood, NeighbourhoodCohort Cohort, long People, long EmergencyAdmissions, long AeAttendances, double SpendGbp, long? PeopleYearBefore)
{
    public long? PeopleKey { get; init; }

    public long? EmergencyKey { get; init; }

    public long? AeKey { get; init; }

    public long? YearBeforeKey { get; init; }
}

/// <summary>
/// A released cohort row: counts through the disclosure policy; spend (12 months) rounded to the nearest £1,000 and
/// withheld with the people count; the change in people since a year earlier from the released counts.
/// </summary>
public sealed record CohortRow(string Neighbourhood, NeighbourhoodCohort Cohort, long? People, long? EmergencyAdmissions, long? AeAttendances,
    double? SpendGbp, long? PeopleYearBefore, long? Change)
{
    public const double SpendRounding = 1000;

    public static CohortRow Release(CohortCounts c, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(policy);
        var people = policy.Count(KeyedCount.Of(c.People, c.PeopleKey));
        var before = c.PeopleYearBefore is { } b ? policy.Count(KeyedCount.Of(b, c.YearBeforeKey)) : null;
        double? spend = people is null ? null : policy.Enabled ? Math.Round(c.SpendGbp / SpendRounding, MidpointRounding.AwayFromZero) * SpendRounding : c.SpendGbp;
        return new CohortRow(c.Neighbourhood, c.Cohort, people, policy.Count(KeyedCount.Of(c.EmergencyAdmissions, c.EmergencyKey)),
            policy.Count(KeyedCount.Of(c.AeAttendances, c.AeKey)), spend, before, people - before);
    }
}

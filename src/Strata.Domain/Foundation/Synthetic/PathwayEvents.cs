namespace Strata.Domain.Foundation.Synthetic;

/// <summary>
/// Pathway-specific events the condition-driven activity model does not produce: lower-limb amputations for people
/// with diabetes, in-centre haemodialysis for people with end-stage renal disease, and outpatient referrals to the
/// specialty of a person's long-term condition. Rates and their sources are in docs/pathways.md ("Stage transitions in
/// the synthetic ICB"); they are drawn from the person's side stream, so the rest of the generated data is unchanged.
/// </summary>
public static class PathwayEvents
{
    /// <summary>
    /// Lower-limb amputations per person with diabetes a year: about 2.6 per 1,000 (England: some 9,000 minor and
    /// major diabetic amputations a year among about 3.5 million adults with diabetes; OHID Diabetes foot care profiles).
    /// </summary>
    public const double AmputationPerYear = 0.0026;

    /// <summary>Share of diabetic amputations that are major (above the ankle); the rest are of the foot or toes.</summary>
    public const double MajorAmputationShare = 0.35;

    /// <summary>Share of amputations done in an emergency admission (infected or ischaemic foot); the rest planned.</summary>
    public const double AmputationEmergencyShare = 0.6;

    public const int MajorAmputationStayDays = 28, MinorAmputationStayDays = 14;

    /// <summary>OPCS-4: amputation of leg (major), of foot, of toe.</summary>
    public const string MajorAmputation = "X091", FootAmputation = "X101", ToeAmputation = "X111";

    /// <summary>ICD-10 primary diagnosis of a diabetic amputation spell: type 2 (or, for one in ten, type 1) diabetes with peripheral circulatory complications.</summary>
    public const string Type2Circulatory = "E115", Type1Circulatory = "E105";

    /// <summary>
    /// Share of people with end-stage renal disease on in-centre haemodialysis (UK Renal Registry: about 0.1% of the
    /// population on renal replacement therapy, some 40% of them on in-centre haemodialysis, the rest transplanted or on
    /// home dialysis; the generator's end-stage renal prevalence is a few times the RRT prevalence).
    /// </summary>
    public const double HaemodialysisShare = 0.35;

    /// <summary>Sessions a week (Monday, Wednesday, Friday): gaps of 2, 2 and 3 days.</summary>
    public static readonly IReadOnlyList<int> SessionGaps = [2, 2, 3];

    /// <summary>ICD-10 Z49.1 extracorporeal dialysis; OPCS-4 X40.3 haemodialysis; treatment function 361 nephrology.</summary>
    public const string DialysisDiagnosis = "Z491", DialysisProcedure = "X403", Nephrology = "361", VascularSurgery = "107";

    /// <summary>Cost of one haemodialysis session, pounds (National Cost Collection 2021/22, hospital haemodialysis).</summary>
    public const double HaemodialysisSession = 165;

    /// <summary>
    /// Share of the first attendances of a person with a pathway condition that go to that condition's specialty
    /// (diabetic medicine, respiratory, cardiology, rheumatology, palliative, geriatric medicine); the rest follow the
    /// general mix in <see cref="PlannedCare.AdultFirstAttendances"/>.
    /// </summary>
    public const double ConditionSpecialtyShare = 0.3;

    /// <summary>Condition → the specialty its outpatient care is in, in the order checked (first present wins).</summary>
    public static readonly IReadOnlyList<(int Condition, string Specialty)> ConditionSpecialties =
    [
        (Cond.PalliativeCare, "315"), (Cond.HeartFailure, PlannedCare.Cardiology), (Cond.Copd, PlannedCare.Respiratory),
        (Cond.Diabetes, "307"), (Cond.FrailtySevere, "430"), (Cond.FrailtyModerate, "430"), (Cond.ConnectiveTissue, "410"),
        (Cond.PainfulCondition, PlannedCare.TraumaOrthopaedics),
    ];

    /// <summary>The specialty of a first attendance by a person with the conditions in <paramref name="mask"/> at this age.</summary>
    public static string FirstAttendanceSpecialty(Rng rng, int mask, int age)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (age >= 18)
        {
            foreach (var (condition, specialty) in ConditionSpecialties)
            {
                if (ActivityModel.Has(mask, condition))
                {
                    if (rng.NextDouble() < ConditionSpecialtyShare)
                    {
                        return specialty;
                    }
                    break;
                }
            }
        }
        return PlannedCare.FirstAttendanceSpecialty(rng, age);
    }
}

namespace Strata.Domain.Foundation.Synthetic;

/// <summary>Setting indexes in <see cref="Vocabulary.Settings"/> order.</summary>
public static class Setting
{
    public const int Gp = 0, AandE = 1, Emergency = 2, Elective = 3, Daycase = 4, OutpatientFirst = 5, OutpatientFollowup = 6,
        Community = 7, MentalHealth = 8, Maternity = 9, SocialCare = 10, Ambulance = 11, Prescribing = 12;

    public const int Count = 13;
}

/// <summary>
/// A setting whose events are Poisson in a person-year with mean
/// scale × age(band) × sex × deprivation × (1 + ltcSlope × LTC count) × Π condition multipliers × u^frailtyPower,
/// where u is the person's persistent gamma frailty and scale is calibrated so the population mean equals
/// <see cref="TargetPerPersonYear"/> (see <see cref="Calibration"/>).
/// </summary>
public sealed record SettingProfile(
    int Setting, double TargetPerPersonYear, double[] AgeCurve, double MaleRatio, double DeprivationRatio,
    double LtcSlope, double FrailtyPower, (int Condition, double Multiplier)[] ConditionMultipliers)
{
    /// <summary>Age × sex × deprivation part, per <see cref="ConditionModel.Cell"/>.</summary>
    public double[] Cells { get; } = ConditionModel.Cells((sex, band, decile) =>
        AgeCurve[band] * ConditionModel.SexFactor(sex, MaleRatio) * ConditionModel.DeprivationFactor(decile, DeprivationRatio));

    /// <summary>Multiplier per condition (1 where none is given).</summary>
    public double[] ConditionFactor { get; } = Factors(ConditionMultipliers);

    private static double[] Factors((int Condition, double Multiplier)[] multipliers)
    {
        var f = Enumerable.Repeat(1.0, Cond.Count).ToArray();
        foreach (var (c, m) in multipliers)
        {
            f[c] = m;
        }
        return f;
    }

    /// <summary>Relative rate before the calibrated scale; <paramref name="frailtyTerm"/> is u^FrailtyPower.</summary>
    public double Relative(int cell, int conditionMask, double frailtyTerm)
    {
        var r = Cells[cell] * (1 + LtcSlope * System.Numerics.BitOperations.PopCount((uint)(conditionMask & Cond.LongTermMask))) * frailtyTerm;
        for (var m = conditionMask; m != 0; m &= m - 1)
        {
            r *= ConditionFactor[System.Numerics.BitOperations.TrailingZeroCount(m)];
        }
        return r;
    }
}

/// <summary>
/// Activity rates by setting. Poisson settings are driven by age, sex, deprivation, morbidity and frailty; the rest
/// follow from other events or states (follow-ups after first outpatient attendances, A&amp;E and ambulance around
/// admissions, deliveries from fertility rates, monthly social-care packages, quarterly repeat-prescribing batches).
/// Targets and sources: docs/synthetic-data.md.
/// </summary>
public static class ActivityModel
{
    /// <summary>
    /// Shape of the person-level gamma frailty u (mean 1, variance 1/shape): persistent unmeasured need. It drives
    /// emergency admissions (power 1) and, as in real data where high-need people use every service more, GP,
    /// A&amp;E and community contacts (power 1), outpatients (0.8), planned admissions (0.5) and mental health (0.5).
    /// </summary>
    public const double FrailtyShape = 1.5;

    // Emergency-admission log rate ratios per condition (multiplied in as exp(β)).
    private static readonly (int, double)[] EmergencyBeta =
    [
        (Cond.Hypertension, 0.05), (Cond.AnxietyDepression, 0.25), (Cond.PainfulCondition, 0.3), (Cond.HearingLoss, 0.05),
        (Cond.Ibs, 0.15), (Cond.Asthma, 0.2), (Cond.Diabetes, 0.3), (Cond.Chd, 0.3), (Cond.Ckd, 0.35),
        (Cond.AtrialFibrillation, 0.3), (Cond.Constipation, 0.45), (Cond.StrokeTia, 0.35), (Cond.Copd, 0.7),
        (Cond.ConnectiveTissue, 0.2), (Cond.Cancer, 0.5), (Cond.AlcoholProblems, 0.7), (Cond.HeartFailure, 0.6),
        (Cond.Dementia, 0.55), (Cond.SchizophreniaBipolar, 0.5), (Cond.Epilepsy, 0.5), (Cond.LearningDisability, 0.3),
        (Cond.PhysicalDisability, 0.3), (Cond.FrailtyModerate, 0.35), (Cond.FrailtySevere, 0.6), (Cond.CancerIncurable, 0.8),
        (Cond.EndStageRenal, 0.6), (Cond.LiverFailure, 0.9), (Cond.PalliativeCare, 0.7),
    ];

    public static IReadOnlyList<(int Condition, double Beta)> EmergencyLogRateRatios => EmergencyBeta;

    //                                                  0-4  5-14 15-24 25-34 35-44 45-54 55-64 65-74 75-84 85+
    public static SettingProfile Gp { get; } = new(Setting.Gp, 2.6,
        [1.4, 0.6, 0.6, 0.7, 0.8, 0.9, 1.0, 1.3, 1.7, 2.0], 0.75, 1.15, 0.35, 1.0, []);

    /// <summary>A&amp;E attendances not followed by admission (admitted ones come with the admission).</summary>
    public static SettingProfile AandE { get; } = new(Setting.AandE, 0.33,
        [1.5, 0.7, 1.2, 1.0, 0.85, 0.75, 0.75, 0.85, 1.2, 1.8], 1.0, 1.7, 0.15, 1.0, []);

    public static SettingProfile Emergency { get; } = new(Setting.Emergency, 0.105,
        [0.8, 0.3, 0.45, 0.5, 0.55, 0.7, 0.95, 1.5, 2.7, 4.6], 1.0, 1.9, 0, 1.0,
        [.. EmergencyBeta.Select(b => (b.Item1, Math.Exp(b.Item2)))]);

    public static SettingProfile Elective { get; } = new(Setting.Elective, 0.025,
        [0.2, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.2, 2.3, 1.4], 1.0, 0.95, 0.15, 0.5, [(Cond.Cancer, 2.5)]);

    public static SettingProfile Daycase { get; } = new(Setting.Daycase, 0.11,
        [0.2, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.2, 2.4, 1.6], 1.0, 0.95, 0.2, 0.5, [(Cond.Cancer, 4.0), (Cond.CancerIncurable, 1.5)]);

    public static SettingProfile OutpatientFirst { get; } = new(Setting.OutpatientFirst, 0.32,
        [0.7, 0.5, 0.6, 0.7, 0.8, 1.0, 1.3, 1.7, 1.9, 1.5], 0.87, 1.0, 0.25, 0.8, [(Cond.Cancer, 1.8)]);

    public static SettingProfile Community { get; } = new(Setting.Community, 0.8,
        [0.6, 0.2, 0.15, 0.2, 0.25, 0.35, 0.6, 1.3, 4.0, 12], 0.9, 1.2, 0.3, 1.0,
        [(Cond.FrailtyModerate, 1.8), (Cond.FrailtySevere, 3.0), (Cond.PalliativeCare, 4.0), (Cond.Dementia, 1.5), (Cond.PhysicalDisability, 1.5)]);

    public static SettingProfile MentalHealth { get; } = new(Setting.MentalHealth, 0.3,
        [0.05, 0.6, 1.3, 1.2, 1.1, 0.9, 0.6, 0.5, 0.8, 1.0], 1.0, 1.6, 0, 0.5,
        [(Cond.SchizophreniaBipolar, 25), (Cond.AnxietyDepression, 4), (Cond.Dementia, 6), (Cond.LearningDisability, 3), (Cond.AlcoholProblems, 3)]);

    /// <summary>The Poisson-driven settings, calibrated together.</summary>
    public static IReadOnlyList<SettingProfile> Profiles { get; } = [Gp, AandE, Emergency, Elective, Daycase, OutpatientFirst, Community, MentalHealth];

    /// <summary>Follow-up attendances per first attendance (HES outpatients: about 2 follow-ups per first).</summary>
    public const double FollowupsPerFirst = 1.9;

    public const int FollowupMinDays = 14, FollowupMaxDays = 180;

    /// <summary>Share of emergency admissions arriving through A&amp;E, and by ambulance.</summary>
    public const double AdmissionViaAandE = 0.7, AdmissionByAmbulance = 0.45;

    /// <summary>Probability a non-admitted A&amp;E attendance arrived by ambulance: 0.01 + 0.003 × age, at most 0.4.</summary>
    public static double AmbulanceArrival(int age) => Math.Min(0.4, 0.01 + 0.003 * age);

    /// <summary>Live births per woman-year by five-year age from 15 (ONS births in England and Wales 2022, ASFR).</summary>
    public static readonly IReadOnlyList<double> Fertility = [0.009, 0.045, 0.081, 0.100, 0.060, 0.014, 0.001];

    public const double FertilityDeprivationRatio = 1.2;

    /// <summary>Live births per woman-year at an age (15–49) and IMD decile.</summary>
    public static double FertilityRate(int age, int decile) => Fertility[(age - 15) / 5] * FertilityByDecile[decile - 1];

    private static readonly double[] FertilityByDecile =
        [.. Enumerable.Range(1, 10).Select(d => ConditionModel.DeprivationFactor(d, FertilityDeprivationRatio))];

    /// <summary>Antenatal contacts, days before delivery (NICE antenatal schedule, roughly).</summary>
    public static readonly IReadOnlyList<int> AntenatalDaysBefore = [252, 210, 168, 126, 84, 42, 14];

    /// <summary>Share of emergency admissions in pregnancy coded to an obstetric (O) diagnosis.</summary>
    public const double PregnancyAdmissionObstetric = 0.4;

    /// <summary>
    /// Repeat-prescribing cost grows with unmeasured need as u^0.5 (polypharmacy tracks frailty), divided by its mean
    /// E[u^0.5] = Γ(2) / (Γ(1.5)·√1.5) = 2/√(1.5π) for u ~ Gamma(1.5, 1/1.5), so mean cost stays at the target.
    /// </summary>
    public const double PrescribingFrailtyPower = 0.5;

    public static readonly double PrescribingFrailtyMean = 2 / Math.Sqrt(FrailtyShape * Math.PI);

    /// <summary>Probability of being on repeat medication (quarterly prescribing batches).</summary>
    public static double RepeatMedication(int age, int ltcCount) =>
        ltcCount > 0 ? 0.85 : age >= 60 ? 0.35 : age >= 16 ? 0.12 : 0.04;

    /// <summary>Probability of a long-term social care package by the end of the window.</summary>
    public static double SocialCarePackage(int age, int conditionMask)
    {
        if (age < 18)
        {
            return 0;
        }
        var p = age >= 85 ? 0.10 : age >= 75 ? 0.03 : age >= 65 ? 0.01 : 0.003;
        p += Has(conditionMask, Cond.LearningDisability) ? 0.30 : 0;
        p += Has(conditionMask, Cond.Dementia) ? 0.20 : 0;
        p += Has(conditionMask, Cond.FrailtySevere) ? 0.10 : 0;
        p += Has(conditionMask, Cond.PhysicalDisability) ? 0.08 : 0;
        return Math.Min(0.8, p);
    }

    public const double ResidentialShare = 0.3;

    /// <summary>Emergency length of stay: share of zero-day spells, and mean of the rest (1.5 + age/12 days).</summary>
    public static double ZeroDayShare(int age) => Math.Clamp(0.38 - 0.002 * age, 0.15, 0.4);

    public static double MeanStayDays(int age) => 1.5 + age / 12.0;

    public const double ElectiveMeanStayDays = 2.5;

    public static bool Has(int mask, int condition) => (mask & (1 << condition)) != 0;
}

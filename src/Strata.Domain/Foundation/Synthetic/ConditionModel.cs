namespace Strata.Domain.Foundation.Synthetic;

/// <summary>How a condition's records fall over time.</summary>
public enum RecordPattern
{
    /// <summary>Diagnosed once, at an onset age between the onset floor and today; one record.</summary>
    Lifelong,

    /// <summary>Ongoing but windowed (painful condition, constipation, frailty): onset as lifelong, then a record every ~6 months.</summary>
    Recurring,

    /// <summary>Diagnosed within the last few years (cancer: five-year prevalence); one record.</summary>
    Recent,
}

/// <summary>
/// Prevalence of one condition by <see cref="RateBands"/> (percent of people of that age; the average over sex and
/// deprivation), the male:female ratio, the IMD decile 1:10 ratio and the onset floor age. Sources: docs/synthetic-data.md.
/// </summary>
public sealed record ConditionRate(
    string Condition, double[] PrevalencePercent, double MaleRatio, double DeprivationRatio, int OnsetFrom,
    RecordPattern Pattern = RecordPattern.Lifelong, double RecentYears = 0)
{
    public bool CodedOnly { get; init; }
}

/// <summary>Condition indexes in vocabulary order (codelists/conditions.v1.csv), for the rules that name a condition.</summary>
public static class Cond
{
    public const int Hypertension = 0, AnxietyDepression = 1, PainfulCondition = 2, HearingLoss = 3, Ibs = 4, Asthma = 5,
        Diabetes = 6, Chd = 7, Ckd = 8, AtrialFibrillation = 9, Constipation = 10, StrokeTia = 11, Copd = 12,
        ConnectiveTissue = 13, Cancer = 14, AlcoholProblems = 15, HeartFailure = 16, Dementia = 17, SchizophreniaBipolar = 18,
        Epilepsy = 19, LearningDisability = 20, PhysicalDisability = 21, FrailtyModerate = 22, FrailtySevere = 23,
        CancerIncurable = 24, EndStageRenal = 25, LiverFailure = 26, PalliativeCare = 27;

    public const int Count = 28;

    /// <summary>The 20 Cambridge Multimorbidity Score conditions (the long-term conditions) as a bit mask.</summary>
    public const int LongTermMask = (1 << 20) - 1;
}

/// <summary>
/// Prevalence tables for every vocabulary condition plus the rules that tie conditions together: a shared
/// person-level morbidity term (multimorbidity clusters), and conditions that only follow another
/// (incurable cancer after cancer, end-stage renal after CKD, liver failure mostly after alcohol problems).
/// Palliative care is decided by the simulator once death is known.
/// </summary>
public static class ConditionModel
{
    /// <summary>σ of the person-level lognormal morbidity multiplier shared by all conditions.</summary>
    public const double MorbiditySigma = 0.6;

    /// <summary>Highest probability any condition draw may reach.</summary>
    public const double MaxProbability = 0.95;

    public const double IncurableGivenCancer = 0.12;
    public const double EndStageGivenCkd = 0.03;
    public const double LiverFailureAlcoholMultiplier = 8;

    //                                   0-4   5-14 15-24 25-34 35-44 45-54 55-64 65-74 75-84  85+
    public static IReadOnlyList<ConditionRate> Rates { get; } =
    [
        new("hypertension",              [0,    0,    0.2,  1.5,  5,    12,   25,   42,   55,   60],   1.10, 1.25, 20),
        new("anxiety_depression",        [0,    1,    8,    15,   17,   18,   17,   15,   15,   16],   0.55, 1.60, 10),
        new("painful_condition",         [0,    0.2,  1.5,  3,    5,    8,    12,   17,   23,   30],   0.70, 1.80, 15, RecordPattern.Recurring) { CodedOnly = true },
        new("hearing_loss",              [0.1,  0.3,  0.4,  0.6,  1,    2,    4,    9,    17,   28],   1.30, 1.00, 0),
        new("ibs",                       [0,    0.5,  3,    5,    5.5,  5.5,  5,    4.5,  4,    3.5],  0.45, 1.10, 10),
        new("asthma",                    [1,    8,    11,   10,   9,    9,    9,    10,   10,   9],    0.80, 1.30, 2),
        new("diabetes",                  [0.05, 0.2,  0.4,  1,    3,    6.5,  12,   17,   20,   17],   1.35, 1.80, 25),
        new("chd",                       [0,    0,    0,    0.1,  0.4,  1.5,  4.5,  9,    15,   20],   1.90, 1.70, 35),
        new("ckd",                       [0,    0,    0,    0.1,  0.3,  1,    3,    8,    18,   30],   0.85, 1.40, 40),
        new("atrial_fibrillation",       [0,    0,    0,    0.05, 0.2,  0.6,  2,    5.5,  11,   17],   1.35, 1.10, 40),
        new("constipation",              [0.5,  0.5,  0.5,  0.8,  1,    1.5,  2.5,  5,    10,   18],   0.70, 1.30, 0, RecordPattern.Recurring),
        new("stroke_tia",                [0,    0,    0,    0.1,  0.3,  0.8,  2,    4.5,  8.5,  12],   1.20, 1.50, 40),
        new("copd",                      [0,    0,    0,    0.05, 0.3,  1.2,  3,    6,    8,    8],    1.10, 2.80, 40),
        new("connective_tissue_disorder",[0,    0.02, 0.1,  0.3,  0.6,  1,    1.6,  2.2,  2.5,  2.5],  0.40, 1.20, 20),
        new("cancer",                    [0.05, 0.05, 0.1,  0.3,  0.7,  1.5,  3,    5.5,  7.5,  8],    1.00, 1.00, 0, RecordPattern.Recent, 5),
        new("alcohol_problems",          [0,    0,    0.8,  1.5,  2,    2.5,  2.5,  1.8,  1,    0.5],  2.00, 2.50, 16),
        new("heart_failure",             [0,    0,    0,    0.02, 0.1,  0.3,  0.9,  2.5,  6,    12],   1.30, 1.60, 45),
        new("dementia",                  [0,    0,    0,    0,    0.02, 0.1,  0.3,  1.5,  6,    18],   0.75, 1.20, 60),
        new("schizophrenia_bipolar",     [0,    0,    0.5,  1.1,  1.3,  1.3,  1.1,  0.9,  0.8,  0.7],  1.10, 2.50, 16),
        new("epilepsy",                  [0.3,  0.6,  0.8,  0.9,  0.9,  0.9,  0.9,  0.9,  0.8,  0.8],  1.10, 1.60, 0),
        new("learning_disability",       [0.2,  0.8,  0.9,  0.8,  0.6,  0.5,  0.4,  0.3,  0.15, 0.1],  1.50, 1.50, 0),
        new("physical_disability",       [0.3,  0.8,  1,    1.2,  1.5,  2,    3,    4,    6,    10],   1.00, 1.60, 0) { CodedOnly = true },
        new("frailty_moderate",          [0,    0,    0,    0,    0,    0.5,  3,    12,   25,   35],   0.85, 1.50, 50, RecordPattern.Recurring) { CodedOnly = true },
        new("frailty_severe",            [0,    0,    0,    0,    0,    0.05, 0.5,  2,    7,    18],   0.80, 1.50, 55, RecordPattern.Recurring),
        new("cancer_incurable",          [0,    0,    0,    0,    0,    0,    0,    0,    0,    0],    1.00, 1.00, 0),
        new("end_stage_renal",           [0,    0,    0,    0,    0,    0,    0,    0,    0,    0],    1.00, 1.00, 0),
        new("liver_failure",             [0,    0,    0,    0.02, 0.05, 0.1,  0.15, 0.15, 0.1,  0.1],  1.50, 2.00, 25),
        new("palliative_care",           [0,    0,    0,    0,    0,    0,    0,    0,    0,    0],    1.00, 1.00, 0, RecordPattern.Recurring),
    ];

    /// <summary>Multiplier for sex given a male:female ratio, keeping the all-persons average (U takes the average).</summary>
    public static double SexFactor(char sex, double maleRatio) => sex switch
    {
        'M' => 2 * maleRatio / (1 + maleRatio),
        'F' => 2 / (1 + maleRatio),
        _ => 1,
    };

    /// <summary>
    /// Deprivation multiplier for IMD decile k (1 = most deprived) given the decile 1:10 ratio r:
    /// r^((5.5−k)/9), normalised to average 1 over the ten deciles.
    /// </summary>
    public static double DeprivationFactor(int decile, double ratio)
    {
        var mean = 0.0;
        for (var k = 1; k <= 10; k++)
        {
            mean += Math.Pow(ratio, (5.5 - k) / 9) / 10;
        }
        return Math.Pow(ratio, (5.5 - decile) / 9) / mean;
    }

    /// <summary>Probability that a person has the condition by the end of the window.</summary>
    public static double Probability(ConditionRate rate, int age, char sex, int decile, double morbidity) =>
        Math.Min(MaxProbability, BaseProbability(rate, RateBands.Of(age), sex, decile) * morbidity);

    /// <summary>
    /// <see cref="Probability"/> before the morbidity term, precomputed per condition × sex × band × decile so the
    /// per-person loop is a lookup: index <c>Cell(sex, band, decile)</c>.
    /// </summary>
    public static IReadOnlyList<double[]> BaseTable { get; } =
        [.. Rates.Select(r => Cells((sex, band, decile) => BaseProbability(r, band, sex, decile)))];

    public const int CellCount = 3 * RateBands.Count * 10;

    public static int Cell(char sex, int band, int decile) => (sex == 'F' ? 0 : sex == 'M' ? 1 : 2) * 100 + band * 10 + decile - 1;

    /// <summary>Evaluates a function at every sex × band × decile cell.</summary>
    public static double[] Cells(Func<char, int, int, double> f)
    {
        var cells = new double[CellCount];
        foreach (var sex in Vocabulary.Sexes.Select(s => s[0]))
        {
            for (var band = 0; band < RateBands.Count; band++)
            {
                for (var decile = 1; decile <= 10; decile++)
                {
                    cells[Cell(sex, band, decile)] = f(sex, band, decile);
                }
            }
        }
        return cells;
    }

    private static double BaseProbability(ConditionRate rate, int band, char sex, int decile) =>
        rate.PrevalencePercent[band] / 100 * SexFactor(sex, rate.MaleRatio) * DeprivationFactor(decile, rate.DeprivationRatio);
}

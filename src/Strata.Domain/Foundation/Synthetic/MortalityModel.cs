namespace Strata.Domain.Foundation.Synthetic;

/// <summary>
/// Annual probability of death: an England life-table shape (ONS National Life Tables 2020–2022; Gompertz above
/// 30, flat child and young-adult rates, infant rate apart) times a morbidity hazard ratio. The hazard ratios are
/// the Cambridge Multimorbidity Score mortality weights (which are 100 × log hazard ratios) for the 20 long-term
/// conditions, plus stated log hazard ratios for the others. Per age band the morbidity factor is divided by its
/// population mean (<see cref="Calibration"/>) so the age-specific death rates stay those of the life table.
/// </summary>
public static class MortalityModel
{
    public const double InfantMale = 0.0042, InfantFemale = 0.0035;
    public const double ChildAnnual = 0.00012;
    public const double YoungAdultMale = 0.0006, YoungAdultFemale = 0.00028;
    public const double GompertzIntercept = -10.4, GompertzSlope = 0.096;
    public const double FemaleRatio = 0.68;

    /// <summary>Log hazard ratios per condition (vocabulary order).</summary>
    public static IReadOnlyList<double> LogHazard { get; } =
    [
        -0.0209, 0.0704, 0.1646, -0.0394, -0.0133, -0.0273, 0.1023, 0.0422, 0.1661, 0.2214,
        0.3542, 0.2063, 0.4250, -0.0039, 0.6200, 0.1272, 0.4347, 1.2442, 0.0720, 0.1826,
        // learning_disability, physical_disability, frailty_moderate, frailty_severe, cancer_incurable, end_stage_renal, liver_failure, palliative_care
        0.9, 0.3, 0.4, 0.9, 1.8, 1.1, 1.4, 0,
    ];

    /// <summary>Annual probability of death from the life-table shape alone.</summary>
    public static double Annual(int age, char sex)
    {
        var female = sex == 'F';
        if (age <= 0)
        {
            return female ? InfantFemale : InfantMale;
        }
        if (age < 15)
        {
            return ChildAnnual;
        }
        var young = female ? YoungAdultFemale : YoungAdultMale;
        var gompertz = Math.Exp(GompertzIntercept + GompertzSlope * age) * (female ? FemaleRatio : 1);
        return Math.Min(0.6, Math.Max(young, gompertz));
    }

    /// <summary>exp(Σ log hazard) over the conditions in a bit mask.</summary>
    public static double HazardRatio(int conditionMask)
    {
        var sum = 0.0;
        for (var m = conditionMask; m != 0; m &= m - 1)
        {
            sum += LogHazard[System.Numerics.BitOperations.TrailingZeroCount(m)];
        }
        return Math.Exp(sum);
    }
}

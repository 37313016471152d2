namespace Strata.Domain.Foundation.Synthetic;

/// <summary>
/// Care-home residence and housebound status for generated people, as at the end of the window (or death). Rough
/// shapes, not calibrated figures: care-home residence rises steeply with age (Census 2021 England: about 0.5% of
/// people aged 65–74, 3% at 75–84 and 13% at 85+ live in care homes) and is 2.5 times as likely with dementia;
/// housebound (not in a care home) about 2%, 6% and 20% in the same age groups, twice as likely with moderate or
/// severe frailty. About one record in ten has neither recorded (empty), as a GP record often does not say.
/// Draws come from a stream of their own (seed, person token), so adding them left every other draw unchanged.
/// </summary>
public static class ResidenceModel
{
    public const double MissingShare = 0.10;

    private const ulong Stream = 0x0C4E_4803_0B5EUL;

    /// <summary>(care home, housebound) as 1/0, or (-1, -1) when not recorded.</summary>
    public static (int CareHome, int Housebound) Sample(ulong seed, ulong token, int age, int conditionMask)
    {
        var rng = Rng.Fork(seed ^ Stream, token);
        if (rng.NextDouble() < MissingShare)
        {
            return (-1, -1);
        }
        var (careBase, houseBase) = age >= 85 ? (0.13, 0.20) : age >= 75 ? (0.03, 0.06) : age >= 65 ? (0.005, 0.02) : (0.0005, 0.003);
        var care = Math.Min(0.9, careBase * (ActivityModel.Has(conditionMask, Cond.Dementia) ? 2.5 : 1));
        if (rng.NextDouble() < care)
        {
            return (1, 0);
        }
        var frail = ActivityModel.Has(conditionMask, Cond.FrailtyModerate) || ActivityModel.Has(conditionMask, Cond.FrailtySevere);
        return (0, rng.NextDouble() < Math.Min(0.9, houseBase * (frail ? 2 : 1)) ? 1 : 0);
    }
}

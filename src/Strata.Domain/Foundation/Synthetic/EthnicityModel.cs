namespace Strata.Domain.Foundation.Synthetic;

/// <summary>
/// Ethnic group (the five ONS high-level groups of <see cref="Vocabulary.EthnicGroups"/>) at England's Census 2021
/// shares, with fewer minority-group people at older ages (the Census age profile) and a per-place diversity
/// multiplier; about one record in eight has no ethnicity recorded, as in GP data.
/// </summary>
public static class EthnicityModel
{
    /// <summary>Census 2021 England: asian 9.6%, black 4.2%, mixed 3.0%, white 81.0%, other 2.2%.</summary>
    public static readonly IReadOnlyList<double> EnglandShares = [0.096, 0.042, 0.030, 0.810, 0.022];

    public const int White = 3;

    public const double MissingShare = 0.12;

    /// <summary>Index into EthnicGroups, or -1 when not recorded.</summary>
    public static int Sample(Rng rng, int age, double placeDiversity)
    {
        if (rng.NextDouble() < MissingShare)
        {
            return -1;
        }
        var ageFactor = age < 18 ? 1.3 : age >= 65 ? 0.4 : 1.0;
        var minority = placeDiversity * ageFactor;
        var u = rng.NextDouble();
        var acc = 0.0;
        for (var g = 0; g < EnglandShares.Count; g++)
        {
            if (g == White)
            {
                continue;
            }
            acc += EnglandShares[g] * minority;
            if (u < acc)
            {
                return g;
            }
        }
        return White;
    }
}

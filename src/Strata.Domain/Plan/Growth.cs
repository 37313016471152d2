using Strata.Domain.Foundation;

namespace Strata.Domain.Plan;

/// <summary>
/// Demographic growth: the population of an age band and sex in projection year y relative to the baseline year.
/// Given either as a factor per year or as a constant annual growth rate (factor = (1 + rate)^y).
/// </summary>
public sealed class DemographicGrowth
{
    private readonly Dictionary<(string AgeBand, string Sex), double> _rates = [];
    private readonly Dictionary<(string AgeBand, string Sex, int Year), double> _factors = [];

    /// <summary>Illustrative annual growth by age band, shaped on ONS national projections (older bands grow fastest).</summary>
    public static IReadOnlyDictionary<string, double> DefaultAnnualRates { get; } = new Dictionary<string, double>
    {
        ["00-04"] = -0.005, ["05-09"] = -0.005, ["10-14"] = -0.002, ["15-19"] = 0.002,
        ["20-24"] = 0.002, ["25-29"] = 0.001, ["30-34"] = 0.001, ["35-39"] = 0.003,
        ["40-44"] = 0.004, ["45-49"] = 0.002, ["50-54"] = 0.001, ["55-59"] = 0.004,
        ["60-64"] = 0.008, ["65-69"] = 0.012, ["70-74"] = 0.015, ["75-79"] = 0.025,
        ["80-84"] = 0.030, ["85+"] = 0.035,
    };

    /// <summary>The documented default profile (docs/plan.md), the same for both sexes.</summary>
    public static DemographicGrowth Default()
    {
        var g = new DemographicGrowth();
        foreach (var (band, rate) in DefaultAnnualRates)
        {
            foreach (var sex in Vocabulary.Sexes)
            {
                g.SetRate(band, sex, rate);
            }
        }
        return g;
    }

    public void SetRate(string ageBand, string sex, double annualRate) => _rates[(ageBand, sex)] = annualRate;

    public void SetFactor(string ageBand, string sex, int year, double factor) => _factors[(ageBand, sex, year)] = factor;

    /// <summary>Factor for year y (0 = baseline = 1). An explicit factor wins; unknown bands do not grow.</summary>
    public double Factor(string ageBand, string sex, int year)
    {
        if (year == 0)
        {
            return 1;
        }
        if (_factors.TryGetValue((ageBand, sex, year), out var f))
        {
            return f;
        }
        return _rates.TryGetValue((ageBand, sex), out var r) ? Math.Pow(1 + r, year) : 1;
    }
}

/// <summary>Non-demographic growth per setting (new treatments, thresholds, expectations), as an annual rate.</summary>
public static class NonDemographicGrowth
{
    /// <summary>Illustrative defaults (docs/plan.md gives the reasoning); replace with local trend analysis.</summary>
    public static IReadOnlyDictionary<string, double> Defaults { get; } = new Dictionary<string, double>
    {
        ["gp_appointment"] = 0.010, ["ae_attendance"] = 0.015, ["emergency_admission"] = 0.010,
        ["elective_admission"] = 0.015, ["daycase"] = 0.020, ["outpatient_first"] = 0.015,
        ["outpatient_followup"] = 0.010, ["community_contact"] = 0.020, ["mental_health_contact"] = 0.025,
        ["maternity"] = 0.000, ["social_care"] = 0.015, ["ambulance_conveyance"] = 0.020, ["prescribing"] = 0.030,
    };
}

/// <summary>The growth assumptions of a projection.</summary>
public sealed record GrowthAssumptions(DemographicGrowth Demography, IReadOnlyDictionary<string, double> Ndg)
{
    /// <summary>
    /// Population variants and health-status adjustment sampled per run (null = the one <see cref="Demography"/>, no
    /// adjustment). When set, <see cref="Demography"/> should be their weighted principal (<see cref="WithPopulation"/>).
    /// </summary>
    public PopulationInputs? Population { get; init; }

    /// <summary>These assumptions with population variants: the demography becomes the variants' weighted principal.</summary>
    public GrowthAssumptions WithPopulation(PopulationInputs population)
    {
        ArgumentNullException.ThrowIfNull(population);
        var demography = population.Variants.Count > 0 ? population.Principal(PopulationVariant.MaxYears) : Demography;
        return this with { Demography = demography, Population = population };
    }

    public static GrowthAssumptions Default() => new(DemographicGrowth.Default(), NonDemographicGrowth.Defaults);

    /// <summary>
    /// Change in the population mix by segment (from the segment transition model): each segment's share of the
    /// population in year y over its share now, so the mix moves while demography sets the size. Null = mix held.
    /// </summary>
    public IReadOnlyDictionary<(string Segment, int Year), double>? SegmentMix { get; init; }

    /// <summary>
    /// The mix's uncertainty: one mix per stochastic run of the segment projection (<see cref="MixDraws"/>). Monte Carlo
    /// run r ≥ 1 uses draw (r − 1) mod count, so the transition model's uncertainty reaches the scenario's intervals;
    /// run 0 keeps <see cref="SegmentMix"/>. Null or empty = the mix is certain.
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<(string Segment, int Year), double>>? SegmentMixDraws { get; init; }

    public double NdgOf(string setting) => Ndg.TryGetValue(setting, out var r) ? r : 0;

    /// <summary>Mix factor of a segment in year y (1 when no mix change is given).</summary>
    public double MixOf(string segment, int year) =>
        year > 0 && SegmentMix is not null && SegmentMix.TryGetValue((segment, year), out var f) ? f : 1;

    /// <summary>activity(cell, y) / baseline(cell) = demographic_factor(cell, y) × mix(segment, y) × (1 + ndg(setting))^y.</summary>
    public double Multiplier(CohortKey cohort, string setting, int year) =>
        DemographicFactor(cohort, setting, year) * MixOf(cohort.Segment, year) * Math.Pow(1 + NdgOf(setting), year);

    /// <summary>The setting whose activity follows births rather than persons of the mother's age band.</summary>
    public const string BirthsSetting = "maternity";

    /// <summary>The segment whose activity follows deaths (people in their last year of life) rather than its age band's persons.</summary>
    public const string DeathsSegment = "end_of_life";

    /// <summary>
    /// Demographic factor of a cell in year y under a variant (−1 = the weighted principal): with births and deaths in the
    /// population inputs, maternity activity grows with births and the end-of-life segment's activity with deaths
    /// (components of change, not the age band's net persons); every other cell with its age band × sex persons.
    /// </summary>
    public double DemographicFactor(CohortKey cohort, string setting, int year, int variant = -1)
    {
        if (year > 0 && Population is { Variants.Count: > 0 } p)
        {
            var v = variant >= 0 ? p.Variants[variant] : null;
            if (setting == BirthsSetting && (v is null ? p.BirthsFactor(year) : v.BirthsFactor(year)) is { } births)
            {
                return births;
            }
            if (cohort.Segment == DeathsSegment && (v is null ? p.DeathsFactor(year) : v.DeathsFactor(year)) is { } deaths)
            {
                return deaths;
            }
            if (v is not null)
            {
                return v.Growth.Factor(cohort.AgeBand, cohort.Sex, year);
            }
        }
        return Demography.Factor(cohort.AgeBand, cohort.Sex, year);
    }

    /// <summary>Mix factors of each stochastic run of a segment projection: share_r(segment, y) / share_r(segment, 0).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<(string Segment, int Year), double>> MixDraws(SegmentProjection projection)
    {
        ArgumentNullException.ThrowIfNull(projection);
        return [.. projection.RunSizes.Select(run =>
        {
            var mix = new Dictionary<(string, int), double>();
            var total0 = run[0].Sum();
            for (var y = 1; y <= projection.Years; y++)
            {
                var total = run[y].Sum();
                for (var s = 0; s < projection.Segments.Count; s++)
                {
                    var share0 = total0 > 0 ? run[0][s] / total0 : 0;
                    mix[(projection.Segments[s], y)] = share0 > 0 && total > 0 ? run[y][s] / total / share0 : 1;
                }
            }
            return (IReadOnlyDictionary<(string Segment, int Year), double>)mix;
        })];
    }

    /// <summary>Mix factors from a segment projection: share(segment, y) / share(segment, 0).</summary>
    public static IReadOnlyDictionary<(string Segment, int Year), double> MixFrom(SegmentProjection projection)
    {
        ArgumentNullException.ThrowIfNull(projection);
        var mix = new Dictionary<(string, int), double>();
        double Total(int y) => projection.Segments.Sum(s => projection.Of(y, s).People.Mean);
        var total0 = Total(0);
        for (var y = 1; y <= projection.Years; y++)
        {
            var total = Total(y);
            foreach (var s in projection.Segments)
            {
                var share0 = projection.Of(0, s).People.Mean / total0;
                mix[(s, y)] = share0 > 0 && total > 0 ? projection.Of(y, s).People.Mean / total / share0 : 1;
            }
        }
        return mix;
    }
}

using Strata.Domain.Foundation;

namespace Strata.Domain.Plan;

/// <summary>One row of a population projection: persons of an age band and sex at mid-year <paramref name="Year"/>.</summary>
public readonly record struct ProjectedPersons(string AgeBand, string Sex, int Year, double Persons);

/// <summary>Births and deaths of one calendar year (mid-year to mid-year) in a projection variant.</summary>
public readonly record struct PopulationComponents(int Year, double Births, double Deaths);

/// <summary>
/// One population projection variant (e.g. ONS principal, high or low) with its probability weight. Its growth is the
/// projected persons of each age band and sex relative to the base year (the mid-year the baseline's 12 months straddle).
/// </summary>
public sealed record PopulationVariant(string Name, double Weight, DemographicGrowth Growth,
    IReadOnlyList<PopulationComponents> Components, IReadOnlyDictionary<int, double> Persons)
{
    /// <summary>The longest projection horizon (as ScenarioModel).</summary>
    public const int MaxYears = 50;

    /// <summary>
    /// A variant from projected persons: factor(band, sex, y) = persons(base + y) / persons(base). Bands or sexes the
    /// file does not cover do not grow (factor 1); a band with no persons in the base year cannot be projected and is an error.
    /// </summary>
    public static PopulationVariant FromPersons(string name, double weight, IReadOnlyList<ProjectedPersons> rows, int baseYear,
        IReadOnlyList<PopulationComponents>? components = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!(weight > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"Variant '{name}': the weight must be positive.");
        }
        var byKey = rows.GroupBy(r => (r.AgeBand, r.Sex, r.Year)).ToDictionary(g => g.Key, g => g.Sum(r => r.Persons));
        var growth = new DemographicGrowth();
        foreach (var ((band, sex, year), persons) in byKey)
        {
            if (year <= baseYear)
            {
                continue;
            }
            if (!byKey.TryGetValue((band, sex, baseYear), out var basePersons) || basePersons <= 0)
            {
                throw new ArgumentException($"Variant '{name}': no persons for {band} {sex} in the base year {baseYear}.", nameof(rows));
            }
            growth.SetFactor(band, sex, year - baseYear, persons / basePersons);
        }
        // Beyond the file's last year a band holds its last factor, so a longer horizon never falls back to no growth.
        foreach (var group in byKey.Keys.Where(k => k.Year > baseYear).GroupBy(k => (k.AgeBand, k.Sex)))
        {
            var last = group.Max(k => k.Year);
            var factor = growth.Factor(group.Key.AgeBand, group.Key.Sex, last - baseYear);
            for (var y = last - baseYear + 1; y <= MaxYears; y++)
            {
                growth.SetFactor(group.Key.AgeBand, group.Key.Sex, y, factor);
            }
        }
        var total = rows.GroupBy(r => r.Year).ToDictionary(g => g.Key, g => g.Sum(r => r.Persons));
        return new PopulationVariant(name, weight, growth, components ?? [], total) { BaseYear = baseYear };
    }

    /// <summary>The base year the factors are relative to (the year of births and deaths the components' factors divide by).</summary>
    public int BaseYear { get; init; }

    /// <summary>births(base + y) / births(base), the last year's held beyond the file; null without births for the base year.</summary>
    public double? BirthsFactor(int year) => ComponentFactor(year, c => c.Births);

    /// <summary>deaths(base + y) / deaths(base), the last year's held beyond the file; null without deaths for the base year.</summary>
    public double? DeathsFactor(int year) => ComponentFactor(year, c => c.Deaths);

    private double? ComponentFactor(int year, Func<PopulationComponents, double> value)
    {
        var at = Components.Where(c => c.Year == BaseYear).ToList();
        if (at.Count == 0 || !(value(at[0]) > 0))
        {
            return null;
        }
        var later = Components.Where(c => c.Year <= BaseYear + year).MaxBy(c => c.Year);
        return value(later) / value(at[0]);
    }
}

/// <summary>
/// Health-status adjustment (as in the NHP demand model): as life expectancy rises, part of the gain is years in good
/// health, so a person of age a in projection year y uses the hospital and community care that a person of age
/// a − θ·y uses today. θ (healthy years gained per calendar year) is an 80% interval, drawn once per run.
/// The multiplier of an age band's activity is rate(a − θy) / rate(a) ≈ 1 − θ·y·g(a), g = d ln(rate)/d age, estimated
/// from the baseline's activity per person in the neighbouring bands (only where activity rises with age: g ≥ 0).
/// </summary>
public sealed record HealthStatusAdjustment(Interval80 YearsPerYear, int MinAge = HealthStatusAdjustment.DefaultMinAge)
{
    /// <summary>Applied from 55, as the NHP model does: below that, activity is not dominated by age-related need.</summary>
    public const int DefaultMinAge = 55;

    /// <summary>
    /// Illustrative default: 0.05–0.15 healthy years per year, against ONS projected gains in period life expectancy at
    /// 65 of roughly 1–1.5 years a decade, of which a share is assumed in good health (docs/plan.md, sources).
    /// </summary>
    public static HealthStatusAdjustment Default { get; } = new(new Interval80(0.05, 0.15));

    /// <summary>Gradient per year of age of ln(activity per person) for each age band × sex × setting (0 below MinAge).</summary>
    public IReadOnlyDictionary<(string AgeBand, string Sex, string Setting), double> Gradients(PlanBaseline baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var people = baseline.Population.GroupBy(p => (p.Cohort.AgeBand, p.Cohort.Sex)).ToDictionary(g => g.Key, g => g.Sum(p => p.People));
        var activity = baseline.Activity.GroupBy(a => (a.Cohort.AgeBand, a.Cohort.Sex, a.Setting)).ToDictionary(g => g.Key, g => g.Sum(a => a.Activity));
        double Rate(int band, string sex, string setting)
        {
            var b = AgeBands.All[band];
            return people.TryGetValue((b, sex), out var n) && n > 0 && activity.TryGetValue((b, sex, setting), out var a) ? a / n : 0;
        }
        var result = new Dictionary<(string, string, string), double>();
        foreach (var (band, sex, setting) in activity.Keys)
        {
            var i = IndexOfBand(band);
            if (i < 0 || BandFloor(i) < MinAge)
            {
                continue;
            }
            // Central difference over the neighbouring bands (one-sided at the top band), 5 years per band.
            var lo = Math.Max(0, i - 1);
            var hi = Math.Min(AgeBands.All.Count - 1, i + 1);
            var (rlo, rhi) = (Rate(lo, sex, setting), Rate(hi, sex, setting));
            if (rlo <= 0 || rhi <= 0 || hi == lo)
            {
                continue;
            }
            var g = Math.Log(rhi / rlo) / (5.0 * (hi - lo));
            if (g > 0)
            {
                result[(band, sex, setting)] = g;
            }
        }
        return result;
    }

    /// <summary>The adjustment's multiplier for a given θ, year and gradient, floored at 0.</summary>
    public static double Multiplier(double theta, int year, double gradient) => Math.Max(0, 1 - theta * year * gradient);

    private static int IndexOfBand(string band)
    {
        for (var i = 0; i < AgeBands.All.Count; i++)
        {
            if (AgeBands.All[i] == band)
            {
                return i;
            }
        }
        return -1;
    }

    private static int BandFloor(int index) => index * 5;
}

/// <summary>
/// The population side of a projection: weighted variants drawn per run, and the optional health-status adjustment.
/// </summary>
public sealed record PopulationInputs(IReadOnlyList<PopulationVariant> Variants, HealthStatusAdjustment? Health)
{
    public double TotalWeight => Variants.Sum(v => v.Weight);

    /// <summary>The weight-averaged growth: the principal run's demography and the one intervention costs are grown by.</summary>
    public DemographicGrowth Principal(int years)
    {
        var g = new DemographicGrowth();
        var total = TotalWeight;
        foreach (var band in AgeBands.All)
        {
            foreach (var sex in Vocabulary.Sexes)
            {
                for (var y = 1; y <= years; y++)
                {
                    g.SetFactor(band, sex, y, Variants.Sum(v => v.Weight * v.Growth.Factor(band, sex, y)) / total);
                }
            }
        }
        return g;
    }

    /// <summary>The weight-averaged births factor in year y; null unless every variant has births for its base year.</summary>
    public double? BirthsFactor(int year) => Weighted(v => v.BirthsFactor(year));

    /// <summary>The weight-averaged deaths factor in year y; null unless every variant has deaths for its base year.</summary>
    public double? DeathsFactor(int year) => Weighted(v => v.DeathsFactor(year));

    private double? Weighted(Func<PopulationVariant, double?> factor)
    {
        var factors = Variants.Select(factor).ToList();
        return Variants.Count == 0 || factors.Any(f => f is null) ? null : Variants.Select((v, i) => v.Weight * factors[i]!.Value).Sum() / TotalWeight;
    }

    /// <summary>Index of the variant a uniform draw u ∈ [0, 1) falls on (cumulative weights in the given order).</summary>
    public int Pick(double u)
    {
        var target = u * TotalWeight;
        var cumulative = 0.0;
        for (var i = 0; i < Variants.Count; i++)
        {
            cumulative += Variants[i].Weight;
            if (target < cumulative)
            {
                return i;
            }
        }
        return Variants.Count - 1;
    }
}

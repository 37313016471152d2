using Strata.Domain.Foundation;

namespace Strata.Domain.Plan;

/// <summary>A provider delivering a setting: the unit of provider-level outturn.</summary>
public sealed record Outlet(string Provider, string Setting);

/// <summary>
/// The compiled model: plan cells collapsed into classes that no intervention and no output can tell apart
/// (same setting, same place, same set of applicable interventions). Within a class the expected activity of every
/// cell is summed year by year; because sums of independent Poisson counts are Poisson and binomial thinning of a
/// Poisson is Poisson, drawing noise per setting × place and thinning per class gives the distribution of totals that
/// drawing per cell would — the spec's argument for cells over rows, applied one step further. (Noise is drawn on the
/// setting × place total, not per class, so that the baseline does not depend on how interventions split cells into
/// classes: common random numbers, see <see cref="MonteCarlo"/>.)
/// </summary>
public sealed class ScenarioModel
{
    /// <summary>Provider name used where a place × setting has no provider mix in the workspace.</summary>
    public const string Unattributed = "unattributed";

    private ScenarioModel(int years, IReadOnlyList<string> settings, IReadOnlyList<string> places, IReadOnlyList<Outlet> outlets,
        IReadOnlyList<Intervention> interventions, ModelClass[] classes, OutletMix[][] receiving, double[][] cohortPeople, double[] equityShare)
    {
        Years = years;
        Settings = settings;
        Places = places;
        Outlets = outlets;
        Interventions = interventions;
        Classes = classes;
        var groups = new Dictionary<(int Setting, int Place), int>();
        GroupOf = new int[classes.Length];
        var names = new List<(string, string)>();
        for (var i = 0; i < classes.Length; i++)
        {
            var key = (classes[i].Setting, classes[i].Place);
            if (!groups.TryGetValue(key, out var g))
            {
                g = groups.Count;
                groups[key] = g;
                names.Add((settings[key.Setting], places[key.Place]));
            }
            GroupOf[i] = g;
        }
        Groups = names;
        Receiving = receiving;
        CohortPeople = cohortPeople;
        EquityShare = equityShare;
    }

    public int Years { get; }

    public IReadOnlyList<string> Settings { get; }

    public IReadOnlyList<string> Places { get; }

    public IReadOnlyList<Outlet> Outlets { get; }

    public IReadOnlyList<Intervention> Interventions { get; }

    /// <summary>Number of classes the cells collapsed into (for diagnostics and the benchmark).</summary>
    public int ClassCount => Classes.Length;

    /// <summary>Each class's expected activity in a year (diagnostics: the cost of a Poisson draw depends on it).</summary>
    public IReadOnlyList<double> ClassSizes(int year) => [.. Classes.Select(c => c.Expected[year])];

    internal ModelClass[] Classes { get; }

    /// <summary>The setting × place groups of classes, by name: the unit of baseline noise (common random numbers).</summary>
    internal IReadOnlyList<(string Setting, string Place)> Groups { get; }

    /// <summary>Each class's index in <see cref="Groups"/>.</summary>
    internal int[] GroupOf { get; }

    /// <summary>Per intervention and place: where shifted activity lands (null for non-shift interventions).</summary>
    internal OutletMix[][] Receiving { get; }

    /// <summary>People in each intervention's target cohort by projection year (demographic growth applied).</summary>
    public double[][] CohortPeople { get; }

    /// <summary>Share of each intervention's principal effect that falls on the most deprived IMD quintile (equity criterion).</summary>
    public double[] EquityShare { get; }

    public int SettingIndex(string setting) => IndexOf(Settings, setting);

    /// <summary>Population inputs drawn per run (a variant and θ); null when the population is certain.</summary>
    public PopulationInputs? Population { get; private init; }

    /// <summary>Segments of the sampled mix (index of <see cref="ModelClass.SegmentExpected"/>); empty when the mix is certain.</summary>
    public IReadOnlyList<string> MixSegments { get; private init; } = [];

    /// <summary>Sampled mix factors, [draw][segment × (years + 1) + y] (<see cref="GrowthAssumptions.SegmentMixDraws"/>); empty when certain.</summary>
    internal double[][] MixDraws { get; private init; } = [];

    /// <summary>
    /// A class's expected activity under mix draw <paramref name="draw"/> over that under the principal mix, in year y:
    /// Σ_segment E(segment, y) × mix_draw(segment, y) ÷ Σ_segment E(segment, y) × mix(segment, y). Exact for the principal
    /// demography; with population variants it scales the variant's expectation by the same ratio.
    /// </summary>
    internal double MixRatio(ModelClass c, int draw, int year)
    {
        if (c.SegmentExpected is not { } bySegment || c.Expected[year] <= 0)
        {
            return 1;
        }
        var mix = MixDraws[draw];
        var total = 0.0;
        for (var s = 0; s < bySegment.Length; s++)
        {
            if (bySegment[s] is { } e)
            {
                total += e[year] * mix[s * (Years + 1) + year];
            }
        }
        return total / c.Expected[year];
    }

    public static ScenarioModel Build(PlanBaseline baseline, GrowthAssumptions growth, IReadOnlyList<Intervention> interventions, int years)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(growth);
        ArgumentNullException.ThrowIfNull(interventions);
        if (years is < 1 or > 50)
        {
            throw new ArgumentOutOfRangeException(nameof(years), years, "Projection years must be between 1 and 50.");
        }
        var settings = OrderSettings(baseline.Activity.Select(c => c.Setting)
            .Concat(interventions.Where(i => i.Effect.Kind == EffectKind.Shift).Select(i => i.Effect.ReceivingSetting!)));
        var places = baseline.Activity.Select(c => c.Cohort.Place).Concat(baseline.Population.Select(p => p.Cohort.Place))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var outlets = new List<Outlet>();
        var outletIndex = new Dictionary<Outlet, int>();
        int OutletOf(string provider, string setting)
        {
            var o = new Outlet(provider, setting);
            if (!outletIndex.TryGetValue(o, out var i))
            {
                i = outlets.Count;
                outlets.Add(o);
                outletIndex[o] = i;
            }
            return i;
        }

        var mixRows = baseline.Providers.Where(p => p.Share > 0).GroupBy(p => (p.Place, p.Setting)).ToDictionary(g => g.Key, g => g.ToList());
        var mixCache = new Dictionary<(string, string), OutletMix>();
        OutletMix MixOf(string place, string setting)
        {
            if (mixCache.TryGetValue((place, setting), out var m))
            {
                return m;
            }
            if (mixRows.TryGetValue((place, setting), out var rows))
            {
                var total = rows.Sum(r => r.Share);
                var weight = rows.Sum(r => r.Share / total * r.UnitCost);
                m = new OutletMix(
                    [.. rows.Select(r => OutletOf(r.Provider, setting))],
                    [.. rows.Select(r => r.Share / total)],
                    [.. rows.Select(r => weight > 0 ? r.Share / total * r.UnitCost / weight : r.Share / total)]);
            }
            else
            {
                // No provider mix for this place × setting: keep the activity, attribute it to no provider.
                m = new OutletMix([OutletOf(Unattributed, setting)], [1.0], [1.0]);
            }
            mixCache[(place, setting)] = m;
            return m;
        }

        // Population variants and the health-status adjustment: each class keeps, per variant, its expected activity E0
        // and the part the adjustment takes away per unit of θ (E1), so a run's draw gives E0 − θ·E1 exactly.
        var population = growth.Population;
        var variants = population is { Variants.Count: > 0 } ? [.. population.Variants.Select(v => v.Growth)] : new[] { growth.Demography };
        var health = population?.Health;
        var gradients = health?.Gradients(baseline) ?? new Dictionary<(string, string, string), double>();
        var thetaMean = health?.YearsPerYear.Principal(0, 1) ?? 0;
        var uncertain = variants.Length > 1 || health is { YearsPerYear.Sd: > 0 };
        // The segment mix's draws: each class keeps its expected activity per segment without the mix, so a run's mix
        // draw re-weights it (MixRatio).
        var mixDraws = growth.SegmentMixDraws ?? [];
        var mixSegments = mixDraws.Count == 0 ? [] : baseline.Activity.Select(c => c.Cohort.Segment).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var k = interventions.Count;
        var classes = new Dictionary<(int Setting, int Place, string Mask), ClassBuilder>();
        var equityQ1 = new double[k];
        var equityAll = new double[k];
        var applicable = new List<int>(k);
        var targetCache = new Dictionary<CohortKey, bool[]>();
        var growthCache = new Dictionary<(string, string, string, string), double[]>();
        foreach (var cell in baseline.Activity)
        {
            if (cell.Activity <= 0)
            {
                continue;
            }
            // Target filters depend on the cohort only and growth on age band × sex × setting: cache both.
            if (!targetCache.TryGetValue(cell.Cohort, out var targeted))
            {
                targeted = [.. interventions.Select(iv => iv.Target.Matches(cell.Cohort))];
                targetCache[cell.Cohort] = targeted;
            }
            applicable.Clear();
            for (var i = 0; i < k; i++)
            {
                if (targeted[i] && interventions[i].Settings.Contains(cell.Setting))
                {
                    applicable.Add(i);
                }
            }
            var growthKey = (cell.Cohort.AgeBand, cell.Cohort.Sex, cell.Setting, cell.Cohort.Segment);
            var gradient = gradients.TryGetValue((cell.Cohort.AgeBand, cell.Cohort.Sex, cell.Setting), out var gr) ? gr : 0;
            if (!growthCache.TryGetValue(growthKey, out var mult))
            {
                mult = [.. Enumerable.Range(0, years + 1).Select(y =>
                    growth.Multiplier(cell.Cohort, cell.Setting, y) * HealthStatusAdjustment.Multiplier(thetaMean, y, gradient))];
                growthCache[growthKey] = mult;
            }
            var s = IndexOf(settings, cell.Setting);
            var p = IndexOf(places, cell.Cohort.Place);
            var key = (s, p, string.Join(',', applicable));
            if (!classes.TryGetValue(key, out var cb))
            {
                cb = new ClassBuilder(s, p, [.. applicable], years, MixOf(cell.Cohort.Place, cell.Setting), uncertain ? variants.Length : 0, mixSegments.Count);
                classes[key] = cb;
            }
            if (mixSegments.Count > 0)
            {
                var e = cb.SegmentExpected[mixSegments.IndexOf(cell.Cohort.Segment)] ??= new double[years + 1];
                for (var y = 0; y <= years; y++)
                {
                    e[y] += cell.Activity * growth.DemographicFactor(cell.Cohort, cell.Setting, y) * Math.Pow(1 + growth.NdgOf(cell.Setting), y)
                        * HealthStatusAdjustment.Multiplier(thetaMean, y, gradient);
                }
            }
            if (uncertain)
            {
                for (var v = 0; v < variants.Length; v++)
                {
                    for (var y = 0; y <= years; y++)
                    {
                        var m = (population is { Variants.Count: > 0 } ? growth.DemographicFactor(cell.Cohort, cell.Setting, y, v) : variants[v].Factor(cell.Cohort.AgeBand, cell.Cohort.Sex, y))
                            * growth.MixOf(cell.Cohort.Segment, y)
                            * Math.Pow(1 + growth.NdgOf(cell.Setting), y);
                        cb.VariantExpected[v][y] += cell.Activity * m;
                        cb.VariantHealth[v][y] += cell.Activity * m * y * gradient;
                    }
                }
            }
            for (var y = 0; y <= years; y++)
            {
                cb.Activity[y] += cell.Activity * mult[y];
                cb.BedDays[y] += cell.BedDays * mult[y];
                cb.Cost[y] += cell.Cost * mult[y];
            }
            foreach (var i in applicable)
            {
                var iv = interventions[i];
                var volume = iv.Effect.Kind == EffectKind.ReduceLengthOfStay ? cell.BedDays : cell.Activity;
                var exposure = 0.0;
                for (var y = 1; y <= years; y++)
                {
                    exposure += volume * mult[y] * iv.Ramp(y);
                }
                equityAll[i] += exposure;
                if (cell.Cohort.ImdQuintile == 1)
                {
                    equityQ1[i] += exposure;
                }
            }
        }

        var receiving = new OutletMix[k][];
        for (var i = 0; i < k; i++)
        {
            var iv = interventions[i];
            receiving[i] = iv.Effect.Kind == EffectKind.Shift
                ? [.. places.Select(pl => MixOf(pl, iv.Effect.ReceivingSetting!))]
                : [];
        }

        var cohortPeople = new double[k][];
        for (var i = 0; i < k; i++)
        {
            cohortPeople[i] = new double[years + 1];
        }
        var demographyCache = new Dictionary<(string, string, string), double[]>();
        foreach (var cell in baseline.Population)
        {
            if (!demographyCache.TryGetValue((cell.Cohort.AgeBand, cell.Cohort.Sex, cell.Cohort.Segment), out var factor))
            {
                factor = [.. Enumerable.Range(0, years + 1).Select(y =>
                    growth.Demography.Factor(cell.Cohort.AgeBand, cell.Cohort.Sex, y) * growth.MixOf(cell.Cohort.Segment, y))];
                demographyCache[(cell.Cohort.AgeBand, cell.Cohort.Sex, cell.Cohort.Segment)] = factor;
            }
            for (var i = 0; i < k; i++)
            {
                if (!interventions[i].Target.Matches(cell.Cohort))
                {
                    continue;
                }
                for (var y = 0; y <= years; y++)
                {
                    cohortPeople[i][y] += cell.People * factor[y];
                }
            }
        }

        // Fixed class order (setting, place, mask) so every run draws in the same sequence whatever the input order.
        var ordered = classes.OrderBy(c => c.Key.Setting).ThenBy(c => c.Key.Place).ThenBy(c => c.Key.Mask, StringComparer.Ordinal)
            .Select(c => c.Value.Build()).ToArray();
        var equity = Enumerable.Range(0, k).Select(i => equityAll[i] > 0 ? equityQ1[i] / equityAll[i] : 0).ToArray();
        return new ScenarioModel(years, settings, places, outlets, interventions, ordered, receiving, cohortPeople, equity)
        {
            Population = uncertain ? population : null,
            MixSegments = mixSegments,
            MixDraws = [.. mixDraws.Select(d => mixSegments.SelectMany(seg => Enumerable.Range(0, years + 1)
                .Select(y => y > 0 && d.TryGetValue((seg, y), out var f) ? f : 1)).ToArray())],
        };
    }

    private static List<string> OrderSettings(IEnumerable<string> settings)
    {
        var known = Vocabulary.Settings;
        return [.. settings.Distinct(StringComparer.Ordinal)
            .OrderBy(s => known.Contains(s) ? IndexOf(known, s) : known.Count)
            .ThenBy(s => s, StringComparer.Ordinal)];
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private sealed class ClassBuilder(int setting, int place, int[] interventions, int years, OutletMix mix, int variants, int mixSegments)
    {
        public double[]?[] SegmentExpected { get; } = new double[]?[mixSegments];

        public double[][] VariantExpected { get; } = [.. Enumerable.Range(0, variants).Select(_ => new double[years + 1])];

        public double[][] VariantHealth { get; } = [.. Enumerable.Range(0, variants).Select(_ => new double[years + 1])];

        public double[] Activity { get; } = new double[years + 1];

        public double[] BedDays { get; } = new double[years + 1];

        public double[] Cost { get; } = new double[years + 1];

        public ModelClass Build()
        {
            var bedPer = new double[Activity.Length];
            var costPer = new double[Activity.Length];
            for (var y = 0; y < Activity.Length; y++)
            {
                bedPer[y] = Activity[y] > 0 ? BedDays[y] / Activity[y] : 0;
                costPer[y] = Activity[y] > 0 ? Cost[y] / Activity[y] : 0;
            }
            return new ModelClass(setting, place, interventions, Activity, bedPer, costPer, mix, VariantExpected, VariantHealth,
                SegmentExpected.Length == 0 ? null : SegmentExpected);
        }
    }
}

/// <summary>How a class's activity spreads over providers: activity by share, cost by share × unit cost.</summary>
internal sealed record OutletMix(int[] Outlets, double[] ActivityShare, double[] CostShare);

/// <summary>One class of exchangeable cells: expected activity, bed days per unit and cost per unit by year.</summary>
/// <remarks>
/// With uncertain population, VariantExpected[v][y] is the class's activity under variant v without the health-status
/// adjustment and VariantHealth[v][y] what one healthy year per year takes off it; bed days and cost per unit keep the
/// principal's ratios.
/// </remarks>
internal sealed record ModelClass(int Setting, int Place, int[] Interventions, double[] Expected, double[] BedPer, double[] CostPer, OutletMix Mix,
    double[][] VariantExpected, double[][] VariantHealth, double[]?[]? SegmentExpected = null);

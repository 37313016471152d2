using Strata.Domain.Foundation;
using Strata.Domain.Foundation.Synthetic;

namespace Strata.Domain.Tests.Foundation.Synthetic;

public class RateTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(14, 1)]
    [InlineData(15, 2)]
    [InlineData(24, 2)]
    [InlineData(25, 3)]
    [InlineData(84, 8)]
    [InlineData(85, 9)]
    [InlineData(104, 9)]
    public void Rate_bands_are_0_4_then_tens_from_5_to_85_plus(int age, int band) => Assert.Equal(band, RateBands.Of(age));

    [Fact]
    public void Deprivation_factor_has_the_stated_decile_ratio_and_averages_one()
    {
        Assert.Equal(4.0, ConditionModel.DeprivationFactor(1, 4) / ConditionModel.DeprivationFactor(10, 4), 10);
        Assert.Equal(1.0, Enumerable.Range(1, 10).Average(d => ConditionModel.DeprivationFactor(d, 4)), 10);
        Assert.Equal(1.0, ConditionModel.DeprivationFactor(3, 1), 10);
    }

    [Fact]
    public void Sex_factor_has_the_stated_male_ratio_and_averages_one()
    {
        Assert.Equal(1.5, ConditionModel.SexFactor('M', 1.5) / ConditionModel.SexFactor('F', 1.5), 10);
        Assert.Equal(1.0, (ConditionModel.SexFactor('M', 1.5) + ConditionModel.SexFactor('F', 1.5)) / 2, 10);
        Assert.Equal(1.0, ConditionModel.SexFactor('U', 1.5));
    }

    [Fact]
    public void Condition_probability_multiplies_band_sex_deprivation_and_morbidity()
    {
        // Hypertension at 70 (band 65-74: 42%), a woman (2/(1+1.1)), decile 1 (1.25^(4.5/9) / mean), morbidity 1.5.
        var rate = ConditionModel.Rates[Cond.Hypertension];
        var expected = 0.42 * (2 / 2.1) * ConditionModel.DeprivationFactor(1, 1.25) * 1.5;
        Assert.Equal(expected, ConditionModel.Probability(rate, 70, 'F', 1, 1.5), 12);
        Assert.Equal(ConditionModel.MaxProbability, ConditionModel.Probability(rate, 90, 'M', 1, 10));
    }

    [Fact]
    public void Every_prevalence_table_has_a_value_per_band()
    {
        Assert.Equal(Cond.Count, ConditionModel.Rates.Count);
        Assert.All(ConditionModel.Rates, r => Assert.Equal(RateBands.Count, r.PrevalencePercent.Length));
        Assert.All(ActivityModel.Profiles, p => Assert.Equal(RateBands.Count, p.AgeCurve.Length));
        Assert.Equal(Vocabulary.Settings.Count, UnitCosts.Spread.Count);
    }

    [Fact]
    public void Setting_indexes_follow_the_vocabulary()
    {
        Assert.Equal("emergency_admission", Vocabulary.Settings[Setting.Emergency]);
        Assert.Equal("prescribing", Vocabulary.Settings[Setting.Prescribing]);
        Assert.Equal("ambulance_conveyance", Vocabulary.Settings[Setting.Ambulance]);
        Assert.Equal("white", Vocabulary.EthnicGroups[EthnicityModel.White]);
    }

    [Fact]
    public void Relative_rate_multiplies_cells_ltc_slope_conditions_and_frailty()
    {
        // Elective: ltc slope 0.15 and cancer × 2.5. A man of 70 in decile 5 with hypertension and cancer, u-term 1.2.
        var p = ActivityModel.Elective;
        var cell = ConditionModel.Cell('M', RateBands.Of(70), 5);
        var mask = (1 << Cond.Hypertension) | (1 << Cond.Cancer) | (1 << Cond.FrailtySevere);
        var expected = 2.2 * ConditionModel.SexFactor('M', 1.0) * ConditionModel.DeprivationFactor(5, 0.95) * (1 + 0.15 * 2) * 2.5 * 1.2;
        Assert.Equal(expected, p.Relative(cell, mask, 1.2), 12);
    }

    [Fact]
    public void Mortality_follows_the_life_table_shape_and_condition_hazards()
    {
        Assert.Equal(Math.Exp(-10.4 + 0.096 * 80), MortalityModel.Annual(80, 'M'), 12);
        Assert.Equal(Math.Exp(-10.4 + 0.096 * 80) * 0.68, MortalityModel.Annual(80, 'F'), 12);
        Assert.Equal(MortalityModel.InfantMale, MortalityModel.Annual(0, 'M'));
        Assert.Equal(MortalityModel.YoungAdultMale, MortalityModel.Annual(20, 'M'));
        Assert.Equal(Math.Exp(1.2442 + 0.4250), MortalityModel.HazardRatio((1 << Cond.Dementia) | (1 << Cond.Copd)), 12);
    }

    [Fact]
    public void Unit_cost_noise_has_mean_one()
    {
        var rng = new Rng(3);
        var mean = Enumerable.Range(0, 100_000).Average(_ => UnitCosts.Pence(rng, Setting.AandE, 100) / 100.0);
        Assert.InRange(mean, 99, 101);
    }
}

public class DrawTests
{
    [Fact]
    public void Gamma_has_mean_shape_times_scale_and_variance_shape_times_scale_squared()
    {
        var rng = new Rng(1);
        var xs = Enumerable.Range(0, 200_000).Select(_ => rng.Gamma(1.5, 1 / 1.5)).ToArray();
        var mean = xs.Average();
        var variance = xs.Select(x => (x - mean) * (x - mean)).Average();
        Assert.InRange(mean, 0.99, 1.01);
        Assert.InRange(variance, 1 / 1.5 - 0.02, 1 / 1.5 + 0.02);
        var small = Enumerable.Range(0, 200_000).Select(_ => rng.Gamma(0.5, 2)).Average();
        Assert.InRange(small, 0.98, 1.02);
    }

    [Fact]
    public void Pick_follows_cumulative_weights()
    {
        var cumulative = SyntheticDraws.Cumulative([1, 0, 3]);
        var rng = new Rng(2);
        var counts = new int[3];
        for (var i = 0; i < 40_000; i++)
        {
            counts[rng.Pick(cumulative)]++;
        }
        Assert.Equal(0, counts[1]);
        Assert.InRange(counts[2] / 40_000.0, 0.74, 0.76);
    }

    [Fact]
    public void Day_is_inclusive_of_both_ends()
    {
        var rng = new Rng(4);
        var days = Enumerable.Range(0, 1000).Select(_ => rng.Day(10, 12)).ToHashSet();
        Assert.Equal([10, 11, 12], days.Order());
    }
}

public class PopulationStructureTests
{
    private static readonly SimulationWindow Window = new(new DateOnly(2022, 4, 1), 3);

    [Fact]
    public void Window_covers_whole_financial_years()
    {
        Assert.Equal(new DateOnly(2025, 3, 31).DayNumber, Window.EndDay);
        Assert.Equal(new DateOnly(2023, 4, 1).DayNumber, Window.YearStartDay(1));
        Assert.Equal(2024, Window.FinancialYear(2));
        Assert.Equal(36, Window.Months.Count);
        Assert.Equal(12, Window.Quarters.Count);
        Assert.Equal((new DateOnly(2024, 1, 1).DayNumber, new DateOnly(2024, 3, 31).DayNumber), Window.Quarters[7]);
    }

    [Fact]
    public void Age_structure_matches_the_ons_table_with_births_added()
    {
        // The table's 65+ share is 10,318 / 56,296 thousand; births in the window dilute it by the birth share.
        var structure = new AgeSexStructure(Window);
        var rng = new Rng(7);
        var people = Enumerable.Range(0, 200_000).Select(_ => structure.Sample(rng)).ToList();
        var aged65 = people.Count(p => SimulationWindow.AgeAt(p.BirthDay, Window.ReferenceDay) >= 65) / 200_000.0;
        Assert.InRange(aged65, 10318.0 / 56296 * (1 - structure.BirthShare) - 0.004, 10318.0 / 56296 * (1 - structure.BirthShare) + 0.004);
        var born = people.Count(p => p.BirthDay > Window.ReferenceDay) / 200_000.0;
        Assert.InRange(born, structure.BirthShare - 0.002, structure.BirthShare + 0.002);
        Assert.InRange(structure.BirthShare, 0.025, 0.03); // 1.01% a year for 2.75 years
        Assert.All(people, p => Assert.True(p.BirthDay <= Window.EndDay));
    }

    [Theory]
    [InlineData(1_000, 5, 5, 5)]
    [InlineData(20_000, 5, 5, 7)]         // neighbourhoods: round(20k / 5k) = 4, at least one per place; practices 20k / 3k
    [InlineData(100_000, 5, 15, 25)]      // three neighbourhoods per place; practices of 100k / 25 = 4k
    [InlineData(500_000, 5, 15, 56)]      // round(500k / 40k) = 13 < 15; practices at the 9k cap
    [InlineData(3_000_000, 10, 75, 333)]
    public void Layout_scales_places_neighbourhoods_and_practices_with_size(long people, int places, int neighbourhoods, int practices)
    {
        var layout = PlaceLayout.Build(people, new Rng(1));
        Assert.Equal(places, layout.Places.Count);
        Assert.Equal(neighbourhoods, layout.Neighbourhoods.Count);
        Assert.Equal(practices, layout.Practices.Count);
        Assert.All(Enumerable.Range(0, neighbourhoods), n => Assert.Contains(layout.Practices, p => p.Neighbourhood == n));
        Assert.All(layout.Practices, p => Assert.Equal(layout.Neighbourhoods[p.Neighbourhood].Place, p.Place));
    }

    [Theory]
    [InlineData(100_000, 1)]
    [InlineData(100_000, 2)]
    [InlineData(3_000_000, 1)]
    public void Layout_gives_every_place_at_least_two_neighbourhoods_and_practices_of_realistic_size(long people, ulong seed)
    {
        var layout = PlaceLayout.Build(people, new Rng(seed));
        Assert.All(Enumerable.Range(0, layout.Places.Count), p => Assert.True(layout.Neighbourhoods.Count(n => n.Place == p) >= 2));
        // Mean list size 3k–15k (England's practices: most between 3,000 and 15,000 registered).
        Assert.InRange(people / (double)layout.Practices.Count, 3_000, 15_000);
    }

    [Fact]
    public void Layout_has_every_provider_type_with_unique_codes()
    {
        var layout = PlaceLayout.Build(500_000, new Rng(2));
        Assert.Equal(Vocabulary.ProviderTypes.Order(), layout.Providers.Select(p => p.Type).Distinct().Order());
        Assert.Equal(layout.Providers.Count, layout.Providers.Select(p => p.Code).Distinct().Count());
        Assert.Equal(layout.Practices.Select(p => p.Code), layout.PracticeProvider.Select(i => layout.Providers[i].Code));
    }

    [Fact]
    public void Deprivation_tilt_favours_low_deciles_for_deprived_practices_and_is_flat_at_zero()
    {
        var flat = PlaceLayout.DecileCumulative(0);
        Assert.Equal(0.1, flat[0] / flat[^1], 12);
        // Shift 1: decile 1 vs decile 10 weight is exp(tilt × (4.5 − (−4.5)) / 4.5) = exp(2 × 0.8).
        var deprived = PlaceLayout.DecileCumulative(1);
        Assert.Equal(Math.Exp(2 * PlaceLayout.DeprivationTilt), deprived[0] / (deprived[^1] - deprived[^2]), 10);
    }

    [Fact]
    public void Lsoa_codes_are_e01_with_six_digits_and_distinct_per_practice_decile_and_variant()
    {
        Assert.Equal("E01001000", PlaceLayout.LsoaCode(PlaceLayout.LsoaNumber(0, 1, 0)));
        var numbers = from p in Enumerable.Range(0, 50) from d in Enumerable.Range(1, 10) from v in Enumerable.Range(0, 4) select PlaceLayout.LsoaNumber(p, d, v);
        Assert.Equal(2000, numbers.Distinct().Count());
    }
}

public class PersonTokenTests
{
    [Fact]
    public void Tokens_are_ten_crockford_characters_and_never_collide()
    {
        var tokens = Enumerable.Range(0, 200_000).Select(i => PersonToken.ToText(PersonToken.Of(42, i))).ToList();
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{10}$", t));
    }

    [Fact]
    public void Tokens_depend_on_the_seed_and_hide_the_order()
    {
        Assert.NotEqual(PersonToken.Of(1, 0), PersonToken.Of(2, 0));
        Assert.NotEqual(PersonToken.Of(1, 0) + 1, PersonToken.Of(1, 1));
    }
}

public class Icd10CoderTests
{
    private static readonly string[] Conditions = ["hypertension", "heart_failure", "cancer", "cancer_incurable", "painful_condition"];

    private static readonly (string, string)[] Prefixes =
        [("hypertension", "I11"), ("heart_failure", "I110"), ("heart_failure", "I50"), ("cancer", "C77"), ("cancer", "C18"), ("cancer_incurable", "C77")];

    [Fact]
    public void A_code_that_also_maps_to_another_condition_is_not_used()
    {
        var coder = new Icd10Coder(Conditions, Prefixes);
        Assert.DoesNotContain("I110", coder.CodesFor(0));
        Assert.Contains("I119", coder.CodesFor(0));
        Assert.DoesNotContain("I110", coder.CodesFor(1));
        Assert.Contains("I509", coder.CodesFor(1));
    }

    [Fact]
    public void A_code_may_map_to_a_condition_the_coded_one_implies()
    {
        var coder = new Icd10Coder(Conditions, Prefixes);
        Assert.Contains("C770", coder.CodesFor(3)); // incurable cancer implies cancer
        Assert.DoesNotContain("C770", coder.CodesFor(2)); // but cancer does not imply incurable cancer
        Assert.Contains("C180", coder.CodesFor(2));
    }

    [Fact]
    public void Conditions_without_prefixes_have_no_codes()
    {
        var coder = new Icd10Coder(Conditions, Prefixes);
        Assert.False(coder.HasCodes(4));
        Assert.Equal(["hypertension", "heart_failure"], coder.ConditionsOf("I110"));
    }
}

public class CalibrationTests
{
    private sealed class RateSink : ISyntheticSink
    {
        public double EmergencyRates;
        public long Years;
        public long Emergency;
        public long Deaths;

        public void Person(in SyntheticPerson person) => Deaths += person.DeathDay == PersonSimulator.NoDay ? 0 : 1;

        public void Condition(int condition, string? icd10, int recordedDay) { }

        public void Activity(int setting, int provider, int startDay, int endDay, string? diagnosis, long costPence, string? procedure = null, string? specialty = null) =>
            Emergency += setting == Setting.Emergency ? 1 : 0;

        public void EmergencyRate(int financialYear, double rate)
        {
            EmergencyRates += rate;
            Years++;
        }
    }

    [Fact]
    public void Calibrated_emergency_rate_averages_the_target_in_a_fresh_population()
    {
        var window = new SimulationWindow(new DateOnly(2022, 4, 1), 3);
        var coder = new Icd10Coder([.. ConditionModel.Rates.Select(r => r.Condition)], []);
        var model = new SyntheticModel(window, PlaceLayout.Build(50_000, new Rng(99)), coder, 99, Calibration.Compute(window, coder));
        var simulator = new PersonSimulator(model);
        var sink = new RateSink();
        var rng = new Rng(123);
        for (var i = 0; i < 50_000; i++)
        {
            simulator.Simulate(i, rng, sink);
        }
        // Target 0.105 a person-year (exposure-weighted); the per-row mean counts part years as whole ones, so allow 10%.
        Assert.InRange(sink.EmergencyRates / sink.Years, 0.105 * 0.9, 0.105 * 1.1);
        Assert.InRange(sink.Deaths / 50_000.0 / 3, 0.006, 0.012);
    }

    [Fact]
    public void Identity_calibration_leaves_rates_unscaled()
    {
        Assert.All(Calibration.Identity.ProfileScale, s => Assert.Equal(1.0, s));
        Assert.All(Calibration.Identity.MortalityNorm, s => Assert.Equal(1.0, s));
    }
}

using System.Globalization;
using Strata.Data.Evaluate;
using Strata.Data.Foundation;
using Strata.Domain.Evaluate;
using Strata.Domain.Foundation;

namespace Strata.Data.Tests.Evaluate;

/// <summary>
/// Four people in two places (A: a, b; B: c, d) over January-March 2024. a (born 1950, IMD decile 1) and
/// c (born 1955, decile 2, died 15 Feb 2024) are 65+; b (decile 10) and d (decile 9) are not.
/// Emergency admissions: a 10-15 Jan (5 bed days, RX1), c 1-3 Feb (2, RX2), d 31 Mar (0, RX1), a 31 Dec 2023 (outside).
/// </summary>
public sealed class KpiSeriesTests : IDisposable
{
    private static readonly IReadOnlyList<(DateOnly, DateOnly)> Q1 =
        KpiPeriods.Between(new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 31), KpiPeriod.Month);

    private readonly Workspace _ws = Workspace.InMemory();

    public KpiSeriesTests()
    {
        _ws.Engine.Execute("""
            INSERT INTO practices VALUES ('P1','One','N1','A','Place A','ICB'), ('P2','Two','N2','B','Place B','ICB');
            INSERT INTO people (person_id, sex, year_of_birth, death_date, practice_code, lsoa_code, imd_decile, ethnicity) VALUES
              ('a','F',1950,NULL,'P1',NULL,1,NULL), ('b','M',1990,NULL,'P1',NULL,10,NULL),
              ('c','F',1955,DATE '2024-02-15','P2',NULL,2,NULL), ('d','M',2000,NULL,'P2',NULL,9,NULL);
            INSERT INTO activity (activity_id, person_id, setting, provider_code, start_date, end_date, primary_diagnosis, cost_gbp) VALUES
              ('x1','a','emergency_admission','RX1',DATE '2024-01-10',DATE '2024-01-15','I50.0',1000),
              ('x2','c','emergency_admission','RX2',DATE '2024-02-01',DATE '2024-02-03','J44.1',1000),
              ('x3','b','ae_attendance','RX1',DATE '2024-01-20',NULL,NULL,100),
              ('x4','d','emergency_admission','RX1',DATE '2024-03-31',DATE '2024-03-31',NULL,500),
              ('x5','a','emergency_admission','RX1',DATE '2023-12-31',DATE '2024-01-02',NULL,500);
            INSERT INTO conditions VALUES ('b','strata','diabetes',DATE '2024-02-10');
            """);
    }

    public void Dispose() => _ws.Dispose();

    private static KpiDefinition Kpi(NumeratorKind kind = NumeratorKind.Activity, KpiCohort? cohort = null, string[]? prefixes = null, string? condition = null) => new()
    {
        Name = "k",
        Numerator = new KpiNumerator { Kind = kind, Settings = kind == NumeratorKind.PeopleWithCondition ? [] : ["emergency_admission"], DiagnosisPrefixes = prefixes ?? [], Condition = condition },
        Cohort = cohort ?? new KpiCohort(),
    };

    private static string Cells(IEnumerable<KpiCell> cells) =>
        string.Join(" ", cells.Select(c => $"{c.Unit}:{c.PeriodStart:MM}:{(c.Quintile == 0 ? "" : $"q{c.Quintile}:")}{c.Numerator}/{c.Denominator}"));

    [Fact]
    public void Emergency_admissions_per_place_count_the_living_registered_population()
    {
        // c died in February: counted at the start of February, gone by March.
        var cells = KpiSeries.Compute(_ws.Engine, Kpi(), KpiLevel.Place, Q1);
        Assert.Equal("A:01:1/2 A:02:0/2 A:03:0/2 B:01:0/2 B:02:1/2 B:03:1/1", Cells(cells));
    }

    [Fact]
    public void Bed_days_for_the_65_plus_cohort_count_only_that_cohort()
    {
        var cells = KpiSeries.Compute(_ws.Engine, Kpi(NumeratorKind.BedDays, new KpiCohort { MinAge = 65 }), KpiLevel.Place, Q1);
        Assert.Equal("A:01:5/1 A:02:0/1 A:03:0/1 B:01:0/1 B:02:2/1", Cells(cells));
    }

    [Fact]
    public void Provider_level_counts_each_providers_activity_over_the_icb_population()
    {
        var cells = KpiSeries.Compute(_ws.Engine, Kpi(), KpiLevel.Provider, Q1);
        Assert.Equal("RX1:01:1/4 RX1:02:0/4 RX1:03:1/3 RX2:01:0/4 RX2:02:1/4 RX2:03:0/3", Cells(cells));
    }

    [Fact]
    public void Imd_quintile_split_and_diagnosis_prefix_filter()
    {
        var byQ = KpiSeries.Compute(_ws.Engine, Kpi(), KpiLevel.Icb, Q1, byQuintile: true);
        Assert.Equal("ICB:01:q1:1/2 ICB:01:q5:0/2 ICB:02:q1:1/2 ICB:02:q5:0/2 ICB:03:q1:0/1 ICB:03:q5:1/2", Cells(byQ));
        var hf = KpiSeries.Compute(_ws.Engine, Kpi(prefixes: ["I50"]), KpiLevel.Icb, Q1);
        Assert.Equal("ICB:01:1/4 ICB:02:0/4 ICB:03:0/3", Cells(hf));
    }

    [Fact]
    public void Sex_and_imd_filters_apply_to_numerator_and_denominator()
    {
        var cells = KpiSeries.Compute(_ws.Engine, Kpi(cohort: new KpiCohort { Sexes = ["M"], ImdQuintiles = [5] }), KpiLevel.Neighbourhood, Q1);
        Assert.Equal("N1:01:0/1 N1:02:0/1 N1:03:0/1 N2:01:0/1 N2:02:0/1 N2:03:1/1", Cells(cells));
    }

    [Fact]
    public void People_with_a_condition_are_counted_at_each_period_end()
    {
        // b's diabetes is first recorded on 10 February; a's heart failure comes from the I50.0 admission in January.
        var diabetes = KpiSeries.Compute(_ws.Engine, Kpi(NumeratorKind.PeopleWithCondition, condition: "diabetes"), KpiLevel.Icb, Q1);
        Assert.Equal("ICB:01:0/4 ICB:02:1/4 ICB:03:1/3", Cells(diabetes));
        var hf = KpiSeries.Compute(_ws.Engine, Kpi(NumeratorKind.PeopleWithCondition, condition: "heart_failure"), KpiLevel.Icb, Q1);
        Assert.Equal("ICB:01:1/4 ICB:02:1/4 ICB:03:1/3", Cells(hf));
        Assert.False(_ws.Engine.TableExists("evaluate_kpi_conditions_tmp"));
    }

    [Fact]
    public void A_condition_denominator_restricts_numerator_and_denominator_to_people_with_it()
    {
        // Only a has heart failure (from the January admission's I50.0, present at the end of January).
        var kpi = Kpi() with { Denominator = new KpiDenominator { Kind = DenominatorKind.Condition, Condition = "heart_failure" } };
        Assert.Equal("A:01:1/1 A:02:0/1 A:03:0/1", Cells(KpiSeries.Compute(_ws.Engine, kpi, KpiLevel.Place, Q1)));
    }

    [Fact]
    public void Segment_cohorts_use_the_latest_segmentation()
    {
        var kpi = Kpi(cohort: new KpiCohort { Segments = ["frailty_dementia"] });
        Assert.Throws<ArgumentException>(() => KpiSeries.Compute(_ws.Engine, kpi, KpiLevel.Icb, Q1));
        _ws.Engine.Execute("""
            CREATE TABLE segments (person_id VARCHAR, segment VARCHAR, reference_date DATE);
            INSERT INTO segments VALUES ('b','frailty_dementia',DATE '2023-03-31'), ('a','healthy',DATE '2023-03-31'),
                                        ('a','frailty_dementia',DATE '2024-03-31'), ('b','healthy',DATE '2024-03-31');
            """);
        // Latest segmentation: only a is frailty_dementia (1 admission in January).
        Assert.Equal("ICB:01:1/1 ICB:02:0/1 ICB:03:0/1", Cells(KpiSeries.Compute(_ws.Engine, kpi, KpiLevel.Icb, Q1)));
    }

    [Fact]
    public void Counts_split_by_core20_ethnicity_and_plus_groups_sum_over_the_window()
    {
        // a (decile 1) and c (decile 2) are Core20; a and b are White, c Asian, d unknown; d has a learning disability.
        _ws.Engine.Execute("""
            UPDATE people SET ethnicity = 'white' WHERE person_id IN ('a', 'b');
            UPDATE people SET ethnicity = 'asian' WHERE person_id = 'c';
            INSERT INTO conditions VALUES ('d','strata','learning_disability',DATE '2023-01-01');
            """);
        string Split(InequalityDimension dim) => string.Join(" ", KpiSeries.ComputeByGroup(_ws.Engine, Kpi(), KpiLevel.Icb, Q1, dim)
            .GroupBy(c => c.Group).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}:{g.Sum(c => c.Numerator)}/{g.Sum(c => c.Denominator)}"));
        // Admissions: a in January, c in February, d in March. Person-months: a 3, b 3, c 2 (died in February), d 3.
        Assert.Equal("core20:2/5 rest:1/6", Split(InequalityDimension.Core20));
        Assert.Equal("asian:1/2 unknown:1/3 white:1/6", Split(InequalityDimension.Ethnicity));
        Assert.Equal("learning_disability:1/3 rest:2/8", Split(InequalityDimension.LearningDisability));
        Assert.Equal("rest:3/11", Split(InequalityDimension.SevereMentalIllness));
        Assert.Equal("1:2/5 5:1/6", Split(InequalityDimension.ImdQuintile));
    }

    [Fact]
    public void A_bed_day_period_with_spells_open_at_the_data_end_is_left_out_and_named()
    {
        // d's spell of 31 March ends on the data end (31 March), so March's bed days are cut at the extract; the
        // December spell (31 Dec - 2 Jan) and those of January and February closed before it.
        var set = new KpiSet { Version = "t", Kpis = [Kpi(NumeratorKind.BedDays) with { Name = "beds" }, Kpi() with { Name = "admissions" }] };
        var run = KpiEvaluation.Run(_ws.Engine, set, KpiLevel.Icb, DisclosurePolicy.Off);
        var beds = run.Kpis[0];
        Assert.Equal(["2023-12-01", "2024-01-01", "2024-02-01"], beds.Series.Single().Points.Select(p => p.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.Contains("2024-03-01 left out", Assert.Single(beds.Warnings), StringComparison.Ordinal);
        Assert.DoesNotContain(beds.Series.Single().Spc!.Points, p => p.Date.Month == 3);
        // A count of admissions is complete once the period's admissions are in: March stays.
        Assert.Equal(4, run.Kpis[1].Series.Single().Points.Count);
        Assert.Empty(run.Kpis[1].Warnings);
    }

    [Fact]
    public void Open_spells_are_counted_per_period_against_the_data_end()
    {
        var open = KpiSeries.OpenSpells(_ws.Engine, Kpi(NumeratorKind.BedDays), Q1, new DateOnly(2024, 3, 31));
        Assert.Equal([(new DateOnly(2024, 1, 1), 1L, 0L), (new DateOnly(2024, 2, 1), 1L, 0L), (new DateOnly(2024, 3, 1), 1L, 1L)], open);
        Assert.Equal([new DateOnly(2024, 3, 1)], BedDayCompleteness.PartialPeriods(open));
    }

    [Fact]
    public void Default_definitions_load_and_bad_definitions_name_the_field()
    {
        var set = KpiDefinitions.Default();
        Assert.Equal("kpis.v1", set.Version);
        Assert.Contains(set.Kpis, k => k.Name == "emergency_bed_days_per_1000_65plus" && k.Cohort.MinAge == 65 && k.Numerator.Kind == NumeratorKind.BedDays);
        var bad = Assert.Throws<InputException>(() => KpiDefinitions.Parse("""{"version":"x","kpis":[{"name":"k","numerator":{"kind":"activity","settings":["nope"]}}]}""", "k.json"));
        Assert.Equal("kpis[0].numerator.settings", bad.Field);
        var syntax = Assert.Throws<InputException>(() => KpiDefinitions.Parse("{\"version\":\"x\",\n\"kpis\":[{\"name\":\"k\",\"numerator\":{\"kind\":\"visits\"}}]}", "k.json"));
        Assert.Equal(2, syntax.Line);
    }
}

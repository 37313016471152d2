using Strata.Data.Foundation.Synthetic;
using Strata.Data.Understand;

namespace Strata.Data.Tests.Foundation.Synthetic;

/// <summary>
/// Realism of a 20,000-person ICB against the public figures the generator is built from (docs/synthetic-data.md),
/// with tolerances wide enough for sampling noise at this size and narrow enough to catch a broken rate.
/// </summary>
public class SyntheticRealismTests(GeneratedIcbFixture icb) : IClassFixture<GeneratedIcbFixture>
{
    private static readonly DateOnly End = SyntheticDefaults.DataEnd;

    [Fact]
    public void About_eighteen_percent_are_aged_65_and_over()
    {
        // Age at the mid-2022 reference, among people born by then (year_of_birth ≤ 2021 plus half of 2022 approximated out).
        var share = icb.Number("SELECT avg(CASE WHEN 2022 - year_of_birth >= 65 THEN 1.0 ELSE 0 END) FROM people WHERE year_of_birth <= 2021");
        Assert.InRange(share, 0.175, 0.20);
    }

    [Fact]
    public void Sexes_are_near_even_with_slightly_more_women()
    {
        var female = icb.Number("SELECT avg(CASE WHEN sex = 'F' THEN 1.0 ELSE 0 END) FROM people");
        Assert.InRange(female, 0.495, 0.52);
    }

    [Fact]
    public void Hypertension_prevalence_rises_with_age()
    {
        ConditionFlags.Build(icb.Workspace.Engine, End);
        var byBand = icb.Workspace.Engine.Query("""
            SELECT (2024 - p.year_of_birth) // 20 AS band,
                   avg(CASE WHEN c.person_id IS NULL THEN 0.0 ELSE 1 END) AS prevalence
            FROM people p LEFT JOIN person_conditions c ON c.person_id = p.person_id AND c.condition = 'hypertension'
            WHERE p.death_date IS NULL AND 2024 - p.year_of_birth < 100
            GROUP BY band ORDER BY band
            """, r => r.GetDouble(1));
        Assert.Equal(5, byBand.Count);
        for (var i = 1; i < byBand.Count; i++)
        {
            Assert.True(byBand[i] > byBand[i - 1], $"band {i}: {byBand[i]} should exceed {byBand[i - 1]}");
        }
        // QOF 2022/23 England: 14.4% of all registered patients.
        var overall = icb.Number("SELECT (SELECT count(*) FROM person_conditions WHERE condition = 'hypertension') / (SELECT count(*) FROM people WHERE death_date IS NULL)::DOUBLE");
        Assert.InRange(overall, 0.12, 0.17);
    }

    [Theory]
    [InlineData("diabetes")]
    [InlineData("copd")]
    [InlineData("anxiety_depression")]
    public void Prevalence_is_higher_in_the_most_deprived_decile_than_the_least(string condition)
    {
        ConditionFlags.Build(icb.Workspace.Engine, End);
        double Prevalence(int decile) => icb.Number($"""
            SELECT avg(CASE WHEN c.person_id IS NULL THEN 0.0 ELSE 1 END)
            FROM people p LEFT JOIN person_conditions c ON c.person_id = p.person_id AND c.condition = '{condition}'
            WHERE p.death_date IS NULL AND p.imd_decile IN ({decile}, {decile + 1})
            """);
        Assert.True(Prevalence(1) > Prevalence(9), condition);
    }

    [Fact]
    public void Emergency_admissions_are_higher_in_the_most_deprived_deciles()
    {
        double Rate(int decile) => icb.Number($"""
            SELECT (SELECT count(*) FROM activity a JOIN people p USING (person_id)
                    WHERE a.setting = 'emergency_admission' AND p.imd_decile IN ({decile}, {decile + 1}))
                 / (SELECT count(*) FROM people WHERE imd_decile IN ({decile}, {decile + 1}))::DOUBLE
            """);
        Assert.True(Rate(1) > 1.2 * Rate(9), $"{Rate(1)} vs {Rate(9)}");
    }

    [Fact]
    public void About_twenty_activity_rows_per_person_over_three_years()
    {
        var perPerson = icb.Result.Activity / (double)icb.Result.People;
        Assert.InRange(perPerson, 14, 26);
    }

    [Fact]
    public void Emergency_admissions_are_about_one_per_nine_people_a_year()
    {
        // HES 2022/23: about 6.3 million emergency admissions for 57 million people in England.
        var perPersonYear = icb.Number("SELECT count(*) FROM activity WHERE setting = 'emergency_admission'") / icb.Number("SELECT count(*) FROM truth");
        Assert.InRange(perPersonYear, 0.085, 0.13);
    }

    [Fact]
    public void Deaths_are_about_one_percent_a_year()
    {
        var annual = icb.Number("SELECT count(death_date) / count(*)::DOUBLE FROM people") / 3;
        Assert.InRange(annual, 0.006, 0.013);
    }

    [Fact]
    public void Older_people_die_more_often()
    {
        double Mortality(string where) => icb.Number($"SELECT count(death_date) / count(*)::DOUBLE FROM people WHERE {where}");
        Assert.True(Mortality("2022 - year_of_birth >= 80") > 10 * Mortality("2022 - year_of_birth BETWEEN 20 AND 59"));
    }

    [Fact]
    public void Emergency_admissions_match_the_true_rates()
    {
        // People alive for whole years (no death, born before the window): admissions in a year ~ Poisson(true rate).
        const string FullYears = """
            FROM truth t JOIN people p USING (person_id) WHERE p.death_date IS NULL AND p.year_of_birth < 2021
            """;
        var expected = icb.Number($"SELECT sum(t.emergency_rate) {FullYears}");
        var observed = icb.Number($"""
            SELECT count(*) FROM activity a JOIN truth t ON t.person_id = a.person_id
              AND a.start_date >= make_date(t.financial_year, 4, 1) AND a.start_date < make_date(t.financial_year + 1, 4, 1)
            JOIN people p ON p.person_id = a.person_id
            WHERE a.setting = 'emergency_admission' AND p.death_date IS NULL AND p.year_of_birth < 2021
            """);
        // Sum of Poissons: sd = sqrt(expected) (~75 here); allow four of them.
        Assert.InRange(observed, expected - 4 * Math.Sqrt(expected), expected + 4 * Math.Sqrt(expected));
    }

    [Fact]
    public void Prior_admissions_predict_future_admissions()
    {
        // The persistent frailty term and conditions carry over: people admitted in 2022/23 are admitted more in 2024/25.
        var rates = icb.Workspace.Engine.Query("""
            WITH em AS (SELECT person_id, count(*) FILTER (WHERE start_date < DATE '2023-04-01') AS first_year,
                               count(*) FILTER (WHERE start_date >= DATE '2024-04-01') AS last_year
                        FROM activity WHERE setting = 'emergency_admission' GROUP BY person_id)
            SELECT (coalesce(em.first_year, 0) > 0) AS prior, avg(coalesce(em.last_year, 0)) AS later
            FROM people p LEFT JOIN em USING (person_id) WHERE p.death_date IS NULL
            GROUP BY prior ORDER BY prior
            """, r => r.GetDouble(1));
        Assert.True(rates[1] > 2.5 * rates[0], $"{rates[1]} vs {rates[0]}");
    }

    [Theory]
    [InlineData("painful_condition")]
    [InlineData("frailty_moderate")]
    [InlineData("constipation")]
    public void Windowed_conditions_stay_current_through_recurring_records(string condition)
    {
        // Everyone alive at D who ever had the condition recorded still has it within its 12- or 24-month window.
        ConditionFlags.Build(icb.Workspace.Engine, End);
        var ever = icb.Number($"""
            SELECT count(DISTINCT c.person_id) FROM conditions c JOIN people p USING (person_id)
            WHERE p.death_date IS NULL AND (c.code = '{condition}' OR (c.code_system = 'icd10' AND EXISTS (
                SELECT 1 FROM codelist_condition_icd10 m WHERE m.condition = '{condition}' AND starts_with(c.code, m.icd10_prefix))))
            """);
        var current = icb.Number($"SELECT count(*) FROM person_conditions JOIN people p USING (person_id) WHERE condition = '{condition}' AND p.death_date IS NULL");
        Assert.True(ever > 50);
        Assert.Equal(ever, current);
    }
}

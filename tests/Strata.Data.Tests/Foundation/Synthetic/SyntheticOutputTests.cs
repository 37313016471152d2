using Strata.Data.Foundation;
using Strata.Data.Foundation.Synthetic;
using Strata.Domain.Foundation;

namespace Strata.Data.Tests.Foundation.Synthetic;

/// <summary>Shape and integrity of the generated files.</summary>
public class SyntheticOutputTests(GeneratedIcbFixture icb) : IClassFixture<GeneratedIcbFixture>
{
    private static readonly DateOnly Start = SyntheticDefaults.DataStart, End = SyntheticDefaults.DataEnd;

    [Theory]
    [InlineData("practices")]
    [InlineData("providers")]
    [InlineData("people")]
    [InlineData("conditions")]
    [InlineData("activity")]
    public void Every_file_has_the_schema_header_in_column_order(string table)
    {
        var header = File.ReadLines(Path.Combine(icb.Directory, table + ".csv")).First();
        Assert.Equal(string.Join(',', Schema.Table(table).Columns.Select(c => c.Name)), header);
    }

    [Fact]
    public void Row_counts_reported_are_the_rows_written()
    {
        Assert.Equal(GeneratedIcbFixture.People, icb.Scalar<long>("SELECT count(*) FROM people"));
        Assert.Equal(icb.Result.Conditions, icb.Scalar<long>("SELECT count(*) FROM conditions"));
        Assert.Equal(icb.Result.Activity, icb.Scalar<long>("SELECT count(*) FROM activity"));
        Assert.Equal(icb.Result.Practices, icb.Scalar<long>("SELECT count(*) FROM practices"));
        Assert.Equal(icb.Result.TruthRows, icb.Scalar<long>("SELECT count(*) FROM truth"));
    }

    [Fact]
    public void Keys_are_unique()
    {
        Assert.Equal(0L, icb.Scalar<long>("SELECT count(*) - count(DISTINCT person_id) FROM people"));
        Assert.Equal(0L, icb.Scalar<long>("SELECT count(*) - count(DISTINCT activity_id) FROM activity"));
        Assert.Equal(0L, icb.Scalar<long>("SELECT count(*) - count(DISTINCT practice_code) FROM practices"));
        Assert.Equal(0L, icb.Scalar<long>("SELECT count(*) - count(DISTINCT provider_code) FROM providers"));
    }

    [Fact]
    public void Every_reference_resolves()
    {
        Assert.Equal(0L, icb.Scalar<long>("SELECT count(*) FROM people p LEFT JOIN practices x USING (practice_code) WHERE x.practice_code IS NULL"));
        Assert.Equal(0L, icb.Scalar<long>("SELECT count(*) FROM conditions c LEFT JOIN people p USING (person_id) WHERE p.person_id IS NULL"));
        Assert.Equal(0L, icb.Scalar<long>("SELECT count(*) FROM activity a LEFT JOIN people p USING (person_id) WHERE p.person_id IS NULL"));
        Assert.Equal(0L, icb.Scalar<long>("SELECT count(*) FROM activity a LEFT JOIN providers p USING (provider_code) WHERE p.provider_code IS NULL"));
        Assert.Equal(0L, icb.Scalar<long>("SELECT count(*) FROM providers v LEFT JOIN practices p ON p.place_code = v.place_code WHERE v.place_code IS NOT NULL AND p.place_code IS NULL"));
        Assert.Equal(0L, icb.Scalar<long>("SELECT count(*) FROM truth t LEFT JOIN people p USING (person_id) WHERE p.person_id IS NULL"));
    }

    [Fact]
    public void Vocabularies_are_closed()
    {
        string In(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));
        Assert.Equal(0L, icb.Scalar<long>($"SELECT count(*) FROM activity WHERE setting NOT IN ({In(Vocabulary.Settings)})"));
        Assert.Equal(0L, icb.Scalar<long>($"SELECT count(*) FROM providers WHERE provider_type NOT IN ({In(Vocabulary.ProviderTypes)})"));
        Assert.Equal(0L, icb.Scalar<long>($"SELECT count(*) FROM people WHERE sex NOT IN ({In(Vocabulary.Sexes)}) OR imd_decile NOT BETWEEN 1 AND 10"));
        Assert.Equal(0L, icb.Scalar<long>($"SELECT count(*) FROM people WHERE ethnicity IS NOT NULL AND ethnicity NOT IN ({In(Vocabulary.EthnicGroups)})"));
        Assert.Equal(0L, icb.Scalar<long>($"SELECT count(*) FROM conditions WHERE code_system NOT IN ('strata', 'icd10')"));
        Assert.Equal(0L, icb.Scalar<long>("SELECT count(*) FROM conditions c WHERE code_system = 'strata' AND code NOT IN (SELECT condition FROM codelist_conditions)"));
        Assert.Equal(0L, icb.Scalar<long>("SELECT count(*) FROM people WHERE lsoa_code IS NOT NULL AND NOT regexp_full_match(lsoa_code, 'E01[0-9]{6}')"));
        Assert.Equal(Vocabulary.Settings.Count, icb.Scalar<long>("SELECT count(DISTINCT setting) FROM activity"));
    }

    [Fact]
    public void Coded_only_conditions_are_never_icd10_and_every_icd10_record_maps_to_a_condition()
    {
        Assert.Equal(0L, icb.Scalar<long>("""
            SELECT count(*) FROM conditions c WHERE code_system = 'icd10'
              AND NOT EXISTS (SELECT 1 FROM codelist_condition_icd10 m WHERE starts_with(c.code, m.icd10_prefix))
            """));
        Assert.True(icb.Scalar<long>("SELECT count(*) FROM conditions WHERE code_system = 'icd10'") > 1000);
        foreach (var coded in new[] { "painful_condition", "physical_disability", "frailty_moderate" })
        {
            Assert.True(icb.Scalar<long>($"SELECT count(*) FROM conditions WHERE code = '{coded}'") > 0, coded);
        }
    }

    [Fact]
    public void Activity_lies_inside_the_window_and_life()
    {
        Assert.Equal(0L, icb.Scalar<long>($"""
            SELECT count(*) FROM activity WHERE start_date < DATE '{Start:yyyy-MM-dd}' OR start_date > DATE '{End:yyyy-MM-dd}'
               OR end_date < start_date OR end_date > DATE '{End:yyyy-MM-dd}'
            """));
        Assert.Equal(0L, icb.Scalar<long>("""
            SELECT count(*) FROM activity a JOIN people p USING (person_id)
            WHERE a.start_date > p.death_date OR a.end_date > p.death_date OR year(a.start_date) < p.year_of_birth
            """));
        Assert.Equal(0L, icb.Scalar<long>("""
            SELECT count(*) FROM conditions c JOIN people p USING (person_id)
            WHERE c.recorded_on > p.death_date OR year(c.recorded_on) < p.year_of_birth
            """));
        Assert.Equal(0L, icb.Scalar<long>($"SELECT count(*) FROM people WHERE death_date < DATE '{Start:yyyy-MM-dd}' OR death_date > DATE '{End:yyyy-MM-dd}'"));
    }

    [Fact]
    public void Admitted_spells_have_an_end_date_and_a_diagnosis()
    {
        Assert.Equal(0L, icb.Scalar<long>("""
            SELECT count(*) FROM activity
            WHERE setting IN ('emergency_admission', 'elective_admission') AND (end_date IS NULL OR primary_diagnosis IS NULL)
            """));
        Assert.True(icb.Scalar<long>("SELECT count(*) FROM activity WHERE setting = 'maternity' AND primary_diagnosis LIKE 'O%'") > 50);
    }

    [Fact]
    public void Some_conditions_were_recorded_before_the_window()
    {
        var before = icb.Number($"SELECT avg(CASE WHEN recorded_on < DATE '{Start:yyyy-MM-dd}' THEN 1.0 ELSE 0 END) FROM conditions");
        Assert.InRange(before, 0.3, 0.95);
    }

    [Fact]
    public void Truth_has_one_rate_per_person_and_financial_year_lived()
    {
        Assert.Equal(0L, icb.Scalar<long>("SELECT count(*) - count(DISTINCT (person_id, financial_year)) FROM truth"));
        Assert.Equal(0L, icb.Scalar<long>("SELECT count(*) FROM truth WHERE financial_year NOT IN (2022, 2023, 2024) OR emergency_rate <= 0"));
        // Everyone alive throughout and born before the window has all three years.
        Assert.Equal(0L, icb.Scalar<long>("""
            SELECT count(*) FROM (SELECT p.person_id, count(t.person_id) AS n FROM people p LEFT JOIN truth t USING (person_id)
                                  WHERE p.death_date IS NULL AND p.year_of_birth < 2021 GROUP BY p.person_id) WHERE n <> 3
            """));
    }
}

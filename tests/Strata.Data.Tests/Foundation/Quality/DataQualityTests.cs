using Strata.Data.Foundation;
using Strata.Data.Foundation.Quality;

namespace Strata.Data.Tests.Foundation.Quality;

/// <summary>
/// A small, clean ICB passes every check; each theory row breaks one thing and the check that guards it fails.
/// </summary>
public sealed class DataQualityTests : IDisposable
{
    private static readonly DateOnly At = new(2025, 3, 31);

    private readonly Workspace _ws = Workspace.InMemory();

    public DataQualityTests()
    {
        var e = _ws.Engine;
        e.Execute("INSERT INTO practices VALUES ('A1', 'Alpha', 'N1', 'PL1', 'North', 'QXX')");
        e.Execute("INSERT INTO providers VALUES ('R1', 'General', 'acute', 'PL1'), ('G1', 'Alpha', 'primary_care', 'PL1')");
        using (var people = e.Append("people"))
        {
            for (var i = 1; i <= 10; i++)
            {
                people.Row($"p{i}", i % 2 == 0 ? "F" : "M", 1950 + (3 * i), null, "A1", $"E0100000{i % 10}", 1 + (i % 10), "white", null, null);
            }
        }
        using (var activity = e.Append("activity"))
        {
            var n = 0;
            // 25 GP appointments a month for the 12 months to the date, and two admissions a month, all coded.
            for (var month = 0; month < 12; month++)
            {
                var first = new DateOnly(2024, 4, 1).AddMonths(month);
                for (var k = 0; k < 25; k++)
                {
                    activity.Row($"g{++n}", $"p{1 + (k % 10)}", "gp_appointment", "G1", first.AddDays(k), null, null, 30m, null, null);
                }
                for (var k = 0; k < 2; k++)
                {
                    activity.Row($"a{month}-{k}", $"p{1 + k}", "emergency_admission", "R1", first.AddDays(k), first.AddDays(k + 3), "I21", 2500m, null, null);
                }
            }
        }
        e.Execute("""
            INSERT INTO conditions VALUES ('p1', 'icd10', 'E11', DATE '2020-01-01'), ('p2', 'snomed', '44054006', DATE '2020-01-01'),
                ('p3', 'strata', 'asthma', DATE '2020-01-01')
            """);
    }

    [Fact]
    public void A_clean_workspace_passes_every_check_and_the_results_are_stored()
    {
        var checks = DataQuality.Run(_ws.Engine, At);

        Assert.All(checks, c => Assert.True(c.Passed, $"{c.Id}: {c.Rows} of {c.OutOf}"));
        Assert.Equal([QualityCategory.Completeness, QualityCategory.Conformance, QualityCategory.Plausibility], checks.Select(c => c.Category).Distinct());
        Assert.Equal(checks.Count, _ws.Engine.Scalar<long>($"SELECT count(*) FROM {DataQuality.Table} WHERE passed"));
    }

    public static TheoryData<string, string> Breakages => new()
    {
        { "lsoa_present", "UPDATE people SET lsoa_code = NULL WHERE person_id = 'p1'" },
        { "ethnicity_present", "UPDATE people SET ethnicity = NULL WHERE person_id IN ('p1', 'p2', 'p3')" },
        { "admission_diagnosis_present", "UPDATE activity SET primary_diagnosis = NULL WHERE activity_id IN ('a0-0', 'a1-0')" },
        { "cost_paid", "INSERT INTO activity_cost_estimates SELECT activity_id, 'setting gp_appointment', 'national-prices-v1' FROM activity WHERE setting = 'gp_appointment'" },
        { "icd10_shape", "INSERT INTO conditions VALUES ('p1', 'icd10', 'diabetes', DATE '2020-01-01')" },
        { "snomed_shape", "INSERT INTO conditions VALUES ('p1', 'snomed', 'T2DM', DATE '2020-01-01')" },
        { "activity_person_known", "INSERT INTO activity (activity_id, person_id, setting, provider_code, start_date, end_date, primary_diagnosis, cost_gbp) VALUES ('x1', 'ghost', 'gp_appointment', 'G1', DATE '2024-06-01', NULL, NULL, 30)" },
        { "activity_provider_known", "INSERT INTO activity (activity_id, person_id, setting, provider_code, start_date, end_date, primary_diagnosis, cost_gbp) VALUES ('x1', 'p1', 'gp_appointment', 'R9', DATE '2024-06-01', NULL, NULL, 30)" },
        { "activity_after_death", "UPDATE people SET death_date = DATE '2024-04-02' WHERE person_id = 'p1'" },
        { "discharge_before_admission", "UPDATE activity SET end_date = DATE '2024-03-01' WHERE activity_id = 'a0-0'" },
        { "implausible_age", "UPDATE people SET year_of_birth = 1910 WHERE person_id = 'p1'" },
        { "implausible_stay", "UPDATE activity SET start_date = DATE '2023-01-01' WHERE activity_id = 'a0-0'" },
        { "monthly_volume_drop", "DELETE FROM activity WHERE setting = 'gp_appointment' AND start_date BETWEEN DATE '2024-09-01' AND DATE '2024-09-20'" },
        { "coding_depth_by_provider", "UPDATE activity SET primary_diagnosis = NULL WHERE activity_id LIKE 'a%-1' AND activity_id < 'a5'" },
        { "unmapped_snomed", "UPDATE conditions SET code = '999999999' WHERE code_system = 'snomed'" },
        { "unmapped_icd10", "UPDATE conditions SET code = 'Z00' WHERE code_system = 'icd10'" },
        { "unmapped_icd10_activity", "UPDATE activity SET primary_diagnosis = 'R69'" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Each_check_fails_when_what_it_guards_is_broken(string check, string breakage)
    {
        _ws.Engine.Execute(breakage);
        var result = DataQuality.Run(_ws.Engine, At).Single(c => c.Id == check);

        Assert.False(result.Passed, $"{check}: {result.Rows} of {result.OutOf}");
        Assert.True(result.Rows > 0);
        Assert.False(_ws.Engine.Scalar<bool>($"SELECT passed FROM {DataQuality.Table} WHERE id = '{check}'"));
    }

    public void Dispose() => _ws.Dispose();
}

using Strata.Data.Foundation;
using Strata.Data.Understand;
using Strata.Domain.Understand;

namespace Strata.Data.Tests.Understand;

/// <summary>
/// At 30 June 2024 (ages: year 2023 − year of birth, the one age definition): f1 (83, coded moderate frailty) and
/// f2 (78, nine eFI deficits = 0.25, moderate) are frail 75+; f3 (78, eight deficits = 0.22, mild) is not; y1 (33,
/// coded severe frailty) is too young but is on the palliative register; x (died 1 January 2024) is gone.
/// f2 and f3 have 2+ long-term conditions. A year earlier x was alive and frail, and y1 not yet on the register.
/// The people fields say f1 lives in a care home and f3 is housebound; x (dead) was in a care home and is not counted.
/// </summary>
public sealed class NeighbourhoodCohortCountsTests : IDisposable
{
    private readonly Workspace _ws = Workspace.InMemory();

    public NeighbourhoodCohortCountsTests()
    {
        Codelists.Install(_ws.Engine);
        string[] nine = ["hypertension", "diabetes", "ckd", "chd", "heart_failure", "atrial_fibrillation", "dementia", "hearing_loss", "stroke_tia"];
        var conditions = string.Join(", ", nine.Select(c => $"('f2','strata','{c}',DATE '2020-01-01')")
            .Concat(nine.Take(8).Select(c => $"('f3','strata','{c}',DATE '2020-01-01')")));
        _ws.Engine.Execute($"""
            INSERT INTO practices VALUES ('P1','One','N1','A','Place A','ICB'), ('P2','Two','N2','A','Place A','ICB');
            INSERT INTO people (person_id, sex, year_of_birth, death_date, practice_code, lsoa_code, imd_decile, ethnicity) VALUES
              ('f1','F',1940,NULL,'P1',NULL,1,NULL), ('f2','M',1945,NULL,'P1',NULL,3,NULL), ('f3','F',1945,NULL,'P1',NULL,5,NULL),
              ('y1','M',1990,NULL,'P2',NULL,9,NULL), ('x','F',1930,DATE '2024-01-01','P1',NULL,2,NULL);
            UPDATE people SET care_home = 1, housebound = 0 WHERE person_id IN ('f1', 'x');
            UPDATE people SET care_home = 0, housebound = 1 WHERE person_id = 'f3';
            INSERT INTO conditions VALUES {conditions},
              ('f1','strata','frailty_moderate',DATE '2023-01-01'), ('x','strata','frailty_severe',DATE '2023-01-01'),
              ('y1','strata','frailty_severe',DATE '2024-01-01'), ('y1','strata','palliative_care',DATE '2024-01-01');
            INSERT INTO activity (activity_id, person_id, setting, provider_code, start_date, end_date, primary_diagnosis, cost_gbp) VALUES
              ('a1','f2','emergency_admission','RX1',DATE '2024-03-01',DATE '2024-03-04',NULL,1000),
              ('a2','f1','ae_attendance','RX1',DATE '2023-05-01',NULL,NULL,100);
            """);
    }

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void Cohorts_per_neighbourhood_with_activity_spend_and_the_year_before()
    {
        var rows = NeighbourhoodCohortCounts.Compute(_ws.Engine, new DateOnly(2024, 6, 30));
        Assert.Equal(
        [
            new CohortCounts("N1", NeighbourhoodCohort.Frail75Plus, 2, 1, 0, 1000, 3),
            new CohortCounts("N1", NeighbourhoodCohort.MultipleLongTermConditions, 2, 1, 0, 1000, 2),
            new CohortCounts("N1", NeighbourhoodCohort.CareHomeResidents, 1, 0, 0, 0, null),
            new CohortCounts("N1", NeighbourhoodCohort.Housebound, 1, 0, 0, 0, null),
            new CohortCounts("N2", NeighbourhoodCohort.EndOfLife, 1, 0, 0, 0, 0),
        ], rows.Select(r => r with { PeopleKey = null, EmergencyKey = null, AeKey = null, YearBeforeKey = null }));
    }

    [Fact]
    public void Every_count_carries_the_cell_key_of_the_people_and_records_in_it()
    {
        var rows = NeighbourhoodCohortCounts.Compute(_ws.Engine, new DateOnly(2024, 6, 30));
        long Key(params string[] ids) => _ws.Engine.Scalar<long>(
            $"SELECT CAST(sum(record_key) AS BIGINT) FROM {DisclosureKeys.Table} WHERE person_id IN ({string.Join(", ", ids.Select(i => $"'{i}'"))})");
        var frail = rows.Single(r => r.Cohort == NeighbourhoodCohort.Frail75Plus);
        Assert.Equal(Key("f1", "f2"), frail.PeopleKey);
        Assert.Equal(Key("f2"), frail.EmergencyKey); // f2's one admission carries f2's key
        Assert.Equal(0, frail.AeKey);
        Assert.Equal(Key("f1", "f2", "x"), frail.YearBeforeKey);
        Assert.Null(rows.Single(r => r.Cohort == NeighbourhoodCohort.Housebound).YearBeforeKey);
    }
}

using Strata.Data.Foundation;

namespace Strata.Data.Tests.Deliver;

/// <summary>
/// A tiny hand-built ICB at D = 2025-03-31: four living people in two places (one dead person excluded).
/// Spend in the 12 months to D: p1 1,000 (F 75, two LTCs, IMD decile 1), p2 200 (F 75, none, decile 10),
/// p3 100 (M 37, none — learning disability is not an LTC, decile 5), p4 300 (M 37, one LTC, decile 6).
/// </summary>
internal static class DeliverFixture
{
    public static readonly DateOnly D = new(2025, 3, 31);

    public static Workspace Build()
    {
        var ws = Workspace.InMemory();
        ws.Engine.Execute("""
            INSERT INTO practices VALUES ('P1','Practice 1','N1','A','Place A','ICB'), ('P2','Practice 2','N2','A','Place A','ICB'),
                                         ('P3','Practice 3','N3','B','Place B','ICB');
            INSERT INTO people (person_id, sex, year_of_birth, death_date, practice_code, lsoa_code, imd_decile, ethnicity) VALUES
              ('p1','F',1950,NULL,'P1',NULL,1,NULL), ('p2','F',1950,NULL,'P3',NULL,10,NULL),
              ('p3','M',1988,NULL,'P2',NULL,5,NULL), ('p4','M',1988,NULL,'P3',NULL,6,NULL),
              ('p5','M',1940,DATE '2025-01-01','P1',NULL,1,NULL);
            INSERT INTO conditions VALUES
              ('p1','strata','diabetes',DATE '2010-01-01'), ('p1','strata','asthma',DATE '2012-01-01'),
              ('p3','strata','learning_disability',DATE '2000-01-01'), ('p4','strata','hypertension',DATE '2020-01-01');
            INSERT INTO activity (activity_id, person_id, setting, provider_code, start_date, end_date, primary_diagnosis, cost_gbp) VALUES
              ('a1','p1','emergency_admission','RX1',DATE '2024-06-01',DATE '2024-06-03',NULL,900),
              ('a2','p1','gp_appointment','GP1',DATE '2025-03-31',NULL,NULL,100),
              ('a3','p2','community_contact','RC1',DATE '2024-04-01',NULL,NULL,200),
              ('a4','p3','gp_appointment','GP1',DATE '2024-10-01',NULL,NULL,100),
              ('a5','p3','gp_appointment','GP1',DATE '2024-03-31',NULL,NULL,5000),
              ('a6','p4','community_contact','RC1',DATE '2024-12-01',NULL,NULL,300),
              ('a7','p5','emergency_admission','RX1',DATE '2024-12-01',NULL,NULL,9000),
              ('a8','p4','gp_appointment','GP1',DATE '2025-04-01',NULL,NULL,7000);
            """);
        return ws;
    }
}

using Strata.Data.Deliver;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Deliver;
using Strata.Web.Security;

namespace Strata.Web.Tests.Infrastructure;

/// <summary>
/// A small hand-built ICB: two places, three neighbourhoods, with the Understand stage's tables written by test
/// code in their published shapes (issue 3 contracts) so the web can be tested before that stage is merged.
///
///   place P1: neighbourhood N1 (practice PR1) 40 healthy_well + 12 ltc; N2 (PR2) 10 healthy_well
///   place P2: neighbourhood N3 (PR3) 25 healthy_well + 30 frailty + 3 end_of_life
/// </summary>
public static class TestPopulation
{
    public const string Password = "a-test-only-passphrase";
    public static readonly DateOnly ReferenceDate = new(2025, 3, 31);

    /// <summary>(place, neighbourhood, practice, segment, people).</summary>
    public static readonly (string Place, string Hood, string Practice, string Segment, int People)[] Groups =
    [
        ("P1", "N1", "PR1", "healthy_well", 40),
        ("P1", "N1", "PR1", "ltc", 12),
        ("P1", "N2", "PR2", "healthy_well", 10),
        ("P2", "N3", "PR3", "healthy_well", 25),
        ("P2", "N3", "PR3", "frailty", 30),
        ("P2", "N3", "PR3", "end_of_life", 3),
    ];

    /// <summary>Users: an ICB analyst, a place commissioner, a neighbourhood viewer, a place-P2 finance user.</summary>
    public static readonly (string Name, string Role, string Scope)[] Users =
    [
        ("ann", Roles.Analyst, "ICB"),
        ("pat", Roles.Commissioner, "place:P1"),
        ("nina", Roles.Viewer, "neighbourhood:N1"),
        ("fred", Roles.Finance, "place:P2"),
    ];

    public static void Build(string path)
    {
        using var ws = Workspace.Open(path);
        var e = ws.Engine;
        using (var a = e.Append("practices"))
        {
            a.Row("PR1", "Practice One", "N1", "P1", "Northtown", "ICB1");
            a.Row("PR2", "Practice Two", "N2", "P1", "Northtown", "ICB1");
            a.Row("PR3", "Practice Three", "N3", "P2", "Southville", "ICB1");
        }
        // Shapes from the table catalogue, so the fixture cannot drift from what the stages write.
        e.CreateTable(Tables.Segments);
        e.CreateTable(Tables.RiskScores);
        var id = 0;
        using (var people = e.Append("people"))
        using (var conditions = e.Append("conditions"))
        using (var seg = e.Append("segments"))
        using (var risk = e.Append("risk_scores"))
        {
            foreach (var g in Groups)
            {
                for (var i = 0; i < g.People; i++)
                {
                    var pid = $"X{++id:0000}";
                    var sex = i % 2 == 0 ? "F" : "M";
                    // ltc people have 2 conditions, frailty 4, others none: the mean LTC count per segment is exact.
                    var ltc = g.Segment switch { "ltc" => 2, "frailty" => 4, _ => 0 };
                    // end_of_life people live in care homes (the people field care_home); the cohort page counts them.
                    people.Row(pid, sex, 1960, null, g.Practice, null, g.Place == "P1" ? 1 : 10, null, g.Segment == "end_of_life" ? 1 : 0, 0);
                    foreach (var code in new[] { "diabetes", "hypertension", "chd", "copd" }.Take(ltc))
                    {
                        conditions.Row(pid, "strata", code, new DateOnly(2020, 1, 1));
                    }
                    seg.Row(pid, ReferenceDate, "test", g.Segment, "", ltc, ltc * 0.5, ltc * 0.25, 65, "65-69", sex,
                        g.Place == "P1" ? 1 : 5, g.Practice, g.Hood, g.Place);
                    // frailty and ltc people are high risk, the rest low.
                    var high = g.Segment is "frailty" or "ltc";
                    risk.Row(pid, ReferenceDate, "logistic", high ? 0.4 : 0.02, high ? "high" : "low");
                }
            }
        }
        BuildCube(e);
        BuildPlanAndDeliver(e);
        BuildKpis(e);
        AddUsers(e);
        // What an import leaves behind: the data-quality checks (every person lacks an LSOA and an ethnicity here).
        Strata.Data.Foundation.Quality.DataQuality.Run(e, ReferenceDate);
    }

    /// <summary>
    /// An empty workspace holding only the users and two delegations of contract awards: to place up to £500,000
    /// and to the ICB up to £5,000,000 (what `strata decision delegate` records).
    /// </summary>
    public static void UsersOnly(string path)
    {
        using var ws = Workspace.Open(path);
        AddUsers(ws.Engine);
        foreach (var d in PlaceAndIcbDelegations)
        {
            DeliverRecords.Append(ws.Engine, "delegation", $"{d.Function}@{d.Tier}".ToLowerInvariant(), "setup", DeliverRecords.Serialise(d));
        }
    }

    public static readonly Delegation[] PlaceAndIcbDelegations =
    [
        new("contract_award", Tier.Place, 500_000),
        new("contract_award", Tier.Icb, 5_000_000),
    ];

    private static void AddUsers(IEngine e)
    {
        foreach (var u in Users)
        {
            UserStore.Add(e, u.Name, u.Role, u.Scope, Password);
        }
    }

    /// <summary>
    /// One stored scenario (Plan stage tables) with an emergency cost fan over three years, and one decision (place
    /// P1's) in the Deliver stage's record store, as those stages write them.
    /// </summary>
    private static void BuildPlanAndDeliver(IEngine e)
    {
        ScenarioStore.Ensure(e);
        using (var runs = e.Append("scenario_runs"))
        {
            runs.Row("S1", "R1", "scenario", "Frailty hubs", ReferenceDate, "frailty_hub@1", "42", 200, 3, ScenarioStore.RuleVersion, null, new DateTime(2025, 4, 2, 9, 0, 0));
        }
        using (var results = e.Append("scenario_results"))
        {
            foreach (var (year, p10, p50, p90) in new[] { (1, 900.0, 1000.0, 1100.0), (2, 850.0, 1000.0, 1180.0), (3, 800.0, 990.0, 1250.0) })
            {
                results.Row("S1", year, "emergency", null, null, "cost", "p10", p10);
                results.Row("S1", year, "emergency", null, null, "cost", "p50", p50);
                results.Row("S1", year, "emergency", null, null, "cost", "p90", p90);
                results.Row("S1", year, "emergency", null, null, "cost", "mean", p50 + 5);
                // A provider-level row for the same setting must not enter the setting's fan.
                results.Row("S1", year, "emergency", "RXX", null, "cost", "p50", 1.0);
            }
        }
        DeliverRecords.Append(e, "decision", "D1", "carol",
            """{"decision_id":"D1","function":"contract_award","tier":"place","amount":250000,"description":"Award the community frailty contract","outcome":{"status":"approved","requested_tier":"place","decided_at":"place","reason":"within the place limit"},"place":"P1"}""");
    }

    /// <summary>
    /// Fourteen months of emergency admissions per 1,000 (Evaluate stage table). ICB: 100, 105, 100, ... for twelve
    /// months, then 200 twice: mean 116.43, average moving range 150 / 13 = 11.54, upper limit 147.1, so the last
    /// points are special cause concern (high) for a measure where lower is better. Place P1: a flat 50.
    /// </summary>
    private static void BuildKpis(IEngine e)
    {
        var run = RunLog.Record(e, "evaluate.kpi", "test", ReferenceDate);
        e.CreateTable(Tables.KpiSeries);
        using var a = e.Append("evaluate_kpi_series");
        for (var m = 0; m < 14; m++)
        {
            var period = new DateOnly(2024, 1, 1).AddMonths(m);
            // Two IMD quintiles of 500 people each; their sum is the series.
            var icb = m >= 12 ? 200L : m % 2 == 0 ? 100L : 105L;
            a.Row(run, "v1", "test", "emergency_admissions_per_1000", "icb", "ICB1", period, 1, icb - 50, 500L);
            a.Row(run, "v1", "test", "emergency_admissions_per_1000", "icb", "ICB1", period, 5, 50L, 500L);
            a.Row(run, "v1", "test", "emergency_admissions_per_1000", "place", "P1", period, 1, 25L, 500L);
            a.Row(run, "v1", "test", "emergency_admissions_per_1000", "place", "P1", period, 5, 25L, 500L);
        }
    }

    /// <summary>
    /// The cohort cube (issue 3 contract), one cell per place: P1 is IMD quintile 1 with 62 people, 124 emergency
    /// admissions costing £62,000; P2 is quintile 5 with 58 people, 29 admissions costing £23,200.
    /// </summary>
    private static void BuildCube(IEngine e)
    {
        e.CreateTable(Tables.CohortPeople);
        e.CreateTable(Tables.CohortActivity);
        using (var p = e.Append("cohort_people"))
        {
            p.Row(ReferenceDate, "healthy_well", "low", "P1", "N1", "65-69", "F", 1, 62L, 1_234L);
            p.Row(ReferenceDate, "healthy_well", "low", "P2", "N3", "65-69", "F", 5, 58L, 4_321L);
        }
        using var a = e.Append("cohort_activity");
        a.Row(ReferenceDate, "healthy_well", "low", "P1", "N1", "65-69", "F", 1, "emergency", 124L, 300L, 62_000m, 2_345L);
        a.Row(ReferenceDate, "healthy_well", "low", "P2", "N3", "65-69", "F", 5, "emergency", 29L, 60L, 23_200m, 5_432L);
    }
}

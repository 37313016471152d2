using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;
using Strata.Web.Security;

namespace Strata.Web.Tests.Infrastructure;

/// <summary>
/// The hand-built population plus two scenario runs stored through <see cref="ScenarioStore.Save"/> from hand-built
/// reports, so comparisons and waterfalls have known figures. Its own server (collection "plan"): projection runs
/// stored here do not reach the shared fixture's Scenarios page.
///
///   Virtual wards (ward): year 3 cost £106,000 baseline → ward −£12,000 → £94,000; NPV mean £20,000 (P10 £5,000,
///     P50 £19,000, P90 £36,000), ROI 0.5, payback year 2; net cost £8,000, −£4,000, −£12,000; cost avoided over the
///     horizon: emergency_admission £30,000, community_contact −£6,000.
///   Wards and hubs (ward, hub): year 3 £106,000 → ward −£12,000 → hub −£8,000 → overlap +£1,000 → £87,000; NPV mean
///     £35,000 (P10 £10,000, P50 £33,000, P90 £60,000), ROI 0.7, payback year 2; net cost £10,000, −£5,000, −£15,000;
///     cost avoided emergency_admission £50,000, community_contact −£9,000.
/// "Wards and hubs" is stored first, so "Virtual wards" is the newer run and listed above it.
/// </summary>
public sealed class PlanWebFixture : WebAppFixture
{
    public string WardsId { get; private set; } = "";

    public string WardsAndHubsId { get; private set; } = "";

    protected override void Prepare(string workspacePath)
    {
        base.Prepare(workspacePath);
        using var ws = Workspace.Open(workspacePath);
        // A viewer in neighbourhood N2, whose practice has people but no cohort cells.
        UserStore.Add(ws.Engine, "noor", Roles.Viewer, "neighbourhood:N2", TestPopulation.Password);
        WardsAndHubsId = Store(ws, "Wards and hubs", [Info("ward"), Info("hub")], [102_000, 104_000, 106_000], [96_000, 90_000, 87_000],
            [new Step("ward", -12_000), new Step("hub", -8_000)], new Summary(35_000, 10_000, 33_000, 60_000), 0.7, 55_000, 93_500,
            [10_000, -5_000, -15_000], 50_000, -9_000);
        // The wards scenario was made from an opportunity with two named judgements (its stored evidence).
        var evidence = new InterventionEvidence(new OpportunityReference("frail_older_emergency", "1", "https://doi.org/x", TestPopulation.ReferenceDate, "practice", "455 events"),
            [new(Assumption.Effect, "Dr A", new DateOnly(2026, 11, 30), 0.1, 0.2, 0.3, "ward pilot", ["https://example.org/a"])]);
        WardsId = Store(ws, "Virtual wards", [Info("ward") with { Provenance = evidence }], [102_000, 104_000, 106_000], [98_000, 95_000, 94_000],
            [new Step("ward", -12_000)], new Summary(20_000, 5_000, 19_000, 36_000), 0.5, 40_000, 60_000,
            [8_000, -4_000, -12_000], 30_000, -6_000);
    }

    private static InterventionInfo Info(string id) => new(id, id, "1", "avoid", 1, 0.2, 0.5, 0.3, new Dictionary<string, double>());

    private static string Store(Workspace ws, string name, IReadOnlyList<InterventionInfo> interventions, double[] baseline, double[] cost,
        IReadOnlyList<Step> year3Steps, Summary npv, double roi, double discountedCost, double discountedGross, double[] net,
        double emergencyAvoided, double communityAvoided)
    {
        static Summary S(double v) => new(v, v, v, v);
        static CountSummary C(long v) => new(v, v, v, v);
        var totals = Enumerable.Range(0, 4).Select(y => new TotalYear(y, S(y == 0 ? 100_000 : baseline[y - 1]), S(y == 0 ? 100_000 : cost[y - 1]), C(100))).ToList();
        var bySetting = totals.Select(t => new SettingYear(t.Year, "emergency_admission", C(100), C(90), C(10), C(100), t.BaselineCost, t.Cost)).ToList();
        var change = cost[2] - baseline[2];
        var decomposition = new[] { new Decomposition(3, "cost", change, year3Steps, change - year3Steps.Sum(s => s.Value), change, year3Steps, 0) };
        var years = net.Select((n, i) => new FinanceYear(i + 1, 0, 0, 0, 0, 0, n, 0, 0)).ToList();
        var portfolio = new FinancialSummary(ScenarioReport.Portfolio, years, npv, npv.Mean, roi, 2, discountedCost, discountedGross, S(discountedGross));
        var report = new ScenarioReport(3, 100, 1, interventions, totals, bySetting,
            [new SettingHorizon("emergency_admission", C(40), S(emergencyAvoided)), new SettingHorizon("community_contact", C(-20), S(communityAvoided))],
            [], decomposition, [portfolio], DisclosurePolicy.Default.Statement);
        return ScenarioStore.Save(ws.Engine, "scenario", name, TestPopulation.ReferenceDate, report, "{}");
    }
}

/// <summary>Runs on its own, after the parallel collections: a third server at once slows the others' charts past their waits.</summary>
[CollectionDefinition("plan", DisableParallelization = true)]
public sealed class PlanCollection : ICollectionFixture<PlanWebFixture>;

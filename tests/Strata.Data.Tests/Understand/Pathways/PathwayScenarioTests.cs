using Strata.Data.Understand.Pathways;
using Strata.Domain.Deliver;
using Strata.Domain.Plan;
using Strata.Domain.Understand;

namespace Strata.Data.Tests.Understand.Pathways;

public class PathwayScenarioTests
{
    private static readonly DateOnly D = new(2025, 3, 31);

    private static readonly PathwayDefinition Test = new("test", "v1", "Test", "NICE NG28", "https://www.nice.org.uk/guidance/ng28",
        new PathwayCohort(["diabetes"], MinAge: 18),
        [
            new("primary", "Primary care", ["gp_appointment"], [], false),
            new("complication", "Admission coded to diabetes", ["emergency_admission"], ["E11"], true),
        ]);

    /// <summary>Twenty diabetics, each with ten £30 GP appointments (GP1) and two £2,000 admissions (ACUTE) in the 12 months to D.</summary>
    private static World NewWorld()
    {
        var w = new World().Person("anchor").Activity("anchor", "gp_appointment", "2024-04-01");
        for (var i = 0; i < 20; i++)
        {
            var id = $"p{i}";
            w.Person(id, yearOfBirth: 1950 + i).Condition(id, "diabetes", "2019-01-01");
            for (var g = 0; g < 10; g++)
            {
                w.Activity(id, "gp_appointment", $"2024-{5 + g % 6:00}-{1 + g:00}", cost: 30m, provider: "GP1");
            }
            w.Activity(id, "emergency_admission", "2024-07-01", "E119", end: "2024-07-05", cost: 2000m, provider: "ACUTE");
            w.Activity(id, "emergency_admission", "2024-11-01", "E110", end: "2024-11-03", cost: 2000m, provider: "ACUTE");
        }
        PathwayAnalytics.Build(w.Ws.Engine, D, [Test]);
        return w;
    }

    [Fact]
    public void The_baseline_is_the_cohort_and_its_stage_activity_as_plan_cells()
    {
        using var w = NewWorld();
        var b = PathwayScenario.Baseline(w.Ws.Engine, Test);
        Assert.Equal(20, b.Population.Sum(p => p.People));
        Assert.Equal(200, b.Activity.Where(c => c.Setting == "primary").Sum(c => c.Activity));
        Assert.Equal(80_000, b.Activity.Where(c => c.Setting == "complication").Sum(c => c.Cost));
        Assert.Equal(120, b.Activity.Where(c => c.Setting == "complication").Sum(c => c.BedDays));
        Assert.All(b.Providers.Where(p => p.Setting == "primary"), p => Assert.Equal(("GP1", 1.0, 30.0), (p.Provider, p.Share, p.UnitCost)));
    }

    [Fact]
    public void Shifting_half_the_escalations_moves_them_to_primary_care_at_its_unit_cost()
    {
        using var w = NewWorld();
        var r = PathwayScenario.Run(w.Ws.Engine, Test, PathwayScenario.DefaultShift(Test, 0.5), 2, new ScenarioOptions(Runs: 0, Seed: 3, Noise: false));
        var complication = r.Stages.Single(s => s.Key == "complication" && s.Year == 1);
        var primary = r.Stages.Single(s => s.Key == "primary" && s.Year == 1);
        Assert.Equal(complication.BaselineActivity * 0.5, complication.Activity.Mean, 6);
        Assert.Equal(primary.BaselineActivity + complication.BaselineActivity * 0.5, primary.Activity.Mean, 6);
        Assert.Equal(primary.BaselineCost + complication.BaselineActivity * 0.5 * 30, primary.Cost.Mean, 6);
        Assert.Equal(complication.BaselineCost * 0.5, complication.Cost.Mean, 6);
        Assert.Equal(complication.BaselineCost * 0.5, r.Providers.Single(p => p.Key == "ACUTE" && p.Year == 1).Cost.Mean, 6);
    }

    [Fact]
    public void A_pathway_contract_simulated_under_the_scenario_pays_exactly_what_the_providers_receive()
    {
        using var w = NewWorld();
        var r = PathwayScenario.Run(w.Ws.Engine, Test, PathwayScenario.DefaultShift(Test, 0.3) with { Share = new Interval80(0.1, 0.5) }, 3,
            new ScenarioOptions(Runs: 20, Seed: 9));
        var contract = new PathwayContract("PC", "test", "ACUTE",
            [new SubContract("GP1", new Strata.Domain.Deliver.ActivityBasedPayment(new Dictionary<string, double> { ["primary"] = 32 }))],
            new ContractBaseline(20, new Dictionary<string, double> { ["primary"] = 200, ["complication"] = 40 }),
            [new CapitationPayment(4_300)], 86_000, new RiskShareCorridor(86_000, 0.02));
        contract.Validate();
        var outcomes = PathwayContractSimulator.Simulate(contract, PathwayScenario.Outturns(r.Run));
        Assert.Equal(21 * 3, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(o.Payment, o.Flows.Sum(f => f.Receives), 6));
        // The lead's budget flows to primary care: on average GP1 is paid for its baseline 200 contacts and the shifted ones.
        var gp = outcomes.Where(o => o.Commissioner.Run > 0).Average(o => o.Flows.Single(f => f.Provider == "GP1").Receives);
        Assert.InRange(gp, 200 * 32 * 1.02, 200 * 32 * 1.15);
    }
}

using Strata.Data.Deliver;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;

namespace Strata.Data.Tests.Deliver;

/// <summary><see cref="AllocationRun"/> over <see cref="DeliverFixture"/> (spend: A = p1 1,000 + p3 100; B = p2 200 + p4 300).</summary>
public class AllocationRunTests
{
    private static AllocationRequest FromSpend(double budget, int years = 1) =>
        new(DeliverFixture.D, budget, null, 0, new ImdWeights(), 1, years, new ConvergencePolicy(), 0.03, CurrentFromSpend: true);

    [Fact]
    public void Current_from_spend_is_each_areas_spend_in_the_year_to_the_reference_date_at_every_level()
    {
        using var ws = DeliverFixture.Build();
        var r = AllocationRun.Run(ws.Engine, FromSpend(2_000), DisclosurePolicy.Off);
        var place = r.Levels.Single(l => l.Level == "place").Areas.ToDictionary(a => a.Area, a => a.Current);
        Assert.Equal(1_100, place["A"]);
        Assert.Equal(500, place["B"]);
        var hood = r.Levels.Single(l => l.Level == "neighbourhood").Areas.ToDictionary(a => a.Area, a => a.Current);
        Assert.Equal((1_000.0, 100.0, 500.0), (hood["N1"]!.Value, hood["N2"]!.Value, hood["N3"]!.Value));
    }

    [Fact]
    public void The_year_one_allocation_is_the_convergence_paths_first_year_adds_up_to_the_budget_and_is_given_per_head()
    {
        using var ws = DeliverFixture.Build();
        var r = AllocationRun.Run(ws.Engine, FromSpend(2_000, years: 2), DisclosurePolicy.Off);
        foreach (var level in r.Levels)
        {
            Assert.Equal(2_000, level.Areas.Sum(a => a.Allocation!.Value), 9);
            foreach (var a in level.Areas)
            {
                Assert.Equal(level.Convergence!.Single(s => s.Year == 1 && s.Area == a.Area).Allocation, a.Allocation);
                Assert.Equal(a.Allocation!.Value / a.Population!.Value, a.AllocationPerHead!.Value, 9);
            }
        }
    }

    [Fact]
    public void Current_spend_and_allocation_are_withheld_with_a_suppressed_population()
    {
        using var ws = DeliverFixture.Build();
        // Two people per place: suppressed (1-7), so their money is withheld too.
        var a = AllocationRun.Run(ws.Engine, FromSpend(2_000), DisclosurePolicy.Default).Levels[0].Areas[0];
        Assert.Equal((null, null, null, null), (a.Population, a.Current, a.Allocation, a.AllocationPerHead));
    }

    [Fact]
    public void Each_recorded_run_is_a_new_version_and_the_latest_reads_back_as_recorded()
    {
        using var ws = DeliverFixture.Build();
        Assert.Null(AllocationRun.Latest(ws.Engine));
        var request = FromSpend(2_000);
        AllocationRun.Record(ws.Engine, request, AllocationRun.Run(ws.Engine, request, DisclosurePolicy.Off), "fiona");
        var second = FromSpend(3_000);
        var report = AllocationRun.Run(ws.Engine, second, DisclosurePolicy.Off);
        AllocationRun.Record(ws.Engine, second, report, "carl");
        var latest = AllocationRun.Latest(ws.Engine)!;
        Assert.Equal((2, "carl", 3_000.0), (latest.Version, latest.Actor, latest.Report.Budget!.Value));
        Assert.Equal(report.Levels[0].Areas, latest.Report.Levels[0].Areas);
        Assert.True(latest.Request.CurrentFromSpend);
    }

    [Fact]
    public void The_last_activity_date_is_the_default_reference_date()
    {
        using var ws = DeliverFixture.Build();
        Assert.Equal(new DateOnly(2025, 4, 1), Strata.Data.Foundation.ActivitySpan.Last(ws.Engine));
    }
}

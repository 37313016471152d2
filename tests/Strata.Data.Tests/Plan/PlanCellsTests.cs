using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Foundation;

namespace Strata.Data.Tests.Plan;

public class PlanCellsTests
{
    [Fact]
    public void Cells_aggregate_neighbourhoods_at_the_latest_reference_date()
    {
        using var ws = Workspace.InMemory();
        PlanWorkspaceFixture.Build(ws.Engine);
        var b = PlanCells.Load(ws.Engine);
        Assert.Equal(PlanWorkspaceFixture.At, b.ReferenceDate);
        var frail = b.Activity.Single(c => c.Cohort.Segment == "frailty_dementia");
        Assert.Equal(200, frail.Activity);
        Assert.Equal(1600, frail.BedDays);
        Assert.Equal(600_000, frail.Cost);
        Assert.Equal(1000, b.Population.Single(p => p.Cohort.Segment == "frailty_dementia").People);
        Assert.Equal(5000, b.Population.Single(p => p.Cohort.Segment == "healthy").People);
        Assert.Equal(0, b.Activity.Single(c => c.Setting == "gp_appointment").BedDays);
    }

    [Fact]
    public void Provider_mix_is_share_of_place_setting_activity_with_unit_cost_per_setting_and_provider_over_12_months()
    {
        using var ws = Workspace.InMemory();
        PlanWorkspaceFixture.Build(ws.Engine);
        var mix = PlanCells.ProviderMix(ws.Engine, PlanWorkspaceFixture.At);
        // In the window: RA 3 spells costing 9,000 (unit 3,000), RB 1 spell costing 6,000; the 2023 spell is outside.
        var ra = mix.Single(m => m.Provider == "RA");
        var rb = mix.Single(m => m.Provider == "RB");
        Assert.Equal(0.75, ra.Share, 12);
        Assert.Equal(3000, ra.UnitCost, 9);
        Assert.Equal(0.25, rb.Share, 12);
        Assert.Equal(6000, rb.UnitCost, 9);
        Assert.Equal("P1", ra.Place);
    }

    [Fact]
    public void A_filter_keeps_only_the_cells_and_provider_mix_of_that_area()
    {
        using var ws = Workspace.InMemory();
        PlanWorkspaceFixture.Build(ws.Engine);
        var n2 = PlanCells.Load(ws.Engine, area: new AreaFilter(Neighbourhood: "N2"));
        // N2 holds 400 frail people with 80 admissions costing 240,000; its practices have no activity rows, so no mix.
        Assert.Equal(240_000, n2.Activity.Single().Cost);
        Assert.Equal(80, n2.Activity.Single().Activity);
        Assert.Equal(400, n2.Population.Single().People);
        Assert.Empty(n2.Providers);
        var n1 = PlanCells.Load(ws.Engine, area: new AreaFilter(Neighbourhood: "N1"));
        Assert.Equal(3, n1.Activity.Count);
        Assert.Equal(["RA", "RB"], n1.Providers.Select(p => p.Provider));
        Assert.Contains("in this area", Assert.Throws<InvalidOperationException>(() => PlanCells.Load(ws.Engine, area: new AreaFilter(Place: "P9"))).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_cohort_tables_give_a_clear_message()
    {
        using var ws = Workspace.InMemory();
        var e = Assert.Throws<InvalidOperationException>(() => PlanCells.Load(ws.Engine));
        Assert.Contains("cohort_people", e.Message, StringComparison.Ordinal);
    }
}

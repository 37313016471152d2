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
    public void Provider_mix_is_read_from_its_cache_per_reference_date_and_rebuilt_when_the_data_change()
    {
        using var ws = Workspace.InMemory();
        PlanWorkspaceFixture.Build(ws.Engine);
        var first = PlanCells.ProviderMix(ws.Engine, PlanWorkspaceFixture.At);
        // The window's counts and exact cost sums per neighbourhood × setting × provider: RA 3 spells £9,000, RB 1 spell £6,000.
        Assert.Equal([("RA", 3L, 9000m), ("RB", 1L, 6000m)], ws.Engine.Query(
            $"SELECT provider_code, n, cost_gbp FROM {PlanCells.MixCacheTable} WHERE reference_date = DATE '2025-03-31' ORDER BY provider_code",
            r => (r.GetString(0), r.GetInt64(1), r.GetDecimal(2))));
        Assert.Equal(first, PlanCells.ProviderMix(ws.Engine, PlanWorkspaceFixture.At));
        // A second reference date is cached beside the first: 12 months to 2023-12-31 hold only RB's 2023 spell.
        Assert.Equal(["RB"], PlanCells.ProviderMix(ws.Engine, new DateOnly(2023, 12, 31)).Select(m => m.Provider));
        Assert.Equal(2, ws.Engine.Scalar<long>($"SELECT count(DISTINCT reference_date) FROM {PlanCells.MixCacheTable}"));

        // New data (an import, or here one more row): the cache is stale and the mix is recomputed from the activity rows.
        ws.Engine.Execute("INSERT INTO activity (activity_id, person_id, setting, provider_code, start_date, end_date, primary_diagnosis, cost_gbp) VALUES ('a6', 'p1', 'emergency_admission', 'RB', DATE '2025-03-01', DATE '2025-03-02', NULL, 1000)");
        var after = PlanCells.ProviderMix(ws.Engine, PlanWorkspaceFixture.At);
        Assert.Equal(0.6, after.Single(m => m.Provider == "RA").Share, 12);
        Assert.Equal(3500, after.Single(m => m.Provider == "RB").UnitCost, 9);
        Assert.Equal(1, ws.Engine.Scalar<long>($"SELECT count(DISTINCT reference_date) FROM {PlanCells.MixCacheTable}"));
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

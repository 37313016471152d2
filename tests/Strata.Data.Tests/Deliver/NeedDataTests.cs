using Strata.Data.Deliver;
using Strata.Domain.Deliver;

namespace Strata.Data.Tests.Deliver;

public class NeedDataTests
{
    private static NeedResult Need(string level, int minCell = 1)
    {
        using var ws = DeliverFixture.Build();
        NeedData.Build(ws.Engine, DeliverFixture.D, minCell);
        return NeedData.Read(ws.Engine, DeliverFixture.D, level, new ImdWeights());
    }

    [Fact]
    public void Age_sex_index_is_cell_mean_spend_over_the_all_person_mean()
    {
        var r = Need("place");
        // Ages at D (birthdays taken as 1 July): born 1950 → 74 (70-74), born 1988 → 36 (35-39). Mean of 1,000, 200, 100, 300 = 400 (the dead person and spend outside the 12 months do not count).
        Assert.Equal(4, r.People);
        Assert.Equal(400, r.MeanCost, 9);
        Assert.Equal(1.5, r.AgeSexCells.Single(c => c.AgeBand == "70-74" && c.Sex == "F").Index, 9);
        Assert.Equal(0.5, r.AgeSexCells.Single(c => c.AgeBand == "35-39" && c.Sex == "M").Index, 9);
    }

    [Fact]
    public void Morbidity_cells_split_age_sex_by_count_of_long_term_conditions()
    {
        var cells = Need("place").MorbidityCells;
        Assert.Equal(2.5, cells.Single(c => c.Sex == "F" && c.LtcBand == 2).Index, 9);
        Assert.Equal(0.25, cells.Single(c => c.Sex == "M" && c.LtcBand == 0).Index, 9);
        Assert.Equal(0.75, cells.Single(c => c.Sex == "M" && c.LtcBand == 1).Index, 9);
    }

    [Fact]
    public void Weighted_populations_and_unmet_need_per_place()
    {
        var areas = Need("place").Areas.ToDictionary(a => a.Area);
        // A = p1 + p3: age-sex 1.5 + 0.5, need 2.5 + 0.25, unmet 1.5 (Q1) + 1.0 (Q3).
        Assert.Equal(new AreaNeed("A", 2, 2.0, 2.75, 2.5), areas["A"] with { AgeSexWeighted = Math.Round(areas["A"].AgeSexWeighted, 9), NeedWeighted = Math.Round(areas["A"].NeedWeighted, 9), PopulationKey = null });
        Assert.Equal(1.25, areas["B"].NeedWeighted, 9);
        Assert.Equal(1.5, areas["B"].UnmetNeed, 9);
        var target = AllocationCalculator.Targets([.. areas.Values], 0.10).Single(t => t.Area == "A");
        // 0.9 × 2.75/4 + 0.1 × 2.5/4
        Assert.Equal(0.68125, target.TargetShare, 9);
    }

    [Fact]
    public void Neighbourhoods_are_the_finer_level() =>
        Assert.Equal(["N1", "N2", "N3"], Need("neighbourhood").Areas.Select(a => a.Area));

    [Fact]
    public void Small_morbidity_cells_fall_back_to_the_age_sex_mean()
    {
        // Every morbidity cell has one person: with a minimum of 2 the need weight equals the age-sex weight.
        var a = Need("place", minCell: 2).Areas.Single(x => x.Area == "A");
        Assert.Equal(a.AgeSexWeighted, a.NeedWeighted, 9);
    }
}

public class ImdWeightsTests
{
    [Fact]
    public void Five_weights_parse_in_quintile_order() =>
        Assert.Equal(0.2, ImdWeights.Parse("2,1.5,1,0.5,0.2").For(5));

    [Theory]
    [InlineData("1,1,1,1")]
    [InlineData("1,1,1,1,x")]
    [InlineData("1,1,1,1,-1")]
    public void Anything_else_is_refused(string text) => Assert.Throws<ArgumentException>(() => ImdWeights.Parse(text));
}

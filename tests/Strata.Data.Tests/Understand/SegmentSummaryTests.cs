using Strata.Data.Understand;
using Strata.Domain.Foundation;

namespace Strata.Data.Tests.Understand;

public class SegmentSummaryTests
{
    private static readonly DateOnly D = new(2025, 3, 31);

    [Fact]
    public void Summary_lists_v1_segments_in_precedence_order_then_segments_from_other_rules_and_honours_a_filter()
    {
        using var w = new World().Person("a").Person("b", practice: "P2").Condition("b", "dementia");
        Segmentation.Run(w.Ws.Engine, D);
        // A configured rule set may name segments v1 does not have; they must not vanish from the summary.
        w.Ws.Engine.Execute("UPDATE segments SET segment = 'zz_custom' WHERE person_id = 'a'");
        var all = Segmentation.Summarise(w.Ws.Engine);
        Assert.Equal("end_of_life", all[0].Segment);
        Assert.Equal(("zz_custom", 1L), (all[^1].Segment, all[^1].People));
        Assert.Equal(2, all.Sum(c => c.People));
        var pl2 = Segmentation.Summarise(w.Ws.Engine, new AreaFilter(Place: "PL2"));
        Assert.Equal([("frailty_dementia", 1L)], pl2.Where(c => c.People > 0).Select(c => (c.Segment, c.People)));
    }

    [Fact]
    public void An_area_travels_as_a_bound_value_so_a_code_is_never_read_as_sql()
    {
        using var w = new World().Person("a").Person("b", practice: "P2");
        Segmentation.Run(w.Ws.Engine, D);
        Assert.Equal(0, Segmentation.Summarise(w.Ws.Engine, new AreaFilter(Place: "PL2' OR '1' = '1")).Sum(c => c.People));
        Assert.Equal(1, Segmentation.Summarise(w.Ws.Engine, new AreaFilter(Place: "PL2")).Sum(c => c.People));
    }
}

using Strata.Data.Foundation;
using Strata.Data.Tests.Understand;
using Strata.Data.Understand;
using Strata.Domain.Foundation;

namespace Strata.Data.Tests.Foundation;

public class GeographyTests
{
    private static readonly DateOnly D = new(2025, 3, 31);

    [Fact]
    public void An_areas_population_at_a_date_is_the_people_segmentation_counts_alive_and_registered()
    {
        using var w = new World()
            .Person("alive")
            .Person("died-before", died: "2024-12-01")
            .Person("died-after", died: "2025-06-01")
            .Person("born-later", yearOfBirth: 2026)
            .Person("other-place", practice: "P2")
            .Person("unregistered", practice: "P9");
        var population = Geography.Populations(w.Ws.Engine, AreaFilter.None, D).Sum(n => n.People);
        Assert.Equal(3, population);
        Assert.Equal(Segmentation.Run(w.Ws.Engine, D).People, population);
        Assert.Equal(5, Geography.Populations(w.Ws.Engine, AreaFilter.None, null).Sum(n => n.People));
        Assert.Equal(1, Geography.Populations(w.Ws.Engine, new AreaFilter(Place: "PL2"), D).Single().People);
    }
}

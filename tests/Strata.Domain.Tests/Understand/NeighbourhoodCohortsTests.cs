using Strata.Domain.Tests.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Domain.Tests.Understand;

public class NeighbourhoodCohortsTests
{
    [Theory]
    [InlineData(0, FrailtyBand.Fit)]
    [InlineData(4, FrailtyBand.Fit)]       // 4/36 = 0.111
    [InlineData(5, FrailtyBand.Mild)]      // 0.139
    [InlineData(8, FrailtyBand.Mild)]      // 0.222
    [InlineData(9, FrailtyBand.Moderate)]  // 0.25
    [InlineData(12, FrailtyBand.Moderate)] // 0.333
    [InlineData(13, FrailtyBand.Severe)]   // 0.361
    public void Efi_style_bands_follow_clegg_2016_cut_points(int deficits, FrailtyBand band) =>
        Assert.Equal(band, FrailtyIndex.Band(deficits));

    [Fact]
    public void Eleven_deficits_are_codable_so_the_score_reaches_moderate_but_not_severe()
    {
        Assert.Equal(11, FrailtyIndex.CodableDeficits);
        Assert.Equal(9, FrailtyIndex.ModerateFrom);
        Assert.Equal(FrailtyBand.Moderate, FrailtyIndex.Band(FrailtyIndex.CodableDeficits));
    }

    [Fact]
    public void Release_protects_counts_rounds_spend_and_withholds_it_with_the_people()
    {
        var row = CohortRow.Release(new CohortCounts("N1", NeighbourhoodCohort.Frail75Plus, 42, 12, 3, 123_456.78, 30), RoundingPolicy.Only);
        Assert.Equal((40L, 10L, (long?)null, 123_000.0, 30L, 10L), (row.People!.Value, row.EmergencyAdmissions!.Value, row.AeAttendances, row.SpendGbp!.Value, row.PeopleYearBefore!.Value, row.Change!.Value));
        var small = CohortRow.Release(new CohortCounts("N2", NeighbourhoodCohort.EndOfLife, 5, 0, 0, 9_000, 0), RoundingPolicy.Only);
        Assert.Null(small.People);
        Assert.Null(small.SpendGbp);
        Assert.Null(small.Change);
    }

    [Fact]
    public void A_cohort_without_a_year_earlier_count_has_no_change()
    {
        var row = CohortRow.Release(new CohortCounts("N1", NeighbourhoodCohort.CareHomeResidents, 42, 12, 3, 5_000, null), RoundingPolicy.Only);
        Assert.Equal(40L, row.People);
        Assert.Null(row.PeopleYearBefore);
        Assert.Null(row.Change);
    }
}

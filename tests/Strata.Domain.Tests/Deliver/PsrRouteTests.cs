using Strata.Domain.Deliver;

namespace Strata.Domain.Tests.Deliver;

public class PsrRouteTests
{
    private static PsrCase DirectAwardC => new(false, false, true, true, true, new ValueChange(1_000_000, 1_400_000), false);

    [Fact]
    public void The_route_gives_the_standstill_end_when_the_process_has_one_and_the_notice_is_known()
    {
        // Notice Thursday 17 April 2025; Good Friday 18th and Easter Monday 21st are bank holidays: 8 working days end 1 May.
        var c = PsrRoute.For(DirectAwardC, new DateOnly(2025, 4, 17));
        Assert.Equal((PsrProcess.DirectAwardC, new DateOnly(2025, 5, 1)), (c.Process, c.StandstillEnd!.Value));
        Assert.Null(PsrRoute.For(DirectAwardC, null).StandstillEnd);
        // Direct Award A has no standstill whatever the notice.
        var a = PsrRoute.For(DirectAwardC with { ExistingProviderOnlyCapable = true }, new DateOnly(2025, 4, 17));
        Assert.Equal((PsrProcess.DirectAwardA, (DateOnly?)null), (a.Process, a.StandstillEnd));
    }

    [Fact]
    public void A_record_input_without_its_essentials_is_refused_with_what_is_missing()
    {
        var input = new PsrRecordInput("r1", "service", "RC1", DirectAwardC, "board", new DateOnly(2025, 4, 10), 1_400_000, [],
            NoticeOfIntention: new DateOnly(2025, 4, 17));
        Assert.Equal(new DateOnly(2025, 5, 1), input.ToRecord().StandstillEnd);
        Assert.Contains("decision maker", Assert.Throws<ArgumentException>(() => (input with { DecisionMaker = " " }).ToRecord()).Message, StringComparison.Ordinal);
        Assert.Contains("(case)", Assert.Throws<ArgumentException>(() => (input with { Case = null! }).ToRecord()).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Tier.Icb, "P1", null, true)]
    [InlineData(Tier.ProviderCollaborative, null, "N1", true)]
    [InlineData(Tier.Place, "P1", "N1", true)]
    [InlineData(Tier.Place, "P1", null, false)]
    [InlineData(Tier.Neighbourhood, "P1", "N1", false)]
    [InlineData(Tier.Icb, null, null, false)]
    public void A_decisions_area_must_suit_its_tier(Tier tier, string? place, string? neighbourhood, bool mismatch) =>
        Assert.Equal(mismatch, DecisionRecord.AreaMismatch(tier, place, neighbourhood) is not null);
}

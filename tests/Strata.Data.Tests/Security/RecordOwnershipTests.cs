using Strata.Data.Deliver;
using Strata.Data.Foundation;

namespace Strata.Data.Tests.Security;

/// <summary>Every Deliver record belongs to the area it was created for (issue 12, item 3).</summary>
public sealed class RecordOwnershipTests
{
    [Fact]
    public void A_record_keeps_its_area_and_creator_through_its_versions()
    {
        using var ws = Workspace.InMemory();
        DeliverRecords.Append(ws.Engine, "decommissioning_assessment", "A1", "pat", """{"v":1}""", area: "place:P1");
        var v2 = DeliverRecords.Append(ws.Engine, "decommissioning_assessment", "A1", "pia", """{"v":2}""", area: "place:P1");

        Assert.Equal((2, "place:P1", "pat", "pia"), (v2.Version, v2.Area, v2.CreatedBy, v2.Actor));
        var current = Assert.Single(DeliverRecords.Current(ws.Engine, "decommissioning_assessment"));
        Assert.Equal(("place:P1", "pat"), (current.Area, current.CreatedBy));
    }

    [Theory]
    [InlineData("place:P2")]
    [InlineData("ICB")]
    [InlineData("neighbourhood:N1")]
    public void Another_area_reusing_the_id_is_refused_and_nothing_changes(string other)
    {
        using var ws = Workspace.InMemory();
        DeliverRecords.Append(ws.Engine, "psr_record", "R1", "pat", """{"v":1}""", area: "place:P1");

        var e = Assert.Throws<RecordOwnershipException>(() =>
            DeliverRecords.Append(ws.Engine, "psr_record", "R1", "paula", """{"v":"overwritten"}""", area: other));

        Assert.Contains("belongs to place P1", e.Message, StringComparison.Ordinal);
        var history = DeliverRecords.History(ws.Engine, "psr_record", "R1");
        Assert.Equal([("pat", """{"v":1}""", "place:P1")], history.Select(h => (h.Actor, h.Payload, h.Area)));
    }

    [Fact]
    public void Allocation_runs_are_kept_per_scope()
    {
        using var ws = Workspace.InMemory();
        DeliverRecords.Append(ws.Engine, "allocation", AllocationRun.RecordFor("ICB"), "ann", """{"run":"icb"}""");
        DeliverRecords.Append(ws.Engine, "allocation", AllocationRun.RecordFor("place:P1"), "pat", """{"run":"p1"}""", area: "place:P1");

        var runs = DeliverRecords.Current(ws.Engine, "allocation").ToDictionary(r => r.Area, r => r.Payload);
        Assert.Equal("""{"run":"icb"}""", runs["ICB"]);
        Assert.Equal("""{"run":"p1"}""", runs["place:P1"]);
    }
}

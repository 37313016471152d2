using Strata.Data.Deliver;
using Strata.Data.Foundation;

namespace Strata.Data.Tests.Deliver;

public class DeliverRecordsTests
{
    [Fact]
    public void A_change_is_a_new_version_and_the_history_is_kept()
    {
        using var ws = Workspace.InMemory();
        var t0 = new DateTime(2025, 1, 1, 9, 0, 0, DateTimeKind.Utc);
        DeliverRecords.Append(ws.Engine, "contract", "c1", "alice", """{"v":1}""", t0);
        DeliverRecords.Append(ws.Engine, "contract", "c2", "alice", """{"v":1}""", t0);
        var v2 = DeliverRecords.Append(ws.Engine, "contract", "c1", "bob", """{"v":2}""", t0.AddDays(1));
        Assert.Equal(2, v2.Version);
        var current = DeliverRecords.Current(ws.Engine, "contract");
        Assert.Equal(["c1", "c2"], current.Select(r => r.RecordId));
        Assert.Equal("""{"v":2}""", current[0].Payload);
        var history = DeliverRecords.History(ws.Engine, "contract", "c1");
        Assert.Equal([("alice", 1), ("bob", 2)], history.Select(h => (h.Actor, h.Version)));
        Assert.Equal(t0, history[0].At);
        Assert.Equal(3L, ws.Engine.Scalar<long>("SELECT count(*) FROM deliver_records"));
    }

    [Fact]
    public void Record_types_are_kept_apart_and_unknown_types_refused()
    {
        using var ws = Workspace.InMemory();
        DeliverRecords.Append(ws.Engine, "decision", "x", "alice", "{}");
        Assert.Empty(DeliverRecords.Current(ws.Engine, "contract"));
        Assert.Throws<ArgumentException>(() => DeliverRecords.Append(ws.Engine, "invoice", "x", "alice", "{}"));
        Assert.Throws<ArgumentException>(() => DeliverRecords.Append(ws.Engine, "decision", "x", " ", "{}"));
    }
}

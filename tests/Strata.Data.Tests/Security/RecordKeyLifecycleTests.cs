using Strata.Data.Foundation;
using Strata.Data.Foundation.Import;
using Strata.Data.Tests.Foundation.Import;
using Strata.Data.Tests.Understand;
using Strata.Data.Understand;
using Strata.Domain.Foundation;

namespace Strata.Data.Tests.Security;

/// <summary>
/// When record keys are made (issue 12): once, where people can change — at the end of an import, after segmentation,
/// and on opening a workspace whose people lack them — and never by a keyed read, which would scan people every time.
/// </summary>
public sealed class RecordKeyLifecycleTests : IDisposable
{
    private static readonly DateOnly D = new(2025, 3, 31);

    private readonly ImportFolder _folder = new();

    private static long Keys(Workspace ws) => ws.Engine.Scalar<long>($"SELECT count(*) FROM {DisclosureKeys.Table}");

    private static long People(Workspace ws) => ws.Engine.Scalar<long>("SELECT count(*) FROM people");

    [Fact]
    public void An_import_gives_every_person_a_record_key_before_any_figure_is_read()
    {
        using var ws = Workspace.InMemory();
        Importer.Import(ws, _folder.Data, new ImportOptions { AsOf = ImportFolder.AsOf, RejectsFile = _folder.RejectsFile });

        Assert.Equal(3, People(ws));
        Assert.Equal(0, ws.Engine.Scalar<long>(
            $"SELECT count(*) FROM people p WHERE NOT EXISTS (SELECT 1 FROM {DisclosureKeys.Table} k WHERE k.person_id = p.person_id)"));
        Assert.All(ws.Engine.Query($"SELECT record_key FROM {DisclosureKeys.Table}", r => r.GetInt32(0)),
            k => Assert.InRange(k, 0, DisclosurePolicy.KeyRange - 1));
    }

    [Fact]
    public void A_keyed_read_uses_the_keys_it_finds_and_does_not_scan_people_for_missing_ones()
    {
        using var w = new World().Person("a").Person("b").Person("c");
        Segmentation.Run(w.Ws.Engine, D);
        Assert.Equal(3, Keys(w.Ws));
        // A person who arrived without going through import or segmentation: a read must not go looking for them.
        w.Person("late");

        var populations = Geography.Populations(w.Ws.Engine, AreaFilter.None, D);
        Segmentation.Summarise(w.Ws.Engine);

        Assert.Equal(4, populations.Sum(p => p.People));
        Assert.Equal(3, Keys(w.Ws));
        // The next stage that can change people (segmentation) gives the newcomer a key.
        Segmentation.Run(w.Ws.Engine, D);
        Assert.Equal(4, Keys(w.Ws));
    }

    [Fact]
    public void Opening_a_workspace_whose_people_have_no_keys_gives_them_keys_and_keeps_existing_ones()
    {
        var path = Path.Combine(_folder.Root, "ws.duckdb");
        using (var ws = Workspace.Open(path))
        {
            ws.Engine.Execute("INSERT INTO practices VALUES ('P1', 'One', 'N1', 'PL1', 'Place one', 'QXX')");
            ws.Engine.Execute("INSERT INTO people (person_id, sex, year_of_birth, death_date, practice_code, lsoa_code, imd_decile, ethnicity) VALUES ('x1', 'F', 1950, NULL, 'P1', NULL, 3, NULL), ('x2', 'M', 1960, NULL, 'P1', NULL, 4, NULL)");
        }
        long before;
        using (var ws = Workspace.Open(path))
        {
            Assert.Equal(2, Keys(ws));
            before = ws.Engine.Scalar<long>($"SELECT sum(record_key) FROM {DisclosureKeys.Table}");
        }
        using (var ws = Workspace.Open(path))
        {
            Assert.Equal(2, Keys(ws));
            Assert.Equal(before, ws.Engine.Scalar<long>($"SELECT sum(record_key) FROM {DisclosureKeys.Table}"));
        }
    }

    public void Dispose() => _folder.Dispose();
}

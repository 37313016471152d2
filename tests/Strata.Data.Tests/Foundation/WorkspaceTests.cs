using Strata.Data.Foundation;

namespace Strata.Data.Tests.Foundation;

public sealed class WorkspaceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("strata-ws-").FullName;

    [Fact]
    public void Opening_creates_the_linked_model_and_installs_codelists()
    {
        using var ws = Workspace.Open(Path.Combine(_dir, "w.duckdb"));
        foreach (var t in Schema.CoreTables)
        {
            Assert.True(ws.Engine.TableExists(t.Name), t.Name);
        }
        Assert.Equal(28, ws.Engine.Scalar<long>("SELECT count(*) FROM codelist_conditions"));
        Assert.Equal(20, ws.Engine.Scalar<long>("SELECT count(*) FROM codelist_conditions WHERE long_term_condition"));
        Assert.Equal("v1".Length, Codelists.Version.Length);
    }

    [Fact]
    public void Codelist_expands_ranges_and_honours_exclusions()
    {
        var cancer = Codelists.Icd10Prefixes.Where(p => p.Condition == "cancer").Select(p => p.Prefix).ToHashSet();
        Assert.Contains("C00", cancer);
        Assert.Contains("C97", cancer);
        Assert.DoesNotContain("C44", cancer);
        Assert.Equal(97, cancer.Count);
        Assert.Contains(("hypertension", "I13"), Codelists.Icd10Prefixes);
        Assert.DoesNotContain(Codelists.Icd10Prefixes, p => p.Condition == "painful_condition");
    }

    [Fact]
    public void A_failed_transaction_leaves_the_workspace_unchanged()
    {
        using var ws = Workspace.InMemory();
        ws.Engine.Execute("INSERT INTO practices VALUES ('A1','Practice','N1','P1','Place','ICB')");
        Assert.Throws<InvalidOperationException>(() => ws.Engine.InTransaction(() =>
        {
            ws.Engine.Execute("DELETE FROM practices");
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal(1, ws.Engine.Scalar<long>("SELECT count(*) FROM practices"));
    }

    [Fact]
    public void Reopening_a_workspace_keeps_its_data()
    {
        var path = Path.Combine(_dir, "keep.duckdb");
        using (var ws = Workspace.Open(path))
        {
            ws.Engine.Execute("INSERT INTO practices VALUES ('A1','Practice','N1','P1','Place','ICB')");
        }
        using var again = Workspace.Open(path);
        Assert.Equal(1, again.Engine.Scalar<long>("SELECT count(*) FROM practices"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

public class RunLogTests
{
    [Fact]
    public void Runs_are_recorded_with_stage_version_and_reference_date()
    {
        using var ws = Workspace.InMemory();
        var id = RunLog.Record(ws.Engine, "segment", "v1", new DateOnly(2025, 3, 31), "{}");
        Assert.Equal("segment|v1|2025-03-31", ws.Engine.Scalar<string>(
            $"SELECT stage || '|' || rule_version || '|' || CAST(reference_date AS VARCHAR) FROM strata_runs WHERE run_id = '{id}'"));
    }
}

using Strata.Data.Engine;

namespace Strata.Data.Foundation;

/// <summary>
/// One ICB's data and everything derived from it, in one engine database (a DuckDB file by default).
/// </summary>
public sealed class Workspace : IDisposable
{
    private Workspace(IEngine engine, string location)
    {
        Engine = engine;
        Location = location;
    }

    public IEngine Engine { get; }

    public string Location { get; }

    /// <summary>Opens (creating if needed) a DuckDB workspace file and ensures the schema.</summary>
    public static Workspace Open(string path, EngineSettings? settings = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
        return Prepare(new Workspace(new DuckDbEngine(full, settings), full));
    }

    /// <summary>A throwaway in-memory workspace (tests, scratch).</summary>
    public static Workspace InMemory()
    {
        return Prepare(new Workspace(DuckDbEngine.InMemory(), ":memory:"));
    }

    private static Workspace Prepare(Workspace ws)
    {
        try
        {
            Schema.Ensure(ws.Engine);
            if (!ws.Engine.TableExists("codelist_conditions"))
            {
                Codelists.Install(ws.Engine);
            }
            if (!ws.Engine.TableExists("codelist_programme_icd10"))
            {
                Codelists.InstallProgrammeBudget(ws.Engine);
            }
            if (!ws.Engine.TableExists("codelist_ebi") || !ws.Engine.TableExists("codelist_ebi_opcs4"))
            {
                Codelists.InstallEbi(ws.Engine);
            }
            return ws;
        }
        catch
        {
            ws.Dispose();
            throw;
        }
    }

    public void Dispose() => Engine.Dispose();
}

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

    /// <summary>
    /// Opens a workspace and ensures the schema: a PostgreSQL or Citus database named by a connection URI
    /// (<c>postgresql://user@host:port/db</c>), otherwise a DuckDB file (created if needed). The one factory every
    /// command and <c>serve</c> go through.
    /// </summary>
    public static Workspace Open(string workspace, EngineSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return PostgresEngine.IsUri(workspace)
            ? Prepare(new Workspace(new PostgresEngine(workspace), Redacted(workspace)))
            : OpenFile(workspace, settings);
    }

    /// <summary>A workspace on an engine already open (tests, tools); takes ownership of it and ensures the schema.</summary>
    public static Workspace On(IEngine engine, string location) => Prepare(new Workspace(engine, location));

    // A location for messages and provenance never carries a password.
    private static string Redacted(string uri)
    {
        var u = new UriBuilder(uri) { Password = "" };
        return u.Uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped)
            .Replace("://", "://" + (u.UserName.Length > 0 ? u.UserName + "@" : ""), StringComparison.Ordinal);
    }

    private static Workspace OpenFile(string path, EngineSettings? settings)
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
            if (!ws.Engine.TableExists("codelist_ebi"))
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

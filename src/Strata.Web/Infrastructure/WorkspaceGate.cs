using Strata.Data.Engine;
using Strata.Data.Foundation;

namespace Strata.Web.Infrastructure;

/// <summary>
/// The web host's single workspace connection. DuckDB allows one process per file and one connection is not
/// safe for concurrent commands, so every page, API call and background job goes through this gate in turn.
/// </summary>
public sealed class WorkspaceGate : IDisposable
{
    private readonly Workspace _workspace;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public WorkspaceGate(Workspace workspace) => _workspace = workspace;

    public string Location => _workspace.Location;

    /// <summary>Runs work with exclusive use of the engine.</summary>
    public T Use<T>(Func<IEngine, T> work)
    {
        _lock.Wait();
        try
        {
            return work(_workspace.Engine);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Runs work with exclusive use of the whole workspace (importer and stages take a Workspace).</summary>
    public T UseWorkspace<T>(Func<Workspace, T> work) => Use(_ => work(_workspace));

    public void Dispose()
    {
        _workspace.Dispose();
        _lock.Dispose();
    }
}

using System.Diagnostics;
using Strata.Cli.Tests.Infrastructure;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Tests.Foundation.Import;

namespace Strata.Cli.Tests.Foundation;

/// <summary>A process killed during an import leaves the workspace as it was before or after, never in between.</summary>
[Collection("cli")]
public sealed class ImportCrashTests : IDisposable
{
    private const long ActivityRows = 2_000_000;

    private readonly ImportFolder _folder = new();

    [Fact]
    public void Killing_the_process_mid_import_leaves_the_previous_import_or_the_complete_new_one()
    {
        var workspace = Path.Combine(_folder.Root, "icb.duckdb");
        Assert.Equal(0, CliRunner.Run("import", "-w", workspace, _folder.Data, "--json").ExitCode);
        WriteLargeActivityFile();

        var strata = typeof(Strata.Cli.Infrastructure.CliErrors).Assembly.Location;
        using (var process = Process.Start(new ProcessStartInfo("dotnet", ["exec", strata, "import", "-w", workspace, _folder.Data, "--json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!)
        {
            // Long enough to be inside the transaction on any machine we run on; the assertion holds either way.
            process.WaitForExit(TimeSpan.FromSeconds(3));
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        using var ws = Workspace.Open(workspace);
        var state = (ws.Engine.Scalar<long>("SELECT count(*) FROM activity"), ws.Engine.Scalar<long>("SELECT count(*) FROM import_runs"),
            ws.Engine.Scalar<long>("SELECT count(*) FROM people"));
        Assert.Contains(state, new[] { (3L, 5L, 3L), (ActivityRows, 10L, 3L) });
    }

    /// <summary>Replaces activity.csv with many valid rows for the three people, so the import takes seconds.</summary>
    private void WriteLargeActivityFile()
    {
        using var engine = DuckDbEngine.InMemory();
        engine.Execute(engine.Dialect.CopyTo(
            $"""
            SELECT 'x' || CAST(i AS VARCHAR) AS activity_id, 'p' || CAST(1 + i % 3 AS VARCHAR) AS person_id, 'gp_appointment' AS setting,
                   'R1' AS provider_code, DATE '2024-01-01' AS start_date, NULL AS end_date, NULL AS primary_diagnosis, 30 AS cost_gbp
            FROM range({ActivityRows}) t(i)
            """,
            Path.Combine(_folder.Data, "activity.csv"), "csv"));
    }

    public void Dispose() => _folder.Dispose();
}

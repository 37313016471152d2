using System.CommandLine;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;

namespace Strata.Cli.Infrastructure;

/// <summary>Options shared by every command; create fresh instances per command (System.CommandLine owns them).</summary>
public static class CommonOptions
{
    public static Option<string> Workspace() => new("--workspace", "-w")
    {
        Description = "Workspace holding the ICB's data and everything derived from it: a DuckDB file, or a PostgreSQL/Citus " +
            "database as postgresql://user@host:port/db.",
        Required = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Write machine-readable JSON to stdout." };

    /// <summary>Disclosure control is on by default; switching it off is explicit and stated in the output.</summary>
    public static Option<bool> NoDisclosure() => new("--no-disclosure-control")
    {
        Description = "Release unrounded, unsuppressed figures (for internal validation only; the output says so).",
    };

    public static Option<string?> MemoryLimit() => new("--memory-limit") { Description = "Engine memory limit, e.g. 6GB." };

    public static Option<int?> Threads() => new("--threads") { Description = "Engine worker threads (default: all cores)." };

    /// <summary>Financial years of synthetic activity (generate, demo).</summary>
    public static Option<int> SyntheticYears(int defaultYears = Strata.Data.Foundation.Synthetic.SyntheticDefaults.Years)
    {
        var years = new Option<int>("--years") { Description = "Financial years of activity to generate, from April 2022.", DefaultValueFactory = _ => defaultYears };
        years.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10)
            {
                r.AddError("--years must be between 1 and 10.");
            }
        });
        return years;
    }

    public static DisclosurePolicy Disclosure(bool off) => off ? DisclosurePolicy.Off : DisclosurePolicy.Default;

    /// <summary>Opens the workspace a --workspace value names (one factory for every command: Workspace.Open).</summary>
    public static Workspace OpenWorkspace(string workspace, string? memoryLimit = null, int? threads = null) =>
        Strata.Data.Foundation.Workspace.Open(workspace, new EngineSettings(memoryLimit, threads, TempDirectory(workspace)));

    public static Workspace OpenWorkspace(FileInfo file, string? memoryLimit = null, int? threads = null) =>
        OpenWorkspace(file.FullName, memoryLimit, threads);

    // DuckDB spills next to the workspace, not in /tmp, so large runs use the workspace's disk.
    private static string? TempDirectory(string workspace) =>
        PostgresEngine.IsUri(workspace) ? null : Path.GetFullPath(workspace) + ".tmp";
}

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

    /// <summary>A date option read as text, so <see cref="Strata.Domain.Foundation.ReferenceDate"/> parses it with its one message
    /// (System.CommandLine's own DateOnly parsing would print .NET internals and the whole help).</summary>
    public static Option<string?> Date(string name, string description) => new(name) { Description = description };

    /// <summary>The reference date the option gives, refused outside the data's span; the end of the data when not given.</summary>
    public static DateOnly ReferenceDate(ParseResult r, Option<string?> option, IEngine engine) =>
        ActivitySpan.Resolve(engine, r.GetValue(option), option.Name);

    /// <summary>The date the option gives, checked against the data's span; null when not given.</summary>
    public static DateOnly? GivenDate(ParseResult r, Option<string?> option, IEngine engine) =>
        Strata.Domain.Foundation.ReferenceDate.ParseOptional(r.GetValue(option), option.Name) is { } d
            ? ActivitySpan.Resolve(engine, d, option.Name)
            : null;

    public static DisclosurePolicy Disclosure(bool off) => off ? DisclosurePolicy.Off : DisclosurePolicy.Default;

    /// <summary>
    /// Opens the workspace a --workspace value names: a DuckDB file or a PostgreSQL/Citus URI (one factory for every
    /// command: Workspace.Open). Only the commands that make one (import, demo) pass <paramref name="create"/>, so a
    /// mistyped file path is refused instead of becoming an empty workspace. A workspace held by another process (DuckDB
    /// allows one writer per file, e.g. `strata serve`) or one the engine cannot open is a one-line error, exit 2.
    /// </summary>
    public static Workspace OpenWorkspace(string workspace, string? memoryLimit = null, int? threads = null, bool create = false)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (!create)
        {
            RequireWorkspace(workspace);
        }
        try
        {
            return Strata.Data.Foundation.Workspace.Open(workspace, new EngineSettings(memoryLimit, threads, TempDirectory(workspace)));
        }
        catch (System.Data.Common.DbException e)
        {
            throw new StrataValidationException("--workspace", EngineRefusal(workspace, e));
        }
        catch (EngineException e)
        {
            throw new StrataValidationException("--workspace", EngineRefusal(workspace, e));
        }
        catch (InvalidOperationException e) when (e.InnerException is System.Data.Common.DbException inner)
        {
            // The engine's own wording of a lock held by another process.
            throw new StrataValidationException("--workspace", EngineRefusal(workspace, inner));
        }
    }

    public static Workspace OpenWorkspace(FileInfo file, string? memoryLimit = null, int? threads = null, bool create = false)
    {
        ArgumentNullException.ThrowIfNull(file);
        return OpenWorkspace(file.FullName, memoryLimit, threads, create);
    }

    /// <summary>Refuses a workspace file with no file behind it (a command other than import and demo never creates one).
    /// A server URI is checked by connecting.</summary>
    public static void RequireWorkspace(string workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (!PostgresEngine.IsUri(workspace) && !File.Exists(workspace))
        {
            throw new StrataValidationException("--workspace", $"{Path.GetFullPath(workspace)} does not exist; `strata import` or `strata demo` creates a workspace.");
        }
    }

    public static void RequireWorkspace(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        RequireWorkspace(file.FullName);
    }

    /// <summary>The engine's reason for not opening a workspace, in one line (its messages can run to many). A server
    /// URI is named without its password.</summary>
    public static string EngineRefusal(string workspace, Exception e)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(e);
        var name = PostgresEngine.IsUri(workspace) ? PostgresEngine.Redact(workspace) : Path.GetFullPath(workspace);
        if (e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            return $"{name} is in use by another process (is `strata serve` running on it?); stop that process or use another workspace.";
        }
        return $"the engine cannot open {name}: {e.Message.Split('\n', 2)[0].Trim()}";
    }

    public static string EngineRefusal(FileInfo file, Exception e)
    {
        ArgumentNullException.ThrowIfNull(file);
        return EngineRefusal(file.FullName, e);
    }

    // DuckDB spills next to the workspace, not in /tmp, so large runs use the workspace's disk.
    private static string? TempDirectory(string workspace) =>
        PostgresEngine.IsUri(workspace) ? null : Path.GetFullPath(workspace) + ".tmp";
}

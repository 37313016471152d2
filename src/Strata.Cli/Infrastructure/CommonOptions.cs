using System.CommandLine;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;

namespace Strata.Cli.Infrastructure;

/// <summary>Options shared by every command; create fresh instances per command (System.CommandLine owns them).</summary>
public static class CommonOptions
{
    public static Option<FileInfo> Workspace() => new("--workspace", "-w")
    {
        Description = "Workspace file (DuckDB) holding the ICB's data and everything derived from it.",
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

    public static Workspace OpenWorkspace(FileInfo file, string? memoryLimit = null, int? threads = null) =>
        Strata.Data.Foundation.Workspace.Open(file.FullName, new EngineSettings(memoryLimit, threads, TempDirectory(file)));

    // Spill next to the workspace, not in /tmp, so large runs use the workspace's disk.
    private static string TempDirectory(FileInfo file) => file.FullName + ".tmp";
}

namespace Strata.Web.Infrastructure;

/// <summary>
/// The only server files the web reads on a client's say-so, chosen by name, never by path: intervention files from
/// the configured library folder and import folders from the configured inbox. Names with a path in them are refused,
/// reads are bounded in size, and the workspace file is never an input (opening it would drop the server's lock).
/// </summary>
public static class ServerFiles
{
    /// <summary>Largest intervention file read (they are a few kB; a bigger one is a mistake or an attack).</summary>
    public const long MaxInterventionBytes = 1_000_000;

    /// <summary>The intervention library, or one file in it by name; 400 for a path or a file not in the library.</summary>
    public static string Interventions(StrataWebOptions options, string? name)
    {
        ArgumentNullException.ThrowIfNull(options);
        var library = options.InterventionsFolder
            ?? throw new ArgumentException("The server has no intervention library configured.", "interventions");
        var chosen = string.IsNullOrWhiteSpace(name) ? library : Within(library, name.Trim(), "interventions", isFolder: false);
        var files = Directory.Exists(chosen) ? Directory.GetFiles(chosen, "*.json") : [chosen];
        foreach (var f in files)
        {
            NotTheWorkspace(options, f, "interventions");
            if (new FileInfo(f).Length > MaxInterventionBytes)
            {
                throw new ArgumentException($"interventions: {Path.GetFileName(f)} is larger than {MaxInterventionBytes:N0} bytes.", "interventions");
            }
        }
        return chosen;
    }

    /// <summary>The import inbox: the configured folder, else "inbox" next to the workspace.</summary>
    public static string Inbox(StrataWebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.GetFullPath(options.ImportInbox ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.WorkspacePath))!, "inbox"));
    }

    /// <summary>A folder of the inbox by name; 400 for a path or a folder the inbox does not have.</summary>
    public static string ImportFolder(StrataWebOptions options, string? name)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("directory: give the name of a folder in the server's import inbox.", "directory");
        }
        var folder = Within(Inbox(options), name.Trim(), "directory", isFolder: true);
        foreach (var f in Directory.GetFiles(folder))
        {
            NotTheWorkspace(options, f, "directory");
        }
        return folder;
    }

    private static string Within(string root, string name, string field, bool isFolder)
    {
        if (name.IndexOfAny(['/', '\\']) >= 0 || name is "." or ".." || Path.IsPathRooted(name) || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{field}: give a name from the server's {(isFolder ? "import inbox" : "intervention library")}, not a path.", field);
        }
        var full = Path.Combine(root, name);
        if (isFolder ? !Directory.Exists(full) : !File.Exists(full))
        {
            throw new ArgumentException($"{field}: the server's {(isFolder ? "import inbox has no folder" : "intervention library has no file")} '{name}'.", field);
        }
        return full;
    }

    private static void NotTheWorkspace(StrataWebOptions options, string file, string field)
    {
        var workspace = Path.GetFullPath(options.WorkspacePath);
        var full = Path.GetFullPath(file);
        if (full == workspace || full.StartsWith(workspace + ".", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{field}: the workspace itself is never an input.", field);
        }
    }
}

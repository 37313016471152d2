using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Strata.Data.Foundation.Import;

/// <summary>One file of a source extract: its name in the import folder and the columns the mapping reads.</summary>
public sealed record SourceFile(string File, IReadOnlyList<string> Columns)
{
    /// <summary>False for a file the extract may leave out; its passes then load nothing.</summary>
    public bool Required { get; init; } = true;

    /// <summary>Columns that may be absent from the file (read as empty).</summary>
    public IReadOnlyList<string> Optional { get; init; } = [];

    /// <summary>Columns computed over the whole file when it is read (e.g. an episode's rank within its spell), as SQL with tokens.</summary>
    public IReadOnlyDictionary<string, string> Derive { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// Source rows that are deliberately not format v1 rows (e.g. outpatient appointments the patient did not attend):
/// written to their own workspace table and counted in the import's notes, so nothing is dropped silently.
/// </summary>
public sealed record SideTable(string Table, string From, string Where, IReadOnlyDictionary<string, string> Columns, string Note)
{
    /// <summary>
    /// Set to <c>activity</c> for a table of details of activity rows (keyed by <c>activity_id</c>, e.g. an APC
    /// spell's procedure and HRG): after the load, rows whose activity row was rejected are removed.
    /// </summary>
    public string? Of { get; init; }
}

/// <summary>
/// One derivation: rows of a format v1 table from one source file. Column expressions are SQL over the source row
/// <c>s</c> (every column trimmed text, empty = NULL) with tokens: <c>{COL}</c> a source column,
/// <c>{map:NAME:COL}</c> the column through value map NAME (unmapped values pass through, so the v1 rules reject them
/// by name), <c>{lookup:NAME:COL}</c> the column looked up in a user-supplied lookup file, <c>{date:COL}</c> an ISO
/// date-time reduced to its date (anything else passes through to the strict date check).
/// </summary>
public sealed record TargetPass(string Table, string From, IReadOnlyDictionary<string, string> Columns)
{
    /// <summary>Optional SQL filter over the source row; rows it leaves out are not read by this pass.</summary>
    public string? Where { get; init; }

    /// <summary>
    /// For an activity pass: an SQL expression (with tokens) giving the HRG of the row, or <c>''</c> for none. When
    /// set, a row whose <c>cost_gbp</c> is empty is costed from the national price table (by HRG, else by setting)
    /// and recorded in <c>activity_cost_estimates</c>, rather than rejected as missing.
    /// </summary>
    public string? EstimateCostBy { get; init; }
}

/// <summary>
/// A declarative mapping from an extract's files to import format v1 (docs/import-mappings.md): the same validation,
/// rejects, reconciliation and atomicity then apply as to v1 files, with rejects naming the source file, line and column.
/// </summary>
public sealed record SourceMapping(string Format, string Version, IReadOnlyDictionary<string, SourceFile> Sources, IReadOnlyList<TargetPass> Targets)
{
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Values { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public IReadOnlyList<SideTable> Side { get; init; } = [];

    /// <summary>Lookups the mapping needs (name → what the file holds); each must be supplied as lookups/NAME.csv (key,value).</summary>
    public IReadOnlyDictionary<string, string> Lookups { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Other built-in mappings this one builds on (e.g. <c>gp</c>: practices, providers, registrations and coded
    /// events give the registered population every activity extract refers to). Their sources, passes, side tables,
    /// lookups and value maps come first; a mapping's own value map entries win.
    /// </summary>
    public IReadOnlyList<string> Include { get; init; } = [];
}

/// <summary>A user's local variant: columns renamed per source file (their name → the mapping's) and value maps overridden.</summary>
public sealed record MappingOverride
{
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Rename { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Values { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();
}

/// <summary>The built-in mappings (embedded JSON) and loading of a user's override file.</summary>
public static class SourceMappings
{
    public const string Strata = "strata";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Formats accepted by <c>--from</c>: <c>strata</c> (format v1 itself) and every embedded mapping.</summary>
    public static IReadOnlyList<string> Formats { get; } =
        [Strata, .. Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(n => n.StartsWith("mappings/", StringComparison.Ordinal)).Select(n => n["mappings/".Length..^".json".Length]).Order()];

    /// <summary>True for <c>strata</c>, a built-in mapping, or several mappings joined by <c>+</c> (e.g. <c>sus+community</c>).</summary>
    public static bool IsKnown(string format) =>
        format == Strata || (format.Length > 0 && format.Split('+').All(f => f != Strata && Formats.Contains(f)));

    /// <summary>
    /// A built-in mapping with everything it includes, or several joined by <c>+</c> (one import of an ICB's SUS,
    /// community, mental health and prescribing extracts: <c>sus+community+mental-health+prescribing</c>).
    /// A mapping included twice (every activity extract includes <c>gp</c>) is taken once.
    /// </summary>
    public static SourceMapping Get(string format)
    {
        if (!IsKnown(format) || format == Strata)
        {
            throw new ArgumentException($"unknown import format '{format}' (one of: {string.Join(", ", Formats)}, or several joined by +)", nameof(format));
        }
        var parts = new List<SourceMapping>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in format.Split('+'))
        {
            Collect(name, seen, parts);
        }
        var named = format.Split('+').Select(f => parts.Single(p => p.Format == f)).ToList();
        return parts.Aggregate((a, b) => Merge(a, b)) with
        {
            // One mapping keeps its name and version (sus, v1); a combination names each with its version.
            Format = named.Count == 1 ? named[0].Format : string.Join("+", named.Select(p => $"{p.Format}-{p.Version}")),
            Version = named.Count == 1 ? named[0].Version : "",
            Include = [],
        };
    }

    private static void Collect(string name, HashSet<string> seen, List<SourceMapping> parts)
    {
        if (!seen.Add(name))
        {
            return;
        }
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"mappings/{name}.json")
            ?? throw new InvalidOperationException($"Mapping '{name}' is not embedded in Strata.Data.");
        var mapping = JsonSerializer.Deserialize<SourceMapping>(stream, Json)!;
        foreach (var included in mapping.Include)
        {
            Collect(included, seen, parts);
        }
        parts.Add(mapping);
    }

    /// <summary>Two mappings as one; a source name may be declared once only, and value maps are merged (later entries win).</summary>
    private static SourceMapping Merge(SourceMapping a, SourceMapping b)
    {
        var sources = new Dictionary<string, SourceFile>(a.Sources);
        foreach (var (name, file) in b.Sources)
        {
            if (!sources.TryAdd(name, file))
            {
                throw new InvalidOperationException($"Mappings {a.Format} and {b.Format} both declare the source '{name}'.");
            }
        }
        var values = Overlay(a.Values, b.Values);
        var lookups = new Dictionary<string, string>(a.Lookups);
        foreach (var (name, what) in b.Lookups)
        {
            lookups.TryAdd(name, what);
        }
        return a with
        {
            Format = a.Format + "+" + b.Format,
            Sources = sources,
            Targets = [.. a.Targets, .. b.Targets],
            Side = [.. a.Side, .. b.Side],
            Values = values,
            Lookups = lookups,
        };
    }

    /// <summary>Value maps with <paramref name="top"/>'s entries laid over <paramref name="bottom"/>'s (top wins; other entries kept).</summary>
    private static Dictionary<string, IReadOnlyDictionary<string, string>> Overlay(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> bottom, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> top)
    {
        var values = bottom.ToDictionary(v => v.Key, v => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(v.Value));
        foreach (var (name, map) in top)
        {
            var merged = new Dictionary<string, string>(values.GetValueOrDefault(name) ?? new Dictionary<string, string>());
            foreach (var (k, v) in map)
            {
                merged[k] = v;
            }
            values[name] = merged;
        }
        return values;
    }

    /// <summary>Reads a user's mapping override file; a malformed file is an input error naming it.</summary>
    public static MappingOverride ReadOverride(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, 0, null, "mapping file not found");
        }
        try
        {
            return JsonSerializer.Deserialize<MappingOverride>(File.ReadAllText(path), Json) ?? new MappingOverride();
        }
        catch (JsonException e)
        {
            throw new InputException(path, (e.LineNumber ?? -1) + 1, e.Path, "not a valid mapping file: " + e.Message.Split(" Path:")[0]);
        }
    }

    /// <summary>The mapping with a user's value maps laid over its own (their entries win; others are kept).</summary>
    public static SourceMapping With(this SourceMapping mapping, MappingOverride? user)
    {
        if (user is null)
        {
            return mapping;
        }
        return mapping with { Values = Overlay(mapping.Values, user.Values) };
    }
}

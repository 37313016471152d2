using System.Reflection;
using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Data.Understand.Pathways;

/// <summary>
/// Versioned pathway definitions: the files in pathways/ (embedded in Strata.Data, like the codelists), or a folder
/// of the same JSON format. A change to a pathway is a new file version (*.v2.json), never an edit in place.
/// Every problem names the file and the JSON path of the field.
/// </summary>
public static class PathwayFiles
{
    /// <summary>The shipped definitions, in id order.</summary>
    public static IReadOnlyList<PathwayDefinition> Shipped { get; } = LoadShipped();

    /// <summary>A shipped definition by id; ArgumentException listing the ids when there is none.</summary>
    public static PathwayDefinition Find(string id, IReadOnlyList<PathwayDefinition>? from = null)
    {
        var list = from ?? Shipped;
        return list.FirstOrDefault(p => p.Id == id)
            ?? throw new ArgumentException($"No pathway '{id}'; defined: {string.Join(", ", list.Select(p => p.Id))}.");
    }

    /// <summary>Every *.json in a folder, in name order; ids must be unique.</summary>
    public static IReadOnlyList<PathwayDefinition> Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new InputException(folder, 0, null, "pathway folder not found");
        }
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new InputException(folder, 0, null, "folder has no *.json pathway files");
        }
        return Unique(files.Select(f => (f, Parse(JsonInput.Read(f)))));
    }

    public static PathwayDefinition Parse(JsonInput json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.Only("id", "version", "name", "source", "source_url", "cohort", "stages");
        var cohort = json.Required("cohort").Only("conditions", "min_age", "max_age", "segments");
        var definition = new PathwayDefinition(
            json.Required("id").String(),
            json.Required("version").String(),
            json.Required("name").String(),
            json.Required("source").String(),
            json.Required("source_url").String(),
            new PathwayCohort(
                [.. cohort.Required("conditions").Items().Select(c => c.String())],
                cohort.Optional("min_age")?.Integer(0, 150) ?? 0,
                cohort.Optional("max_age")?.Integer(0, 150),
                cohort.Optional("segments") is { } seg ? [.. seg.Items().Select(s => s.String())] : null),
            [.. json.Required("stages").Items().Select(s =>
            {
                s.Only("id", "name", "settings", "diagnoses", "procedures", "escalation");
                return new PathwayStage(
                    s.Required("id").String(),
                    s.Required("name").String(),
                    [.. s.Required("settings").Items().Select(x => x.String())],
                    s.Optional("diagnoses") is { } d ? [.. d.Items().Select(x => x.String())] : [],
                    s.Optional("escalation") is { } e ? e.Element.ValueKind == System.Text.Json.JsonValueKind.True
                        || (e.Element.ValueKind == System.Text.Json.JsonValueKind.False ? false : throw e.Fail("expected true or false")) : false,
                    s.Optional("procedures") is { } pr ? [.. pr.Items().Select(x => x.String())] : null);
            })]);
        try
        {
            definition.Validate([.. Codelists.Conditions.Select(c => c.Condition)], [.. Vocabulary.Settings], [.. InterventionFiles.Segments]);
        }
        catch (ArgumentException e)
        {
            // Validate names the field first ("stages[2].settings: ..."); keep it as a JSON path.
            var colon = e.Message.IndexOf(": ", StringComparison.Ordinal);
            throw new InputException(json.File, 0, colon > 0 ? "$." + e.Message[..colon] : null, colon > 0 ? e.Message[(colon + 2)..] : e.Message);
        }
        return definition;
    }

    /// <summary>Every shipped file version, in file name order (pathways/ keeps the old versions a stored result may name).</summary>
    public static IReadOnlyList<PathwayDefinition> AllShippedVersions { get; } = ReadShipped().Select(x => x.Definition).ToList();

    /// <summary>The latest version of each shipped pathway (v2 supersedes v1; versions compare by number).</summary>
    private static List<PathwayDefinition> LoadShipped() =>
        Unique(ReadShipped().GroupBy(x => x.Definition.Id)
            .Select(g => g.OrderByDescending(x => VersionNumber(x.File, x.Definition.Version)).First()));

    private static List<(string File, PathwayDefinition Definition)> ReadShipped()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith("pathways/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        return [.. names.Select(n =>
        {
            using var stream = assembly.GetManifestResourceStream(n)!;
            using var reader = new StreamReader(stream);
            return (n, Parse(JsonInput.Parse(n, reader.ReadToEnd())));
        })];
    }

    private static int VersionNumber(string file, string version) =>
        version.Length > 1 && version[0] == 'v' && int.TryParse(version.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new InputException(file, 0, "$.version", $"'{version}' is not a version (v1, v2, …)");

    private static List<PathwayDefinition> Unique(IEnumerable<(string File, PathwayDefinition Definition)> parsed)
    {
        var list = new List<PathwayDefinition>();
        foreach (var (file, d) in parsed)
        {
            if (list.Any(x => x.Id == d.Id))
            {
                throw new InputException(file, 0, "$.id", $"pathway id '{d.Id}' is defined twice");
            }
            list.Add(d);
        }
        return [.. list.OrderBy(p => p.Id, StringComparer.Ordinal)];
    }
}

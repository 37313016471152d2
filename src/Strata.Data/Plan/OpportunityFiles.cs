using System.Reflection;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Plan;

/// <summary>
/// Opportunity definitions: versioned JSON files, one per file (docs/plan.md "Opportunities"). The library shipped in
/// opportunities/ is embedded in Strata.Data; a folder of one's own can replace it. Errors name file and JSON path.
/// </summary>
public static class OpportunityFiles
{
    private const string ResourcePrefix = "opportunities/";

    /// <summary>The shipped library, in file-name order.</summary>
    public static IReadOnlyList<OpportunityDefinition> Library { get; } = LoadLibrary();

    /// <summary>Every *.json in a folder (name order) or one file; ids must be unique.</summary>
    public static IReadOnlyList<OpportunityDefinition> Load(string path)
    {
        var files = Directory.Exists(path) ? Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList() : [path];
        if (files.Count == 0)
        {
            throw new InputException(path, 0, null, "folder has no *.json opportunity files");
        }
        return Unique(files.Select(f => (f, Parse(JsonInput.Read(f)))));
    }

    public static OpportunityDefinition Parse(JsonInput json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.Only("id", "name", "version", "description", "source", "setting", "per_setting", "criteria", "receiving");
        var source = json.Required("source").Only("title", "url");
        var definition = new OpportunityDefinition(
            json.Required("id").String(),
            json.Required("name").String(),
            json.Required("version").String(),
            new OpportunitySource(source.Required("title").String(), source.Required("url").String()),
            json.Required("setting").OneOf(Vocabulary.Settings.ToArray()),
            Criteria(json.Optional("criteria")),
            json.Optional("per_setting")?.OneOf(Vocabulary.Settings.ToArray()),
            Receiving(json.Optional("receiving")),
            json.Optional("description")?.String());
        if (definition.Validate() is { } problem)
        {
            var colon = problem.IndexOf(": ", StringComparison.Ordinal);
            throw new InputException(json.File, 0, problem[..colon], problem[(colon + 2)..]);
        }
        return definition;
    }

    private static OpportunityCriteria Criteria(JsonInput? c)
    {
        if (c is null)
        {
            return OpportunityCriteria.None;
        }
        c.Only("diagnoses", "min_age", "max_age", "max_length_of_stay_days", "death_within_days", "readmission_within_days",
            "min_events_per_person", "not_followed_by", "conditions");
        var notFollowed = c.Optional("not_followed_by")?.Only("setting", "within_days");
        var conditions = Codelists.Conditions.Select(x => x.Condition).ToArray();
        return new OpportunityCriteria(
            c.Optional("diagnoses")?.Items().Select(d => d.String().Replace(".", "", StringComparison.Ordinal).ToUpperInvariant()).ToList() ?? [],
            c.Optional("min_age")?.Integer(0, 120),
            c.Optional("max_age")?.Integer(0, 120),
            c.Optional("max_length_of_stay_days")?.Integer(0, 365),
            c.Optional("death_within_days")?.Integer(0, 3650),
            c.Optional("readmission_within_days")?.Integer(0, 365),
            c.Optional("min_events_per_person")?.Integer(1, 1000),
            notFollowed?.Required("setting").OneOf(Vocabulary.Settings.ToArray()),
            notFollowed?.Required("within_days").Integer(0, 365) ?? 0,
            c.Optional("conditions")?.Items().Select(x => x.OneOf(conditions)).ToList());
    }

    private static OpportunityReceiving? Receiving(JsonInput? r)
    {
        if (r is null)
        {
            return null;
        }
        r.Only("setting", "units_per_event");
        return new OpportunityReceiving(r.Required("setting").OneOf(Vocabulary.Settings.ToArray()), r.Optional("units_per_event")?.Number(0, 100) ?? 1);
    }

    private static IReadOnlyList<OpportunityDefinition> Unique(IEnumerable<(string File, OpportunityDefinition Definition)> items)
    {
        var list = new List<OpportunityDefinition>();
        foreach (var (file, d) in items)
        {
            if (list.Any(x => x.Id == d.Id))
            {
                throw new InputException(file, 0, "$.id", $"opportunity id '{d.Id}' is defined twice");
            }
            list.Add(d);
        }
        return list;
    }

    private static IReadOnlyList<OpportunityDefinition> LoadLibrary()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return Unique(assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (n, Parse(JsonInput.Parse(n, reader.ReadToEnd())));
            }));
    }
}

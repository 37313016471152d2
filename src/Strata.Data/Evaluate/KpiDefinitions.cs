using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Strata.Data.Foundation;
using Strata.Domain.Evaluate;
using Strata.Domain.Foundation;

namespace Strata.Data.Evaluate;

/// <summary>Loads a versioned KPI definitions file (JSON, snake_case) or the shipped default set kpis.v1.json.</summary>
public static class KpiDefinitions
{
    public const string DefaultName = "kpis.v1.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static KpiSet Default()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"evaluate/{DefaultName}")
            ?? throw new InvalidOperationException($"{DefaultName} is not embedded in Strata.Data.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), DefaultName);
    }

    public static KpiSet Read(string path) =>
        File.Exists(path) ? Parse(File.ReadAllText(path), path) : throw new InputException(path, 0, null, "file not found");

    public static KpiSet Parse(string json, string name)
    {
        KpiSet? set;
        try
        {
            set = JsonSerializer.Deserialize<KpiSet>(json, Options);
        }
        catch (JsonException e)
        {
            throw new InputException(name, (e.LineNumber ?? 0) + 1, e.Path, e.Message);
        }
        if (set is null)
        {
            throw new InputException(name, 1, null, "empty definitions");
        }
        Validate(set, name);
        return set;
    }

    private static void Validate(KpiSet set, string file)
    {
        if (string.IsNullOrWhiteSpace(set.Version))
        {
            throw new InputException(file, 0, "version", "a definitions file must carry a version");
        }
        var conditions = Codelists.Conditions.Select(c => c.Condition).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < set.Kpis.Count; i++)
        {
            var k = set.Kpis[i];
            void Check(bool ok, string field, string reason)
            {
                if (!ok)
                {
                    throw new InputException(file, 0, $"kpis[{i}].{field}", $"KPI '{k.Name}': {reason}");
                }
            }
            Check(!string.IsNullOrWhiteSpace(k.Name) && seen.Add(k.Name), "name", "names must be present and unique");
            Check(k.Per > 0, "per", "must be positive");
            var n = k.Numerator;
            if (n.Kind is NumeratorKind.Activity or NumeratorKind.BedDays)
            {
                Check(n.Settings.Count > 0, "numerator.settings", "needs at least one setting");
                var allowed = n.Kind == NumeratorKind.BedDays ? Vocabulary.AdmittedSettings : Vocabulary.Settings;
                Check(n.Settings.All(allowed.Contains), "numerator.settings", $"settings must be among {string.Join(", ", allowed)}");
            }
            else
            {
                Check(n.Condition is not null && conditions.Contains(n.Condition), "numerator.condition", "needs a condition from the codelist");
            }
            Check(n.DiagnosisPrefixes.All(p => p.Length > 0 && p.All(char.IsAsciiLetterOrDigit)), "numerator.diagnosis_prefixes", "ICD-10 prefixes are letters and digits without dots");
            Check(k.Denominator.Kind == DenominatorKind.Registered || (k.Denominator.Condition is not null && conditions.Contains(k.Denominator.Condition)),
                "denominator.condition", "needs a condition from the codelist");
            var c = k.Cohort;
            Check(c.MinAge is null || c.MaxAge is null || c.MinAge <= c.MaxAge, "cohort", "min_age must not exceed max_age");
            Check(c.Sexes.All(Vocabulary.Sexes.Contains), "cohort.sexes", "sexes are F, M or U");
            Check(c.ImdQuintiles.All(q => q is >= 1 and <= 5), "cohort.imd_quintiles", "quintiles are 1 to 5");
        }
    }
}

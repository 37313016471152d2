using System.Globalization;
using System.Reflection;
using Strata.Data.Engine;
using Strata.Domain.Foundation;

namespace Strata.Data.Foundation;

/// <summary>The versioned condition vocabulary and ICD-10 mappings shipped in codelists/.</summary>
public static class Codelists
{
    public const string Version = "v1";

    public static IReadOnlyList<ConditionDefinition> Conditions { get; } = ReadConditions();

    /// <summary>(condition, ICD-10 prefix without dot) pairs.</summary>
    public static IReadOnlyList<(string Condition, string Prefix)> Icd10Prefixes { get; } =
        [.. ReadCsv($"condition-icd10.{Version}.csv").Select(f => (f[0], f[1]))];

    /// <summary>(Re)writes the codelist tables into a workspace so SQL can join to them.</summary>
    public static void Install(IEngine engine)
    {
        engine.InTransaction(() =>
        {
            foreach (var table in new[] { Tables.CodelistConditions, Tables.CodelistIcd10 })
            {
                engine.Execute($"DROP TABLE IF EXISTS {table.Name}");
                engine.CreateTable(table);
            }
            using (var a = engine.Append("codelist_conditions"))
            {
                foreach (var c in Conditions)
                {
                    a.Row(c.Condition, c.WindowMonths, c.IsLongTermCondition, c.CmsGeneral, c.CmsMortality);
                }
            }
            using (var a = engine.Append("codelist_condition_icd10"))
            {
                foreach (var (condition, prefix) in Icd10Prefixes)
                {
                    a.Row(condition, prefix);
                }
            }
        });
    }

    private static List<ConditionDefinition> ReadConditions() =>
        [.. ReadCsv($"conditions.{Version}.csv").Select(f => new ConditionDefinition(
            f[0],
            f[1].Length == 0 ? null : int.Parse(f[1], CultureInfo.InvariantCulture),
            bool.Parse(f[2]),
            f[3].Length == 0 ? null : double.Parse(f[3], CultureInfo.InvariantCulture),
            f[4].Length == 0 ? null : double.Parse(f[4], CultureInfo.InvariantCulture)))];

    // The codelists are simple comma-separated files without quoting, checked by tests.
    private static IEnumerable<string[]> ReadCsv(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"codelists/{name}")
            ?? throw new InvalidOperationException($"Codelist '{name}' is not embedded in Strata.Data.");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                rows.Add(line.Split(','));
            }
        }
        return rows;
    }
}

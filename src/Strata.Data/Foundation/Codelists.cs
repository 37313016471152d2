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

    /// <summary>NHS programme budgeting categories (code, name) in code order; docs/pathways.md.</summary>
    public static IReadOnlyList<(string Code, string Name)> ProgrammeCategories { get; } =
        [.. ReadCsv($"programme-budget-categories.{Version}.csv", fields: 2).Select(f => (f[0], f[1]))];

    /// <summary>ICD-10 ranges per programme category: a diagnosis (dot removed) whose first length(from) characters lie in [from, to].</summary>
    public static IReadOnlyList<(string Category, string From, string To)> ProgrammeIcd10 { get; } =
        [.. ReadCsv($"programme-budget-icd10.{Version}.csv").Select(f => (f[0], f[1], f[2]))];

    /// <summary>Programme category of a setting's activity that has no mappable diagnosis.</summary>
    public static IReadOnlyList<(string Setting, string Category)> ProgrammeSettings { get; } =
        [.. ReadCsv($"programme-budget-settings.{Version}.csv").Select(f => (f[0], f[1]))];

    /// <summary>NHS England Evidence-Based Interventions: (id, list 1 or 2, settings, name); docs/pathways.md.</summary>
    public static IReadOnlyList<(string Id, int List, IReadOnlyList<string> Settings, string Name)> EbiInterventions { get; } =
        [.. ReadCsv($"ebi-interventions.{Version}.csv", fields: 4).Select(f =>
            (f[0], int.Parse(f[1], CultureInfo.InvariantCulture), (IReadOnlyList<string>)f[2].Split(';'), f[3]))];

    /// <summary>(EBI id, ICD-10 prefix without dot) pairs: the primary diagnoses an intervention is recognised by.</summary>
    public static IReadOnlyList<(string Id, string Prefix)> EbiIcd10 { get; } =
        [.. ReadCsv($"ebi-icd10.{Version}.csv").Select(f => (f[0], f[1]))];

    /// <summary>(Re)writes the EBI codelists (codelist_ebi: one row per intervention × setting × ICD-10 prefix).</summary>
    public static void InstallEbi(IEngine engine)
    {
        engine.InTransaction(() =>
        {
            engine.Execute($"DROP TABLE IF EXISTS {Tables.CodelistEbi.Name}");
            engine.CreateTable(Tables.CodelistEbi);
            using var a = engine.Append("codelist_ebi");
            foreach (var (id, list, settings, name) in EbiInterventions)
            {
                foreach (var setting in settings)
                {
                    foreach (var (_, prefix) in EbiIcd10.Where(x => x.Id == id))
                    {
                        a.Row(id, list, setting, prefix, name);
                    }
                }
            }
        });
    }

    /// <summary>(Re)writes the programme budgeting codelists (codelist_programme_*) so SQL can join to them.</summary>
    public static void InstallProgrammeBudget(IEngine engine)
    {
        engine.InTransaction(() =>
        {
            foreach (var table in new[] { Tables.ProgrammeCategories, Tables.ProgrammeIcd10, Tables.ProgrammeSettings })
            {
                engine.Execute($"DROP TABLE IF EXISTS {table.Name}");
                engine.CreateTable(table);
            }
            using (var a = engine.Append("codelist_programme_categories"))
            {
                foreach (var (code, name) in ProgrammeCategories)
                {
                    a.Row(code, name);
                }
            }
            using (var a = engine.Append("codelist_programme_icd10"))
            {
                foreach (var (category, from, to) in ProgrammeIcd10)
                {
                    a.Row(category, from[..1], from, to);
                }
            }
            using (var a = engine.Append("codelist_programme_settings"))
            {
                foreach (var (setting, category) in ProgrammeSettings)
                {
                    a.Row(setting, category);
                }
            }
        });
    }
    /// <summary>(condition, SNOMED CT concept id) pairs: a SNOMED-coded record maps when its code is one of these concepts.</summary>
    public static IReadOnlyList<(string Condition, string ConceptId)> SnomedConcepts { get; } =
        [.. ReadCsv($"condition-snomed.{Version}.csv").Select(f => (f[0], f[1]))];

    /// <summary>(Re)writes the codelist tables into a workspace so SQL can join to them.</summary>
    public static void Install(IEngine engine)
    {
        engine.InTransaction(() =>
        {
            foreach (var table in new[] { Tables.CodelistConditions, Tables.CodelistIcd10, Tables.CodelistSnomed })
            {
                engine.Execute($"DROP TABLE IF EXISTS {table.Name}");
                engine.CreateTable(table);
            }
            using (var a = engine.Append("codelist_condition_snomed"))
            {
                foreach (var (condition, concept) in SnomedConcepts)
                {
                    a.Row(condition, concept);
                }
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

    // The codelists are simple comma-separated files without quoting, checked by tests; with fields given, the last
    // field takes the rest of the line (a category name may contain commas).
    private static IEnumerable<string[]> ReadCsv(string name, int fields = int.MaxValue)
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
                rows.Add(line.Split(',', fields));
            }
        }
        return rows;
    }
}

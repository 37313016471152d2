using System.Globalization;
using Strata.Data.Foundation.Import;
using Strata.Data.Foundation.Synthetic;
using Strata.Web.Security;

namespace Strata.Web.Jobs;

/// <summary>The jobs the web can start. Stage runs (segmentation, scenarios) join here as their stages land.</summary>
public static class StandardJobs
{
    public const string Import = "import";
    public const string Demo = "demo";

    public static readonly IReadOnlyList<string> Kinds = [Import, Demo];

    /// <summary>Imports a folder of format v1 files already on the server.</summary>
    public static Job StartImport(JobQueue queue, WebUser user, string directory) =>
        queue.Enqueue(Import, directory, user.Name, (ws, progress) => Describe(Importer.Import(ws, directory, progress)));

    /// <summary>Generates a synthetic ICB into a scratch folder next to the workspace, then imports it.</summary>
    public static Job StartDemo(JobQueue queue, WebUser user, long people, ulong seed) =>
        queue.Enqueue(Demo, $"synthetic {people.ToString(CultureInfo.InvariantCulture)} people, seed {seed.ToString(CultureInfo.InvariantCulture)}", user.Name,
            (ws, progress) =>
            {
                var folder = ws.Location + ".demo-input";
                SyntheticIcbGenerator.Generate(new GeneratorOptions(people, seed, folder), (f, m) => progress(f * 0.5, m));
                return Describe(Importer.Import(ws, folder, (f, m) => progress(0.5 + f * 0.5, m)));
            });

    private static string Describe(ImportSummary s) => string.Create(CultureInfo.InvariantCulture,
        $"Imported {s.Files.Sum(f => f.Loaded):N0} rows; rejected {s.Files.Sum(f => f.Rejected):N0} (see {s.RejectsFile}).");
}

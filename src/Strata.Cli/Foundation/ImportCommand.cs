using System.CommandLine;
using System.Globalization;
using Strata.Cli.Infrastructure;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Foundation.Import;

namespace Strata.Cli.Foundation;

/// <summary>`strata import`: validated, atomic import of a folder of format v1 files.</summary>
public static class ImportCommand
{
    /// <summary>Import validates 60M activity rows in bounded memory; DuckDB spills the rest next to the workspace.</summary>
    public const string DefaultMemoryLimit = "4GB";

    public static Command Create()
    {
        var workspace = CommonOptions.Workspace();
        var dir = new Argument<DirectoryInfo>("dir") { Description = "Folder with practices, providers, people, conditions and activity files (.csv or .parquet)." };
        var rejects = new Option<FileInfo?>("--rejects") { Description = "Where to write rejected rows (default: <workspace>.rejects.csv)." };
        var from = new Option<string>("--from")
        {
            Description = $"Source format of the folder: {string.Join(", ", SourceMappings.Formats)}, or several extracts joined by + (e.g. sus+community+mental-health+prescribing); default strata: import format v1; others: docs/import-mappings.md.",
            DefaultValueFactory = _ => SourceMappings.Strata,
        };
        from.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!SourceMappings.IsKnown(value))
            {
                result.AddError($"--from: '{value}' is not one of {string.Join(", ", SourceMappings.Formats)} (or several of them joined by +)");
            }
        });
        var mapping = new Option<FileInfo?>("--mapping") { Description = "Mapping file (JSON) renaming columns and overriding value maps for a local variant of the extract." };
        var lookups = new Option<DirectoryInfo?>("--lookups") { Description = "Folder of lookup files the mapping needs (e.g. imd.csv: key,value)." };
        var json = CommonOptions.Json();
        var memory = CommonOptions.MemoryLimit();
        var threads = CommonOptions.Threads();
        var command = new Command("import", "Validate and import format v1 files into a workspace (all or nothing; rejected rows go to a rejects file).")
        {
            workspace, dir, from, mapping, lookups, rejects, json, memory, threads,
        };
        // CliErrors turns InputException (missing file or column) into a clear message and exit code 2.
        command.SetAction(r =>
        {
            var asJson = r.GetValue(json);
            var file = r.GetValue(workspace)!;
            // A DuckDB file that did not exist is removed again if the import fails; a server database is not.
            var isNew = !PostgresEngine.IsUri(file) && !File.Exists(file);
            ImportSummary summary;
            Workspace? opened = null;
            try
            {
                opened = CommonOptions.OpenWorkspace(file, r.GetValue(memory) ?? DefaultMemoryLimit, r.GetValue(threads), create: true);
                var options = new ImportOptions
                {
                    RejectsFile = r.GetValue(rejects)?.FullName,
                    Format = r.GetValue(from)!,
                    MappingFile = r.GetValue(mapping)?.FullName,
                    LookupsDirectory = r.GetValue(lookups)?.FullName,
                };
                summary = Output.WithProgress("Importing", asJson, p => Importer.Import(opened, r.GetValue(dir)!.FullName, options, p));
            }
            catch when (isNew)
            {
                // A failed import into a new workspace leaves nothing behind, not an empty workspace.
                opened?.Dispose();
                opened = null;
                foreach (var f in new[] { file, file + ".wal" })
                {
                    File.Delete(f);
                }
                throw;
            }
            using var ws = opened;
            var quality = QualityCommand.Run(ws, null);
            if (asJson)
            {
                Output.Json(new
                {
                    summary.Files, summary.RejectsFile, summary.RunId, summary.Rejected, summary.Format, summary.Notes,
                    Quality = new { Passed = quality.Count(c => c.Passed), Checks = quality.Count, Failing = quality.Where(c => !c.Passed).Select(c => c.Id) },
                });
                return 0;
            }
            Console.WriteLine($"Imported {summary.Format} into {ws.Location} (run {summary.RunId}); every row read is either loaded or rejected:");
            foreach (var f in summary.Files)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {f.File + (summary.Format == Importer.FormatVersion ? "" : " → " + f.Table),-20} read {f.Read,13:N0} = loaded {f.Loaded,13:N0} + rejected {f.Rejected,11:N0}"));
            }
            Console.WriteLine($"Rejected rows (file, line, field, reason, value): {summary.RejectsFile}");
            foreach (var note in summary.Notes)
            {
                Console.WriteLine("Note: " + note);
            }
            Console.WriteLine(QualityCommand.Summary(quality));
            Console.WriteLine("Row counts are reconciliation totals for the data owner, not statistics, so they are not rounded or suppressed.");
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using Strata.Cli.Infrastructure;
using Strata.Data.Foundation.Import;

namespace Strata.Cli.Foundation;

/// <summary>`strata import`: validated, atomic import of a folder of format v1 files.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var workspace = CommonOptions.Workspace();
        var dir = new Argument<DirectoryInfo>("dir") { Description = "Folder with practices, providers, people, conditions and activity files." };
        var json = CommonOptions.Json();
        var memory = CommonOptions.MemoryLimit();
        var threads = CommonOptions.Threads();
        var command = new Command("import", "Validate and import format v1 files into a workspace.") { workspace, dir, json, memory, threads };
        command.SetAction(r =>
        {
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(workspace)!, r.GetValue(memory), r.GetValue(threads));
            var summary = Output.WithProgress("Importing", r.GetValue(json), p => Importer.Import(ws, r.GetValue(dir)!.FullName, p));
            if (r.GetValue(json))
            {
                Output.Json(summary);
            }
            else
            {
                foreach (var f in summary.Files)
                {
                    Console.WriteLine($"{f.Table,-10} read {f.Read,12:N0} = loaded {f.Loaded,12:N0} + rejected {f.Rejected,10:N0}   ({f.File})");
                }
                Console.WriteLine($"Rejected rows with file, line, field and reason: {summary.RejectsFile}");
            }
            return 0;
        });
        return command;
    }
}

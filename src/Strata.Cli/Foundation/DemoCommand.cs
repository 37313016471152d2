using System.CommandLine;
using Strata.Cli.Deliver;
using Strata.Cli.Evaluate;
using Strata.Cli.Infrastructure;
using Strata.Cli.Plan;
using Strata.Cli.Understand;
using Strata.Data.Foundation.Import;
using Strata.Data.Foundation.Synthetic;

namespace Strata.Cli.Foundation;

/// <summary>`strata demo`: generate a synthetic ICB, import it, run every stage and print a summary.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var people = new Option<long>("--people") { Description = "Size of the demo ICB.", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 42 };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Output folder.", DefaultValueFactory = _ => new DirectoryInfo("out/demo") };
        // Four years, so the risk model's temporal validation has the prior 12-24 months of features at its training
        // date (train at D-24m, test at D-12m); with three, those columns are empty at training and left out.
        var years = CommonOptions.SyntheticYears(defaultYears: 4);
        var command = new Command("demo", "Generate a synthetic ICB, import it, run every stage and print a summary.") { people, seed, outDir, years };
        command.SetAction(r =>
        {
            var root = r.GetValue(outDir)!;
            var data = Path.Combine(root.FullName, "data");
            var wsFile = new FileInfo(Path.Combine(root.FullName, "strata.duckdb"));
            if (wsFile.Exists)
            {
                wsFile.Delete();
            }
            var options = new GeneratorOptions(r.GetValue(people), r.GetValue(seed), data) { Years = r.GetValue(years) };
            var generated = Output.WithProgress("Generating", false, p => SyntheticIcbGenerator.Generate(options, p));
            Console.WriteLine($"Generated {generated.People:N0} people, {generated.Activity:N0} activity rows.");
            using var ws = CommonOptions.OpenWorkspace(wsFile);
            // The demo imports through the SUS mapping (the path real extracts take), from SUS-shaped files rewritten
            // from the generated ones; the round-trip test shows both paths give the same people, segments and spend.
            var sus = Path.Combine(root.FullName, "sus");
            SusExtract.Write(data, sus);
            var importOptions = new ImportOptions { Format = "sus", LookupsDirectory = Path.Combine(sus, SusExtract.LookupsFolder) };
            var summary = Output.WithProgress("Importing (SUS-shaped extracts)", false, p => Importer.Import(ws, sus, importOptions, p));
            foreach (var f in summary.Files)
            {
                Console.WriteLine($"  {f.File + " → " + f.Table,-32} read {f.Read,12:N0} = loaded {f.Loaded,12:N0} + rejected {f.Rejected,8:N0}");
            }
            Console.WriteLine(QualityCommand.Summary(QualityCommand.Run(ws, options.DataEnd)));
            var context = new DemoContext(ws, root, options.DataEnd, CommonOptions.Disclosure(false));
            UnderstandCommands.Demo(context);
            PlanCommands.Demo(context);
            DeliverCommands.Demo(context);
            EvaluateCommands.Demo(context);
            foreach (var (stage, line) in context.Summary)
            {
                Console.WriteLine($"[{stage}] {line}");
            }
            Console.WriteLine(context.Disclosure.Statement);
            Console.WriteLine($"Workspace: {wsFile.FullName}");
            return 0;
        });
        return command;
    }
}

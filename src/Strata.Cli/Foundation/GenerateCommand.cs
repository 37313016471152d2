using System.CommandLine;
using Strata.Cli.Infrastructure;
using Strata.Data.Foundation.Synthetic;

namespace Strata.Cli.Foundation;

/// <summary>`strata generate`: a deterministic synthetic ICB in import format v1.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var people = new Option<long>("--people") { Description = "Number of people (registered at any time in the generated years).", DefaultValueFactory = _ => 100_000 };
        people.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 1)
            {
                result.AddError("--people must be at least 1.");
            }
        });
        var seed = new Option<ulong>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 42 };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Output folder.", Required = true };
        var format = new Option<string>("--format")
        {
            Description = "csv or parquet (import format v1), or sus (SUS-shaped extracts for `import --from sus`, docs/import-sus.md).",
            DefaultValueFactory = _ => "csv",
        };
        format.AcceptOnlyFromAmong("csv", "parquet", "sus");
        var years = CommonOptions.SyntheticYears();
        var json = CommonOptions.Json();
        var command = new Command("generate", "Generate a synthetic ICB (deterministic for a seed).") { people, seed, outDir, format, years, json };
        command.SetAction(r =>
        {
            var sus = r.GetValue(format) == "sus";
            var outPath = r.GetValue(outDir)!.FullName;
            // SUS-shaped extracts are rewritten from the v1 files, which are kept in <out>/v1 (with the truth folder).
            var options = new GeneratorOptions(r.GetValue(people), r.GetValue(seed), sus ? Path.Combine(outPath, "v1") : outPath, sus ? "csv" : r.GetValue(format)!)
            {
                Years = r.GetValue(years),
            };
            var result = Output.WithProgress("Generating", r.GetValue(json), p => SyntheticIcbGenerator.Generate(options, p));
            if (sus)
            {
                SusExtract.Write(options.OutputDirectory, outPath);
                result = result with { OutputDirectory = outPath };
            }
            if (r.GetValue(json))
            {
                Output.Json(result);
            }
            else
            {
                Console.WriteLine($"Generated {result.People:N0} people, {result.Conditions:N0} condition records, {result.Activity:N0} activity rows ({result.Format}) in {result.OutputDirectory}");
                Console.WriteLine($"True emergency-admission rates (validation only, not imported): {Path.GetFullPath(Path.Combine(options.OutputDirectory, SyntheticIcbGenerator.TruthFolder, SyntheticIcbGenerator.TruthFile))}");
            }
            return 0;
        });
        return command;
    }
}

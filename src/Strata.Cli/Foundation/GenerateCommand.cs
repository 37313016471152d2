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
        var format = new Option<string>("--format") { Description = "csv or parquet.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "parquet");
        var years = CommonOptions.SyntheticYears();
        var json = CommonOptions.Json();
        var command = new Command("generate", "Generate a synthetic ICB (deterministic for a seed).") { people, seed, outDir, format, years, json };
        command.SetAction(r =>
        {
            var options = new GeneratorOptions(r.GetValue(people), r.GetValue(seed), r.GetValue(outDir)!.FullName, r.GetValue(format)!) { Years = r.GetValue(years) };
            var result = Output.WithProgress("Generating", r.GetValue(json), p => SyntheticIcbGenerator.Generate(options, p));
            if (r.GetValue(json))
            {
                Output.Json(result);
            }
            else
            {
                Console.WriteLine($"Generated {result.People:N0} people, {result.Conditions:N0} condition records, {result.Activity:N0} activity rows ({result.Format}) in {result.OutputDirectory}");
                Console.WriteLine($"True emergency-admission rates (validation only, not imported): {Path.Combine(result.OutputDirectory, SyntheticIcbGenerator.TruthFolder, SyntheticIcbGenerator.TruthFile)}");
            }
            return 0;
        });
        return command;
    }
}

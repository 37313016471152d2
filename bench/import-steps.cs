#:project ../src/Strata.Data/Strata.Data.csproj
#:property WarningsAsErrors=
#:property PublishAot=false
// Imports a folder into a fresh workspace and prints the elapsed time of each import step (bench/import.sh runs
// `strata import` for the headline figures; this shows where the time goes). Usage: import-steps.cs WORKSPACE DIR
using System.Diagnostics;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Foundation.Import;

var clock = Stopwatch.StartNew();
var last = "start";
var lastAt = TimeSpan.Zero;
using var ws = Workspace.Open(args[0], new EngineSettings("4GB", null, args[0] + ".tmp"));
var summary = Importer.Import(ws, args[1], (_, step) =>
{
    if (step != last)
    {
        Console.Error.WriteLine($"{(clock.Elapsed - lastAt).TotalSeconds,7:F1}s  {last}");
        (last, lastAt) = (step, clock.Elapsed);
    }
});
Console.Error.WriteLine($"{(clock.Elapsed - lastAt).TotalSeconds,7:F1}s  {last}");
Console.WriteLine($"total {clock.Elapsed.TotalSeconds:F1}s, rejected {summary.Rejected}");

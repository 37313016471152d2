using System.Diagnostics;
using System.Globalization;
using Strata.Bench;

// Usage: Strata.Bench plan [--runs 1000] [--years 10] [--interventions 20] [--threads N] [--noise 0|1]
var options = args.Skip(1).Chunk(2).Where(c => c.Length == 2).ToDictionary(c => c[0], c => c[1]);
int Get(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var which = args.FirstOrDefault() ?? "plan";
if (which != "plan")
{
    Console.Error.WriteLine($"unknown benchmark '{which}' (available: plan)");
    return 2;
}
var sw = Stopwatch.StartNew();
PlanBenchmark.Run(Get("--runs", 1000), Get("--years", 10), Get("--interventions", 20), options.TryGetValue("--threads", out var t) ? int.Parse(t, CultureInfo.InvariantCulture) : null,
    Get("--noise", 1) == 1);
Console.WriteLine(FormattableString.Invariant($"total wall {sw.Elapsed.TotalSeconds:0.00} s, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB"));
return 0;

using System.Diagnostics;
using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Understand.Risk;

// Usage: dotnet run -c Release --project bench/Strata.Bench.Risk -- [people=1000000] [workspace=bench-risk.duckdb]
// Generates people and three financial years of activity (2021-04-01..2024-03-31) with DuckDB SQL, then times
// `risk train` (features at two index dates, IRLS, validation) and `risk score` (features, scoring, tiers).
var people = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var path = Path.GetFullPath(args.Length > 1 ? args[1] : "bench-risk.duckdb");
File.Delete(path);
using var ws = Workspace.Open(path, new EngineSettings(TempDirectory: path + ".tmp"));
var engine = ws.Engine;
var n = people.ToString(CultureInfo.InvariantCulture);

var clock = Stopwatch.StartNew();
// Per person: a latent emergency rate from age and a log-normal frailty (Box–Muller from two hashes); per
// financial year, 6 admission slots each taken with probability rate/6 (≈ Poisson) and 8 GP slots.
engine.Execute($"""
    INSERT INTO practices SELECT 'P' || CAST(i AS VARCHAR), 'Practice', 'N' || CAST(i % 40 AS VARCHAR), 'X' || CAST(i % 5 AS VARCHAR), 'Place', 'ICB'
    FROM range(200) t(i);
    CREATE TEMP TABLE sim AS
    SELECT i, 1930 + CAST(hash(i, 2) % 92 AS INTEGER) AS yob,
        sqrt(-2 * ln((hash(i, 7) % 1000000 + 1) / 1000001.0)) * cos(2 * pi() * (hash(i, 8) % 1000000) / 1000000.0) AS z
    FROM range({n}) t(i);
    INSERT INTO people
    SELECT 'p' || CAST(i AS VARCHAR), CASE WHEN hash(i, 1) % 2 = 0 THEN 'F' ELSE 'M' END, yob, NULL,
        'P' || CAST(i % 200 AS VARCHAR), NULL, 1 + CAST(hash(i, 3) % 10 AS INTEGER), NULL
    FROM sim;
    INSERT INTO activity
    SELECT 'e' || CAST(i AS VARCHAR) || '-' || CAST(y AS VARCHAR) || '-' || CAST(s AS VARCHAR), 'p' || CAST(i AS VARCHAR),
        'emergency_admission', 'R1', CAST(DATE '2021-04-01' + to_years(CAST(y AS INTEGER)) + to_days(CAST(hash(i, y, s, 4) % 365 AS INTEGER)) AS DATE),
        NULL, NULL, 2500
    FROM sim, range(3) yy(y), range(6) ss(s)
    WHERE (hash(i, y, s, 6) % 1000000) / 1000000.0 < least(1, 0.06 * exp(0.03 * (2023 - yob - 40) + 0.9 * z)) / 6;
    INSERT INTO activity
    SELECT 'g' || CAST(i AS VARCHAR) || '-' || CAST(y AS VARCHAR) || '-' || CAST(s AS VARCHAR), 'p' || CAST(i AS VARCHAR),
        'gp_appointment', 'G1', CAST(DATE '2021-04-01' + to_years(CAST(y AS INTEGER)) + to_days(CAST(hash(i, y, s, 9) % 365 AS INTEGER)) AS DATE),
        NULL, NULL, 40
    FROM sim, range(3) yy(y), range(8) ss(s)
    WHERE (hash(i, y, s, 10) % 1000) / 1000.0 < 0.3 + 0.1 * z;
    INSERT INTO activity VALUES ('end', 'p0', 'gp_appointment', 'G1', DATE '2024-03-31', NULL, NULL, 40);
    """);
var activity = engine.Scalar<long>("SELECT count(*) FROM activity");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {people:N0} people, {activity:N0} activity rows in {clock.Elapsed.TotalSeconds:F1} s"));

var end = new DateOnly(2024, 3, 31);
clock.Restart();
var trained = RiskStratification.Train(engine, new RiskTrainOptions(end.AddMonths(-24), end.AddMonths(-12)),
    (_, step) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {clock.Elapsed.TotalSeconds,6:F1} s  {step}")));
var train = clock.Elapsed.TotalSeconds;
clock.Restart();
var scored = RiskStratification.Score(engine, end, trained.ModelId);
var score = clock.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"train {train:F1} s ({trained.Fit.Iterations} IRLS iterations, {trained.Fit.Features.Count} coefficients, AUROC {trained.Metrics.Auroc.Value:F3}); score {score:F1} s ({scored.People:N0} people)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e9:F2} GB"));

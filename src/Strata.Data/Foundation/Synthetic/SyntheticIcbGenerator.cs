using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Strata.Domain.Foundation.Synthetic;

namespace Strata.Data.Foundation.Synthetic;

/// <summary>Options for a synthetic ICB. Same options and seed give the same bytes.</summary>
public sealed record GeneratorOptions(long People, ulong Seed, string OutputDirectory, string Format = "csv")
{
    /// <summary>First day of generated activity (a financial year start).</summary>
    public DateOnly Start { get; init; } = SyntheticDefaults.DataStart;

    /// <summary>Financial years of activity generated.</summary>
    public int Years { get; init; } = SyntheticDefaults.Years;

    /// <summary>Last day of generated data.</summary>
    public DateOnly DataEnd => Start.AddYears(Years).AddDays(-1);
}

/// <summary>Row counts written per file.</summary>
public sealed record GeneratorResult(long Practices, long Providers, long People, long Conditions, long Activity, string OutputDirectory)
{
    /// <summary>Rows of truth/emergency_rate.csv (one per person and financial year lived in).</summary>
    public long TruthRows { get; init; }

    public string Format { get; init; } = "csv";
}

public static class SyntheticDefaults
{
    public static readonly DateOnly DataStart = new(2022, 4, 1);

    public const int Years = 3;

    /// <summary>Last day of generated data; the demo's reference date.</summary>
    public static DateOnly DataEnd => DataStart.AddYears(Years).AddDays(-1);
}

/// <summary>
/// Writes a realistic synthetic ICB in import format v1 (docs/synthetic-data.md). People are simulated in fixed
/// blocks, each from its own Rng fork of the seed, in parallel, and written in block order — so the files are the
/// same bytes for a seed whatever the core count, and memory is bounded by the blocks in flight, not by N.
/// </summary>
public static class SyntheticIcbGenerator
{
    /// <summary>People per block: part of the determinism contract (changing it changes the output).</summary>
    public const int BlockSize = 10_000;

    public const string TruthFolder = "truth";
    public const string TruthFile = "emergency_rate.csv";

    /// <summary>Practices given excess activity for an opportunity: practice_code, opportunity, factor.</summary>
    public const string ExcessTruthFile = "opportunity_excess.csv";

    private static readonly string[] PersonTables = ["people", "conditions", "activity"];

    public static GeneratorResult Generate(GeneratorOptions options, Action<double, string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.People < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.People, "--people must be at least 1.");
        }
        if (options.Format is not ("csv" or "parquet"))
        {
            throw new ArgumentException($"Unknown format '{options.Format}': use csv or parquet.", nameof(options));
        }
        progress ??= (_, _) => { };
        var window = new SimulationWindow(options.Start, options.Years);
        var model = SyntheticModel.Create(window, options.People, options.Seed, Coder());

        var outDir = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(Path.Combine(outDir, TruthFolder));
        var parquet = options.Format == "parquet";
        var csvDir = parquet ? Path.Combine(outDir, ".csv-staging") : outDir;
        Directory.CreateDirectory(csvDir);
        // The folder holds one format: remove the other format's files from an earlier run.
        foreach (var table in Schema.CoreTables)
        {
            File.Delete(Path.Combine(outDir, table.Name + (parquet ? ".csv" : ".parquet")));
        }

        WriteSmallTables(csvDir, model.Layout);
        WriteExcessTruth(Path.Combine(outDir, TruthFolder, ExcessTruthFile), model);
        var counts = WritePeople(options, model, csvDir, Path.Combine(outDir, TruthFolder, TruthFile), progress);

        if (parquet)
        {
            progress(0.97, "Writing Parquet");
            ParquetFiles.FromCsv(csvDir, outDir, Schema.CoreTables);
            Directory.Delete(csvDir, recursive: true);
        }
        progress(1, "Done");
        return new GeneratorResult(model.Layout.Practices.Count, model.Layout.Providers.Count, counts.People, counts.Conditions,
            counts.Activity, outDir) { TruthRows = counts.Truth, Format = options.Format };
    }

    /// <summary>The ICD-10 coder over the shipped codelists; checks the model's conditions are the vocabulary's, in order.</summary>
    public static Icd10Coder Coder()
    {
        var names = Codelists.Conditions.Select(c => c.Condition).ToList();
        var modelled = ConditionModel.Rates.Select(r => r.Condition).ToList();
        if (!names.SequenceEqual(modelled))
        {
            throw new InvalidOperationException("The synthetic condition model does not match codelists/conditions.v1.csv.");
        }
        return new Icd10Coder(names, Codelists.Icd10Prefixes);
    }

    private static void WriteSmallTables(string dir, PlaceLayout layout)
    {
        using (var w = CsvFile(dir, "practices"))
        {
            foreach (var p in layout.Practices)
            {
                var place = layout.Places[p.Place];
                Line(w, p.Code, p.Name, layout.Neighbourhoods[p.Neighbourhood].Code, place.Code, place.Name, PlaceLayout.IcbCode);
            }
        }
        using (var w = CsvFile(dir, "providers"))
        {
            foreach (var p in layout.Providers)
            {
                Line(w, p.Code, p.Name, p.Type, p.Place is { } i ? layout.Places[i].Code : "");
            }
        }
    }

    private static void WriteExcessTruth(string path, SyntheticModel model)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine("practice_code,opportunity,factor");
        foreach (var p in model.Planted.ZeroDayPractices)
        {
            Line(w, model.Layout.Practices[p].Code, PlantedVariation.ZeroDayOpportunity, PlantedVariation.ZeroDayShareFactor.ToString(CultureInfo.InvariantCulture));
        }
    }

    private sealed record Counts(long People, long Conditions, long Activity, long Truth);

    private static Counts WritePeople(GeneratorOptions options, SyntheticModel model, string csvDir, string truthPath, Action<double, string> progress)
    {
        var streams = PersonTables.Select(t => OpenWithHeader(Path.Combine(csvDir, t + ".csv"), Header(t))).ToArray();
        using var truth = OpenWithHeader(truthPath, "person_id,financial_year,emergency_rate");
        try
        {
            var blocks = (options.People + BlockSize - 1) / BlockSize;
            var pool = new ConcurrentBag<CsvBlockWriter>();
            var pending = new Queue<Task<CsvBlockWriter>>();
            var inFlight = Math.Max(2, Environment.ProcessorCount * 2);
            long next = 0, people = 0, conditions = 0, activity = 0, truthRows = 0;

            Task<CsvBlockWriter> Start(long block) => Task.Run(() =>
            {
                var writer = pool.TryTake(out var w) ? w : new CsvBlockWriter(model);
                writer.Clear();
                var rng = Domain.Foundation.Rng.Fork(options.Seed, (ulong)block);
                var first = block * BlockSize;
                var last = Math.Min(options.People, first + BlockSize);
                for (var i = first; i < last; i++)
                {
                    writer.Simulator.Simulate(i, rng, writer);
                }
                return writer;
            });

            while (next < blocks && pending.Count < inFlight)
            {
                pending.Enqueue(Start(next++));
            }
            var done = 0L;
            while (pending.Count > 0)
            {
                var writer = pending.Dequeue().GetAwaiter().GetResult();
                writer.PeopleBuffer.WriteTo(streams[0]);
                writer.ConditionsBuffer.WriteTo(streams[1]);
                writer.ActivityBuffer.WriteTo(streams[2]);
                writer.TruthBuffer.WriteTo(truth);
                people += writer.PeopleRows;
                conditions += writer.ConditionRows;
                activity += writer.ActivityRows;
                truthRows += writer.TruthRows;
                pool.Add(writer);
                if (next < blocks)
                {
                    pending.Enqueue(Start(next++));
                }
                done++;
                progress(0.95 * done / blocks, $"People {people.ToString("N0", CultureInfo.InvariantCulture)} of {options.People.ToString("N0", CultureInfo.InvariantCulture)}");
            }
            return new Counts(people, conditions, activity, truthRows);
        }
        finally
        {
            foreach (var s in streams)
            {
                s.Dispose();
            }
        }
    }

    private static string Header(string table) => string.Join(',', Schema.Table(table).Columns.Select(c => c.Name));

    private static FileStream OpenWithHeader(string path, string header)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var bytes = Encoding.UTF8.GetBytes(header + "\n");
        stream.Write(bytes);
        return stream;
    }

    private static StreamWriter CsvFile(string dir, string table)
    {
        var w = new StreamWriter(Path.Combine(dir, table + ".csv"), false, new UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine(Header(table));
        return w;
    }

    private static void Line(StreamWriter w, params string[] fields) => w.WriteLine(string.Join(',', fields.Select(Quote)));

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}

using System.Security.Cryptography;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Foundation.Synthetic;
using Strata.Domain.Foundation.Synthetic;

namespace Strata.Data.Tests.Foundation.Synthetic;

/// <summary>Determinism, formats and the generator's contract.</summary>
public sealed class GeneratorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "strata-gen-" + Guid.NewGuid().ToString("N"));

    private string Run(long people, ulong seed, string name, string format = "csv")
    {
        var dir = Path.Combine(_root, name);
        SyntheticIcbGenerator.Generate(new GeneratorOptions(people, seed, dir, format));
        return dir;
    }

    private static Dictionary<string, string> Hashes(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public void Same_seed_and_options_give_identical_bytes_across_blocks()
    {
        // 25,000 people span three blocks, simulated in parallel.
        var a = Hashes(Run(25_000, 5, "a"));
        var b = Hashes(Run(25_000, 5, "b"));
        Assert.Equal(7, a.Count); // five tables and the two truth files
        Assert.Equal(a, b);
    }

    [Fact]
    public void A_different_seed_gives_different_people_and_activity()
    {
        var a = Hashes(Run(2_000, 5, "a"));
        var b = Hashes(Run(2_000, 6, "b"));
        Assert.NotEqual(a["people.csv"], b["people.csv"]);
        Assert.NotEqual(a["activity.csv"], b["activity.csv"]);
        Assert.NotEqual(a[Path.Combine("truth", "emergency_rate.csv")], b[Path.Combine("truth", "emergency_rate.csv")]);
    }

    [Fact]
    public void A_smaller_run_is_a_prefix_of_a_larger_one_within_a_block()
    {
        // Blocks are forked from the seed by index, so the first people do not depend on N (within the same layout size class).
        var small = File.ReadLines(Path.Combine(Run(3_000, 9, "s"), "people.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        var large = File.ReadLines(Path.Combine(Run(4_000, 9, "l"), "people.csv")).Skip(1).Take(3_000).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(small, large);
    }

    [Fact]
    public void Parquet_output_holds_the_same_rows_with_schema_types()
    {
        var csv = Run(1_500, 3, "csv");
        var parquet = Run(1_500, 3, "parquet", "parquet");
        Assert.False(File.Exists(Path.Combine(parquet, "people.csv")));
        Assert.False(Directory.Exists(Path.Combine(parquet, ".csv-staging")));
        Assert.True(File.Exists(Path.Combine(parquet, "truth", "emergency_rate.csv")));
        using var engine = DuckDbEngine.InMemory();
        foreach (var table in Schema.CoreTables)
        {
            var p = Path.Combine(parquet, table.Name + ".parquet");
            var types = engine.Query($"DESCRIBE SELECT * FROM read_parquet('{p}')", r => (r.GetString(0), r.GetString(1)));
            Assert.Equal(table.Columns.Select(c => (c.Name, c.SqlType)), types);
            var differences = engine.Scalar<long>($"""
                SELECT count(*) FROM (SELECT * FROM {GeneratedIcbFixture.TypedCsv(table, Path.Combine(csv, table.Name + ".csv"))}
                                      EXCEPT SELECT * FROM read_parquet('{p}'))
                """);
            Assert.Equal(0L, differences);
        }
    }

    [Fact]
    public void Rejects_an_unknown_format_and_an_empty_population()
    {
        Assert.Throws<ArgumentException>(() => SyntheticIcbGenerator.Generate(new GeneratorOptions(10, 1, _root, "xlsx")));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticIcbGenerator.Generate(new GeneratorOptions(0, 1, _root)));
    }

    [Fact]
    public void The_condition_model_covers_the_vocabulary_in_order()
    {
        Assert.Equal(Codelists.Conditions.Select(c => c.Condition), ConditionModel.Rates.Select(r => r.Condition));
        Assert.Equal(Codelists.Conditions.Count(c => c.IsLongTermCondition), System.Numerics.BitOperations.PopCount((uint)Cond.LongTermMask));
        Assert.True(Codelists.Conditions.Take(20).All(c => c.IsLongTermCondition));
    }

    [Fact]
    public void Fixed_diagnosis_codes_map_to_no_condition()
    {
        var coder = SyntheticIcbGenerator.Coder();
        foreach (var code in DiagnosisCodes.All)
        {
            Assert.Empty(coder.ConditionsOf(code));
        }
    }

    [Fact]
    public void Every_condition_with_a_codelist_mapping_has_unambiguous_codes()
    {
        var coder = SyntheticIcbGenerator.Coder();
        var mapped = Codelists.Icd10Prefixes.Select(p => p.Condition).ToHashSet();
        for (var c = 0; c < Cond.Count; c++)
        {
            Assert.Equal(mapped.Contains(ConditionModel.Rates[c].Condition), coder.HasCodes(c));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

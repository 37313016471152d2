using Strata.Data.Foundation;
using Strata.Data.Foundation.Import;
using Strata.Data.Foundation.Synthetic;
using Strata.Data.Understand;

namespace Strata.Data.Tests.Foundation.Import;

/// <summary>
/// The same seed generated as format v1 and rewritten as SUS-shaped extracts (multi-episode spells, DNAs, SNOMED CT
/// events and ECDS diagnoses, movers' earlier registrations), imported each way, gives identical people, segment
/// counts and spend per setting.
/// </summary>
public sealed class SusRoundTripTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("strata-roundtrip-").FullName;

    [Fact]
    public void V1_and_sus_imports_of_one_generated_icb_agree()
    {
        var v1 = Path.Combine(_root, "v1");
        var sus = Path.Combine(_root, "sus");
        var options = new GeneratorOptions(3_000, 21, v1);
        SyntheticIcbGenerator.Generate(options);
        SusExtract.Write(v1, sus);

        using var a = Workspace.InMemory();
        using var b = Workspace.InMemory();
        var viaV1 = Importer.Import(a, v1, new ImportOptions { RejectsFile = Path.Combine(_root, "a.rejects.csv") });
        var viaSus = Importer.Import(b, sus, new ImportOptions
        {
            Format = "sus", LookupsDirectory = Path.Combine(sus, SusExtract.LookupsFolder), RejectsFile = Path.Combine(_root, "b.rejects.csv"),
        });

        Assert.Equal(0, viaV1.Rejected);
        Assert.Equal(0, viaSus.Rejected);
        // The extract really has what the mapping must handle.
        Assert.True(b.Engine.Scalar<long>("SELECT count(*) FROM op_non_attendances WHERE did_not_attend") > 0);
        Assert.True(File.ReadLines(Path.Combine(sus, "apc.csv")).Count() - 1 > b.Engine.Scalar<long>("SELECT count(*) FROM activity WHERE activity_id LIKE 'apc:%'"));
        Assert.True(File.ReadLines(Path.Combine(sus, "gp_registrations.csv")).Count() - 1 > b.Engine.Scalar<long>("SELECT count(*) FROM people"));

        const string people = "SELECT person_id, sex, year_of_birth, death_date, practice_code, lsoa_code, imd_decile, ethnicity FROM people";
        Assert.Equal(0, Difference(a, b, people));
        const string spend = "SELECT setting, count(*) AS n, sum(cost_gbp) AS spend FROM activity GROUP BY setting";
        Assert.Equal(Rows(a, spend + " ORDER BY 1"), Rows(b, spend + " ORDER BY 1"));
        var at = options.DataEnd;
        var segmentsA = Segmentation.Run(a.Engine, at).Segments.Select(s => (s.Segment, s.People));
        var segmentsB = Segmentation.Run(b.Engine, at).Segments.Select(s => (s.Segment, s.People));
        Assert.Equal(segmentsA, segmentsB);
        Assert.Equal(0, Difference(a, b, "SELECT person_id, condition FROM person_conditions"));
        Assert.True(segmentsA.Where(s => s.Segment.StartsWith("ltc_", StringComparison.Ordinal)).Sum(s => s.People) > 0);
    }

    /// <summary>Rows in one workspace's result and not the other's, both ways.</summary>
    private long Difference(Workspace a, Workspace b, string query)
    {
        var file = Path.Combine(_root, Guid.NewGuid().ToString("N") + ".parquet");
        b.Engine.Execute(b.Engine.Dialect.CopyTo(query, file, "parquet"));
        var other = $"read_parquet('{file}')";
        return a.Engine.Scalar<long>($"SELECT (SELECT count(*) FROM ({query} EXCEPT ALL SELECT * FROM {other})) + (SELECT count(*) FROM (SELECT * FROM {other} EXCEPT ALL {query}))");
    }

    private static List<string> Rows(Workspace ws, string sql) =>
        [.. ws.Engine.Query(sql, r => string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))))];

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

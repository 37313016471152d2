using System.Globalization;
using Strata.Data.Foundation;
using Strata.Data.Foundation.Synthetic;

namespace Strata.Data.Tests.Foundation.Synthetic;

/// <summary>
/// One 20,000-person synthetic ICB, generated once for the realism and integrity tests and loaded (as typed
/// columns, straight from the files) into an in-memory workspace so checks are SQL over the real output.
/// </summary>
public sealed class GeneratedIcbFixture : IDisposable
{
    public const long People = 20_000;
    public const ulong Seed = 11;

    public GeneratedIcbFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "strata-gen-" + Guid.NewGuid().ToString("N"));
        Result = SyntheticIcbGenerator.Generate(new GeneratorOptions(People, Seed, Directory));
        Workspace = Strata.Data.Foundation.Workspace.InMemory();
        foreach (var table in Schema.CoreTables)
        {
            Workspace.Engine.Execute($"INSERT INTO {table.Name} SELECT * FROM {TypedCsv(table, Path.Combine(Directory, table.Name + ".csv"))}");
        }
        Workspace.Engine.Execute($$"""
            CREATE TABLE truth AS SELECT * FROM read_csv('{{Path.Combine(Directory, "truth", "emergency_rate.csv")}}', header = true,
                columns = {'person_id': 'VARCHAR', 'financial_year': 'INTEGER', 'emergency_rate': 'DOUBLE'})
            """);
    }

    public string Directory { get; }

    public GeneratorResult Result { get; }

    public Workspace Workspace { get; }

    public T Scalar<T>(string sql) => Workspace.Engine.Scalar<T>(sql)!;

    public double Number(string sql) => Convert.ToDouble(Workspace.Engine.Scalar<object>(sql), CultureInfo.InvariantCulture);

    /// <summary>read_csv with the schema's column names and types, so a file that does not match fails to load.</summary>
    public static string TypedCsv(TableSpec table, string path) =>
        $"read_csv('{path}', header = true, auto_detect = false, delim = ',', quote = '\"', dateformat = '%Y-%m-%d', columns = {{{string.Join(", ", table.Columns.Select(c => $"'{c.Name}': '{c.SqlType}'"))}}})";

    public void Dispose()
    {
        Workspace.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

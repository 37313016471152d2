#:package DuckDB.NET.Data.Full
#:property WarningsAsErrors=
// Runs SQL read from stdin against a DuckDB database (first argument, default in-memory) and prints each
// result as tab-separated rows. Bench scripts use it to build synthetic input files with DuckDB itself,
// so no separate DuckDB CLI is needed. Statements are split on ';', so none may contain one inside a string.
using DuckDB.NET.Data;

using var connection = new DuckDBConnection($"Data Source={(args.Length > 0 ? args[0] : ":memory:")}");
connection.Open();
foreach (var statement in Console.In.ReadToEnd().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
{
    using var command = connection.CreateCommand();
    command.CommandText = statement;
    var clock = System.Diagnostics.Stopwatch.StartNew();
    using var reader = command.ExecuteReader();
    while (reader.Read())
    {
        var values = new object[reader.FieldCount];
        reader.GetValues(values);
        Console.WriteLine(string.Join('\t', values));
    }
    Console.Error.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s  {statement.Split('\n')[0][..Math.Min(60, statement.Split('\n')[0].Length)]}");
}

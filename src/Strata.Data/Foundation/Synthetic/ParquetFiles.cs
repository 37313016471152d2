using Strata.Data.Engine;

namespace Strata.Data.Foundation.Synthetic;

/// <summary>
/// Converts generated CSV files to Parquet through the engine: read as text, cast every column to its schema type
/// (no type sniffing; empty fields become NULL), copy out as Parquet. The engine is only a file converter here.
/// </summary>
public static class ParquetFiles
{
    public static void FromCsv(string csvDir, string outDir, IEnumerable<TableSpec> tables)
    {
        using var engine = DuckDbEngine.InMemory();
        var dialect = engine.Dialect;
        foreach (var table in tables)
        {
            var columns = string.Join(", ", table.Columns.Select(c => $"CAST(NULLIF({c.Name}, '') AS {c.SqlType}) AS {c.Name}"));
            var query = $"SELECT {columns} FROM {dialect.ReadCsvAsText(Path.Combine(csvDir, table.Name + ".csv"))}";
            engine.Execute(dialect.CopyTo(query, Path.Combine(outDir, table.Name + ".parquet"), "parquet"));
        }
    }
}

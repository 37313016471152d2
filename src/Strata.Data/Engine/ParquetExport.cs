using System.Data;

namespace Strata.Data.Engine;

/// <summary>
/// Parquet written on the client for an engine whose server cannot write the client's files: the result streams
/// through an in-memory DuckDB (column types kept) and DuckDB writes the file, exactly as a DuckDB workspace would.
/// </summary>
internal static class ParquetExport
{
    private const string Table = "export_rows";

    public static void Write(IDataReader reader, string path)
    {
        using IEngine scratch = DuckDbEngine.InMemory();
        var columns = Enumerable.Range(0, reader.FieldCount)
            .Select(i => $"{scratch.Dialect.Identifier(reader.GetName(i))} {DuckType(reader.GetDataTypeName(i))}");
        scratch.Execute($"CREATE TABLE {Table} ({string.Join(", ", columns)})");
        var dates = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetDataTypeName(i) == "date").ToArray();
        using (var appender = scratch.Append(Table))
        {
            var values = new object?[reader.FieldCount];
            while (reader.Read())
            {
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.IsDBNull(i) ? null : dates[i] ? DateOnly.FromDateTime(reader.GetDateTime(i)) : reader.GetValue(i);
                }
                appender.Row(values);
            }
        }
        scratch.Export($"SELECT * FROM {Table}", path, "parquet");
    }

    private static string DuckType(string pgType) => pgType switch
    {
        "integer" or "int4" => "INTEGER",
        "bigint" or "int8" => "BIGINT",
        "smallint" or "int2" => "SMALLINT",
        "double precision" or "float8" => "DOUBLE PRECISION",
        "real" or "float4" => "REAL",
        "boolean" or "bool" => "BOOLEAN",
        "date" => "DATE",
        "timestamp without time zone" or "timestamp" => "TIMESTAMP",
        _ when pgType.StartsWith("numeric(", StringComparison.Ordinal) => "DECIMAL" + pgType["numeric".Length..],
        "numeric" => "DECIMAL(38,10)",
        _ => "VARCHAR",
    };
}

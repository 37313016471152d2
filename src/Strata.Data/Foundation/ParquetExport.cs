using System.Globalization;
using Strata.Data.Engine;

namespace Strata.Data.Foundation;

/// <summary>The type of a column of released rows written to a file.</summary>
public enum ExportColumnType
{
    Text,
    Integer,
    Number,
}

/// <summary>Released (already disclosure-controlled) rows written as Parquet by the engine, through a scratch table.</summary>
public static class ParquetExport
{
    public static byte[] Bytes(IEngine engine, IReadOnlyList<(string Name, ExportColumnType Type)> columns, IEnumerable<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var scratch = "web_export_" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        var file = Path.Combine(Path.GetTempPath(), scratch + ".parquet");
        var definitions = columns.Select(c => $"{engine.Dialect.Identifier(c.Name)} {c.Type switch
        {
            ExportColumnType.Text => "VARCHAR",
            ExportColumnType.Integer => "BIGINT",
            _ => "DOUBLE PRECISION",
        }}");
        engine.Execute($"CREATE TABLE {scratch} ({string.Join(", ", definitions)})");
        try
        {
            using (var a = engine.Append(scratch))
            {
                foreach (var row in rows)
                {
                    a.Row(row);
                }
            }
            engine.Execute(engine.Dialect.CopyTo($"SELECT * FROM {scratch}", file, "parquet"));
            return File.ReadAllBytes(file);
        }
        finally
        {
            engine.Execute($"DROP TABLE IF EXISTS {scratch}");
            File.Delete(file);
        }
    }
}

namespace Strata.Data.Understand;

/// <summary>The export file format chosen by extension (the dialect's CopyTo formats).</summary>
internal static class ExportFormat
{
    public static string Of(string path) =>
        path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? "parquet"
        : path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "csv"
        : throw new ArgumentException($"Output '{path}' must end in .csv or .parquet.");
}

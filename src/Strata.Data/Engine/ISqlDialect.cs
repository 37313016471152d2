using System.Globalization;

namespace Strata.Data.Engine;

/// <summary>The thin layer of engine-specific SQL. Keep everything else to the portable core.</summary>
public interface ISqlDialect
{
    /// <summary>
    /// A table expression reading a comma-separated, RFC 4180-quoted CSV file with a header, every column as text.
    /// Given the header's column names, the engine skips the header and guesses nothing about the file.
    /// </summary>
    string ReadCsvAsText(string path, IReadOnlyList<string>? columns = null);

    /// <summary>A value converted to a SQL type, or NULL when it does not convert (instead of an error).</summary>
    string TryCast(string expression, string sqlType);

    /// <summary>A 64-bit hash of a value (equal values, equal hashes), for cheap grouping before exact grouping.</summary>
    string Hash(string expression);

    /// <summary>A table expression reading a Parquet file.</summary>
    string ReadParquet(string path);

    /// <summary>Statement writing a query's result to a file (csv or parquet).</summary>
    string CopyTo(string query, string path, string format);

    /// <summary>Whole years between two dates (age), as an integer expression.</summary>
    string YearsBetween(string fromDate, string toDate);

    /// <summary>A date expression plus a whole number of months (may be negative), as a DATE.</summary>
    string AddMonths(string dateExpression, string monthsExpression);

    /// <summary>A date expression plus a whole number of days (may be negative), as a DATE.</summary>
    string AddDays(string dateExpression, string daysExpression);

    /// <summary>Whether the engine itself reads files on this machine (<see cref="ReadCsvAsText"/>, <see cref="ReadParquet"/>).</summary>
    bool ReadsClientFiles => true;

    /// <summary>The most columns one SELECT may return (PostgreSQL: 1664); wide aggregates split their passes to fit.</summary>
    int MaxSelectColumns => int.MaxValue;

    /// <summary>
    /// The keyword that makes a CTE read once a materialised result where that is a win (DuckDB: "MATERIALIZED"); empty
    /// on Citus, where a materialised CTE over a distributed table pulls its rows to the coordinator.
    /// </summary>
    string MaterializedCte => "";

    /// <summary>True when the whole text matches a regular expression (POSIX/RE2 common subset); `~` is a full match in
    /// DuckDB and a search in PostgreSQL, so the pattern is anchored for both.</summary>
    string Matches(string expression, string pattern) => $"({expression} ~ {Quote("^" + pattern + "$")})";

    string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A quoted identifier (standard SQL double quotes), for names that may be reserved words such as "limit".</summary>
    string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    string Date(DateOnly date) => "DATE '" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'";
}

using System.Data;
using System.Globalization;
using DuckDB.NET.Data;

namespace Strata.Data.Engine;

/// <summary>Settings that DuckDB applies only when the first connection opens a database file.</summary>
public sealed record EngineSettings(string? MemoryLimit = null, int? Threads = null, string? TempDirectory = null);

/// <summary>The embedded default engine: one DuckDB file per workspace, one process at a time.</summary>
public sealed class DuckDbEngine : IEngine
{
    private readonly DuckDBConnection _connection;
    private DuckDBTransaction? _transaction;

    public DuckDbEngine(string path, EngineSettings? settings = null)
    {
        Path = path;
        _connection = new DuckDBConnection($"Data Source={path}");
        try
        {
            _connection.Open();
        }
        catch (DuckDBException e) when (e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            _connection.Dispose();
            throw new InvalidOperationException(
                $"Workspace '{path}' is open in another process (DuckDB allows one writer). Close it and retry.", e);
        }
        if (settings is not null)
        {
            if (settings.MemoryLimit is { } m) { Execute($"SET memory_limit = {Dialect.Quote(m)}"); }
            if (settings.Threads is { } t) { Execute($"SET threads = {t.ToString(CultureInfo.InvariantCulture)}"); }
            if (settings.TempDirectory is { } d) { Execute($"SET temp_directory = {Dialect.Quote(d)}"); }
        }
    }

    /// <summary>In-memory engine, for tests and scratch work.</summary>
    public static DuckDbEngine InMemory() => new(":memory:");

    public string Path { get; }

    public string Name => "duckdb";

    public ISqlDialect Dialect { get; } = new DuckDbDialect();

    public long Execute(string sql, params object?[] parameters)
    {
        using var cmd = Command(sql, parameters);
        return Translated(cmd.ExecuteNonQuery);
    }

    public T? Scalar<T>(string sql, params object?[] parameters)
    {
        using var cmd = Command(sql, parameters);
        return Conversions.To<T>(Translated(cmd.ExecuteScalar), Name);
    }

    public IReadOnlyList<T> Query<T>(string sql, Func<IDataRecord, T> map, params object?[] parameters)
    {
        using var cmd = Command(sql, parameters);
        return Translated(() =>
        {
            using var reader = cmd.ExecuteReader();
            var record = new CheckedRecord(reader, Name);
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(record));
            }
            return rows;
        });
    }

    /// <summary>Streams a result row by row without keeping it (client-side staging for other engines).</summary>
    internal void Stream(string sql, Action<IDataRecord> row)
    {
        using var cmd = Command(sql, []);
        Translated(() =>
        {
            using var reader = cmd.ExecuteReader();
            var record = new CheckedRecord(reader, Name);
            while (reader.Read())
            {
                row(record);
            }
            return 0;
        });
    }

    /// <summary>
    /// DuckDB's errors as <see cref="EngineException"/>: the message up to DuckDB's list of reader options (which would
    /// only confuse a user), and the file line a CSV reader error names.
    /// </summary>
    private static TResult Translated<TResult>(Func<TResult> work)
    {
        try
        {
            return work();
        }
        catch (DuckDBException e)
        {
            var line = System.Text.RegularExpressions.Regex.Match(e.Message, @"Line: (\d+)") is { Success: true } m
                ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : (long?)null;
            var detail = string.Join("; ", e.Message.Split("Possible fixes")[0]
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            throw new EngineException("duckdb", detail, e) { Line = line };
        }
    }

    public void InTransaction(Action work)
    {
        if (_transaction is not null)
        {
            work();
            return;
        }
        _transaction = _connection.BeginTransaction();
        try
        {
            work();
            _transaction.Commit();
        }
        catch
        {
            _transaction.Rollback();
            throw;
        }
        finally
        {
            _transaction.Dispose();
            _transaction = null;
        }
    }

    public IRowAppender Append(string table) => Translated(() => new DuckDbRowAppender(_connection.CreateAppender(table)));

    public bool TableExists(string table) =>
        Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = $1", table) > 0;

    public void Dispose()
    {
        _transaction?.Dispose();
        _connection.Dispose();
    }

    private DuckDBCommand Command(string sql, object?[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = _transaction;
        foreach (var p in parameters)
        {
            cmd.Parameters.Add(new DuckDBParameter(p ?? DBNull.Value));
        }
        return cmd;
    }

    private sealed class DuckDbRowAppender(DuckDBAppender appender) : IRowAppender
    {
        public void Row(params object?[] values)
        {
            var row = appender.CreateRow();
            foreach (var v in values)
            {
                _ = v switch
                {
                    null => row.AppendNullValue(),
                    string s => row.AppendValue(s),
                    int i => row.AppendValue(i),
                    long l => row.AppendValue(l),
                    double d => row.AppendValue(d),
                    decimal m => row.AppendValue(m),
                    bool b => row.AppendValue(b),
                    DateOnly date => row.AppendValue(date),
                    DateTime dt => row.AppendValue(dt),
                    _ => throw new NotSupportedException($"Appender cannot write a {v.GetType().Name}."),
                };
            }
            row.EndRow();
        }

        public void Dispose() => appender.Dispose();
    }
}

internal sealed class DuckDbDialect : ISqlDialect
{
    private ISqlDialect Self => this;

    public string ReadCsvAsText(string path, IReadOnlyList<string>? columns = null) =>
        $"read_csv({Self.Quote(path)}, header = true, delim = ',', quote = '\"', escape = '\"', " +
        (columns is null
            ? "all_varchar = true)"
            : $"auto_detect = false, columns = {{{string.Join(", ", columns.Select(c => $"{Self.Quote(c)}: 'VARCHAR'"))}}})");

    public string Hash(string expression) => $"hash({expression})";

    public string MaterializedCte => "MATERIALIZED";

    public string TryCast(string expression, string sqlType) => $"TRY_CAST({expression} AS {sqlType})";

    public string ReadParquet(string path) => $"read_parquet({Self.Quote(path)})";

    public string CopyTo(string query, string path, string format) =>
        $"COPY ({query}) TO {Self.Quote(path)} (FORMAT {(format == "parquet" ? "parquet" : "csv, HEADER true")})";

    public string YearsBetween(string fromDate, string toDate) => $"date_sub('year', {fromDate}, {toDate})";

    public string AddMonths(string dateExpression, string monthsExpression) =>
        $"CAST({dateExpression} + to_months(CAST({monthsExpression} AS INTEGER)) AS DATE)";

    public string AddDays(string dateExpression, string daysExpression) =>
        $"CAST({dateExpression} + to_days(CAST({daysExpression} AS INTEGER)) AS DATE)";
}

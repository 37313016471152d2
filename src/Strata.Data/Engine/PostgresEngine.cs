using System.Data;
using System.Globalization;
using Npgsql;
using Strata.Data.Foundation;

namespace Strata.Data.Engine;

/// <summary>
/// PostgreSQL (and Citus, when the database has the citus extension) behind the same contract as DuckDB. The
/// server cannot read or write the client's files, so rows go in through binary <c>COPY FROM STDIN</c> and exports
/// are written here. On Citus, person-keyed catalogue tables are distributed on person_id and co-located with
/// <c>people</c>; lookups are reference tables.
/// </summary>
public sealed class PostgresEngine : IEngine
{
    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _transaction;

    public PostgresEngine(string connection)
    {
        // Stage statements over a national extract run for minutes: no client-side command timeout.
        _connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString(connection)) { CommandTimeout = 0 }.ConnectionString);
        try
        {
            _connection.Open();
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException)
        {
            _connection.Dispose();
            throw new InvalidOperationException($"Cannot connect to the PostgreSQL workspace: {e.Message}", e);
        }
        // Scratch work (risk features, probes) uses temporary tables; keep them out of the way of other sessions.
        IsCitus = Scalar<long>("SELECT count(*) FROM pg_extension WHERE extname = 'citus'") > 0;
        Name = IsCitus ? "citus" : "postgresql";
        Execute(TryCastFunction);
    }

    public string Name { get; }

    /// <summary>True when the database is a Citus coordinator: person-keyed tables are then distributed.</summary>
    public bool IsCitus { get; }

    public ISqlDialect Dialect { get; } = new PostgresDialect();

    /// <summary>Whether a workspace name is a PostgreSQL connection URI rather than a DuckDB file path.</summary>
    public static bool IsUri(string workspace) =>
        workspace.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
        workspace.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    /// <summary>A workspace URI fit to print: the password, if any, replaced by ***.</summary>
    public static string Redact(string workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (!IsUri(workspace) || !Uri.TryCreate(workspace, UriKind.Absolute, out var uri) || !uri.UserInfo.Contains(':'))
        {
            return workspace;
        }
        return workspace.Replace(uri.UserInfo, uri.UserInfo.Split(':', 2)[0] + ":***", StringComparison.Ordinal);
    }

    /// <summary>
    /// A URI <c>postgresql://user[:password]@host[:port]/database</c> as an Npgsql connection string; anything else
    /// is taken to be a connection string already.
    /// </summary>
    public static string ConnectionString(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!IsUri(connection))
        {
            return connection;
        }
        var uri = new Uri(connection);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        var user = uri.UserInfo.Split(':', 2);
        if (user[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(user[0]);
        }
        if (user.Length > 1)
        {
            builder.Password = Uri.UnescapeDataString(user[1]);
        }
        return builder.ConnectionString;
    }

    public long Execute(string sql, params object?[] parameters)
    {
        using var cmd = Command(sql, parameters);
        return Translated(() => (long)cmd.ExecuteNonQuery());
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
            if (IsCitus)
            {
                // A stage's transaction reads distributed tables and then (re)creates co-located tables. Citus refuses
                // DDL on a placement that was read over several connections in the same transaction, so a transaction
                // keeps one connection per worker.
                Execute("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'");
            }
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

    public IRowAppender Append(string table)
    {
        // The table as the search path resolves it (a temporary table first), like every other statement.
        var types = Query("""
            SELECT attname, format_type(atttypid, NULL) FROM pg_attribute
            WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum
            """, r => (Name: r.GetString(0), Type: r.GetString(1)), table);
        if (types.Count == 0)
        {
            throw new EngineException(Name, $"cannot append to '{table}': no such table");
        }
        var importer = Translated(() => _connection.BeginBinaryImport(
            $"COPY {table} ({string.Join(", ", types.Select(t => Dialect.Identifier(t.Name)))}) FROM STDIN (FORMAT BINARY)"));
        return new PostgresRowAppender(importer, [.. types.Select(t => t.Type)], Name);
    }

    public bool TableExists(string table) => Scalar<bool>("SELECT to_regclass($1) IS NOT NULL", table);

    public void CreateTable(TableSpec table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Execute(table.CreateSql());
        if (!IsCitus || table.Placement == Placement.Local ||
            Scalar<long>("SELECT count(*) FROM pg_dist_partition WHERE logicalrelid = to_regclass($1)", table.Name) > 0)
        {
            return;
        }
        if (table.Placement == Placement.Reference)
        {
            Scalar<object>("SELECT create_reference_table($1)", table.Name);
        }
        else if (table.Name == "people")
        {
            Scalar<object>("SELECT create_distributed_table($1, $2)", table.Name, TableSpec.PersonColumn);
        }
        else
        {
            Scalar<object>("SELECT create_distributed_table($1, $2, colocate_with => 'people')", table.Name, TableSpec.PersonColumn);
        }
    }

    public void Export(string query, string path, string format)
    {
        if (format == "parquet")
        {
            using var cmd = Command(query, []);
            Translated(() =>
            {
                using var reader = cmd.ExecuteReader();
                ParquetExport.Write(reader, path);
                return 0;
            });
            return;
        }
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        Translated(() =>
        {
            using var reader = _connection.BeginTextExport($"COPY ({query}) TO STDOUT (FORMAT csv, HEADER true)");
            reader.BaseStream.CopyTo(writer.BaseStream);
            return 0;
        });
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        _connection.Dispose();
    }

    private NpgsqlCommand Command(string sql, object?[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = _transaction;
        foreach (var p in parameters)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = p ?? DBNull.Value });
        }
        return cmd;
    }

    /// <summary>PostgreSQL's errors as <see cref="EngineException"/>: its message and detail, without the driver's type.</summary>
    private TResult Translated<TResult>(Func<TResult> work)
    {
        try
        {
            return work();
        }
        catch (PostgresException e)
        {
            var where = e.Detail is { Length: > 0 } d ? $" ({d})" : "";
            throw new EngineException(Name, $"{e.MessageText}{where}", e);
        }
        catch (NpgsqlException e)
        {
            throw new EngineException(Name, e.Message, e);
        }
    }

    // PostgreSQL 15 has no TRY_CAST: the portable TryCast of the dialect calls this per-session helper.
    private const string TryCastFunction = """
        CREATE OR REPLACE FUNCTION pg_temp.strata_try_cast(value text, target anyelement) RETURNS anyelement
        LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
            EXECUTE format('SELECT CAST(%L AS %s)', value, pg_typeof(target)) INTO target;
            RETURN target;
        EXCEPTION WHEN others THEN
            RETURN NULL;
        END $$
        """;

    private sealed class PostgresRowAppender(NpgsqlBinaryImporter importer, string[] types, string engine) : IRowAppender
    {
        private bool _disposed;

        public void Row(params object?[] values)
        {
            if (values.Length != types.Length)
            {
                throw new EngineException(engine, $"appender row has {values.Length} values for {types.Length} columns");
            }
            importer.StartRow();
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                if (v is null)
                {
                    importer.WriteNull();
                    continue;
                }
                // Binary COPY carries no conversions: each value must be written as its column's exact type.
                switch (types[i])
                {
                    case "integer": importer.Write(Convert.ToInt32(v, CultureInfo.InvariantCulture), NpgsqlTypes.NpgsqlDbType.Integer); break;
                    case "bigint": importer.Write(Convert.ToInt64(v, CultureInfo.InvariantCulture), NpgsqlTypes.NpgsqlDbType.Bigint); break;
                    case "smallint": importer.Write(Convert.ToInt16(v, CultureInfo.InvariantCulture), NpgsqlTypes.NpgsqlDbType.Smallint); break;
                    case "double precision": importer.Write(Convert.ToDouble(v, CultureInfo.InvariantCulture), NpgsqlTypes.NpgsqlDbType.Double); break;
                    case "numeric": importer.Write(Convert.ToDecimal(v, CultureInfo.InvariantCulture), NpgsqlTypes.NpgsqlDbType.Numeric); break;
                    case "boolean": importer.Write((bool)v, NpgsqlTypes.NpgsqlDbType.Boolean); break;
                    case "date":
                        importer.Write(v is DateTime dt ? DateOnly.FromDateTime(dt) : (DateOnly)v, NpgsqlTypes.NpgsqlDbType.Date); break;
                    case "timestamp without time zone":
                        importer.Write(DateTime.SpecifyKind(v is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : (DateTime)v, DateTimeKind.Unspecified),
                            NpgsqlTypes.NpgsqlDbType.Timestamp);
                        break;
                    default: importer.Write(Convert.ToString(v, CultureInfo.InvariantCulture)!, NpgsqlTypes.NpgsqlDbType.Text); break;
                }
            }
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            try
            {
                importer.Complete();
            }
            catch (PostgresException e)
            {
                throw new EngineException(engine, e.MessageText, e);
            }
            finally
            {
                importer.Dispose();
            }
        }
    }
}

internal sealed class PostgresDialect : ISqlDialect
{
    public string ReadCsvAsText(string path, IReadOnlyList<string>? columns = null) =>
        throw new NotSupportedException("PostgreSQL cannot read a file on the client; load it through the engine's COPY (Append).");

    /// <summary>
    /// NULL where the cast would fail. The import's types are checked in plain SQL (nested CASEs, so a check runs
    /// before the cast it guards): the exception-catching helper opens a subtransaction per row, which Citus refuses
    /// while it streams the rows of an INSERT … SELECT to its workers ("another command is already in progress").
    /// Other types fall back to that helper.
    /// </summary>
    public string TryCast(string expression, string sqlType)
    {
        ArgumentNullException.ThrowIfNull(sqlType);
        var t = $"trim(CAST({expression} AS TEXT))";
        var type = sqlType.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        string Guarded(string pattern, string check, string cast) =>
            $"CASE WHEN {t} ~ '{pattern}' THEN CASE WHEN {check} THEN {cast} END END";
        const string whole = "^[-+]?[0-9]+$";
        string Bounded(string min, string max, string target) =>
            Guarded(whole, $"CAST({t} AS NUMERIC) BETWEEN {min} AND {max}", $"CAST({t} AS {target})");
        switch (type)
        {
            case "INTEGER" or "INT" or "INT4":
                return Bounded("-2147483648", "2147483647", "INTEGER");
            case "BIGINT" or "INT8":
                return Bounded("-9223372036854775808", "9223372036854775807", "BIGINT");
            case "DATE":
                // Month 01–12 first, then the day within that month's length; year 0 does not exist.
                var month = $"CAST(substr({t}, 1, 7) || '-01' AS DATE)";
                var days = $"CAST(EXTRACT(DAY FROM {month} + INTERVAL '1 month' - INTERVAL '1 day') AS INTEGER)";
                return $"CASE WHEN {t} ~ '^[0-9]{{4}}-(0[1-9]|1[0-2])-[0-9]{{2}}$' AND substr({t}, 1, 4) <> '0000' THEN " +
                       $"CASE WHEN CAST(substr({t}, 9, 2) AS INTEGER) BETWEEN 1 AND {days} THEN CAST({t} AS DATE) END END";
            case "DOUBLEPRECISION" or "FLOAT8":
                return Guarded("^[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][-+]?[0-9]{1,3})?$",
                    $"abs(CAST({t} AS NUMERIC)) < 1e308", $"CAST({t} AS DOUBLE PRECISION)");
        }
        var decimalType = System.Text.RegularExpressions.Regex.Match(type, @"^(?:DECIMAL|NUMERIC)\((\d+),(\d+)\)$");
        if (decimalType.Success)
        {
            var precision = int.Parse(decimalType.Groups[1].Value, CultureInfo.InvariantCulture);
            var scale = int.Parse(decimalType.Groups[2].Value, CultureInfo.InvariantCulture);
            return Guarded("^[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)$",
                $"abs(round(CAST({t} AS NUMERIC), {scale})) < 1e{precision - scale}", $"CAST({t} AS {sqlType})");
        }
        return $"pg_temp.strata_try_cast(CAST({expression} AS TEXT), CAST(NULL AS {sqlType}))";
    }

    public string Hash(string expression) => $"hashtextextended(CAST({expression} AS TEXT), 0)";

    public int MaxSelectColumns => 1600;

    public bool ReadsClientFiles => false;

    public string ReadParquet(string path) =>
        throw new NotSupportedException("PostgreSQL cannot read a Parquet file on the client; load it through the engine's COPY (Append).");

    // Exports run client-side (PostgresEngine.Export); the statement form is the server's own COPY.
    public string CopyTo(string query, string path, string format) =>
        $"COPY ({query}) TO STDOUT (FORMAT {(format == "parquet" ? "binary" : "csv, HEADER true")})";

    public string YearsBetween(string fromDate, string toDate) =>
        $"CAST(date_part('year', age({toDate}, {fromDate})) AS INTEGER)";

    public string AddMonths(string dateExpression, string monthsExpression) =>
        $"CAST({dateExpression} + make_interval(months => CAST({monthsExpression} AS INTEGER)) AS DATE)";

    public string AddDays(string dateExpression, string daysExpression) =>
        $"CAST({dateExpression} + CAST({daysExpression} AS INTEGER) AS DATE)";
}

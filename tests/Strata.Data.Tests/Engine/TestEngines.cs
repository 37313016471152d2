using Npgsql;
using Strata.Data.Engine;

namespace Strata.Data.Tests.Engine;

/// <summary>
/// The engines the suites run on besides DuckDB, from environment variables holding connection strings
/// (<c>./test.sh</c> starts the servers and sets them). Unset locally, a suite on that engine skips with the reason;
/// in CI (<c>CI=true</c>) an unset engine fails, so a CI run can never pass without every engine.
/// </summary>
public static class TestEngines
{
    public const string PostgresVariable = "STRATA_TEST_POSTGRES";
    public const string CitusVariable = "STRATA_TEST_CITUS";

    /// <summary>
    /// The Citus suites run one at a time: concurrent create_distributed_table calls from separate sessions (each in
    /// its own scratch schema) take the cluster's colocation locks in different orders and deadlock.
    /// </summary>
    public const string CitusCollection = "citus cluster";

    /// <summary>A connection string from the variable, or a skip (locally) or failure (CI) saying how to get one.</summary>
    public static string Connection(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }
        var reason = $"{variable} is not set (./test.sh starts PostgreSQL and Citus and sets it; for one run: ./test.sh servers start DIR)";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("CI=true: every engine must run. " + reason);
        }
        Skip.If(true, reason);
        return "";
    }

    /// <summary>
    /// A fresh, empty engine in a schema of its own on the configured server; disposing it drops the schema, so
    /// tests never see each other's tables.
    /// </summary>
    public static IEngine Fresh(string variable) => new ScratchSchemaEngine(Connection(variable));

    private sealed class ScratchSchemaEngine : IEngine
    {
        private readonly string _admin;
        private readonly string _schema = "strata_test_" + Guid.NewGuid().ToString("N")[..12];
        private readonly PostgresEngine _inner;
        private bool _disposed;

        public ScratchSchemaEngine(string connection)
        {
            _admin = PostgresEngine.ConnectionString(connection);
            using (var admin = new PostgresEngine(_admin))
            {
                admin.Execute($"CREATE SCHEMA {_schema}");
            }
            _inner = new PostgresEngine(new NpgsqlConnectionStringBuilder(_admin) { SearchPath = _schema }.ConnectionString);
        }

        public PostgresEngine Inner => _inner;

        public string Name => _inner.Name;

        public ISqlDialect Dialect => _inner.Dialect;

        public long Execute(string sql, params object?[] parameters) => _inner.Execute(sql, parameters);

        public T? Scalar<T>(string sql, params object?[] parameters) => _inner.Scalar<T>(sql, parameters);

        public IReadOnlyList<T> Query<T>(string sql, Func<System.Data.IDataRecord, T> map, params object?[] parameters) =>
            _inner.Query(sql, map, parameters);

        public void InTransaction(Action work) => _inner.InTransaction(work);

        public IRowAppender Append(string table) => _inner.Append(table);

        public bool TableExists(string table) => _inner.TableExists(table);

        public void CreateTable(Strata.Data.Foundation.TableSpec table) => _inner.CreateTable(table);

        public void Export(string query, string path, string format) => _inner.Export(query, path, format);

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _inner.Dispose();
            using var admin = new PostgresEngine(_admin);
            admin.Execute($"DROP SCHEMA {_schema} CASCADE");
        }
    }
}

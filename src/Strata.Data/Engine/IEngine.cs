using System.Data;
using Strata.Data.Foundation;

namespace Strata.Data.Engine;

/// <summary>
/// The engine boundary. Stages speak portable SQL through this interface, so an engine other than the
/// embedded DuckDB default (PostgreSQL, Citus) can be added without touching them. Anything engine-specific
/// goes through <see cref="ISqlDialect"/>.
/// </summary>
public interface IEngine : IDisposable
{
    /// <summary>Engine name for messages and provenance, e.g. "duckdb".</summary>
    string Name { get; }

    ISqlDialect Dialect { get; }

    /// <summary>
    /// Runs one or more statements; returns rows affected where the engine reports it. Values travel as bound
    /// positional parameters <c>$1</c>, <c>$2</c>, … (the placeholder both DuckDB and PostgreSQL accept), never as
    /// SQL text; a statement with parameters must be a single statement.
    /// </summary>
    long Execute(string sql, params object?[] parameters);

    /// <summary>First column of the first row, converted to T; default when there is no row or it is NULL.</summary>
    T? Scalar<T>(string sql, params object?[] parameters);

    /// <summary>Reads a (small, aggregate) result set. Person-level rows stay in the engine.</summary>
    IReadOnlyList<T> Query<T>(string sql, Func<IDataRecord, T> map, params object?[] parameters);

    /// <summary>Runs work atomically: all of it commits, or none of it does. Nested calls join the outer transaction.</summary>
    void InTransaction(Action work);

    /// <summary>Bulk-writes generated rows into an existing table (never row-by-row INSERT).</summary>
    IRowAppender Append(string table);

    bool TableExists(string table);

    /// <summary>
    /// Writes a query's result to a file on this machine ("csv" with a header, or "parquet"). An engine whose server
    /// cannot write the client's files streams the rows here and writes them client-side.
    /// </summary>
    void Export(string query, string path, string format) => Execute(Dialect.CopyTo(query, path, format));

    /// <summary>
    /// Creates a catalogue table if it is missing, with its declared shape and placement (a distributed engine
    /// distributes person-keyed tables on person_id and replicates reference tables).
    /// </summary>
    void CreateTable(TableSpec table) => Execute(table.CreateSql());

    /// <summary>
    /// (Re)writes a derived table: drops it, creates it with its declared shape (<see cref="CreateTable"/>), then fills it
    /// from <paramref name="select"/>, whose columns follow the declared order. Never a bare CREATE TABLE AS, which
    /// on a distributed engine would land on the coordinator. Returns the rows written.
    /// </summary>
    long CreateTableAs(TableSpec table, string select, params object?[] parameters)
    {
        ArgumentNullException.ThrowIfNull(table);
        long rows = 0;
        InTransaction(() =>
        {
            Execute($"DROP TABLE IF EXISTS {table.Name}");
            CreateTable(table);
            rows = Execute($"INSERT INTO {table.Name} ({table.ColumnList})\n{select}", parameters);
        });
        return rows;
    }
}

/// <summary>
/// An error raised by the engine (bad SQL, a constraint, a file it cannot read), in Strata's own terms: the engine's
/// message without its driver's type, so nothing above the boundary depends on which engine ran the statement.
/// </summary>
public sealed class EngineException : Exception
{
    public EngineException(string engine, string message, Exception? inner = null)
        : base(message, inner) => Engine = engine;

    public EngineException()
    {
        Engine = "";
    }

    public EngineException(string message) : base(message) => Engine = "";

    public EngineException(string message, Exception inner) : base(message, inner) => Engine = "";

    /// <summary>Which engine raised it ("duckdb", "postgresql").</summary>
    public string Engine { get; }

    /// <summary>The line of an input file the engine's reader could not parse, when it says.</summary>
    public long? Line { get; init; }
}

/// <summary>Bulk row writer; values in table column order.</summary>
public interface IRowAppender : IDisposable
{
    void Row(params object?[] values);
}

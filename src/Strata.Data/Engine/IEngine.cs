using System.Data;

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
}

/// <summary>Bulk row writer; values in table column order.</summary>
public interface IRowAppender : IDisposable
{
    void Row(params object?[] values);
}

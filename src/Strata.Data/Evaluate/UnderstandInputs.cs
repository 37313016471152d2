using Strata.Data.Engine;

namespace Strata.Data.Evaluate;

/// <summary>
/// Optional inputs written by the Understand stage: core segments and risk scores. Each is used only when its table
/// exists with the columns Evaluate needs; the latest reference_date is taken when the table has one.
/// </summary>
public static class UnderstandInputs
{
    /// <summary>A query of (person_id, segment), one row per person, or null when there is no usable segments table.</summary>
    public static string? Segments(IEngine engine) =>
        Latest(engine, "segments", "segment", "min(segment)");

    /// <summary>A query of (person_id, risk) — the mean probability over models — or null when there is no usable risk_scores table.</summary>
    public static string? Risk(IEngine engine) =>
        Latest(engine, "risk_scores", "probability", "avg(probability)");

    private static string? Latest(IEngine engine, string table, string column, string aggregate)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!engine.TableExists(table) || !HasColumn(engine, table, "person_id") || !HasColumn(engine, table, column))
        {
            return null;
        }
        var alias = column == "segment" ? "segment" : "risk";
        var where = HasColumn(engine, table, "reference_date") ? $"WHERE reference_date = (SELECT max(reference_date) FROM {table})" : "";
        return $"SELECT person_id, {aggregate} AS {alias} FROM {table} {where} GROUP BY person_id";
    }

    private static bool HasColumn(IEngine engine, string table, string column) =>
        engine.Scalar<long>($"SELECT count(*) FROM information_schema.columns WHERE table_name = {engine.Dialect.Quote(table)} AND column_name = {engine.Dialect.Quote(column)}") > 0;
}

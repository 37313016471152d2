using Strata.Data.Engine;

namespace Strata.Data.Foundation.Web;

/// <summary>One row of web_audit.</summary>
public sealed record WebAuditRow(DateTime At, string User, string Action, string Target, string? Detail);

/// <summary>The web's append-only audit table (web_audit): rows are appended, never updated or deleted.</summary>
public static class WebAuditTable
{
    public const string Table = "web_audit";

    public static void Ensure(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.Execute($"""
            CREATE TABLE IF NOT EXISTS {Table} (
                logged_at TIMESTAMP NOT NULL, user_name VARCHAR NOT NULL, action VARCHAR NOT NULL,
                target VARCHAR NOT NULL, detail VARCHAR)
            """);
    }

    public static void Append(IEngine engine, WebAuditRow row)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(row);
        using var a = engine.Append(Table);
        a.Row(row.At, row.User, row.Action, row.Target, row.Detail);
    }

    /// <summary>The newest rows, newest first (1 to 10,000 of them).</summary>
    public static IReadOnlyList<WebAuditRow> Recent(IEngine engine, int limit)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Query(
            $"SELECT logged_at, user_name, action, target, detail FROM {Table} ORDER BY logged_at DESC LIMIT $1",
            r => new WebAuditRow(r.GetDateTime(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)),
            Math.Clamp(limit, 1, 10_000));
    }
}

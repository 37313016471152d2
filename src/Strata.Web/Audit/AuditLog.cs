using Strata.Data.Engine;

namespace Strata.Web.Audit;

public sealed record AuditEntry(DateTime At, string User, string Action, string Target, string? Detail);

/// <summary>
/// Append-only record of every change and every export made through the web (table web_audit).
/// Nothing in the application updates or deletes its rows.
/// </summary>
public static class AuditLog
{
    public static void Ensure(IEngine engine) => engine.Execute("""
        CREATE TABLE IF NOT EXISTS web_audit (
            logged_at TIMESTAMP NOT NULL, user_name VARCHAR NOT NULL, action VARCHAR NOT NULL,
            target VARCHAR NOT NULL, detail VARCHAR)
        """);

    public static void Write(IEngine engine, string user, string action, string target, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        using var a = engine.Append("web_audit");
        a.Row(DateTime.UtcNow, user, action, target, detail);
    }

    public static IReadOnlyList<AuditEntry> Recent(IEngine engine, int limit)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Query(
            $"SELECT logged_at, user_name, action, target, detail FROM web_audit ORDER BY logged_at DESC LIMIT {Math.Clamp(limit, 1, 10_000)}",
            r => new AuditEntry(r.GetDateTime(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
    }
}

using Strata.Data.Engine;
using Strata.Data.Foundation.Web;

namespace Strata.Web.Audit;

public sealed record AuditEntry(DateTime At, string User, string Action, string Target, string? Detail);

/// <summary>
/// Append-only record of every change and every export made through the web (table web_audit).
/// Nothing in the application updates or deletes its rows.
/// </summary>
public static class AuditLog
{
    public static void Ensure(IEngine engine) => WebAuditTable.Ensure(engine);

    public static void Write(IEngine engine, string user, string action, string target, string? detail = null) =>
        WebAuditTable.Append(engine, new WebAuditRow(DateTime.UtcNow, user, action, target, detail));

    public static IReadOnlyList<AuditEntry> Recent(IEngine engine, int limit) =>
        [.. WebAuditTable.Recent(engine, limit).Select(r => new AuditEntry(r.At, r.User, r.Action, r.Target, r.Detail))];
}

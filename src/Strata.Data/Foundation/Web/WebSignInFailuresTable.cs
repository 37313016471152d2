using Strata.Data.Engine;

namespace Strata.Data.Foundation.Web;

/// <summary>One user name's recent failed sign-ins: how many since the first, and until when the name is locked.</summary>
public sealed record SignInFailures(int Failures, DateTime FirstFailure, DateTime? LockedUntil);

/// <summary>
/// The web's sign-in lockout table (web_sign_in_failures): failed sign-ins per (recorded, length-limited) user name,
/// kept in the workspace so a lockout survives a restart of the server. Times are UTC.
/// </summary>
public static class WebSignInFailuresTable
{
    public const string Table = "web_sign_in_failures";

    public static void Ensure(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.Execute($"""
            CREATE TABLE IF NOT EXISTS {Table} (
                user_name VARCHAR NOT NULL, failures INTEGER NOT NULL, first_failure TIMESTAMP NOT NULL, locked_until TIMESTAMP)
            """);
    }

    public static SignInFailures? Find(IEngine engine, string name)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Query($"SELECT failures, first_failure, locked_until FROM {Table} WHERE user_name = $1",
            r => new SignInFailures(r.GetInt32(0), r.GetDateTime(1), r.IsDBNull(2) ? null : r.GetDateTime(2)), name ?? "").FirstOrDefault();
    }

    /// <summary>Replaces the name's row.</summary>
    public static void Set(IEngine engine, string name, SignInFailures row)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(row);
        engine.InTransaction(() =>
        {
            engine.Execute($"DELETE FROM {Table} WHERE user_name = $1", name);
            engine.Execute($"INSERT INTO {Table} VALUES ($1, $2, $3, $4)", name, row.Failures, row.FirstFailure, row.LockedUntil);
        });
    }

    public static void Clear(IEngine engine, string name)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.Execute($"DELETE FROM {Table} WHERE user_name = $1", name);
    }
}

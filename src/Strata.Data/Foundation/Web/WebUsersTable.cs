using Strata.Data.Engine;

namespace Strata.Data.Foundation.Web;

/// <summary>
/// One row of web_users: the scope as written ("ICB", "place:P1"), the salt and hash base64, and the security stamp
/// that every session carries (a new stamp ends the user's sessions).
/// </summary>
public sealed record WebUserRow(string Name, string Role, string Scope, string Salt, string Hash, int Iterations, string Stamp);

/// <summary>The web's users table (web_users); hashing and the rules for names and passwords live in the web.</summary>
public static class WebUsersTable
{
    public const string Table = "web_users";

    /// <summary>Creates the table; workspaces from before session stamps get the column, filled with <paramref name="stampSeed"/> + name.</summary>
    public static void Ensure(IEngine engine, string stampSeed)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.Execute($"""
            CREATE TABLE IF NOT EXISTS {Table} (
                user_name VARCHAR NOT NULL, role VARCHAR NOT NULL, scope VARCHAR NOT NULL,
                salt VARCHAR NOT NULL, password_hash VARCHAR NOT NULL, iterations INTEGER NOT NULL,
                created_at TIMESTAMP NOT NULL)
            """);
        engine.Execute($"ALTER TABLE {Table} ADD COLUMN IF NOT EXISTS security_stamp VARCHAR");
        engine.Execute($"UPDATE {Table} SET security_stamp = $1 || user_name WHERE security_stamp IS NULL", stampSeed);
    }

    public static void Add(IEngine engine, WebUserRow row)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(row);
        engine.Execute($"INSERT INTO {Table} VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            row.Name, row.Role, row.Scope, row.Salt, row.Hash, row.Iterations, DateTime.UtcNow, row.Stamp);
    }

    public static WebUserRow? Find(IEngine engine, string name)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Query(
            $"SELECT user_name, role, scope, salt, password_hash, iterations, security_stamp FROM {Table} WHERE user_name = $1",
            r => new WebUserRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5), r.GetString(6)),
            name ?? "").FirstOrDefault();
    }

    /// <summary>Every user as (name, role, scope), by name.</summary>
    public static IReadOnlyList<(string Name, string Role, string Scope)> List(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Query($"SELECT user_name, role, scope FROM {Table} ORDER BY user_name",
            r => (r.GetString(0), r.GetString(1), r.GetString(2)));
    }

    public static void Remove(IEngine engine, string name) =>
        engine.Execute($"DELETE FROM {Table} WHERE user_name = $1", name);

    public static void SetPassword(IEngine engine, string name, string salt, string hash, int iterations, string stamp) =>
        engine.Execute($"UPDATE {Table} SET salt = $2, password_hash = $3, iterations = $4, security_stamp = $5 WHERE user_name = $1",
            name, salt, hash, iterations, stamp);

    public static void SetRole(IEngine engine, string name, string role, string stamp) =>
        engine.Execute($"UPDATE {Table} SET role = $2, security_stamp = $3 WHERE user_name = $1", name, role, stamp);

    public static void SetScope(IEngine engine, string name, string scope, string stamp) =>
        engine.Execute($"UPDATE {Table} SET scope = $2, security_stamp = $3 WHERE user_name = $1", name, scope, stamp);

    public static void SetStamp(IEngine engine, string name, string stamp) =>
        engine.Execute($"UPDATE {Table} SET security_stamp = $2 WHERE user_name = $1", name, stamp);

    /// <summary>Whether the workspace's practices name this place (or neighbourhood) code.</summary>
    public static bool AreaExists(IEngine engine, bool neighbourhood, string code)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var column = neighbourhood ? "neighbourhood_code" : "place_code";
        return engine.Scalar<long>($"SELECT count(*) FROM practices WHERE {column} = $1", code) > 0;
    }
}

using Strata.Data.Engine;

namespace Strata.Data.Foundation.Web;

/// <summary>One row of web_users: the scope as written ("ICB", "place:P1"), the salt and hash base64.</summary>
public sealed record WebUserRow(string Name, string Role, string Scope, string Salt, string Hash, int Iterations);

/// <summary>The web's users table (web_users); hashing and the rules for names and passwords live in the web.</summary>
public static class WebUsersTable
{
    public const string Table = "web_users";

    public static void Ensure(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.Execute($"""
            CREATE TABLE IF NOT EXISTS {Table} (
                user_name VARCHAR NOT NULL, role VARCHAR NOT NULL, scope VARCHAR NOT NULL,
                salt VARCHAR NOT NULL, password_hash VARCHAR NOT NULL, iterations INTEGER NOT NULL,
                created_at TIMESTAMP NOT NULL)
            """);
    }

    public static void Add(IEngine engine, WebUserRow row)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(row);
        using var a = engine.Append(Table);
        a.Row(row.Name, row.Role, row.Scope, row.Salt, row.Hash, row.Iterations, DateTime.UtcNow);
    }

    public static WebUserRow? Find(IEngine engine, string name)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Query(
            $"SELECT user_name, role, scope, salt, password_hash, iterations FROM {Table} WHERE user_name = $1",
            r => new WebUserRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5)),
            name ?? "").FirstOrDefault();
    }
}

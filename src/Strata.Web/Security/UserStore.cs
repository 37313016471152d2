using System.Security.Claims;
using System.Security.Cryptography;
using Strata.Data.Engine;
using Strata.Data.Foundation.Web;

namespace Strata.Web.Security;

/// <summary>A signed-in user: who, what they may do, and which population they may see.</summary>
public sealed record WebUser(string Name, string Role, UserScope Scope)
{
    public const string ScopeClaim = "strata:scope";

    /// <summary>The user's security stamp when the session began (checked against the workspace per request).</summary>
    public const string StampClaim = "strata:stamp";

    public IEnumerable<Claim> Claims(string stamp) =>
        [new(ClaimTypes.Name, Name), new(ClaimTypes.Role, Role), new(ScopeClaim, Scope.ToString()), new(StampClaim, stamp)];

    /// <summary>The signed-in user of an endpoint that requires authorisation (reaching it without one is a bug).</summary>
    public static WebUser Signed(ClaimsPrincipal principal) =>
        From(principal) ?? throw new InvalidOperationException("Endpoint reached without a signed-in user.");

    /// <summary>The user behind an authenticated principal; null when not signed in.</summary>
    public static WebUser? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var name = principal.FindFirstValue(ClaimTypes.Name);
        var role = principal.FindFirstValue(ClaimTypes.Role);
        var scope = principal.FindFirstValue(ScopeClaim);
        return name is null || role is null || scope is null ? null : new WebUser(name, role, UserScope.Parse(scope));
    }
}

/// <summary>What sign-in reads under the workspace lock; the slow hash is then computed outside it.</summary>
public sealed record StoredCredentials(WebUser User, string Salt, string Hash, int Iterations, string Stamp);

/// <summary>
/// Users live in the workspace (table web_users) with a salted PBKDF2-SHA256 hash; no password is ever stored
/// or shipped in code. The iteration count is stored per user so it can be raised later without a reset.
/// Each user has a security stamp, copied into their session cookie and checked on every request: sign-out,
/// password reset, a change of role or scope, and removal all change (or remove) it, so every older cookie stops
/// working on its next request.
/// </summary>
public static class UserStore
{
    public const int Iterations = 600_000;
    public const int MaxNameLength = 64;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static void Ensure(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        // Workspaces from before session stamps get one; their users' old cookies then stop working.
        WebUsersTable.Ensure(engine, NewStamp());
    }

    public static WebUser Add(IEngine engine, string name, string role, string scope, string password)
    {
        ArgumentNullException.ThrowIfNull(engine);
        CheckName(name);
        PasswordRules.Check(name, password);
        var user = new WebUser(name, Roles.Parse(role), UserScope.Parse(scope));
        Ensure(engine);
        if (Find(engine, name) is not null)
        {
            throw new ArgumentException($"User '{name}' already exists.", nameof(name));
        }
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Hash(password, salt, Iterations);
        WebUsersTable.Add(engine, new WebUserRow(user.Name, user.Role, user.Scope.ToString(), Convert.ToBase64String(salt),
            Convert.ToBase64String(hash), Iterations, NewStamp()));
        return user;
    }

    /// <summary>The user when the password matches; null otherwise (unknown user or wrong password alike).</summary>
    public static WebUser? Verify(IEngine engine, string name, string password)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return Matches(Lookup(engine, name), password)?.User;
    }

    /// <summary>The stored credentials of a user (null if unknown): cheap, done under the workspace lock.</summary>
    public static StoredCredentials? Lookup(IEngine engine, string? name)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Ensure(engine);
        return Find(engine, name ?? "");
    }

    /// <summary>
    /// The credentials when the password matches them: the slow hash, done without the workspace lock so one
    /// sign-in cannot stall every other user. Unknown users cost the same time, so timing does not reveal names.
    /// </summary>
    public static StoredCredentials? Matches(StoredCredentials? stored, string? password)
    {
        if (stored is null)
        {
            Hash(password ?? "", new byte[SaltBytes], Iterations);
            return null;
        }
        var actual = Hash(password ?? "", Convert.FromBase64String(stored.Salt), stored.Iterations);
        return CryptographicOperations.FixedTimeEquals(actual, Convert.FromBase64String(stored.Hash)) ? stored : null;
    }

    /// <summary>Every user, by name (no secrets).</summary>
    public static IReadOnlyList<WebUser> List(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Ensure(engine);
        return [.. WebUsersTable.List(engine).Select(u => new WebUser(u.Name, u.Role, UserScope.Parse(u.Scope)))];
    }

    /// <summary>Removes a user; their sessions end on their next request.</summary>
    public static void Remove(IEngine engine, string name) => Change(engine, name, () => WebUsersTable.Remove(engine, name));

    public static void ResetPassword(IEngine engine, string name, string password)
    {
        PasswordRules.Check(name, password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        Change(engine, name, () => WebUsersTable.SetPassword(engine, name, Convert.ToBase64String(salt),
            Convert.ToBase64String(Hash(password, salt, Iterations)), Iterations, NewStamp()));
    }

    public static void SetRole(IEngine engine, string name, string role) =>
        Change(engine, name, () => WebUsersTable.SetRole(engine, name, Roles.Parse(role), NewStamp()));

    public static void SetScope(IEngine engine, string name, string scope) =>
        Change(engine, name, () => WebUsersTable.SetScope(engine, name, UserScope.Parse(scope).ToString(), NewStamp()));

    /// <summary>Ends every session of the user (sign-out): their stamp changes.</summary>
    public static void EndSessions(IEngine engine, string name) =>
        Change(engine, name, () => WebUsersTable.SetStamp(engine, name, NewStamp()));

    /// <summary>
    /// Refuses a scope that names a place or neighbourhood the workspace does not have (practice geography), so a
    /// typo cannot create a user who sees nothing, or who would see an area added later.
    /// </summary>
    public static UserScope ValidScope(IEngine engine, string scope)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var parsed = UserScope.Parse(scope);
        if (!parsed.IsIcbWide && !WebUsersTable.AreaExists(engine, parsed.Neighbourhood is not null, parsed.Code!))
        {
            throw new Strata.Domain.Foundation.StrataValidationException("--scope",
                $"{parsed.Describe()} is not in this workspace (its practices name no such {parsed.LevelName}).");
        }
        return parsed;
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"A user name is 1-{MaxNameLength} characters without spaces.", nameof(name));
        }
    }

    private static void Change(IEngine engine, string name, Action change)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Ensure(engine);
        if (Find(engine, name) is null)
        {
            throw new ArgumentException($"No user '{name}'.", nameof(name));
        }
        change();
    }

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static byte[] Hash(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    private static StoredCredentials? Find(IEngine engine, string name) =>
        WebUsersTable.Find(engine, name) is { } r
            ? new StoredCredentials(new WebUser(r.Name, r.Role, UserScope.Parse(r.Scope)), r.Salt, r.Hash, r.Iterations, r.Stamp)
            : null;
}

using System.Security.Claims;
using System.Security.Cryptography;
using Strata.Data.Engine;
using Strata.Data.Foundation.Web;

namespace Strata.Web.Security;

/// <summary>A signed-in user: who, what they may do, and which population they may see.</summary>
public sealed record WebUser(string Name, string Role, UserScope Scope)
{
    public const string ScopeClaim = "strata:scope";

    public IEnumerable<Claim> Claims() =>
        [new(ClaimTypes.Name, Name), new(ClaimTypes.Role, Role), new(ScopeClaim, Scope.ToString())];

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

/// <summary>
/// Users live in the workspace (table web_users) with a salted PBKDF2-SHA256 hash; no password is ever stored
/// or shipped in code. The iteration count is stored per user so it can be raised later without a reset.
/// </summary>
public static class UserStore
{
    public const int Iterations = 600_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static void Ensure(IEngine engine) => WebUsersTable.Ensure(engine);

    public static WebUser Add(IEngine engine, string name, string role, string scope, string password)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || name.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("A user name is 1-64 characters without spaces.", nameof(name));
        }
        if (string.IsNullOrEmpty(password) || password.Length < 12)
        {
            throw new ArgumentException("A password needs at least 12 characters.", nameof(password));
        }
        var user = new WebUser(name, Roles.Parse(role), UserScope.Parse(scope));
        Ensure(engine);
        if (Find(engine, name) is not null)
        {
            throw new ArgumentException($"User '{name}' already exists.", nameof(name));
        }
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Hash(password, salt, Iterations);
        WebUsersTable.Add(engine, new WebUserRow(user.Name, user.Role, user.Scope.ToString(), Convert.ToBase64String(salt), Convert.ToBase64String(hash),
            Iterations));
        return user;
    }

    /// <summary>The user when the password matches; null otherwise (unknown user or wrong password alike).</summary>
    public static WebUser? Verify(IEngine engine, string name, string password)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Ensure(engine);
        var stored = Find(engine, name);
        if (stored is null)
        {
            // Spend the same time as a real check so the response does not reveal which names exist.
            Hash(password ?? "", new byte[SaltBytes], Iterations);
            return null;
        }
        var actual = Hash(password ?? "", Convert.FromBase64String(stored.Salt), stored.Iterations);
        return CryptographicOperations.FixedTimeEquals(actual, Convert.FromBase64String(stored.Hash)) ? stored.User : null;
    }

    private static byte[] Hash(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    private static StoredUser? Find(IEngine engine, string name) =>
        WebUsersTable.Find(engine, name) is { } r
            ? new StoredUser(new WebUser(r.Name, r.Role, UserScope.Parse(r.Scope)), r.Salt, r.Hash, r.Iterations)
            : null;

    private sealed record StoredUser(WebUser User, string Salt, string Hash, int Iterations);
}

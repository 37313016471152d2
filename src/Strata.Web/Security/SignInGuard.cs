using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Strata.Web.Infrastructure;

namespace Strata.Web.Security;

/// <summary>
/// Temporary lockout per user name (OWASP ASVS 2.2.1): after <see cref="MaxFailures"/> failed sign-ins within
/// <see cref="Window"/> the name is locked for <see cref="Lockout"/>, even with the right password. Per-client
/// throttling is the rate limiter on the sign-in endpoints (StrataWebHost). In memory: a restart clears it.
/// </summary>
public sealed class SignInGuard(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    /// <summary>Names longer than this are cut before they are kept anywhere (audit log, lockout table).</summary>
    public const int MaxRecordedName = UserStore.MaxNameLength;

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset First, DateTimeOffset? LockedUntil)> _names =
        new(StringComparer.Ordinal);

    public SignInGuard()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A user name as it may be recorded: trimmed and cut to <see cref="MaxRecordedName"/> characters.</summary>
    public static string Recorded(string? name)
    {
        var n = (name ?? "").Trim();
        n = new string([.. n.Select(c => char.IsControl(c) ? '?' : c)]);
        return n.Length == 0 ? "(blank)" : n.Length <= MaxRecordedName ? n : n[..MaxRecordedName] + "…";
    }

    public bool IsLocked(string name) =>
        _names.TryGetValue(Recorded(name), out var s) && s.LockedUntil is { } until && until > clock.GetUtcNow();

    public void Failed(string name)
    {
        var now = clock.GetUtcNow();
        _names.AddOrUpdate(Recorded(name), _ => (1, now, null), (_, s) =>
        {
            var fresh = now - s.First > Window ? (Failures: 1, First: now) : (Failures: s.Failures + 1, s.First);
            return (fresh.Failures, fresh.First, fresh.Failures >= MaxFailures ? now + Lockout : s.LockedUntil);
        });
    }

    public void Succeeded(string name) => _names.TryRemove(Recorded(name), out _);

    /// <summary>
    /// Server-side session check on every request: the cookie's user must still exist with the same security stamp
    /// (sign-out, removal, password reset and role or scope changes all change it). Role and scope come from the
    /// cookie only while the stamp matches, so they are never trusted after a change.
    /// </summary>
    public static async Task Validate(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var name = principal?.FindFirstValue(ClaimTypes.Name);
        var stamp = principal?.FindFirstValue(WebUser.StampClaim);
        var gate = context.HttpContext.RequestServices.GetRequiredService<WorkspaceGate>();
        var current = name is null ? null : gate.Use(e => UserStore.Lookup(e, name));
        if (current is null || stamp is null || current.Stamp != stamp || WebUser.From(principal) != current.User)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Strata.Data.Foundation.Web;
using Strata.Web.Infrastructure;

namespace Strata.Web.Security;

/// <summary>
/// Temporary lockout per user name (OWASP ASVS 2.2.1): after <see cref="MaxFailures"/> failed sign-ins within
/// <see cref="Window"/> the name is locked for <see cref="Lockout"/>, even with the right password. Per-client
/// throttling is the rate limiter on the sign-in endpoints (StrataWebHost). The failures are kept in the workspace
/// (<see cref="WebSignInFailuresTable"/>), so restarting the server does not lift a lockout.
/// </summary>
public sealed class SignInGuard
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    /// <summary>Names longer than this are cut before they are kept anywhere (audit log, lockout table).</summary>
    public const int MaxRecordedName = UserStore.MaxNameLength;

    private readonly WorkspaceGate _gate;
    private readonly TimeProvider _clock;

    public SignInGuard(WorkspaceGate gate, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(gate);
        _gate = gate;
        _clock = clock ?? TimeProvider.System;
        _gate.Use(e =>
        {
            WebSignInFailuresTable.Ensure(e);
            return 0;
        });
    }

    public SignInGuard(WorkspaceGate gate)
        : this(gate, TimeProvider.System)
    {
    }

    /// <summary>A user name as it may be recorded: trimmed and cut to <see cref="MaxRecordedName"/> characters.</summary>
    public static string Recorded(string? name)
    {
        var n = (name ?? "").Trim();
        n = new string([.. n.Select(c => char.IsControl(c) ? '?' : c)]);
        return n.Length == 0 ? "(blank)" : n.Length <= MaxRecordedName ? n : n[..MaxRecordedName] + "…";
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    public bool IsLocked(string name)
    {
        var row = _gate.Use(e => WebSignInFailuresTable.Find(e, Recorded(name)));
        return row?.LockedUntil is { } until && until > Now;
    }

    public void Failed(string name)
    {
        var now = Now;
        var recorded = Recorded(name);
        _gate.Use(e =>
        {
            var s = WebSignInFailuresTable.Find(e, recorded);
            var next = s is null || now - s.FirstFailure > Window
                ? new SignInFailures(1, now, s?.LockedUntil)
                : s with { Failures = s.Failures + 1 };
            if (next.Failures >= MaxFailures)
            {
                next = next with { LockedUntil = now + Lockout };
            }
            WebSignInFailuresTable.Set(e, recorded, next);
            return 0;
        });
    }

    public void Succeeded(string name) => _gate.Use(e =>
    {
        WebSignInFailuresTable.Clear(e, Recorded(name));
        return 0;
    });

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

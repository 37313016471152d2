using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Web.Audit;
using Strata.Web.Infrastructure;
using Strata.Web.Security;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Security;

/// <summary>Sign-in and sessions (issue 12, item 5): what a stolen, stale or signed-out cookie can still do, and guessing.</summary>
[Collection("web")]
public sealed class SessionSecurityTests(WebAppFixture web)
{
    private T Use<T>(Func<IEngine, T> work) => web.App.Services.GetRequiredService<WorkspaceGate>().Use(work);

    /// <summary>A user of this test only, so changing them disturbs no other test.</summary>
    private string NewUser(string role = Roles.Analyst)
    {
        var name = "u" + Guid.NewGuid().ToString("N")[..10];
        Use(e => UserStore.Add(e, name, role, "ICB", TestPopulation.Password));
        return name;
    }

    private async Task<(HttpClient Client, string Cookie)> SignIn(string name)
    {
        var client = web.Client();
        var response = await client.PostAsJsonAsync("/api/session", new { user_name = name, password = TestPopulation.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("strata.session=", StringComparison.Ordinal)).Split(';')[0];
        return (client, cookie);
    }

    /// <summary>Another client presenting a copy of the cookie, as someone who copied it would.</summary>
    private async Task<HttpStatusCode> Me(string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = web.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Sign_out_ends_the_session_for_every_copy_of_the_cookie()
    {
        var (client, cookie) = await SignIn(NewUser());
        Assert.Equal(HttpStatusCode.OK, await Me(cookie));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/session")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await Me(cookie));
    }

    [Fact]
    public async Task Removing_a_user_ends_their_session_on_the_next_request()
    {
        var name = NewUser();
        var (_, cookie) = await SignIn(name);
        Use(e => { UserStore.Remove(e, name); return 0; });
        Assert.Equal(HttpStatusCode.Unauthorized, await Me(cookie));
    }

    [Fact]
    public async Task A_changed_role_or_scope_or_password_is_not_taken_from_the_old_cookie()
    {
        var name = NewUser(Roles.Commissioner);
        var (_, roleCookie) = await SignIn(name);
        Use(e => { UserStore.SetRole(e, name, Roles.Viewer); return 0; });
        Assert.Equal(HttpStatusCode.Unauthorized, await Me(roleCookie));

        var (_, scopeCookie) = await SignIn(name);
        Use(e => { UserStore.SetScope(e, name, "place:PL1"); return 0; });
        Assert.Equal(HttpStatusCode.Unauthorized, await Me(scopeCookie));

        var (_, passwordCookie) = await SignIn(name);
        Use(e => { UserStore.ResetPassword(e, name, TestPopulation.Password); return 0; });
        Assert.Equal(HttpStatusCode.Unauthorized, await Me(passwordCookie));
    }

    [Fact]
    public async Task Repeated_failures_lock_the_name_even_against_the_right_password()
    {
        var name = NewUser();
        var client = web.Client();
        for (var i = 0; i < SignInGuard.MaxFailures; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/session", new { user_name = name, password = "not the password at all" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var right = await client.PostAsJsonAsync("/api/session", new { user_name = name, password = TestPopulation.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains(Use(e => AuditLog.Recent(e, 50)), a => a.User == name && a.Action == "sign-in.locked");
    }

    [Fact]
    public async Task A_huge_user_name_on_a_failed_sign_in_is_recorded_cut_short()
    {
        var huge = new string('x', 1_000_000);
        var response = await web.Client().PostAsJsonAsync("/api/session", new { user_name = huge, password = "whatever whatever" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // A name under the API's input limit but over a user name's is looked up nowhere and recorded cut short.
        var long2 = await web.Client().PostAsJsonAsync("/api/session", new { user_name = huge[..3_000], password = "whatever whatever" });
        Assert.Equal(HttpStatusCode.Unauthorized, long2.StatusCode);
        Assert.Equal(SignInGuard.MaxRecordedName + 1, SignInGuard.Recorded(huge).Length);
        var longest = Use(e => e.Scalar<long>("SELECT max(length(user_name)) FROM web_audit"));
        Assert.True(longest <= SignInGuard.MaxRecordedName + 1, $"an audit user name of {longest} characters");
    }

    [Fact]
    public async Task Oversized_strings_and_control_characters_are_a_400_naming_the_field()
    {
        var (client, _) = await SignIn(NewUser(Roles.Commissioner));
        var longText = await client.PostAsJsonAsync("/api/decisions", new { function = "contract_award", tier = "icb", amount = 1, description = new string('d', 100_000) });
        Assert.Equal(HttpStatusCode.BadRequest, longText.StatusCode);
        Assert.Contains("description: longer than", await longText.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var nul = await client.PostAsJsonAsync("/api/decisions", new { function = "contract\u0000award", tier = "icb", amount = 1, description = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/population/segments?neighbourhood=N1%00")).StatusCode);
    }

    [Fact]
    public async Task Responses_carry_the_security_headers()
    {
        var response = await web.Client().GetAsync("/login");
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task A_state_changing_request_from_another_origin_is_refused()
    {
        var (client, cookie) = await SignIn(NewUser());
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/session");
        request.Headers.Add("Origin", "https://attacker.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await Me(cookie));
    }

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("short-pass1")]
    [InlineData("password1234")]
    [InlineData("123456789012")]
    [InlineData("Password1234")]
    public void Weak_passwords_are_refused(string password)
    {
        using var ws = Workspace.InMemory();
        var e = Assert.Throws<StrataValidationException>(() => UserStore.Add(ws.Engine, "pat", Roles.Viewer, "ICB", password));
        Assert.Equal("password", e.Field);
    }

    [Fact]
    public void A_long_unusual_passphrase_is_accepted() =>
        Assert.Null(PasswordRules.Problem("pat", "correct horse battery"));

    [Fact]
    public void A_scope_must_name_an_area_of_the_workspace()
    {
        using var ws = Workspace.InMemory();
        ws.Engine.Execute("INSERT INTO practices VALUES ('P1', 'One', 'N1', 'PL1', 'Place One', 'ICB')");
        Assert.Equal(UserScope.Parse("place:PL1"), UserStore.ValidScope(ws.Engine, "place:PL1"));
        Assert.Equal(UserScope.Parse("neighbourhood:N1"), UserStore.ValidScope(ws.Engine, "neighbourhood:N1"));
        Assert.Throws<StrataValidationException>(() => UserStore.ValidScope(ws.Engine, "place:NOPE"));
        Assert.Throws<StrataValidationException>(() => UserStore.ValidScope(ws.Engine, "neighbourhood:PL1"));
    }
}

/// <summary>A server that allows three sign-in attempts a minute per client.</summary>
public sealed class ThrottledAppFixture : WebAppFixture
{
    protected override int SignInsPerMinute => 3;
}

public sealed class SignInThrottlingTests(ThrottledAppFixture web) : IClassFixture<ThrottledAppFixture>
{
    [Fact]
    public async Task A_client_that_keeps_trying_is_told_to_wait()
    {
        var client = web.Client();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            codes.Add((await client.PostAsJsonAsync("/api/session", new { user_name = "guess" + i, password = "guessing guessing" })).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], codes);
    }
}

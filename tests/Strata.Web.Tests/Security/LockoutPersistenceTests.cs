using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Strata.Web.Security;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Security;

/// <summary>
/// A sign-in lockout is kept in the workspace (issue 12, item 5): restarting the server does not give a guesser a
/// fresh set of attempts. Each test starts and stops real hosts, one after the other, on the same workspace file.
/// </summary>
public sealed class LockoutPersistenceTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "strata-lockout-" + Guid.NewGuid().ToString("N"));

    public LockoutPersistenceTests()
    {
        Directory.CreateDirectory(_directory);
        TestPopulation.UsersOnly(WorkspacePath);
    }

    private string WorkspacePath => Path.Combine(_directory, "ws.duckdb");

    [Fact]
    public async Task A_locked_name_stays_locked_after_the_server_restarts()
    {
        await using (var first = await Start())
        {
            using var client = Client(first);
            for (var i = 0; i < SignInGuard.MaxFailures; i++)
            {
                var wrong = await client.PostAsJsonAsync("/api/session", new { user_name = "ann", password = "not the password at all" });
                Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            }
            var locked = await client.PostAsJsonAsync("/api/session", new { user_name = "ann", password = TestPopulation.Password });
            Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
            await first.StopAsync();
        }

        await using var second = await Start();
        using var again = Client(second);
        var right = await again.PostAsJsonAsync("/api/session", new { user_name = "ann", password = TestPopulation.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        // Other names are not affected by ann's lockout.
        var other = await again.PostAsJsonAsync("/api/session", new { user_name = "pat", password = TestPopulation.Password });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Failures_below_the_limit_are_counted_across_a_restart()
    {
        await using (var first = await Start())
        {
            using var client = Client(first);
            for (var i = 0; i < SignInGuard.MaxFailures - 1; i++)
            {
                await client.PostAsJsonAsync("/api/session", new { user_name = "ann", password = "not the password at all" });
            }
            await first.StopAsync();
        }

        await using var second = await Start();
        using var again = Client(second);
        await again.PostAsJsonAsync("/api/session", new { user_name = "ann", password = "not the password at all" });
        var right = await again.PostAsJsonAsync("/api/session", new { user_name = "ann", password = TestPopulation.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
    }

    private async Task<WebApplication> Start()
    {
        var app = StrataWebHost.Build(new StrataWebOptions(WorkspacePath, "http://127.0.0.1:0"));
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(StrataWebHost.BoundAddresses(app).Single()) };

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

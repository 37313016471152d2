using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;

namespace Strata.Web.Tests.Infrastructure;

/// <summary>The real application on a free 127.0.0.1 port over a hand-built workspace; one per test collection.</summary>
public class WebAppFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "strata-web-" + Guid.NewGuid().ToString("N"));

    public string WorkspacePath => Path.Combine(Directory, "ws.duckdb");

    public Uri BaseAddress { get; private set; } = default!;

    public WebApplication App => _app ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        Prepare(WorkspacePath);
        _app = StrataWebHost.Build(new StrataWebOptions(WorkspacePath, "http://127.0.0.1:0")
        {
            Verbose = Environment.GetEnvironmentVariable("STRATA_WEB_VERBOSE") == "1",
            DemoPeople = 1_500,
            // Every test signs in from 127.0.0.1; the per-client limit has its own test (SessionSecurityTests).
            SignInsPerMinute = SignInsPerMinute,
            Disclosure = Disclosure,
        });
        await _app.StartAsync();
        BaseAddress = new Uri(StrataWebHost.BoundAddresses(_app).Single());
    }

    /// <summary>
    /// The policy the server applies. Most web tests check scoping and what each page releases with exact expected
    /// figures, so they run without perturbation (its values depend on the workspace's random secret);
    /// <see cref="KeyedWebAppFixture"/> runs the real policy, and the differencing attack is in Strata.Data.Tests/Security.
    /// </summary>
    protected virtual Strata.Domain.Foundation.DisclosurePolicy Disclosure => Strata.Domain.Foundation.DisclosurePolicy.Default with { MaxPerturbation = 0 };

    /// <summary>Sign-in attempts per minute the server allows one client.</summary>
    protected virtual int SignInsPerMinute => 10_000;

    /// <summary>Writes the workspace the server opens: by default the hand-built population.</summary>
    protected virtual void Prepare(string workspacePath) => TestPopulation.Build(workspacePath);

    /// <summary>An HTTP client with its own cookie jar, not following redirects.</summary>
    public HttpClient Client() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    /// <summary>A client signed in through the JSON session endpoint.</summary>
    public async Task<HttpClient> SignedIn(string user)
    {
        var client = Client();
        var response = await client.PostAsJsonAsync("/api/session", new { user_name = user, password = TestPopulation.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition("web")]
public sealed class WebCollection : ICollectionFixture<WebAppFixture>;

/// <summary>The hand-built workspace served under the real disclosure policy (cell-key perturbation as shipped).</summary>
public sealed class KeyedWebAppFixture : WebAppFixture
{
    protected override Strata.Domain.Foundation.DisclosurePolicy Disclosure => Strata.Domain.Foundation.DisclosurePolicy.Default;
}

[CollectionDefinition("web-keyed")]
public sealed class KeyedWebCollection : ICollectionFixture<KeyedWebAppFixture>;

/// <summary>A workspace with users only, for the flows that start from importing data.</summary>
public sealed class EmptyWorkspaceFixture : WebAppFixture
{
    protected override void Prepare(string workspacePath) => TestPopulation.UsersOnly(workspacePath);
}

using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MudBlazor.Services;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using System.Text.Json.Serialization;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Web.Api;
using Strata.Web.Audit;
using Strata.Web.Infrastructure;
using Strata.Web.Jobs;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web;

/// <summary>Settings for one web server over one workspace.</summary>
public sealed record StrataWebOptions(string WorkspacePath, string Urls)
{
    public DisclosurePolicy Disclosure { get; init; } = DisclosurePolicy.Default;

    /// <summary>People in the synthetic ICB the "Import demo data" job generates.</summary>
    public long DemoPeople { get; init; } = 20_000;

    /// <summary>
    /// Folder (or file) of intervention definitions the scenario job runs by default: the repository's
    /// examples/interventions, found from the working directory or the application's folder upwards.
    /// </summary>
    public string? InterventionsFolder { get; init; } = FindUpwards(Path.Combine("examples", "interventions"));

    /// <summary>Framework log output (requests, circuits); off by default, the server prints its address only.</summary>
    public bool Verbose { get; init; }

    /// <summary>The folder the web imports from (by folder name); default "inbox" next to the workspace.</summary>
    public string? ImportInbox { get; init; }

    /// <summary>Sign-in attempts per client address per minute before 429 (OWASP ASVS 2.2.1).</summary>
    public int SignInsPerMinute { get; init; } = 20;

    private static string? FindUpwards(string relative) =>
        new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory }
            .SelectMany(start => Ancestors(new DirectoryInfo(start)))
            .Select(d => Path.Combine(d.FullName, relative))
            .FirstOrDefault(Directory.Exists);

    private static IEnumerable<DirectoryInfo> Ancestors(DirectoryInfo? d)
    {
        for (; d is not null; d = d.Parent)
        {
            yield return d;
        }
    }
}

/// <summary>
/// `strata serve`: ASP.NET Core over one workspace with the REST API, its OpenAPI document and the Blazor UI.
/// The host owns the workspace's only connection (DuckDB: one process per file) for as long as it runs.
/// </summary>
public static class StrataWebHost
{
    /// <summary>Builds the application; the caller starts it (tests) or runs it (the CLI).</summary>
    public static WebApplication Build(StrataWebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The static web asset manifests (Blazor script, MudBlazor, Plotly) are named after this assembly.
            ApplicationName = typeof(StrataWebHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(options.Urls);
        // Serve the static web assets (framework script, MudBlazor, Plotly, wwwroot) from where the build left them,
        // in every environment: `strata serve` runs from build output, not from a published wwwroot.
        builder.WebHost.UseStaticWebAssets();
        builder.Logging.ClearProviders();
        if (options.Verbose)
        {
            builder.Logging.AddConsole();
        }

        var workspace = Workspace.Open(options.WorkspacePath);
        try
        {
            UserStore.Ensure(workspace.Engine);
            AuditLog.Ensure(workspace.Engine);
        }
        catch
        {
            workspace.Dispose();
            throw;
        }
        builder.Services.AddSingleton(new WorkspaceGate(workspace));
        builder.Services.AddSingleton(options.Disclosure);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<PopulationQueries>();
        builder.Services.AddSingleton<Stages.StageQueries>();
        builder.Services.AddSingleton<Stages.PlanQueries>();
        builder.Services.AddSingleton<Stages.MediumTermPlanQueries>();
        builder.Services.AddSingleton<Stages.DecisionEntry>();
        builder.Services.AddSingleton<Stages.DecisionQueries>();
        builder.Services.AddSingleton<Stages.EvaluationQueries>();
        builder.Services.AddSingleton<Stages.VariationQueries>();
        builder.Services.AddSingleton<Stages.OpportunityQueries>();
        builder.Services.AddSingleton<Stages.CohortQueries>();
        builder.Services.AddSingleton<Stages.PathwayQueries>();
        builder.Services.AddSingleton<Stages.AllocationQueries>();
        builder.Services.AddSingleton<Stages.ContractQueries>();
        builder.Services.AddSingleton<Stages.QualityQueries>();
        builder.Services.AddSingleton<JobQueue>();
        builder.Services.AddSingleton<Api.ExportCatalog>();
        builder.Services.AddSingleton<Stages.InterventionLibrary>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobQueue>());

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "strata.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/login";
            // The API answers 401/403; only pages redirect to the sign-in page.
            o.Events.OnRedirectToLogin = c => Deny(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Deny(c, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = SignInGuard.Validate;
        });
        builder.Services.AddSingleton(sp => new SignInGuard(sp.GetRequiredService<WorkspaceGate>(), TimeProvider.System));
        // Per-client throttling of sign-in (OWASP ASVS 2.2.1); per-name lockout is SignInGuard.
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAntiforgery();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            // Dates in bodies (e.g. PSR decision_date) are read by ReferenceDate: one format, one message.
            o.SerializerOptions.Converters.Add(new Strata.Data.Foundation.ReferenceDateJson());
        });
        // A body that cannot be read (e.g. a malformed date) is answered by the middleware below, naming the field.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(() => app.Services.GetRequiredService<WorkspaceGate>().Dispose());
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }
            // A state-changing request from another site's page is refused (the cookie is SameSite=Strict as well).
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
                && context.Request.Headers.Origin is { Count: > 0 } origin && !SameOrigin(origin.ToString(), context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            await next(context).ConfigureAwait(false);
        });
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                // 400 with one line: for a JSON body, the field and the reason (dates as ReferenceDate words them).
                var message = e.InnerException is System.Text.Json.JsonException json ? Strata.Data.Foundation.ReferenceDateJson.Field(json).Message : e.Message;
                await Results.Problem(message, statusCode: e.StatusCode, title: "Bad request").ExecuteAsync(context).ConfigureAwait(false);
            }
        });
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapOpenApi();
        ApiEndpoints.Map(app);
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>The rate-limiter policy on the sign-in endpoints.</summary>
    public const string SignInLimit = "sign-in";

    /// <summary>
    /// Everything from this server only; no framing (frame-ancestors). Blazor, MudBlazor and Plotly need inline styles
    /// and Plotly evaluates generated code, hence 'unsafe-inline' styles and 'unsafe-eval'; the circuit uses a WebSocket.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static bool SameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var o)
        && string.Equals(o.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(o.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs until Ctrl+C, printing the bound address.</summary>
    public static void Run(StrataWebOptions options)
    {
        using var app = Build(options);
        app.Start();
        foreach (var address in BoundAddresses(app))
        {
            Console.WriteLine($"Strata is listening on {address} (workspace {options.WorkspacePath}). Press Ctrl+C to stop.");
        }
        app.WaitForShutdown();
    }

    /// <summary>The addresses actually bound (a port of 0 in the options becomes a free port).</summary>
    public static IReadOnlyList<string> BoundAddresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];
    }

    private static Task Deny(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}

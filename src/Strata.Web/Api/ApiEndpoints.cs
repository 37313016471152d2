using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using System.Globalization;
using System.Security.Claims;
using Strata.Web.Audit;
using Strata.Web.Infrastructure;
using Strata.Web.Jobs;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Api;

public sealed record SignInRequest(string UserName, string Password);

/// <summary>The signed-in user as the API shows it.</summary>
public sealed record MeView(string Name, string Role, string Scope)
{
    public static MeView From(WebUser u) => new(u.Name, u.Role, u.Scope.ToString());
}

public sealed record JobRequest(string Kind, string? Directory = null, long? People = null, ulong? Seed = null, DateOnly? ReferenceDate = null,
    string? Name = null, string? Interventions = null, int? Runs = null, int? Years = null);

public sealed record DecisionRequest(string Function, string Tier, double Amount, string? Description = null, bool Escalate = false);

public sealed record JobView(string Id, string Kind, string Target, string StartedBy, DateTime QueuedAt, DateTime? StartedAt, DateTime? FinishedAt,
    string Status, double Progress, string Message)
{
    public static JobView From(Job j) => new(j.Id, j.Kind, j.Target, j.StartedBy, j.QueuedAt, j.StartedAt, j.FinishedAt, JobStore.Status(j.Status), j.Progress, j.Message);
}

/// <summary>The REST API (/api) and the sign-in form endpoints. Everything under /api/population, /api/places
/// and /api/export goes through <see cref="PopulationQueries"/>, the same scoping the pages use.</summary>
public static class ApiEndpoints
{
    public static readonly IReadOnlyList<string> ExportTables = ["segments", "risk-tiers", "profile", "inequalities", "places"];

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        MapAccount(app);

        var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context).ConfigureAwait(false);
            }
            catch (ScopeForbiddenException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden, title: "Outside your scope");
            }
            catch (ArgumentException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
            }
        });

        api.MapGet("/me", (ClaimsPrincipal p) => MeView.From(Me(p))).WithSummary("The signed-in user, role and scope.");

        var population = api.MapGroup("/population").WithTags("Population");
        population.MapGet("/segments", (ClaimsPrincipal p, PopulationQueries q, string? place, string? neighbourhood) =>
            ApiTable.From(q.Segments(Me(p), AreaFilter.From(place, neighbourhood))))
            .WithSummary("People by core segment, with mean LTC count and Cambridge Multimorbidity Score.");
        population.MapGet("/risk-tiers", (ClaimsPrincipal p, PopulationQueries q, string? place, string? neighbourhood) =>
            ApiTable.From(q.RiskTiers(Me(p), AreaFilter.From(place, neighbourhood))))
            .WithSummary("People by risk tier of emergency admission in the next 12 months.");
        population.MapGet("/profile", (HttpContext http, ClaimsPrincipal p, PopulationQueries q, string? by, string? place, string? neighbourhood, string? setting) =>
            ApiTable.From(q.Profile(Me(p), AreaFilter.From(place, neighbourhood), by ?? "segment", Slices(http.Request.Query), setting)))
            .WithSummary("People, activity per 1,000 and spend per head by one dimension; other dimensions in the query string slice.");
        population.MapGet("/inequalities", (ClaimsPrincipal p, PopulationQueries q, string? place, string? neighbourhood) =>
            ApiTable.From(q.Inequalities(Me(p), AreaFilter.From(place, neighbourhood))))
            .WithSummary("Profile measures by IMD quintile with the Q1 vs Q5 gap, absolute and relative.");

        api.MapGet("/places", (ClaimsPrincipal p, PopulationQueries q) => ApiTable.From(q.Places(Me(p)))).WithTags("Population")
            .WithSummary("Places within the user's scope.");

        var plan = api.MapGroup("/scenarios").WithTags("Plan");
        plan.MapGet("", (ClaimsPrincipal p, Stages.StageQueries q) => ApiTable.From(q.Scenarios(Me(p))))
            .WithSummary("Scenario runs (ICB-scope users; scenarios are modelled for the whole ICB).");
        plan.MapGet("/{id}/fan", (ClaimsPrincipal p, Stages.StageQueries q, string id, string setting, string? measure) =>
            ApiTable.From(q.Fan(Me(p), id, setting, measure ?? "cost")))
            .WithSummary("10th/50th/90th percentile and mean by year for one setting and measure (activity or cost).");
        api.MapGet("/decisions", (ClaimsPrincipal p, Stages.StageQueries q) => ApiTable.From(q.Decisions(Me(p)))).WithTags("Deliver")
            .WithSummary("Current decisions from the decision rights register.");
        api.MapPost("/decisions", (ClaimsPrincipal p, Stages.DecisionEntry entry, DecisionRequest request) =>
        {
            var me = Me(p);
            if (!Roles.CanRecordDecisions(me.Role))
            {
                return Results.Problem($"Your role ({me.Role}) may view decisions but not record them.", statusCode: StatusCodes.Status403Forbidden);
            }
            var d = entry.Record(me, request.Function, Strata.Data.Deliver.DecisionLog.ParseTier(request.Tier, "tier"), request.Amount,
                request.Description ?? "", request.Escalate);
            return Results.Ok(new { d.DecisionId, d.Function, Tier = d.Tier.ToString(), d.Amount, d.Description, Status = d.Outcome.Status.ToString().ToLowerInvariant(), d.Outcome.Reason });
        }).DisableAntiforgery().WithTags("Deliver")
            .WithSummary("Record a decision (commissioners): tested against the decision rights register, refused above the tier's limit or escalated; the outcome is recorded either way.");

        api.MapGet("/variation/funnel", (ClaimsPrincipal p, Stages.VariationQueries q, string? measure, string? place, string? neighbourhood) =>
            ApiTable.From(q.Funnel(Me(p), AreaFilter.From(place, neighbourhood), measure ?? "emergency_admission").Table)).WithTags("Population")
            .WithSummary("Standardised ratios by practice with 95% / 99.8% funnel limits, for the practices in the user's scope (or the place / neighbourhood asked for within it).");

        var evaluate = api.MapGroup("/evaluation").WithTags("Evaluate");
        evaluate.MapGet("/kpis", (ClaimsPrincipal p, Stages.EvaluationQueries q) => q.Kpis(Me(p)))
            .WithSummary("KPIs computed for the user's own unit (ICB, place or neighbourhood).");
        evaluate.MapGet("/kpis/{kpi}", (ClaimsPrincipal p, Stages.EvaluationQueries q, string kpi) =>
        {
            var chart = q.Chart(Me(p), kpi);
            return new { chart.Variation, chart.Assurance, Series = ApiTable.From(chart.Table) };
        }).WithSummary("One KPI's series for the user's unit with its SPC variation and assurance readings.");

        MapJobs(api);

        api.MapGet("/audit", (ClaimsPrincipal p, WorkspaceGate gate, int? limit) =>
        {
            var me = Me(p);
            return Roles.CanReadAudit(me.Role, me.Scope)
                ? Results.Ok(gate.Use(e => AuditLog.Recent(e, limit ?? 200)))
                : Results.Problem("The audit log is for ICB-wide analysts.", statusCode: StatusCodes.Status403Forbidden);
        }).WithTags("Audit").WithSummary("Most recent audit entries (ICB-wide analysts).");

        api.MapGet("/export/{table}", (HttpContext http, ClaimsPrincipal p, PopulationQueries q, WorkspaceGate gate, string table,
            string? format, string? by, string? place, string? neighbourhood, string? setting) =>
        {
            var me = Me(p);
            var area = AreaFilter.From(place, neighbourhood);
            var fmt = (format ?? "csv").ToLowerInvariant();
            if (!TableExport.Formats.Contains(fmt))
            {
                throw new ArgumentException($"Format '{format}' is not csv or parquet.", nameof(format));
            }
            var result = table switch
            {
                "segments" => q.Segments(me, area),
                "risk-tiers" => q.RiskTiers(me, area),
                "profile" => q.Profile(me, area, by ?? "segment", Slices(http.Request.Query), setting),
                "inequalities" => q.Inequalities(me, area),
                "places" => q.Places(me),
                _ => throw new ArgumentException($"No exportable table '{table}'; use one of {string.Join(", ", ExportTables)}.", nameof(table)),
            };
            if (!result.Available)
            {
                return Results.Problem(result.NotAvailable, statusCode: StatusCodes.Status404NotFound, title: "Not computed yet");
            }
            var bytes = fmt == "csv" ? TableExport.Csv(result) : TableExport.Parquet(gate, result);
            gate.Use(e =>
            {
                AuditLog.Write(e, me.Name, "export", $"{table}.{fmt}",
                    string.Create(CultureInfo.InvariantCulture, $"scope={me.Scope}; query={http.Request.QueryString}; rows={result.Rows.Count}"));
                return 0;
            });
            http.Response.Headers["X-Strata-Disclosure"] = result.Disclosure;
            http.Response.Headers["X-Strata-Scope"] = result.Scope;
            return Results.File(bytes, fmt == "csv" ? "text/csv; charset=utf-8" : "application/vnd.apache.parquet",
                $"strata-{table}.{fmt}");
        }).WithTags("Export").WithSummary("The same scoped, disclosure-controlled aggregate as a CSV (Excel-ready) or Parquet file; audit-logged.");
    }

    private static void MapAccount(WebApplication app)
    {
        // Form post from the sign-in page (antiforgery token checked by the framework for form binding).
        app.MapPost("/account/login", async (HttpContext http, WorkspaceGate gate, [FromForm] string userName, [FromForm] string password, [FromForm] string? returnUrl) =>
        {
            var ok = await SignIn(http, gate, userName, password).ConfigureAwait(false);
            var back = returnUrl is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) ? r : "/";
            return ok ? Results.LocalRedirect(back) : Results.LocalRedirect("/login?failed=1");
        }).ExcludeFromDescription();

        app.MapPost("/account/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return Results.LocalRedirect("/login");
        }).ExcludeFromDescription();

        // JSON sign-in for API clients; the cookie is SameSite=Strict.
        app.MapPost("/api/session", async (HttpContext http, WorkspaceGate gate, SignInRequest request) =>
            await SignIn(http, gate, request.UserName, request.Password).ConfigureAwait(false)
                ? Results.Ok(MeView.From(Me(http.User)))
                : Results.Problem("Unknown user name or wrong password.", statusCode: StatusCodes.Status401Unauthorized))
            .DisableAntiforgery().WithTags("Session").WithSummary("Sign in; sets the session cookie.");

        app.MapDelete("/api/session", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return Results.NoContent();
        }).WithTags("Session").WithSummary("Sign out.");
    }

    private static void MapJobs(RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/jobs").WithTags("Jobs");
        jobs.MapGet("", (JobQueue queue) => queue.All.Select(JobView.From))
            .WithSummary("Background jobs, newest first, including earlier server processes' (table web_jobs): status (queued, running, succeeded, failed, interrupted) and progress 0..1.");
        jobs.MapGet("/{id}", (JobQueue queue, string id) => queue.Find(id) is { } j ? Results.Ok(JobView.From(j)) : Results.NotFound())
            .WithSummary("One job's status and progress.");
        jobs.MapPost("", (ClaimsPrincipal p, JobQueue queue, StrataWebOptions options, JobRequest request) =>
        {
            var me = Me(p);
            if (request.Kind == StandardJobs.Scenario)
            {
                if (!Roles.CanRunScenarios(me.Role, me.Scope))
                {
                    return Results.Problem("Only ICB-wide analysts and commissioners run scenarios.", statusCode: StatusCodes.Status403Forbidden);
                }
                var scenario = StandardJobs.StartScenario(queue, me, new ScenarioJob(request.Name ?? "scenario",
                    request.Interventions ?? options.InterventionsFolder ?? "", request.Runs ?? 200, request.Years ?? 5, request.Seed ?? 1), options.Disclosure);
                return Results.Accepted($"/api/jobs/{scenario.Id}", JobView.From(scenario));
            }
            if (!Roles.CanRunJobs(me.Role, me.Scope))
            {
                return Results.Problem("Only ICB-wide analysts start imports and stage runs.", statusCode: StatusCodes.Status403Forbidden);
            }
            var job = request.Kind switch
            {
                StandardJobs.Import => StandardJobs.StartImport(queue, me,
                    request.Directory ?? throw new ArgumentException("An import job needs a directory.", nameof(request))),
                StandardJobs.Demo => StandardJobs.StartDemo(queue, me, request.People ?? options.DemoPeople, request.Seed ?? 42),
                StandardJobs.Segment => StandardJobs.StartSegment(queue, me, request.ReferenceDate),
                StandardJobs.Risk => StandardJobs.StartRisk(queue, me),
                _ => throw new ArgumentException($"No job kind '{request.Kind}'; use one of {string.Join(", ", StandardJobs.Kinds)}.", nameof(request)),
            };
            return Results.Accepted($"/api/jobs/{job.Id}", JobView.From(job));
        }).DisableAntiforgery().WithSummary("Start an import, demo-data (generate, import, segment, profile), segmentation or risk job (ICB-wide analysts), or a scenario run (ICB-wide analysts and commissioners).");
    }

    internal static async Task<bool> SignIn(HttpContext http, WorkspaceGate gate, string? userName, string? password)
    {
        var name = userName?.Trim() ?? "";
        var user = gate.Use(e => UserStore.Verify(e, name, password ?? ""));
        gate.Use(e =>
        {
            AuditLog.Write(e, name.Length == 0 ? "(blank)" : name, user is null ? "sign-in.failed" : "sign-in", "session");
            return 0;
        });
        if (user is null)
        {
            return false;
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(user.Claims(), CookieAuthenticationDefaults.AuthenticationScheme));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal).ConfigureAwait(false);
        http.User = principal;
        return true;
    }

    private static WebUser Me(ClaimsPrincipal p) =>
        WebUser.From(p) ?? throw new InvalidOperationException("Endpoint reached without a signed-in user.");

    private static Dictionary<string, string> Slices(IQueryCollection query) =>
        PopulationQueries.Dimensions.Where(d => query.TryGetValue(d, out var v) && !string.IsNullOrEmpty(v))
            .ToDictionary(d => d, d => query[d].ToString());
}

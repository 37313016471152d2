using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using System.Globalization;
using System.Security.Claims;
using Strata.Domain.Foundation;
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

public sealed record JobRequest(string Kind, string? Directory = null, long? People = null, ulong? Seed = null, string? ReferenceDate = null,
    string? Name = null, string? Interventions = null, int? Runs = null, int? Years = null, IReadOnlyList<ChoiceRequest>? Choices = null,
    string? Ndg = null, double? DiscountRate = null);

/// <summary>One intervention chosen for a scenario; any value given replaces the library's (proportions 0..1, £ a year).</summary>
public sealed record ChoiceRequest(string Id, double? EffectLow = null, double? EffectHigh = null, double? ReachLow = null, double? ReachHigh = null,
    int? StartYear = null, double? FixedCostPerYear = null, double? CostPerPersonReached = null)
{
    /// <summary>The domain's choice; one end of an interval given alone is completed from the library's value.</summary>
    public Strata.Domain.Plan.InterventionChoice ToChoice(Stages.InterventionView? library) => new(Id,
        Interval(EffectLow, EffectHigh, library?.EffectLow, library?.EffectHigh, "effect"),
        Interval(ReachLow, ReachHigh, library?.ReachLow, library?.ReachHigh, "reach"),
        StartYear, FixedCostPerYear, CostPerPersonReached);

    private Strata.Domain.Plan.Interval80? Interval(double? lo, double? hi, double? libraryLo, double? libraryHi, string name) =>
        lo is null && hi is null
            ? null
            : new(lo ?? libraryLo ?? throw Half(name), hi ?? libraryHi ?? throw Half(name));

    private ArgumentException Half(string name) => new($"Give both ends of the {name} interval for '{Id}'.");
}

public sealed record JobView(string Id, string Kind, string Target, string StartedBy, DateTime QueuedAt, DateTime? StartedAt, DateTime? FinishedAt,
    string Status, double Progress, string Message)
{
    public static JobView From(Job j) => new(j.Id, j.Kind, j.Target, j.StartedBy, j.QueuedAt, j.StartedAt, j.FinishedAt, JobStore.Status(j.Status), j.Progress, j.Message);
}

/// <summary>The REST API (/api) and the sign-in form endpoints. Everything under /api/population, /api/places
/// and /api/export goes through <see cref="PopulationQueries"/>, the same scoping the pages use.</summary>
public static class ApiEndpoints
{
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        MapAccount(app);

        var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter(InputLimits.Filter).AddEndpointFilter(async (context, next) =>
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
            catch (Strata.Data.Deliver.RecordOwnershipException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Another area's record");
            }
        });

        api.MapGet("/me", (ClaimsPrincipal p) => MeView.From(WebUser.Signed(p))).WithSummary("The signed-in user, role and scope.");

        var population = api.MapGroup("/population").WithTags("Population");
        population.MapGet("/segments", (ClaimsPrincipal p, PopulationQueries q, string? place, string? neighbourhood) =>
            ApiTable.From(q.Segments(WebUser.Signed(p), AreaFilter.From(place, neighbourhood))))
            .WithSummary("People by core segment, with mean LTC count and Cambridge Multimorbidity Score.");
        population.MapGet("/risk-tiers", (ClaimsPrincipal p, PopulationQueries q, string? place, string? neighbourhood) =>
            ApiTable.From(q.RiskTiers(WebUser.Signed(p), AreaFilter.From(place, neighbourhood))))
            .WithSummary("People by risk tier of emergency admission in the next 12 months.");
        population.MapGet("/profile", (HttpContext http, ClaimsPrincipal p, PopulationQueries q, string? by, string? place, string? neighbourhood, string? setting) =>
            ApiTable.From(q.Profile(WebUser.Signed(p), AreaFilter.From(place, neighbourhood), by ?? "segment", Slices(http.Request.Query), setting)))
            .WithSummary("People, activity per 1,000 and spend per head by one dimension; other dimensions in the query string slice.");
        population.MapGet("/inequalities", (ClaimsPrincipal p, PopulationQueries q, string? place, string? neighbourhood) =>
            ApiTable.From(q.Inequalities(WebUser.Signed(p), AreaFilter.From(place, neighbourhood))))
            .WithSummary("Profile measures by IMD quintile with the Q1 vs Q5 gap, absolute and relative.");

        api.MapGet("/places", (ClaimsPrincipal p, PopulationQueries q) => ApiTable.From(q.Places(WebUser.Signed(p)))).WithTags("Population")
            .WithSummary("Places within the user's scope.");

        api.MapGet("/quality", (ClaimsPrincipal p, Stages.QualityQueries q) => ApiTable.From(q.Checks(WebUser.Signed(p)))).WithTags("Foundation")
            .WithSummary("Data-quality checks as last run (ICB-scope users; counts disclosure-controlled).");

        var plan = api.MapGroup("/scenarios").WithTags("Plan");
        plan.MapGet("", (ClaimsPrincipal p, Stages.StageQueries q) => ApiTable.From(q.Scenarios(WebUser.Signed(p))))
            .WithSummary("Scenario runs (ICB-scope users; scenarios are modelled for the whole ICB).");
        api.MapGet("/interventions", (Stages.InterventionLibrary library) =>
        {
            var (interventions, problem) = library.Read();
            return problem is null ? Results.Ok(interventions) : Results.Problem(problem, statusCode: StatusCodes.Status404NotFound, title: "No intervention library");
        }).WithTags("Plan").WithSummary("The intervention library scenarios are built from: effect, reach, start year and costs as the files give them.");
        plan.MapGet("/{id}/fan", (ClaimsPrincipal p, Stages.StageQueries q, string id, string setting, string? measure) =>
            ApiTable.From(q.Fan(WebUser.Signed(p), id, setting, measure ?? "cost")))
            .WithSummary("10th/50th/90th percentile and mean by year for one setting and measure (activity or cost).");
        PlanEndpoints.Map(api);
        DecisionEndpoints.Map(api);

        api.MapGet("/variation/funnel", (ClaimsPrincipal p, Stages.VariationQueries q, string? measure, string? place, string? neighbourhood) =>
            ApiTable.From(q.Funnel(WebUser.Signed(p), AreaFilter.From(place, neighbourhood), measure ?? "emergency_admission").Table)).WithTags("Population")
            .WithSummary("Standardised ratios by practice with 95% / 99.8% funnel limits, for the practices in the user's scope (or the place / neighbourhood asked for within it).");

        api.MapGet("/pathways", () => Stages.PathwayQueries.Pathways).WithTags("Population")
            .WithSummary("The pathway definitions: cohort, stages and clinical source (docs/pathways.md).");
        api.MapGet("/pathways/{id}", (ClaimsPrincipal p, Stages.PathwayQueries q, string id, string? place, string? neighbourhood) =>
        {
            var v = q.Pathway(WebUser.Signed(p), AreaFilter.From(place, neighbourhood), id);
            return new
            {
                Stages = ApiTable.From(v.Stages), Providers = ApiTable.From(v.Providers), Transitions = ApiTable.From(v.Transitions),
                Variation = ApiTable.From(v.Variation), v.Summary?.Escalation,
            };
        }).WithTags("Population")
            .WithSummary("One pathway for the user's scope (or the place / neighbourhood asked for within it): spend by stage and provider, year-on-year transitions, time to escalation, practice variation.");
        api.MapGet("/programme-budget", (ClaimsPrincipal p, Stages.PathwayQueries q, string? place, string? neighbourhood) =>
        {
            var v = q.Programmes(WebUser.Signed(p), AreaFilter.From(place, neighbourhood));
            return new { Programmes = ApiTable.From(v.Programmes), Comparison = ApiTable.From(v.Comparison) };
        }).WithTags("Population")
            .WithSummary("Spend by NHS programme budgeting category, and spend per head and outcome by area against the ICB.");
        api.MapGet("/cohorts", (ClaimsPrincipal p, Stages.CohortQueries q, string? place, string? neighbourhood) =>
        {
            var v = q.Cohorts(WebUser.Signed(p), AreaFilter.From(place, neighbourhood));
            return new { Cohorts = ApiTable.From(v.Table), v.Notes };
        }).WithTags("Population")
            .WithSummary("Neighbourhood cohorts (frail 75+, end of life, 2+ long-term conditions, care-home residents, housebound) per neighbourhood in the user's scope: people, a year earlier, activity and spend; disclosure-controlled, no person-level list.");
        api.MapGet("/utilisation", (ClaimsPrincipal p, Stages.PathwayQueries q, string? place, string? neighbourhood) =>
        {
            var v = q.Utilisation(WebUser.Signed(p), AreaFilter.From(place, neighbourhood));
            return new
            {
                Interventions = ApiTable.From(v.Interventions), Practices = ApiTable.From(v.Practices), Providers = ApiTable.From(v.Providers),
                Followups = ApiTable.From(v.Followups), Specialties = ApiTable.From(v.Specialties), Trend = v.Trend?.VariationIcon,
            };
        }).WithTags("Population")
            .WithSummary("Evidence-Based Interventions by practice (and, ICB-wide, by provider) against the ICB rate with the money at stake; outpatient follow-up ratios.");

        var evaluate = api.MapGroup("/evaluation").WithTags("Evaluate");
        evaluate.MapGet("/kpis", (ClaimsPrincipal p, Stages.EvaluationQueries q) => q.Kpis(WebUser.Signed(p)))
            .WithSummary("KPIs computed for the user's own unit (ICB, place or neighbourhood).");
        evaluate.MapGet("/summary", (ClaimsPrincipal p, Stages.EvaluationQueries q) => ApiTable.From(q.Summary(WebUser.Signed(p)).Table))
            .WithSummary("Every KPI's latest period and rate, mean, and Making Data Count variation and assurance readings for the user's unit.");
        evaluate.MapGet("/kpis/{kpi}", (ClaimsPrincipal p, Stages.EvaluationQueries q, string kpi) =>
        {
            var chart = q.Chart(WebUser.Signed(p), kpi);
            return new { chart.Variation, chart.Assurance, Series = ApiTable.From(chart.Table) };
        }).WithSummary("One KPI's series for the user's unit with its SPC variation and assurance readings.");

        MapJobs(api);
        DeliverEndpoints.Map(api);

        api.MapGet("/audit", (ClaimsPrincipal p, WorkspaceGate gate, int? limit) =>
        {
            var me = WebUser.Signed(p);
            return Roles.CanReadAudit(me.Role, me.Scope)
                ? Results.Ok(gate.Use(e => AuditLog.Recent(e, limit ?? 200)))
                : Results.Problem("The audit log is for ICB-wide analysts.", statusCode: StatusCodes.Status403Forbidden);
        }).WithTags("Audit").WithSummary("Most recent audit entries (ICB-wide analysts).");

        RegisterExports(app.Services.GetRequiredService<ExportCatalog>());
        api.MapGet("/export/{table}", (HttpContext http, ClaimsPrincipal p, ExportCatalog catalog, WorkspaceGate gate, string table, string? format) =>
        {
            var me = WebUser.Signed(p);
            var result = catalog.Make(http.RequestServices, me, table, http.Request.Query);
            return TableExport.Send(http, gate, me, table, format, result);
        }).WithTags("Export").WithSummary("Any table a page shows (see ExportCatalog), made by the same scoped, disclosure-controlled query, as CSV, an Excel workbook (xlsx) or Parquet; the page's query string selects the same view; audit-logged.");
    }

    private static void MapAccount(WebApplication app)
    {
        // Form post from the sign-in page (antiforgery token checked by the framework for form binding).
        app.MapPost("/account/login", async (HttpContext http, WorkspaceGate gate, [FromForm] string userName, [FromForm] string password, [FromForm] string? returnUrl) =>
        {
            var ok = await SignIn(http, gate, userName, password).ConfigureAwait(false);
            var back = returnUrl is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) ? r : "/";
            return ok ? Results.LocalRedirect(back) : Results.LocalRedirect("/login?failed=1");
        }).RequireRateLimiting(StrataWebHost.SignInLimit).ExcludeFromDescription();

        app.MapPost("/account/logout", async (HttpContext http, WorkspaceGate gate) =>
        {
            await SignOut(http, gate).ConfigureAwait(false);
            return Results.LocalRedirect("/login");
        }).ExcludeFromDescription();

        // JSON sign-in for API clients; the cookie is SameSite=Strict.
        app.MapPost("/api/session", async (HttpContext http, WorkspaceGate gate, SignInRequest request) =>
            await SignIn(http, gate, request.UserName, request.Password).ConfigureAwait(false)
                ? Results.Ok(MeView.From(WebUser.Signed(http.User)))
                : Results.Problem("Unknown user name or wrong password (or too many failed attempts: try again later).", statusCode: StatusCodes.Status401Unauthorized))
            .RequireRateLimiting(StrataWebHost.SignInLimit).AddEndpointFilter(InputLimits.Filter).DisableAntiforgery().WithTags("Session").WithSummary("Sign in; sets the session cookie.");

        app.MapDelete("/api/session", async (HttpContext http, WorkspaceGate gate) =>
        {
            await SignOut(http, gate).ConfigureAwait(false);
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
        jobs.MapPost("", (ClaimsPrincipal p, JobQueue queue, WorkspaceGate gate, StrataWebOptions options, Stages.InterventionLibrary library, JobRequest request) =>
        {
            var me = WebUser.Signed(p);
            if (request.Kind == StandardJobs.Scenario)
            {
                if (!Roles.CanRunScenarios(me.Role, me.Scope))
                {
                    return Results.Problem("Only ICB-wide analysts and commissioners run scenarios.", statusCode: StatusCodes.Status403Forbidden);
                }
                var folder = ServerFiles.Interventions(options, request.Interventions);
                // Candidates made from opportunities join a scenario when its choices name them (the library's files otherwise).
                var candidates = folder == library.Folder ? library.Candidates() : [];
                var choices = request.Choices is null ? null : Choices(request.Choices,
                    folder == library.Folder ? [.. library.Read().Interventions, .. candidates.Select(Stages.InterventionView.From)] : []);
                var named = candidates.Where(c => choices?.Any(x => x.Id == c.Id) == true).Select(c => c.Intervention).ToList();
                var scenario = StandardJobs.StartScenario(queue, me, new ScenarioJob(request.Name ?? "scenario",
                    folder, request.Runs ?? 200, request.Years ?? 5, request.Seed ?? 1, choices, request.Ndg, request.DiscountRate,
                    named.Count == 0 ? null : named), options.Disclosure);
                return Results.Accepted($"/api/jobs/{scenario.Id}", JobView.From(scenario));
            }
            if (!Roles.CanRunJobs(me.Role, me.Scope))
            {
                return Results.Problem("Only ICB-wide analysts start imports and stage runs.", statusCode: StatusCodes.Status403Forbidden);
            }
            var job = request.Kind switch
            {
                StandardJobs.Import => StandardJobs.StartImport(queue, me, ServerFiles.ImportFolder(options, request.Directory)),
                StandardJobs.Demo => StandardJobs.StartDemo(queue, me, request.People ?? options.DemoPeople, request.Seed ?? 42, options.Disclosure),
                StandardJobs.Segment => StandardJobs.StartSegment(queue, me, request.ReferenceDate is null
                    ? null
                    : Strata.Domain.Foundation.ReferenceDate.Text(gate.Use(e => Strata.Data.Foundation.ActivitySpan.Resolve(e, request.ReferenceDate, "reference_date")))),
                StandardJobs.Risk => StandardJobs.StartRisk(queue, me),
                StandardJobs.Kpi => StandardJobs.StartKpi(queue, me, options.Disclosure),
                _ => throw new ArgumentException($"No job kind '{request.Kind}'; use one of {string.Join(", ", StandardJobs.Kinds)}.", nameof(request)),
            };
            return Results.Accepted($"/api/jobs/{job.Id}", JobView.From(job));
        }).DisableAntiforgery().WithSummary("Start an import, demo-data (generate, import, segment, profile, allocation, delegations, KPIs), segmentation, risk or KPI job (ICB-wide analysts), or a scenario run (ICB-wide analysts and commissioners).");
    }

    /// <summary>The tables of the Population, Variation, Scenarios, Decisions and Evaluation pages, by name.</summary>
    private static void RegisterExports(ExportCatalog catalog) => catalog
        .Add("segments", (s, me, q) => s.GetRequiredService<PopulationQueries>().Segments(me, Area(q)))
        .Add("risk-tiers", (s, me, q) => s.GetRequiredService<PopulationQueries>().RiskTiers(me, Area(q)))
        .Add("profile", (s, me, q) => s.GetRequiredService<PopulationQueries>().Profile(me, Area(q), ExportCatalog.Optional(q, "by") ?? "segment", Slices(q),
            ExportCatalog.Optional(q, "setting")))
        .Add("inequalities", (s, me, q) => s.GetRequiredService<PopulationQueries>().Inequalities(me, Area(q)))
        .Add("places", (s, me, _) => s.GetRequiredService<PopulationQueries>().Places(me))
        .Add("cohorts", (s, me, q) => s.GetRequiredService<Stages.CohortQueries>().Cohorts(me, Area(q)).Table)
        .Add("funnel", (s, me, q) => s.GetRequiredService<Stages.VariationQueries>().Funnel(me, Area(q), ExportCatalog.Optional(q, "measure") ?? "emergency_admission").Table)
        .Add("pathway-stages", (s, me, q) => Pathway(s, me, q).Stages)
        .Add("pathway-providers", (s, me, q) => Pathway(s, me, q).Providers)
        .Add("pathway-transitions", (s, me, q) => Pathway(s, me, q).Transitions)
        .Add("pathway-variation", (s, me, q) => Pathway(s, me, q).Variation)
        .Add("programme-budget", (s, me, q) => s.GetRequiredService<Stages.PathwayQueries>().Programmes(me, Area(q)).Programmes)
        .Add("ebi-interventions", (s, me, q) => s.GetRequiredService<Stages.PathwayQueries>().Utilisation(me, Area(q)).Interventions)
        .Add("ebi-practices", (s, me, q) => s.GetRequiredService<Stages.PathwayQueries>().Utilisation(me, Area(q)).Practices)
        .Add("ebi-providers", (s, me, q) => s.GetRequiredService<Stages.PathwayQueries>().Utilisation(me, Area(q)).Providers)
        .Add("followups", (s, me, q) => s.GetRequiredService<Stages.PathwayQueries>().Utilisation(me, Area(q)).Followups)
        .Add("specialties", (s, me, q) => s.GetRequiredService<Stages.PathwayQueries>().Utilisation(me, Area(q)).Specialties)
        .Add("programme-comparison", (s, me, q) => s.GetRequiredService<Stages.PathwayQueries>().Programmes(me, Area(q)).Comparison)
        .Add("scenarios", (s, me, _) => s.GetRequiredService<Stages.StageQueries>().Scenarios(me))
        .Add("quality-checks", (s, me, _) => s.GetRequiredService<Stages.QualityQueries>().Checks(me))
        .Add("scenario-fan", (s, me, q) => s.GetRequiredService<Stages.StageQueries>().Fan(me, ExportCatalog.Required(q, "scenario"),
            ExportCatalog.Required(q, "setting"), ExportCatalog.Optional(q, "measure") ?? "cost"))
        .Add("decisions", (s, me, _) => s.GetRequiredService<Stages.DecisionQueries>().Decisions(me))
        .Add("delegations", (s, me, _) => s.GetRequiredService<Stages.DecisionQueries>().Delegations(me))
        .Add("psr-records", (s, me, _) => s.GetRequiredService<Stages.DecisionQueries>().PsrRecords(me))
        .Add("decommissioning", (s, me, _) => s.GetRequiredService<Stages.DecisionQueries>().Assessments(me))
        .Add("kpi", (s, me, q) => s.GetRequiredService<Stages.EvaluationQueries>().Chart(me, ExportCatalog.Required(q, "kpi")).Table)
        .Add("allocation", (s, me, q) => Allocation(s, me, q).Areas)
        .Add("allocation-path", (s, me, q) => Allocation(s, me, q).Path)
        .Add("contracts", (s, me, _) => s.GetRequiredService<Stages.ContractQueries>().Contracts(me))
        .Add("projection", (s, me, q) => Projection(s, me, q).Totals)
        .Add("projection-settings", (s, me, q) => Projection(s, me, q).BySetting)
        .Add("scenario-compare", (s, me, q) => Comparison(s, me, q).Scenarios)
        .Add("scenario-compare-net-cost", (s, me, q) => Comparison(s, me, q).NetCost)
        .Add("scenario-compare-settings", (s, me, q) => Comparison(s, me, q).BySetting)
        .Add("scenario-waterfall", (s, me, q) => s.GetRequiredService<Stages.PlanQueries>().Waterfall(me, ExportCatalog.Required(q, "scenario"),
            (int?)ExportCatalog.Number(q, "year")))
        .Add("contract-simulation", (s, me, q) => Simulation(s, me, q).Years)
        .Add("contract-curve", (s, me, q) => Simulation(s, me, q).Curve)
        .Add("pool", (s, me, q) =>
        {
            var id = ExportCatalog.Required(q, "agreement");
            return s.GetRequiredService<Stages.ContractQueries>().Pools(me).FirstOrDefault(p => p.Agreement.AgreementId == id)?.Partners
                ?? throw new ArgumentException($"No pooled budget '{id}'.", "agreement");
        })
        .Add("kpi-summary", (s, me, _) => s.GetRequiredService<Stages.EvaluationQueries>().Summary(me).Table)
        .AddPlanTables();

    private static Stages.AllocationView Allocation(IServiceProvider s, WebUser me, IQueryCollection q) =>
        s.GetRequiredService<Stages.AllocationQueries>().Latest(me, ExportCatalog.Optional(q, "level") ?? Stages.AllocationQueries.DefaultLevel(me),
            ExportCatalog.Optional(q, "place"));

    private static Stages.ProjectionView Projection(IServiceProvider s, WebUser me, IQueryCollection q) =>
        s.GetRequiredService<Stages.PlanQueries>().Projection(me, new Stages.ProjectionRequest((int?)ExportCatalog.Number(q, "years") ?? 5,
            ExportCatalog.Number(q, "budget"), Stages.ProjectionRequest.ParseCapacity(ExportCatalog.Optional(q, "capacity"))));

    private static Stages.ScenarioComparisonView Comparison(IServiceProvider s, WebUser me, IQueryCollection q) =>
        s.GetRequiredService<Stages.PlanQueries>().Compare(me, ExportCatalog.Required(q, "ids").Split(','));

    private static Stages.ContractSimulationView Simulation(IServiceProvider s, WebUser me, IQueryCollection q)
    {
        var contract = ExportCatalog.Required(q, "contract");
        var settings = new Stages.SimulationSettings((int?)ExportCatalog.Number(q, "runs") ?? 500, (ulong?)ExportCatalog.Number(q, "seed") ?? 42,
            ExportCatalog.Number(q, "demand_sd") ?? Strata.Domain.Deliver.IllustrativeOutturns.DefaultDemandSd,
            ExportCatalog.Number(q, "unit_cost_sd") ?? Strata.Domain.Deliver.IllustrativeOutturns.DefaultUnitCostSd);
        return s.GetRequiredService<Stages.ContractQueries>().Simulate(me, contract, settings)
            ?? throw new ArgumentException($"No contract '{contract}'.", "contract");
    }

    private static AreaFilter Area(IQueryCollection q) => AreaFilter.From(q["place"], q["neighbourhood"]);

    private static Stages.PathwayPageView Pathway(IServiceProvider s, WebUser me, IQueryCollection q) =>
        s.GetRequiredService<Stages.PathwayQueries>().Pathway(me, Area(q), ExportCatalog.Optional(q, "pathway") ?? "diabetes");

    private static List<Strata.Domain.Plan.InterventionChoice> Choices(IReadOnlyList<ChoiceRequest> requests, IReadOnlyList<Stages.InterventionView> library) =>
        [.. requests.Select(r => r.ToChoice(library.FirstOrDefault(i => i.Id == r.Id)))];

    internal static async Task<bool> SignIn(HttpContext http, WorkspaceGate gate, string? userName, string? password)
    {
        var name = userName?.Trim() ?? "";
        var guard = http.RequestServices.GetRequiredService<SignInGuard>();
        var recorded = SignInGuard.Recorded(name);
        // Oversized names and passwords are refused before any work; a locked name is refused even with the right password.
        var plausible = name.Length <= UserStore.MaxNameLength && (password?.Length ?? 0) <= PasswordRules.MaxLength;
        var locked = guard.IsLocked(name);
        var stored = plausible && !locked ? gate.Use(e => UserStore.Lookup(e, name)) : null;
        // The slow hash runs outside the workspace lock, so a sign-in never stalls other users' pages.
        var matched = plausible && !locked ? UserStore.Matches(stored, password) : null;
        if (matched is null)
        {
            guard.Failed(name);
        }
        else
        {
            guard.Succeeded(name);
        }
        gate.Use(e =>
        {
            AuditLog.Write(e, recorded, locked ? "sign-in.locked" : matched is null ? "sign-in.failed" : "sign-in", "session");
            return 0;
        });
        if (matched is null)
        {
            return false;
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(matched.User.Claims(matched.Stamp), CookieAuthenticationDefaults.AuthenticationScheme));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal).ConfigureAwait(false);
        http.User = principal;
        return true;
    }

    /// <summary>Signs out everywhere: the user's stamp changes, so this cookie (and any copy of it) stops working.</summary>
    private static async Task SignOut(HttpContext http, WorkspaceGate gate)
    {
        if (WebUser.From(http.User) is { } user)
        {
            gate.Use(e =>
            {
                UserStore.EndSessions(e, user.Name);
                return 0;
            });
        }
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
    }

    private static Dictionary<string, string> Slices(IQueryCollection query) =>
        PopulationQueries.Dimensions.Where(d => query.TryGetValue(d, out var v) && !string.IsNullOrEmpty(v))
            .ToDictionary(d => d, d => query[d].ToString());
}

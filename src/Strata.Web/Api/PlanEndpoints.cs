using System.Security.Claims;
using Strata.Web.Security;
using Strata.Web.Stages;

namespace Strata.Web.Api;

/// <summary>A projection run from the API: years 5-10, optional budget (£) and capacity (activity per year) by setting.</summary>
public sealed record ProjectionRunRequest(int? Years = null, double? Budget = null, Dictionary<string, double>? Capacity = null);

/// <summary>Plan stage endpoints: the demand projection (scoped), scenario comparison and the cost waterfall (ICB-wide).</summary>
public static class PlanEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var projection = api.MapGroup("/projection").WithTags("Plan");
        projection.MapGet("", (ClaimsPrincipal p, PlanQueries q, int? years, double? budget, string? capacity) =>
            View(q.Projection(WebUser.Signed(p), new ProjectionRequest(years ?? 5, budget, ProjectionRequest.ParseCapacity(capacity)))))
            .WithSummary("Projected activity and cost by setting and financial year for the user's own area, against an optional budget "
                + "and capacity (capacity=setting:activity,...); nothing is stored.");
        projection.MapPost("", (ClaimsPrincipal p, PlanQueries q, ProjectionRunRequest request) =>
        {
            var me = WebUser.Signed(p);
            return Roles.CanRunProjections(me.Role)
                ? Results.Ok(View(q.RunProjection(me, new ProjectionRequest(request.Years ?? 5, request.Budget, request.Capacity))))
                : Results.Problem($"Your role ({me.Role}) may view projections but not run them.", statusCode: StatusCodes.Status403Forbidden);
        }).DisableAntiforgery()
            .WithSummary("Run the projection and store it as a \"projection\" scenario run (analysts, commissioners, finance); audit-logged.");

        var plan = api.MapGroup("/plan").WithTags("Plan");
        plan.MapGet("/intentions", (ClaimsPrincipal p, MediumTermPlanQueries q, string? years, string? variant, string? health, string? interventions) =>
                Document(q.Plan(WebUser.Signed(p), PlanRequest.From(years, variant, health, interventions)).Intentions))
            .WithSummary("The commissioning intentions document (HTML, printable) of the user's area's three-year plan (years, variant, health=on|off, interventions=a,b as the page).");
        plan.MapGet("/intentions.pdf", (ClaimsPrincipal p, MediumTermPlanQueries q, string? years, string? variant, string? health, string? interventions) =>
            {
                if (q.Plan(WebUser.Signed(p), PlanRequest.From(years, variant, health, interventions)).Intentions is not { } html)
                {
                    return Document(null);
                }
                if (!Strata.Application.Plan.PdfPrinter.Available)
                {
                    return Results.Problem("This server cannot print PDF (no Chromium); open the HTML document and print it.", statusCode: StatusCodes.Status503ServiceUnavailable);
                }
                return Results.File(Strata.Application.Plan.PdfPrinter.Print(html), "application/pdf", "commissioning-intentions.pdf");
            })
            .WithSummary("The commissioning intentions document as PDF (printed by the server's headless Chromium); 503 when the server has none.");
        plan.MapGet("/impact-report", (ClaimsPrincipal p, MediumTermPlanQueries q, string? years, string? variant, string? health, string? interventions) =>
                Document(q.Plan(WebUser.Signed(p), PlanRequest.From(years, variant, health, interventions)).ImpactReport))
            .WithSummary("The provider impact pack (HTML, printable) of the user's area's three-year plan.");

        var scenarios = api.MapGroup("/scenarios").WithTags("Plan");
        scenarios.MapGet("/compare", (ClaimsPrincipal p, PlanQueries q, string? ids) =>
        {
            var c = q.Compare(WebUser.Signed(p), (ids ?? "").Split(','));
            return new { Scenarios = ApiTable.From(c.Scenarios), NetCost = ApiTable.From(c.NetCost), BySetting = ApiTable.From(c.BySetting), c.Caveats, c.Scenarios.Disclosure };
        }).WithSummary("Two or more stored scenario runs side by side (ids=a,b): NPV, ROI, payback, net cost by year, cost avoided by setting (ICB-scope users).");
        scenarios.MapGet("/{id}/waterfall", (ClaimsPrincipal p, PlanQueries q, string id, int? year) => ApiTable.From(q.Waterfall(WebUser.Signed(p), id, year)))
            .WithSummary("Cost in one year (default the last) from the baseline through each intervention's step and their overlap to the scenario (ICB-scope users).");
        scenarios.MapGet("/{id}/evidence", (ClaimsPrincipal p, PlanQueries q, string id) => ApiTable.From(q.Evidence(WebUser.Signed(p), id)))
            .WithSummary("The opportunity each intervention was made from and the panel's elicited ranges, as stored with the run (ICB-scope users).");
    }

    private static IResult Document(string? html) => html is null
        ? Results.Problem("Not computed yet: the plan starts from the cohort profile.", statusCode: StatusCodes.Status404NotFound)
        : Results.Content(html, "text/html; charset=utf-8");

    /// <summary>The plan page's tables in the export catalogue (plan-summary, ..., plan-impact; optional years=2026/27-2028/29, variant, health, interventions).</summary>
    public static ExportCatalog AddPlanTables(this ExportCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var name in MediumTermPlanQueries.TableNames)
        {
            catalog.Add("plan-" + name, (s, me, q) => s.GetRequiredService<MediumTermPlanQueries>().Plan(me, PlanRequest.From(ExportCatalog.Optional(q, "years"),
                ExportCatalog.Optional(q, "variant"), ExportCatalog.Optional(q, "health"), ExportCatalog.Optional(q, "interventions"))).Table("plan-" + name));
        }
        return catalog;
    }

    private static object View(ProjectionView v) => new
    {
        Totals = ApiTable.From(v.Totals),
        BySetting = ApiTable.From(v.BySetting),
        v.FirstYearOverBudget,
        v.OverCapacity,
        v.ScenarioId,
        v.Totals.Disclosure,
    };
}

using System.Security.Claims;
using Strata.Data.Deliver;
using Strata.Domain.Deliver;
using Strata.Web.Security;
using Strata.Web.Stages;

namespace Strata.Web.Api;

/// <param name="Place">The place a place-tier decision is for (a place user's own by default; ICB users name one).</param>
/// <param name="Neighbourhood">The neighbourhood a neighbourhood-tier decision is for (a neighbourhood user's own by default).</param>
public sealed record DecisionRequest(string Function, string Tier, double Amount, string? Description = null, bool Escalate = false,
    string? Place = null, string? Neighbourhood = null);

/// <param name="Limit">Financial limit in £; null or absent = no limit.</param>
public sealed record DelegationRequest(string Function, string Tier, double? Limit = null);

/// <summary>The answers to the PSR's questions and, optionally, the notice of intention date (for the standstill).</summary>
public sealed record PsrSelectRequest(PsrCase Case, string? NoticeOfIntention = null);

/// <summary>A decommissioning assessment; without costs they come from a stored scenario (named, or the newest).</summary>
public sealed record DecommissioningRequest(
    string Service,
    IReadOnlyList<string> Settings,
    IReadOnlyList<CriterionScore> Criteria,
    string? AssessmentId = null,
    string? Provider = null,
    DecommissioningCosts? Costs = null,
    string? Decision = null,
    string? ScenarioId = null,
    string? Intervention = null,
    string? ReferenceDate = null);

/// <summary>
/// The Deliver stage's governance API: decisions (scoped by tier and area), delegations, the Provider Selection
/// Regime and decommissioning. Reads go through <see cref="DecisionQueries"/>, changes through
/// <see cref="DecisionEntry"/> (role, scope, record and audit entry together).
/// </summary>
public static class DecisionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        // A role that may not make a change is refused with the reason (403), as scope is by the API's own filter.
        var g = api.MapGroup("").WithTags("Deliver").AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context).ConfigureAwait(false);
            }
            catch (UnauthorizedAccessException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed for your role");
            }
        });

        g.MapGet("/decisions", (ClaimsPrincipal p, DecisionQueries q) => ApiTable.From(q.Decisions(WebUser.Signed(p))))
            .WithSummary("Current decisions the user may see: ICB-wide ones and their own area's (never another place's).");
        g.MapPost("/decisions", (ClaimsPrincipal p, DecisionEntry entry, DecisionRequest request) =>
        {
            var d = entry.Record(WebUser.Signed(p), request.Function, DecisionLog.ParseTier(request.Tier, "tier"), request.Amount,
                request.Description ?? "", request.Escalate, request.Place, request.Neighbourhood);
            return Results.Ok(new
            {
                d.DecisionId, d.Function, Tier = d.Tier.ToString().ToLowerInvariant(), d.Place, d.Neighbourhood, d.Amount, d.Description,
                Status = d.Outcome.Status.ToString().ToLowerInvariant(), d.Outcome.Reason,
            });
        }).DisableAntiforgery()
            .WithSummary("Record a decision (commissioners, at a tier and area within their scope): tested against the decision rights register, refused above the tier's limit or escalated; recorded either way.");

        g.MapGet("/decisions/delegations", (ClaimsPrincipal p, DecisionQueries q) => ApiTable.From(q.Delegations(WebUser.Signed(p))))
            .WithSummary("The decision rights register: delegations of functions to tiers with their limits.");
        g.MapPost("/decisions/delegations", (ClaimsPrincipal p, DecisionEntry entry, DelegationRequest request) =>
        {
            var stored = entry.Delegate(WebUser.Signed(p), request.Function, DecisionLog.ParseTier(request.Tier, "tier"), request.Limit);
            return Results.Ok(new { stored.RecordId, stored.Version, Delegation = DeliverRecords.Deserialise<Delegation>(stored.Payload) });
        }).DisableAntiforgery()
            .WithSummary("Delegate a function to a tier with a financial limit (ICB-wide commissioners); a new version replaces the limit.");

        var psr = g.MapGroup("/psr");
        psr.MapPost("/select", (DecisionQueries q, PsrSelectRequest request) =>
        {
            var route = PsrRoute.For(request.Case ?? throw new ArgumentException("The request needs the case's answers.", nameof(request)), Strata.Domain.Foundation.ReferenceDate.ParseOptional(request.NoticeOfIntention, "notice_of_intention"));
            return Results.Ok(new { route, process_name = DecisionQueries.ProcessName(route.Process), disclosure = q.Policy.Statement });
        }).DisableAntiforgery()
            .WithSummary("Choose the PSR process from the case's answers (Direct Award A, B, C, Most Suitable Provider, competitive), with the reasons and the standstill end.");
        psr.MapGet("", (ClaimsPrincipal p, DecisionQueries q, int? year) =>
        {
            var records = q.PsrRecords(WebUser.Signed(p));
            return Results.Ok(new { records = ApiTable.From(records), summary = q.PsrSummary(year ?? q.LatestPsrYear() ?? DateTime.UtcNow.Year), records.Disclosure });
        }).WithSummary("PSR records (current versions) and the annual summary for a calendar year (default the latest decision's).");
        psr.MapPost("", (ClaimsPrincipal p, DecisionEntry entry, DecisionQueries q, PsrRecordInput request) =>
            Results.Ok(new { record = entry.RecordPsr(WebUser.Signed(p), request), disclosure = q.Policy.Statement }))
            .DisableAntiforgery()
            .WithSummary("Keep the record the regulation requires (commissioners): the process from the case, the standstill end in working days.");
        psr.MapPost("/modification", (DecisionQueries q, ValueChange request) =>
        {
            var (outcome, reason) = Modifications.Assess(request);
            return Results.Ok(new { outcome, reason, disclosure = q.Policy.Statement });
        }).DisableAntiforgery()
            .WithSummary("Is a contract modification permitted without a new process, and does it need a transparency notice (regulation 13)?");

        g.MapGet("/decommissioning", (ClaimsPrincipal p, DecisionQueries q) => ApiTable.From(q.Assessments(WebUser.Signed(p))))
            .WithSummary("Decommissioning assessments whose equality impact is within the user's population (ICB users: all).");
        g.MapPost("/decommissioning", (ClaimsPrincipal p, DecisionEntry entry, DecisionQueries q, DecommissioningRequest request) =>
        {
            var input = new DecommissioningInput(
                string.IsNullOrWhiteSpace(request.AssessmentId) ? Guid.NewGuid().ToString("N", System.Globalization.CultureInfo.InvariantCulture)[..12] : request.AssessmentId,
                request.Service, request.Settings ?? [], request.Criteria ?? [], request.Provider, request.Costs, request.Decision);
            var a = entry.Assess(WebUser.Signed(p), input, request.ScenarioId, request.Intervention, request.ReferenceDate);
            return Results.Ok(new { assessment = a, disclosure = q.Policy.Statement });
        }).DisableAntiforgery()
            .WithSummary("Assess and record a decommissioning (commissioners): criteria with evidence, equality impact by IMD quintile over the user's population, stranded and double-running costs (from a stored scenario for ICB users).");
    }
}

using System.Globalization;
using Strata.Application.Deliver;
using Strata.Application.Evaluate;
using Strata.Application.Plan;
using Strata.Application.Understand;
using Strata.Data.Evaluate;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Foundation.Import;
using Strata.Data.Foundation.Synthetic;
using Strata.Data.Plan;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;
using Strata.Data.Understand;
using Strata.Data.Understand.Risk;
using Strata.Web.Security;

namespace Strata.Web.Jobs;

/// <summary>The jobs the web can start: each runs the application handler the CLI runs for the same use case.</summary>
public static class StandardJobs
{
    public const string Import = "import";
    public const string Demo = "demo";
    public const string Segment = "segment";
    public const string Risk = "risk";
    public const string Scenario = "scenario";
    public const string Kpi = "kpi";

    public static readonly IReadOnlyList<string> Kinds = [Import, Demo, Segment, Risk, Scenario, Kpi];

    /// <summary>
    /// Runs the Plan stage's scenario (<see cref="ScenarioRunner"/>) over the workspace's latest cohort cells with the
    /// default growth and settings: the interventions in a folder or file on the server, Monte Carlo runs, years
    /// and seed as given. Only users who may create scenarios, ICB-wide, start it (checked by the caller and here).
    /// </summary>
    public static Job StartScenario(JobQueue queue, WebUser user, ScenarioJob request, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        if (!Roles.CanRunScenarios(user.Role, user.Scope))
        {
            throw new UnauthorizedAccessException($"Your role ({user.Role}, {user.Scope.Describe()}) may not create scenarios.");
        }
        // Checked before the job is queued (the same request and limits as `strata scenario run`), so a mistake is answered at once.
        var scenario = request.ToRequest();
        scenario.Validate();
        var interventions = scenario.ResolveInterventions();
        var target = string.Create(CultureInfo.InvariantCulture,
            $"{request.Name}: {request.Interventions} [{string.Join(", ", interventions.Select(i => i.Id + "@" + i.Version))}], {request.Runs} runs, {request.Years} years, seed {request.Seed}")
            + scenario.AssumptionsText();
        return queue.Enqueue(Scenario, target, user.Name, (ws, progress) =>
        {
            var result = ScenarioHandler.Run(ws.Engine, scenario, policy, progress);
            return string.Create(CultureInfo.InvariantCulture,
                $"Scenario '{request.Name}' stored as {result.Outcome.ScenarioId}: {result.Interventions.Count} interventions, {result.Outcome.Report.Runs} runs over {result.Outcome.Report.Years} years from {result.ReferenceDate:yyyy-MM-dd}.");
        });
    }

    /// <summary>Imports a folder of format v1 files already on the server.</summary>
    public static Job StartImport(JobQueue queue, WebUser user, string directory) =>
        queue.Enqueue(Import, directory, user.Name, (ws, progress) => Describe(Importer.Import(ws, directory, progress)));

    /// <summary>Segments the population at D (yyyy-mm-dd; default: the end of the data) and rebuilds the cohort profile cube (<see cref="SegmentHandler"/>).</summary>
    public static Job StartSegment(JobQueue queue, WebUser user, string? at)
    {
        // Checked before the job is queued, so a malformed date is answered at once (400 naming the field).
        var request = new SegmentRequest(at, BuildProfile: true);
        request.Validate();
        return queue.Enqueue(Segment, at ?? "data end", user.Name, (ws, progress) => Segmented(SegmentHandler.Run(ws.Engine, request, progress)));
    }

    /// <summary>
    /// Trains the risk model as the demo does (<see cref="RiskHandler"/>: index D - 24 months, tested at D - 12),
    /// scores at the segmentation's date D, and rebuilds the cohort profile so its cells carry risk tiers. A separate
    /// job from segmentation, so a model that cannot be fitted leaves the segments and profile in place.
    /// </summary>
    public static Job StartRisk(JobQueue queue, WebUser user) =>
        queue.Enqueue(Risk, "logistic model", user.Name, (ws, progress) =>
        {
            if (Segmentation.Current(ws.Engine) is null)
            {
                throw new InvalidOperationException("Segment the population first: risk tiers are scored at the segmentation's date.");
            }
            var (trained, scored, _) = RiskHandler.Run(ws.Engine, new RiskRequest(), progress);
            return string.Create(CultureInfo.InvariantCulture,
                $"Risk model {trained.ModelId}: AUROC {trained.Metrics.Auroc.Value:0.000}; scored at {scored.ReferenceDate:yyyy-MM-dd}; cohort profile rebuilt.");
        });

    /// <summary>Computes and stores the KPIs at ICB, place and neighbourhood level (<see cref="KpiHandler"/>, as `strata demo` does).</summary>
    public static Job StartKpi(JobQueue queue, WebUser user, DisclosurePolicy policy) =>
        queue.Enqueue(Kpi, "default KPIs", user.Name, (ws, progress) => Kpis(KpiHandler.Run(ws.Engine, new KpiRequest(null, KpiRequest.WebLevels), policy, progress)));

    /// <summary>
    /// Generates a synthetic ICB next to the workspace, imports it, then runs the demo's stages as `strata demo` does:
    /// segments and builds the profile cube (<see cref="SegmentHandler"/>), allocates, records the example contract,
    /// pool and delegations (<see cref="DeliverDemo"/>) and computes the KPIs (<see cref="KpiHandler"/>).
    /// </summary>
    public static Job StartDemo(JobQueue queue, WebUser user, long people, ulong seed, DisclosurePolicy policy) =>
        queue.Enqueue(Demo, $"synthetic {people.ToString(CultureInfo.InvariantCulture)} people, seed {seed.ToString(CultureInfo.InvariantCulture)}", user.Name,
            (ws, progress) =>
            {
                var folder = ws.Location + ".demo-input";
                SyntheticIcbGenerator.Generate(new GeneratorOptions(people, seed, folder), (f, m) => progress(f * 0.3, m));
                var imported = Describe(Importer.Import(ws, folder, (f, m) => progress(0.3 + f * 0.3, m)));
                var segmented = SegmentHandler.Run(ws.Engine, new SegmentRequest(BuildProfile: true), (f, m) => progress(0.6 + f * 0.2, m));
                progress(0.8, "Allocation, contract, pool and delegations");
                var deliver = DeliverDemo.Run(ws.Engine, segmented.Run.ReferenceDate, policy);
                var kpis = KpiHandler.Run(ws.Engine, new KpiRequest(null, KpiRequest.WebLevels), policy, (f, m) => progress(0.85 + f * 0.15, m));
                return imported + " " + Segmented(segmented)
                    + (deliver is null ? "" : $" Allocation stored (version {deliver.Allocation.Version}); {deliver.Delegations.Count} example delegations recorded.")
                    + " " + Kpis(kpis);
            });

    private static string Segmented(SegmentResult result) => string.Create(CultureInfo.InvariantCulture,
        $"Segmented {Released(DisclosurePolicy.Default.Count(result.Run.PeopleCell))} people at {result.Run.ReferenceDate:yyyy-MM-dd}; cohort profile built.");

    private static string Kpis(IReadOnlyList<KpiRun> runs) =>
        $"KPIs stored at {string.Join(", ", runs.Select(r => r.Level.ToString().ToLowerInvariant()))} level.";

    // Job messages are read by every signed-in user whatever their scope, so their counts pass the default policy.
    private static string Describe(ImportSummary s) => string.Create(CultureInfo.InvariantCulture,
        $"Imported {Released(DisclosurePolicy.Default.Count(s.Files.Sum(f => f.Loaded)))} rows; rejected {Released(DisclosurePolicy.Default.Count(s.Files.Sum(f => f.Rejected)))} (rejects file on the server).");

    private static string Released(long? count) => count is { } c ? c.ToString("N0", CultureInfo.InvariantCulture) : "a few (suppressed)";
}

/// <summary>
/// What the scenario job runs: a name, the intervention library (a folder or file on the server), the interventions
/// chosen from it with any changed assumptions (null: all of them as they are), runs, years, seed.
/// </summary>
public sealed record ScenarioJob(string Name, string Interventions, int Runs, int Years, ulong Seed, IReadOnlyList<InterventionChoice>? Choices = null,
    string? Ndg = null, double? DiscountRate = null, IReadOnlyList<Intervention>? Candidates = null)
{
    /// <summary>The application's scenario request: the library folder or file on the server (and the workspace's candidates), with the choices and assumptions given.</summary>
    public ScenarioRequest ToRequest() => new(Name, [Interventions], Runs, Years, Seed, Choices, Ndg: Ndg, DiscountRate: DiscountRate, Candidates: Candidates);
}

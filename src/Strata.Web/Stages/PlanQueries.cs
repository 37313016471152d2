using Strata.Domain.Reporting;
using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Plan;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;
using Strata.Web.Audit;
using Strata.Web.Infrastructure;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Stages;

/// <summary>What the projection is asked for: 5 to 10 years, an optional annual budget (£) and capacity (activity per year) by setting.</summary>
public sealed record ProjectionRequest(int Years = 5, double? Budget = null, IReadOnlyDictionary<string, double>? Capacity = null)
{
    public const int MinYears = 5;
    public const int MaxYears = 10;

    public void Validate()
    {
        if (Years is < MinYears or > MaxYears)
        {
            throw new ArgumentException($"Years must be between {MinYears} and {MaxYears}.", nameof(Years));
        }
        if (Budget is < 0 || Budget is { } b && !double.IsFinite(b))
        {
            throw new ArgumentException("The budget must be a positive amount in pounds.", nameof(Budget));
        }
        if (Capacity?.FirstOrDefault(c => c.Value < 0 || !double.IsFinite(c.Value)) is { Key: not null } bad)
        {
            throw new ArgumentException($"Capacity for {bad.Key} must be a positive activity count.", nameof(Capacity));
        }
    }

    /// <summary>Capacity from the query string: "setting:activity,setting:activity".</summary>
    public static Dictionary<string, double>? ParseCapacity(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split(':', StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || kv[0].Length == 0 || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new ArgumentException($"Capacity '{part}' is not setting:activity (e.g. emergency_admission:12000).", "capacity");
            }
            result[kv[0]] = value;
        }
        return result;
    }
}

/// <summary>A setting whose projected activity exceeds its capacity, from the first financial year it does.</summary>
public sealed record OverCapacity(string Setting, string FromFinancialYear);

/// <summary>The projection for a user's scope: totals against the budget, activity and cost by setting, and what is over.</summary>
public sealed record ProjectionView(AggregateTable Totals, AggregateTable BySetting, string? FirstYearOverBudget, IReadOnlyList<OverCapacity> OverCapacity,
    string? ScenarioId = null);

/// <summary>
/// The Plan stage in the web. The projection is scoped: the baseline cells are read with the user's scope as a filter
/// (<see cref="PlanCells.Load"/>), and each cell projects on its own, so a place or neighbourhood user sees their
/// own area's projection. Scenario comparisons and waterfalls are modelled for the whole ICB, so only ICB-scope
/// users see them (the rule of <see cref="StageQueries"/>).
/// </summary>
public sealed class PlanQueries(WorkspaceGate gate, DisclosurePolicy policy)
{
    /// <summary>The projection computed for viewing (nothing is stored).</summary>
    public ProjectionView Projection(WebUser user, ProjectionRequest request) => gate.Use(engine => Project(engine, user, request, store: false));

    /// <summary>Runs the projection and stores it as a "projection" scenario run, as `strata project` does; audit-logged.</summary>
    public ProjectionView RunProjection(WebUser user, ProjectionRequest request)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Roles.CanRunProjections(user.Role))
        {
            throw new UnauthorizedAccessException($"Your role ({user.Role}) may view projections but not run them.");
        }
        return gate.Use(engine =>
        {
            var view = Project(engine, user, request, store: true);
            if (view.ScenarioId is { } id)
            {
                AuditLog.Write(engine, user.Name, "projection.run", "scenario:" + id, string.Create(CultureInfo.InvariantCulture,
                    $"scope={user.Scope}; years={request.Years}; budget={request.Budget?.ToString(CultureInfo.InvariantCulture) ?? "none"}; capacity={Capacity(request)}"));
            }
            return view;
        });
    }

    private ProjectionView Project(IEngine engine, WebUser user, ProjectionRequest request, bool store)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var scope = user.Scope.Describe();
        var area = user.Scope.Area;
        ProjectionView Missing(string message) =>
            new(AggregateTable.Missing("projection", "Projected cost against the budget", scope, message, policy.Statement),
                AggregateTable.Missing("projection-settings", "Projected activity and cost by setting", scope, message, policy.Statement), null, []);
        if (!PlanCells.Available(engine))
        {
            return Missing("Not computed yet: the projection starts from the cohort profile (`strata profile`, or \"Segment the population\" on the Jobs page).");
        }
        PlanBaseline baseline;
        try
        {
            baseline = PlanCells.Load(engine, null, area);
        }
        catch (InvalidOperationException e)
        {
            // No cells (in this area) at the latest reference date: nothing to project, said plainly.
            return Missing(e.Message);
        }
        var growth = GrowthAssumptions.Default();
        var capacity = request.Capacity?.Select(c => (c.Key, (int?)null, c.Value)).ToList();
        string? id = null;
        ProjectionReport report;
        if (store)
        {
            var outcome = ProjectionRunner.Run(engine, baseline, growth, request.Years, policy, request.Budget, capacity, $"projection ({scope})",
                new { years = request.Years, growth = "default", ndg = "default", budget = request.Budget, capacity = request.Capacity, scope = user.Scope.ToString() });
            (report, id) = (outcome.Report, outcome.ScenarioId);
        }
        else
        {
            report = ProjectionReport.Build(baseline, growth, request.Years, policy, request.Budget, capacity);
        }
        string Fy(int year) => NhsFormat.FinancialYear(report.ReferenceDate.AddYears(year));
        var note = policy.Statement + " Projected figures are modelled (baseline × growth), not counts of people; the baseline year is the 12 months to the reference date.";
        var totals = new AggregateTable("projection", "Projected cost against the budget", scope, report.ReferenceDate,
            [
                new("financial_year", "Financial year", ColumnKind.Text), new("year", "Projection year", ColumnKind.Text),
                new("cost_gbp", "Projected cost (£)", ColumnKind.Pounds), new("budget_gbp", "Budget (£)", ColumnKind.Pounds),
                new("gap_gbp", "Cost − budget (£)", ColumnKind.Pounds), new("over_budget", "Over budget", ColumnKind.Text),
            ],
            [.. report.Totals.Select(t => new object?[]
            {
                Fy(t.Year), t.Year == 0 ? "0 (baseline)" : t.Year.ToString(CultureInfo.InvariantCulture), Round(t.Cost), Round(t.Budget), Round(t.Gap),
                t.Gap > 0 ? "yes" : t.Budget is null ? "" : "no",
            })],
            note);
        var bySetting = new AggregateTable("projection-settings", "Projected activity and cost by setting", scope, report.ReferenceDate,
            [
                new("setting", "Setting", ColumnKind.Text), new("financial_year", "Financial year", ColumnKind.Text),
                new("activity", "Activity", ColumnKind.Count), new("bed_days", "Bed days", ColumnKind.Count),
                new("cost_gbp", "Cost (£)", ColumnKind.Pounds), new("capacity", "Capacity (activity)", ColumnKind.Number),
                new("over_capacity", "Over capacity", ColumnKind.Text),
            ],
            // Costs come withheld from the report: with a suppressed activity, and the complement of that (ProjectionReport).
            [.. report.BySetting.Select(s => new object?[]
            {
                s.Setting, Fy(s.Year), s.Activity, s.BedDays, Round(s.Cost), s.Capacity,
                s.Capacity is null ? "" : s.OverCapacity ? "yes" : "no",
            })],
            note);
        var over = report.BySetting.Where(s => s.OverCapacity).GroupBy(s => s.Setting).Select(g => new OverCapacity(g.Key, Fy(g.Min(s => s.Year)))).ToList();
        return new ProjectionView(totals, bySetting, report.FirstYearOverBudget is { } y ? Fy(y) : null, over, id);
    }

    /// <summary>Two or more stored scenario runs side by side: portfolio money, net cost by year and cost avoided by setting.</summary>
    public ScenarioComparisonView Compare(WebUser user, IReadOnlyList<string> ids) => gate.Use(engine =>
    {
        IcbOnly(user);
        var distinct = ids.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count < 2)
        {
            throw new ArgumentException("Choose at least two scenario runs to compare.", nameof(ids));
        }
        var runs = distinct.Select(id => ScenarioResults.Find(engine, id)).ToList();
        var comparisons = distinct.Select(id => Comparable(engine, id)).ToList();
        var scope = user.Scope.Describe();
        var reference = runs[0].ReferenceDate;
        string Fy(DateOnly at, int year) => NhsFormat.FinancialYear(at.AddYears(year));
        var note = policy.Statement + " Scenario figures are modelled (means and percentiles over simulation runs).";
        var headline = new AggregateTable("scenario-compare", "Scenarios compared: portfolio money", scope, reference,
            [
                new("name", "Scenario", ColumnKind.Text), new("interventions", "Interventions", ColumnKind.Text),
                new("runs", "Simulation runs", ColumnKind.Text), new("years", "Years", ColumnKind.Text),
                new("npv_p10_gbp", "NPV 10th percentile (£)", ColumnKind.Pounds), new("npv_p50_gbp", "NPV median (£)", ColumnKind.Pounds),
                new("npv_p90_gbp", "NPV 90th percentile (£)", ColumnKind.Pounds), new("roi", "Return on investment (from mean cash flows)", ColumnKind.Number),
                new("payback", "Pays back in (mean cash flows)", ColumnKind.Text), new("discounted_cost_gbp", "Discounted cost (£)", ColumnKind.Pounds),
                new("discounted_gross_gbp", "Discounted gross saving (£)", ColumnKind.Pounds),
            ],
            [.. comparisons.Select((c, i) => new object?[]
            {
                c.Name, string.Join(", ", c.Interventions), c.Runs.ToString(CultureInfo.InvariantCulture), c.Years.ToString(CultureInfo.InvariantCulture),
                Round(c.Npv.P10), Round(c.Npv.P50), Round(c.Npv.P90), c.Roi is { } r ? Math.Round(r, 3, MidpointRounding.AwayFromZero) : null,
                c.PaybackYear is { } p ? $"{Fy(runs[i].ReferenceDate, p)} (year {p.ToString(CultureInfo.InvariantCulture)})" : "not within the horizon",
                Round(c.DiscountedCost), Round(c.DiscountedGross),
            })],
            note);
        var years = comparisons.Max(c => c.Years);
        var netCost = new AggregateTable("scenario-compare-net-cost", "Net cost of the portfolio by year (mean; negative = saving)", scope, reference,
            [new AggregateColumn("financial_year", "Financial year", ColumnKind.Text), .. comparisons.Select(c => new AggregateColumn(c.ScenarioId, c.Name + " (£)", ColumnKind.Pounds))],
            // Financial years when every run starts from the same reference date; projection years otherwise.
            [.. Enumerable.Range(1, years).Select(y => new object?[] { runs.All(r => r.ReferenceDate == reference) ? Fy(reference, y) : $"Year {y.ToString(CultureInfo.InvariantCulture)}" }
                .Concat(comparisons.Select(c => y <= c.NetCost.Count ? (object?)Round(c.NetCost[y - 1]) : null)).ToArray())],
            note);
        var settings = ScenarioComparison.BySetting(comparisons);
        var first = comparisons[0];
        var bySetting = new AggregateTable("scenario-compare-settings", $"Cost avoided by setting over the horizon (mean), and the difference from {first.Name}", scope, reference,
            [
                new AggregateColumn("setting", "Setting", ColumnKind.Text),
                .. comparisons.Select(c => new AggregateColumn(c.ScenarioId, c.Name + ": cost avoided (£)", ColumnKind.Pounds)),
                .. comparisons.Skip(1).Select(c => new AggregateColumn(c.ScenarioId + "_difference", $"{c.Name} − {first.Name} (£)", ColumnKind.Pounds)),
            ],
            [.. settings.Select(s => new object?[] { s.Setting }
                .Concat(s.CostAvoided.Select(v => (object?)Round(v)))
                .Concat(s.DifferenceFromFirst.Skip(1).Select(v => (object?)Round(v))).ToArray())],
            note);
        return new ScenarioComparisonView(headline, netCost, bySetting, ScenarioComparison.Caveats(comparisons));
    });

    /// <summary>The cost waterfall of one stored scenario in one year (default its last).</summary>
    public AggregateTable Waterfall(WebUser user, string scenarioId, int? year = null) => gate.Use(engine =>
    {
        IcbOnly(user);
        var run = ScenarioResults.Find(engine, scenarioId);
        var w = Stored(() => ScenarioResults.Waterfall(engine, scenarioId, year));
        var fy = NhsFormat.FinancialYear(run.ReferenceDate.AddYears(w.Year));
        return new AggregateTable("scenario-waterfall", $"{run.Name}: cost in {fy} from the baseline through each intervention (mean over runs)",
            user.Scope.Describe(), run.ReferenceDate,
            [
                new("step", "Step", ColumnKind.Text), new("kind", "What", ColumnKind.Text),
                new("amount_gbp", "Amount (£): cost, or the step's change", ColumnKind.Pounds),
                new("from_gbp", "From (£)", ColumnKind.Pounds), new("to_gbp", "To (£)", ColumnKind.Pounds),
            ],
            [.. w.Bars.Select(b => new object?[]
            {
                b.Label, Describe(b.Kind), Round(b.Change), Round(b.From), Round(b.To),
            })],
            policy.Statement + " Scenario figures are modelled (means over simulation runs); the steps sum exactly to the scenario's cost.");
    });

    /// <summary>
    /// Where a stored scenario's numbers came from: per intervention the opportunity it was made from and each named
    /// judgement pooled into it (no person-level values: definitions, released summaries and the panel's ranges).
    /// </summary>
    public AggregateTable Evidence(WebUser user, string scenarioId) => gate.Use(engine =>
    {
        IcbOnly(user);
        var run = ScenarioResults.Find(engine, scenarioId);
        var rows = new List<object?[]>();
        foreach (var (intervention, p) in ScenarioStore.Evidence(engine, scenarioId))
        {
            if (p.Opportunity is { } o)
            {
                rows.Add([intervention, "opportunity", $"{o.Id} v{o.Version} ({o.Level}, 12 months to {o.ReferenceDate:yyyy-MM-dd}): {o.Summary}", o.Source, null, null, null, null, null]);
            }
            rows.AddRange(p.Elicitations.Select(e => new object?[]
            {
                intervention, "elicitation:" + e.Assumption.ToString().ToLowerInvariant(), e.Rationale, string.Join(" ", e.Evidence), e.Expert,
                e.On.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.Low, e.Mode, e.High,
            }));
        }
        return new AggregateTable("scenario-evidence", $"{run.Name}: evidence and elicited ranges ({OpinionPool.Method})", user.Scope.Describe(), run.ReferenceDate,
            [
                new("intervention", "Intervention", ColumnKind.Text), new("kind", "Kind", ColumnKind.Text), new("what", "What and why", ColumnKind.Text),
                new("evidence", "Evidence", ColumnKind.Text), new("expert", "Expert", ColumnKind.Text), new("date", "Date", ColumnKind.Text),
                new("low", "Low", ColumnKind.Number), new("mode", "Mode", ColumnKind.Number), new("high", "High", ColumnKind.Number),
            ],
            rows, policy.Statement);
    });

    /// <summary>Years a stored scenario has (for the waterfall's year choice).</summary>
    public int Years(WebUser user, string scenarioId) => gate.Use(engine =>
    {
        IcbOnly(user);
        return ScenarioResults.Find(engine, scenarioId).Years;
    });

    private static ScenarioComparison Comparable(IEngine engine, string id) => Stored(() => ScenarioResults.Comparison(engine, id));

    /// <summary>A run stored before comparisons were kept cannot be compared: a bad request that says so.</summary>
    private static T Stored<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }

    private static void IcbOnly(WebUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.Scope.IsIcbWide)
        {
            throw new ScopeForbiddenException(StageQueries.IcbOnly);
        }
    }

    private static string Describe(WaterfallKind kind) => kind switch
    {
        WaterfallKind.Baseline => "Baseline cost (no interventions)",
        WaterfallKind.Intervention => "Intervention's effect",
        WaterfallKind.Interaction => "Overlap between interventions",
        _ => "Scenario cost",
    };

    private static string Capacity(ProjectionRequest r) =>
        r.Capacity is null ? "none" : string.Join(",", r.Capacity.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}:{c.Value}")));

    /// <summary>Pence; a float residual that rounds to zero is 0, not "-0.00".</summary>
    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) is var r && r == 0 ? 0 : r : null;
}

/// <summary>A comparison of stored scenario runs as the page and the API show it.</summary>
/// <summary>A comparison's tables and what a reader must know before acting on it (<see cref="ScenarioComparison.Caveats"/>).</summary>
public sealed record ScenarioComparisonView(AggregateTable Scenarios, AggregateTable NetCost, AggregateTable BySetting, IReadOnlyList<string> Caveats);

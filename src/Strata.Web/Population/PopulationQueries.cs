using System.Data;
using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Understand;
using Strata.Data.Understand.Risk;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;
using Strata.Web.Infrastructure;
using Strata.Web.Security;

namespace Strata.Web.Population;

/// <summary>Words for an optional narrowing within the user's scope (query string place= / neighbourhood=).</summary>
public static class AreaFilterText
{
    /// <summary>Words for the population a figure covers: the narrowest area named, else the user's scope.</summary>
    public static string Describe(this AreaFilter area, UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(scope);
        return area.IsWholeIcb ? scope.Describe() : area.Describe();
    }
}

/// <summary>A place the user may see and the neighbourhoods in it (the area picker's options).</summary>
public sealed record PlaceArea(string Code, string Name, IReadOnlyList<string> Neighbourhoods);

/// <summary>
/// The one way the web reads population aggregates: every query is filtered to the user's scope, every
/// figure passes the disclosure policy. API endpoints, pages and exports all call this service.
/// </summary>
public sealed class PopulationQueries(WorkspaceGate gate, DisclosurePolicy policy)
{
    /// <summary>Profile dimensions that may be grouped on or sliced by (cohort cube contract, issue 3).</summary>
    public static IReadOnlyList<string> Dimensions => ProfileDimensions.Person;

    public DisclosurePolicy Policy => policy;

    public AggregateTable Segments(WebUser user, AreaFilter area) => gate.Use(engine =>
    {
        const string name = "segments";
        // Scope is checked before anything else so an out-of-scope request is refused whatever exists.
        var within = Within(engine, user, area);
        if (Segmentation.Current(engine) is not { } current)
        {
            return NotComputed(name, "Population segments", user, area, "segment");
        }
        var date = current.ReferenceDate;
        // Segments present in scope, by name (the page's order).
        var rows = Segmentation.Summarise(engine, within).Where(c => c.People > 0).OrderBy(c => c.Segment, StringComparer.Ordinal)
            .Select(c => (c.Segment, People: c.PeopleCell, MeanLtc: c.MeanLtcCount, MeanCms: c.MeanCmsGeneral)).ToList();
        var total = KeyedCount.Sum(rows.Select(r => r.People));
        return new AggregateTable(name, "Population segments", area.Describe(user.Scope), date,
            [
                new("segment", "Segment", ColumnKind.Text), new("people", "People", ColumnKind.Count),
                new("percent", "% of population", ColumnKind.Rate),
                new("mean_ltc_count", "Mean long-term conditions", ColumnKind.Number),
                new("mean_cms_general", "Mean Cambridge Multimorbidity Score", ColumnKind.Number),
            ],
            [.. rows.Select(r => new object?[]
            {
                r.Segment, policy.Count(r.People), Round(policy.Rate(r.People, total, 100), 1),
                Round(Withheld(r.MeanLtc, r.People), 2), Round(Withheld(r.MeanCms, r.People), 2),
            })],
            policy.Statement);
    });

    /// <summary>
    /// People by risk tier at the segmentation's reference date, for the model the cohort profile uses
    /// (<see cref="RiskStratification.Tiers"/> with the scope on segments' practice geography); tiers nobody is in are left out.
    /// </summary>
    public AggregateTable RiskTiers(WebUser user, AreaFilter area) => gate.Use(engine =>
    {
        const string name = "risk-tiers";
        // Scope is checked before anything else so an out-of-scope request is refused whatever exists.
        var within = Within(engine, user, area);
        var at = engine.TableExists(RiskStratification.ScoresTable) ? Segmentation.Current(engine)?.ReferenceDate : null;
        if (at is not { } d || CohortProfiles.RiskModel(engine, d) is not { } model)
        {
            return NotComputed(name, "Risk tiers", user, area, "risk score");
        }
        var tiers = RiskStratification.Tiers(engine, model, d, within).Tiers.Where(t => t.People > 0).ToList();
        var total = KeyedCount.Sum(tiers.Select(t => t.PeopleCell));
        return new AggregateTable(name, "Risk of emergency admission: tiers", area.Describe(user.Scope), d,
            [
                new("tier", "Risk tier", ColumnKind.Text), new("people", "People", ColumnKind.Count),
                new("percent", "% of population", ColumnKind.Rate),
                new("mean_probability_percent", "Mean 12-month risk (%)", ColumnKind.Number),
            ],
            [.. tiers.Select(t => new object?[]
            {
                t.Tier, policy.Count(t.PeopleCell), Round(policy.Rate(t.PeopleCell, total, 100), 1),
                Round(Withheld(t.MeanPredicted * 100, t.PeopleCell), 2),
            })],
            policy.Statement);
    });

    /// <summary>People, activity per 1,000 and spend per head grouped by one dimension, sliced by others.</summary>
    public AggregateTable Profile(WebUser user, AreaFilter area, string by, IReadOnlyDictionary<string, string>? slices = null,
        string? setting = null) => gate.Use(engine =>
    {
        const string name = "profile";
        if (!Dimensions.Contains(by))
        {
            throw new ArgumentException($"Cannot profile by '{by}'; use one of {string.Join(", ", Dimensions)}.", nameof(by));
        }
        if (slices?.Keys.FirstOrDefault(d => !Dimensions.Contains(d)) is { } bad)
        {
            throw new ArgumentException($"Cannot slice by '{bad}'.", nameof(slices));
        }
        var within = Within(engine, user, area);
        if (!engine.TableExists(CohortProfiles.PeopleTable) || !engine.TableExists(CohortProfiles.ActivityTable))
        {
            return NotComputed(name, "Cohort profile", user, area, "profile");
        }
        var date = CohortProfiles.Current(engine);
        var rows = CohortProfiles.Slice(engine, [by], within, setting, slices)
            .Select(c => (Key: c.Keys[0].Length == 0 ? "(none)" : c.Keys[0], People: c.PeopleCell, Activity: c.ActivityCell, Cost: c.CostGbp));
        return new AggregateTable(name, "Cohort profile by " + Label(by), area.Describe(user.Scope), date,
            [
                new(by, Label(by), ColumnKind.Text), new("people", "People", ColumnKind.Count),
                new("activity_per_1000", "Activity per 1,000 people per year", ColumnKind.Rate),
                new("cost_per_head_gbp", "Spend per head (£)", ColumnKind.Pounds),
            ],
            [.. rows.Select(r => new object?[]
            {
                r.Key, policy.Count(r.People), Round(policy.Rate(r.Activity, r.People, 1000), 1),
                Round(policy.PerHead(r.Cost, r.People), 2),
            })],
            policy.Statement);
    });

    /// <summary>
    /// Activity per 1,000 and spend per head by IMD quintile (1 = most deprived) with the gaps between quintiles 1
    /// and 5, absolute and relative, and the slope index of inequality: <see cref="ProfileInequalities"/> over the
    /// scoped cohort cube, so the gaps come from the disclosure-controlled figures and reveal nothing the rows do not.
    /// </summary>
    public AggregateTable Inequalities(WebUser user, AreaFilter area) => gate.Use(engine =>
    {
        const string name = "inequalities";
        const string title = "Inequalities by deprivation (IMD quintile 1 = most deprived)";
        var within = Within(engine, user, area);
        if (!engine.TableExists(CohortProfiles.PeopleTable) || !engine.TableExists(CohortProfiles.ActivityTable))
        {
            return NotComputed(name, title, user, area, "profile");
        }
        var measures = ProfileInequalities.Compute(
            CohortProfiles.Slice(engine, ["imd_quintile"], within), CohortProfiles.Slice(engine, ["imd_quintile", "setting"], within),
            policy, [ProfileInequalities.AllActivity, ProfileInequalities.SpendPerHead]);
        var quintiles = Enumerable.Range(1, 5).ToList();
        return new AggregateTable(name, title, area.Describe(user.Scope), CohortProfiles.Current(engine),
            [
                new("measure", "Measure", ColumnKind.Text),
                .. quintiles.Select(q => new AggregateColumn("q" + q.ToString(CultureInfo.InvariantCulture), QuintileLabel(q), ColumnKind.Number)),
                new("absolute_gap", "Absolute gap (Q1 - Q5)", ColumnKind.Number), new("relative_gap", "Relative gap (Q1 / Q5)", ColumnKind.Number),
                new("slope_index", "Slope index of inequality", ColumnKind.Number),
            ],
            [.. measures.Select(m =>
            {
                // Rates are shown to 1 decimal place and £ to 2; gaps in the measure's own units likewise.
                var (label, digits) = m.Measure == ProfileInequalities.SpendPerHead ? ("Spend per head per year (£)", 2) : ("Activity per 1,000 people per year", 1);
                object?[] row =
                [
                    label, .. m.Quintiles.Select(q => Round(q.Value, digits)),
                    Round(m.Gaps.AbsoluteGap, digits), Round(m.Gaps.RelativeGap, 3), Round(m.Gaps.SlopeIndex, digits),
                ];
                return row;
            })],
            policy.Statement);
    });

    private static string QuintileLabel(int q) => q switch
    {
        1 => "IMD quintile 1 (most deprived)",
        5 => "IMD quintile 5 (least deprived)",
        _ => "IMD quintile " + q.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Places (and their neighbourhoods) the user may see, with registered population.</summary>
    public AggregateTable Places(WebUser user)
    {
        var rows = AreaRows(user).GroupBy(r => r.Place, StringComparer.Ordinal).ToList();
        return new AggregateTable("places", "Places", user.Scope.Describe(), null,
            [
                new("place_code", "Place code", ColumnKind.Text), new("place_name", "Place", ColumnKind.Text),
                new("neighbourhoods", "Neighbourhoods", ColumnKind.Text), new("registered_people", "Registered people", ColumnKind.Count),
            ],
            [.. rows.Select(g => new object?[]
            {
                g.Key, g.First().PlaceName, g.Count().ToString(CultureInfo.InvariantCulture), policy.Count(KeyedCount.Sum(g.Select(r => r.PeopleCell))),
            })],
            policy.Statement);
    }

    /// <summary>Registered people in the user's whole scope: one released total (perturbed in its own right, not a sum of parts).</summary>
    public long? TotalPeople(WebUser user) => policy.Count(KeyedCount.Sum(AreaRows(user).Select(r => r.PeopleCell)));

    /// <summary>The places and neighbourhoods within the user's scope, for choosing an area: nothing outside it.</summary>
    public IReadOnlyList<PlaceArea> Areas(WebUser user) =>
        [.. AreaRows(user).GroupBy(r => r.Place, StringComparer.Ordinal)
            .Select(g => new PlaceArea(g.Key, g.First().PlaceName, [.. g.Select(r => r.Neighbourhood)]))];

    /// <summary>One row per neighbourhood in the user's scope (practice geography), ordered by place then neighbourhood.</summary>
    /// <summary>People counted as the Population page counts them: alive and registered at the segmentation's date (else the data's end).</summary>
    private IReadOnlyList<NeighbourhoodPopulation> AreaRows(WebUser user) => gate.Use(engine =>
        Geography.Populations(engine, user.Scope.Area, Segmentation.Current(engine)?.ReferenceDate ?? ActivitySpan.Last(engine)));

    /// <summary>
    /// The area a request covers: the user's scope narrowed by the place or neighbourhood asked for; throws when the
    /// request reaches outside the scope. A value: Strata.Data turns it into SQL.
    /// </summary>
    internal static AreaFilter Within(IEngine engine, WebUser user, AreaFilter area) => user.Scope.Narrow(area, n => PlaceOf(engine, n));

    private static string? PlaceOf(IEngine engine, string neighbourhood) => Geography.PlaceOf(engine, neighbourhood);

    private AggregateTable NotComputed(string name, string title, WebUser user, AreaFilter area, string stage) =>
        AggregateTable.Missing(name, title, area.Describe(user.Scope),
            $"Not computed yet: run `strata {stage}` on this workspace (or start it from the Jobs page when available).", policy.Statement);

    private double? Withheld(double value, KeyedCount people) => policy.Amount(value, people);

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits, MidpointRounding.AwayFromZero) : null;

    public static string Label(string dimension) => dimension switch
    {
        "segment" => "Segment",
        "risk_tier" => "Risk tier",
        "place_code" => "Place",
        "neighbourhood_code" => "Neighbourhood",
        "age_band" => "Age band",
        "sex" => "Sex",
        "imd_quintile" => "IMD quintile (1 = most deprived)",
        _ => dimension,
    };
}

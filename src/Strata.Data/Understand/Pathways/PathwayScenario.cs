using System.Globalization;
using Strata.Data.Engine;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;
using Strata.Domain.Understand;

namespace Strata.Data.Understand.Pathways;

/// <summary>
/// The shift scenario: a share of the activity in <see cref="FromStages"/> (default: the escalation stages) moves to
/// <see cref="ToStage"/> (default: the first stage), one activity for one, at the receiving stage's own unit cost.
/// </summary>
public sealed record PathwayShift(IReadOnlyList<string> FromStages, string ToStage, Interval80 Share);

/// <summary>A stage (or provider) in one projection year: baseline and scenario activity and cost over the runs.</summary>
public sealed record PathwayScenarioRow(string Key, int Year, double BaselineActivity, Summary Activity, double BaselineCost, Summary Cost);

/// <summary>A pathway scenario: stage and provider results, and the raw run for contracts and further analysis.</summary>
public sealed record PathwayScenarioResult(
    string Pathway, DateOnly ReferenceDate, PathwayShift Shift, long CohortPeople,
    IReadOnlyList<PathwayScenarioRow> Stages, IReadOnlyList<PathwayScenarioRow> Providers, ScenarioRun Run);

/// <summary>
/// Runs a pathway through the Plan stage's scenario engine: plan cells are the pathway's cohort (age band × sex ×
/// IMD quintile × place) and its stages stand where settings stand, from pathway_activity over the 12 months to D;
/// the shift is a Plan "shift" intervention. Growth is demographic only (no non-demographic growth per stage).
/// </summary>
public static class PathwayScenario
{
    public const string RiskTier = "all";

    public static PathwayShift DefaultShift(PathwayDefinition pathway, double share)
    {
        ArgumentNullException.ThrowIfNull(pathway);
        return new([.. pathway.Stages.Where(s => s.Escalation).Select(s => s.Id)], pathway.Stages[0].Id, Interval80.Point(share));
    }

    /// <summary>The plan baseline of one pathway from the current pathway build.</summary>
    public static PlanBaseline Baseline(IEngine engine, PathwayDefinition pathway)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(pathway);
        var at = PathwayAnalytics.Current(engine) ?? throw new InvalidOperationException("No pathway build in this workspace: run `strata pathway show` first.");
        var keys = $"pp.place_code, {AgeBands.SqlCase("pp.age")}, pp.sex, {AgeBands.ImdQuintileSql("pp.imd_decile")}";
        var admitted = string.Join(", ", Vocabulary.AdmittedSettings.Select(engine.Dialect.Quote));
        CohortKey Key(System.Data.IDataRecord r) => new(pathway.Id, RiskTier, r.GetString(1), r.GetString(2),
            Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture), r.GetString(0));
        var population = engine.Query($"""
            SELECT {keys}, count(*) FROM {PathwayAnalytics.PeopleTable} pp
            WHERE pp.pathway = $1 AND (pp.death_date IS NULL OR pp.death_date > $2)
            GROUP BY {keys}
            """, r => new PopulationCell(Key(r), Convert.ToDouble(r.GetValue(4), CultureInfo.InvariantCulture)), pathway.Id, at);
        var activity = engine.Query($"""
            SELECT {keys}, pa.stage, count(*),
              CAST(sum(CASE WHEN pa.setting IN ({admitted}) AND pa.end_date IS NOT NULL THEN pa.end_date - pa.start_date ELSE 0 END) AS BIGINT),
              CAST(sum(pa.cost_gbp) AS DOUBLE PRECISION)
            FROM {PathwayAnalytics.ActivityTable} pa JOIN {PathwayAnalytics.PeopleTable} pp ON pp.pathway = pa.pathway AND pp.person_id = pa.person_id
            WHERE pa.pathway = $1 AND pa.period = 0
            GROUP BY {keys}, pa.stage
            """, r => new ActivityCell(Key(r), r.GetString(4), Convert.ToDouble(r.GetValue(5), CultureInfo.InvariantCulture),
                Convert.ToDouble(r.GetValue(6), CultureInfo.InvariantCulture), r.GetDouble(7)), pathway.Id);
        var providers = engine.Query($"""
            WITH c AS (
              SELECT pp.place_code, pa.stage, pa.provider_code, count(*) AS n, CAST(sum(pa.cost_gbp) AS DOUBLE PRECISION) AS cost
              FROM {PathwayAnalytics.ActivityTable} pa JOIN {PathwayAnalytics.PeopleTable} pp ON pp.pathway = pa.pathway AND pp.person_id = pa.person_id
              WHERE pa.pathway = $1 AND pa.period = 0
              GROUP BY pp.place_code, pa.stage, pa.provider_code
            )
            SELECT place_code, stage, provider_code, CAST(n AS DOUBLE PRECISION) / sum(n) OVER (PARTITION BY place_code, stage), cost / n FROM c
            """, r => new ProviderShare(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetDouble(4)), pathway.Id);
        return new PlanBaseline(at, population, activity, providers);
    }

    /// <summary>The shift as a Plan intervention on the pathway's cohort, the receiving stage at its ICB-wide unit cost.</summary>
    public static Intervention Intervention(PathwayDefinition pathway, PlanBaseline baseline, PathwayShift shift)
    {
        ArgumentNullException.ThrowIfNull(pathway);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(shift);
        foreach (var s in shift.FromStages.Append(shift.ToStage))
        {
            pathway.StageOrder(s);
        }
        if (shift.FromStages.Count == 0 || shift.FromStages.Contains(shift.ToStage))
        {
            throw new ArgumentException("shift: needs at least one stage to move from, other than the stage it moves to");
        }
        if (shift.Share.Lo < 0 || shift.Share.Hi > 1 || shift.Share.Lo > shift.Share.Hi)
        {
            throw new ArgumentException("shift.share: an 80% interval within 0..1");
        }
        var receiving = baseline.Activity.Where(c => c.Setting == shift.ToStage).ToList();
        var unitCost = receiving.Sum(c => c.Activity) > 0 ? receiving.Sum(c => c.Cost) / receiving.Sum(c => c.Activity) : 0;
        return new Intervention($"{pathway.Id}-shift", $"{pathway.Name}: shift to {shift.ToStage}", pathway.Version,
            new CohortFilter([pathway.Id], [], [], [], []), shift.FromStages,
            new InterventionEffect(EffectKind.Shift, shift.Share, shift.ToStage, unitCost), [], 0, 0, 1, Interval80.Point(1),
            Description: $"{string.Join(", ", shift.FromStages)} → {shift.ToStage}", Evidence: pathway.Source);
    }

    public static PathwayScenarioResult Run(IEngine engine, PathwayDefinition pathway, PathwayShift shift, int years, ScenarioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseline = Baseline(engine, pathway);
        if (baseline.Activity.Count == 0)
        {
            throw new InvalidOperationException($"No {pathway.Id} pathway activity in the 12 months to {baseline.ReferenceDate:yyyy-MM-dd}; nothing to project.");
        }
        var iv = Intervention(pathway, baseline, shift);
        var growth = new GrowthAssumptions(DemographicGrowth.Default(), new Dictionary<string, double>());
        var run = MonteCarlo.Run(ScenarioModel.Build(baseline, growth, [iv], years), FinanceAssumptions.Default, options);
        var stageOrder = pathway.Stages.Select(s => s.Id).ToList();
        return new PathwayScenarioResult(pathway.Id, baseline.ReferenceDate, shift, (long)baseline.Population.Sum(p => p.People),
            [.. Rows(run, o => o.Setting).OrderBy(r => r.Year).ThenBy(r => stageOrder.IndexOf(r.Key))],
            [.. Rows(run, o => o.Provider).OrderBy(r => r.Year).ThenBy(r => r.Key, StringComparer.Ordinal)],
            run);
    }

    /// <summary>Every run and projection year (from 1) as a pathway outturn by provider, for pathway contracts.</summary>
    public static IReadOnlyList<PathwayOutturn> Outturns(ScenarioRun run, double? weightedPopulation = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var o = run.Outturn;
        var list = new List<PathwayOutturn>();
        for (var r = 0; r < o.Runs; r++)
        {
            for (var y = 1; y <= o.Years; y++)
            {
                var providers = o.Outlets.Select((outlet, i) => (outlet, i)).GroupBy(x => x.outlet.Provider, StringComparer.Ordinal)
                    .Select(g => new ProviderOutturn(g.Key,
                        g.ToDictionary(x => x.outlet.Setting, x => o.Activity(r, y, x.i), StringComparer.Ordinal),
                        g.Sum(x => o.Cost(r, y, x.i))))
                    .ToList();
                list.Add(new PathwayOutturn(r, y, providers, weightedPopulation));
            }
        }
        return list;
    }

    private static IEnumerable<PathwayScenarioRow> Rows(ScenarioRun run, Func<Outlet, string> key)
    {
        var o = run.Outturn;
        var runs = Enumerable.Range(0, o.Runs).Skip(o.Runs > 1 ? 1 : 0).ToList();
        foreach (var g in o.Outlets.Select((outlet, i) => (outlet, i)).GroupBy(x => key(x.outlet), StringComparer.Ordinal))
        {
            var outlets = g.Select(x => x.i).ToList();
            for (var y = 1; y <= o.Years; y++)
            {
                yield return new PathwayScenarioRow(g.Key, y,
                    outlets.Sum(i => o.BaselineActivity(0, y, i)),
                    Summary.Of(runs.Select(r => outlets.Sum(i => o.Activity(r, y, i)))),
                    outlets.Sum(i => o.BaselineCost(0, y, i)),
                    Summary.Of(runs.Select(r => outlets.Sum(i => o.Cost(r, y, i)))));
            }
        }
    }
}

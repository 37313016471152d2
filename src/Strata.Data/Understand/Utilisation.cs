using System.Globalization;
using Strata.Data.Engine;
using Strata.Domain.Evaluate;

namespace Strata.Data.Understand;

/// <summary>One unit's Evidence-Based Interventions activity over the 12 months to D, and its denominator.</summary>
/// <param name="Denominator">Practice: registered people alive at the window's start; provider: its planned (elective and day case) spells.</param>
public sealed record EbiUnitRow(string Unit, string EbiId, long Procedures, decimal Cost, long Denominator);

/// <summary>Outpatient first and follow-up attendances of one provider over the 12 months to D.</summary>
public sealed record FollowupRow(string Provider, long First, long Followup)
{
    public double? Ratio => First > 0 ? Followup / (double)First : null;
}

/// <summary>Whether EBI rates are counted by registered practice (per 100,000 population) or by provider (per 100,000 planned spells).</summary>
public enum EbiLevel
{
    Practice,
    Provider,
}

/// <summary>
/// Utilisation management (docs/pathways.md): NHS England's Evidence-Based Interventions as versioned codelists
/// (codelists/ebi-*.v1.csv). Import format v1 has no procedure codes, so an intervention is recognised by its setting
/// (day case or elective admission as the intervention is done) and primary diagnosis (ICD-10 prefix, dot removed) —
/// a proxy that also counts other procedures for the same diagnosis, stated wherever the figures are shown.
/// </summary>
public static class Utilisation
{
    /// <summary>The EBI activity rows (activity_id, person_id, provider_code, start_date, cost_gbp, ebi_id) with start dates in (from, to].</summary>
    internal static string EbiSql(ISqlDialect dialect, DateOnly from, DateOnly to) => $"""
        SELECT DISTINCT a.activity_id, a.person_id, a.provider_code, a.start_date, a.cost_gbp, e.ebi_id
        FROM activity a JOIN codelist_ebi e ON e.setting = a.setting
          AND e.icd10_prefix = left(upper(replace(coalesce(a.primary_diagnosis, ''), '.', '')), length(e.icd10_prefix))
        WHERE a.start_date > {dialect.Date(from)} AND a.start_date <= {dialect.Date(to)}
        """;

    /// <summary>EBI procedures and spend by unit and intervention over the 12 months to D, with the unit's denominator (units without any are listed with zero).</summary>
    public static IReadOnlyList<EbiUnitRow> ByUnit(IEngine engine, DateOnly at, EbiLevel level)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var d = engine.Dialect;
        var start = d.Date(at.AddYears(-1));
        var denominators = level == EbiLevel.Practice
            ? $"""
              SELECT p.practice_code AS unit, count(*) AS n FROM people p
              WHERE (p.death_date IS NULL OR p.death_date > {start}) AND p.year_of_birth <= {at.Year.ToString(CultureInfo.InvariantCulture)}
              GROUP BY p.practice_code
              """
            : $"""
              SELECT provider_code AS unit, count(*) AS n FROM activity
              WHERE setting IN ('elective_admission', 'daycase') AND start_date > {start} AND start_date <= {d.Date(at)}
              GROUP BY provider_code
              """;
        var unitOf = level == EbiLevel.Practice ? "p.practice_code" : "e.provider_code";
        return engine.Query($"""
            WITH e AS ({EbiSql(d, at.AddYears(-1), at)}),
            counts AS (
              SELECT {unitOf} AS unit, e.ebi_id, count(*) AS n, CAST(sum(e.cost_gbp) AS DECIMAL(18, 2)) AS cost
              FROM e JOIN people p ON p.person_id = e.person_id
              GROUP BY {unitOf}, e.ebi_id
            ),
            den AS ({denominators}),
            ebi AS (SELECT DISTINCT ebi_id FROM codelist_ebi)
            SELECT den.unit, ebi.ebi_id, coalesce(counts.n, 0), coalesce(counts.cost, 0), den.n
            FROM den CROSS JOIN ebi LEFT JOIN counts ON counts.unit = den.unit AND counts.ebi_id = ebi.ebi_id
            ORDER BY den.unit, ebi.ebi_id
            """,
            r => new EbiUnitRow(r.GetString(0), r.GetString(1), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture),
                Convert.ToDecimal(r.GetValue(3), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(4), CultureInfo.InvariantCulture)));
    }

    /// <summary>ICB-wide EBI procedures per calendar month over all the data, as a series for SPC (improvement = fewer).</summary>
    public static IReadOnlyList<SpcObservation> MonthlySeries(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var first = Strata.Data.Foundation.ActivitySpan.First(engine);
        var last = Strata.Data.Foundation.ActivitySpan.Last(engine);
        if (first is null || last is null)
        {
            return [];
        }
        var counts = engine.Query($"""
            SELECT CAST(extract(year FROM start_date) AS INTEGER), CAST(extract(month FROM start_date) AS INTEGER), count(*)
            FROM ({EbiSql(engine.Dialect, first.Value.AddDays(-1), last.Value)}) e
            GROUP BY 1, 2
            """, r => (Year: r.GetInt32(0), Month: r.GetInt32(1), N: Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)))
            .ToDictionary(x => (x.Year, x.Month), x => x.N);
        // Whole months only: a month the data covers in part would read as a fall.
        var month = new DateOnly(first.Value.Year, first.Value.Month, 1);
        if (first.Value.Day != 1)
        {
            month = month.AddMonths(1);
        }
        var series = new List<SpcObservation>();
        for (; month.AddMonths(1).AddDays(-1) <= last.Value; month = month.AddMonths(1))
        {
            series.Add(new SpcObservation(month, counts.GetValueOrDefault((month.Year, month.Month))));
        }
        return series;
    }

    /// <summary>Outpatient first and follow-up attendances by provider over the 12 months to D (the data has no specialty).</summary>
    public static IReadOnlyList<FollowupRow> FollowupRatios(IEngine engine, DateOnly at)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var d = engine.Dialect;
        return engine.Query($"""
            SELECT provider_code, CAST(sum(CASE WHEN setting = 'outpatient_first' THEN 1 ELSE 0 END) AS BIGINT),
              CAST(sum(CASE WHEN setting = 'outpatient_followup' THEN 1 ELSE 0 END) AS BIGINT)
            FROM activity
            WHERE setting IN ('outpatient_first', 'outpatient_followup') AND start_date > {d.Date(at.AddYears(-1))} AND start_date <= {d.Date(at)}
            GROUP BY provider_code ORDER BY provider_code
            """, r => new FollowupRow(r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)));
    }
}

/// <summary>One intervention ICB-wide: released procedures, spend (the money at stake) and rate per 100,000 registered people.</summary>
public sealed record EbiSummaryRow(string EbiId, int List, string Name, long? Procedures, double? Cost, double? RatePer100k);

/// <summary>A unit's released rate of one intervention against the ICB's, and the procedures and spend above the ICB rate.</summary>
public sealed record EbiUnitView(string Unit, string EbiId, long? Procedures, double? RatePer100k, double? PeerRatePer100k, double? ExcessProcedures, double? ExcessCost);

/// <summary>Everything `strata utilisation`, the API and a page release, disclosure-controlled once.</summary>
public sealed record UtilisationReport(
    DateOnly ReferenceDate, IReadOnlyList<EbiSummaryRow> Interventions, IReadOnlyList<EbiUnitView> Practices, IReadOnlyList<EbiUnitView> Providers,
    SpcResult? Trend, IReadOnlyList<FollowupView> Followups, string Statement);

/// <summary>A provider's released outpatient attendances and follow-ups per first attendance.</summary>
public sealed record FollowupView(string Provider, long? First, long? Followup, double? Ratio);

public static class UtilisationReports
{
    public const string Caveat = "Interventions are recognised by setting and primary diagnosis (import format v1 has no procedure codes), so counts include other procedures for the same diagnosis.";

    public static UtilisationReport Build(IEngine engine, DateOnly at, Strata.Domain.Foundation.DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var practices = Utilisation.ByUnit(engine, at, EbiLevel.Practice);
        var providers = Utilisation.ByUnit(engine, at, EbiLevel.Provider);
        var population = practices.GroupBy(p => p.Unit).Sum(g => g.First().Denominator);
        var interventions = Foundation.Codelists.EbiInterventions.Select(e =>
        {
            var rows = practices.Where(p => p.EbiId == e.Id).ToList();
            long n = rows.Sum(r => r.Procedures);
            return new EbiSummaryRow(e.Id, e.List, e.Name, policy.Count(n), policy.Amount((double)rows.Sum(r => r.Cost), n), policy.Rate(n, population, 100_000));
        }).ToList();
        IReadOnlyList<EbiUnitView> Views(IReadOnlyList<EbiUnitRow> rows) =>
        [
            .. rows.GroupBy(r => r.EbiId).SelectMany(g =>
            {
                long n = g.Sum(r => r.Procedures);
                long den = g.Sum(r => r.Denominator);
                var peer = policy.Rate(n, den, 100_000);
                var meanCost = n > 0 ? (double)g.Sum(r => r.Cost) / n : 0;
                return g.Where(r => r.Procedures > 0).Select(r =>
                {
                    var rate = policy.Rate(r.Procedures, r.Denominator, 100_000);
                    var excess = rate is { } x && peer is { } p && x > p ? (x - p) / 100_000 * r.Denominator : (double?)null;
                    return new EbiUnitView(r.Unit, r.EbiId, policy.Count(r.Procedures), rate, peer, excess, excess * meanCost);
                });
            }),
        ];
        // Fewer is better: these are procedures that should not be routinely done.
        var series = Utilisation.MonthlySeries(engine);
        var trend = series.Count >= 2 ? Spc.Analyse(series, new SpcOptions { Improvement = Improvement.Decrease }) : null;
        var followups = Utilisation.FollowupRatios(engine, at)
            .Select(f => new FollowupView(f.Provider, policy.Count(f.First), policy.Count(f.Followup), policy.Rate(f.Followup, f.First)))
            .ToList();
        return new UtilisationReport(at, interventions, Views(practices), Views(providers), trend, followups, $"{policy.Statement} {Caveat}");
    }
}

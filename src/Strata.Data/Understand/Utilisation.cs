using System.Globalization;
using Strata.Data.Engine;
using Strata.Domain.Evaluate;

namespace Strata.Data.Understand;

/// <summary>One unit's Evidence-Based Interventions activity over the 12 months to D, and its denominator.</summary>
/// <param name="Denominator">Practice: registered people alive at the window's start; provider: its planned (elective and day case) spells.</param>
public sealed record EbiUnitRow(string Unit, string EbiId, long Procedures, decimal Cost, long Denominator);

/// <summary>Outpatient first and follow-up attendances of one provider or one specialty over the 12 months to D.</summary>
/// <param name="Unit">The provider, or the specialty (treatment function code).</param>
public sealed record FollowupRow(string Unit, long First, long Followup)
{
    public double? Ratio => First > 0 ? Followup / (double)First : null;
}

/// <summary>First outpatient attendances of one specialty and how many led to a planned procedure in it (<see cref="Utilisation.ConversionBySpecialty"/>).</summary>
public sealed record ConversionRow(string Specialty, long FirstAttendances, long Converted)
{
    public double? Rate => FirstAttendances > 0 ? Converted / (double)FirstAttendances : null;
}

/// <summary>Whether EBI rates are counted by registered practice (per 100,000 population) or by provider (per 100,000 planned spells).</summary>
public enum EbiLevel
{
    Practice,
    Provider,
}

/// <summary>
/// Utilisation management (docs/pathways.md): NHS England's Evidence-Based Interventions as versioned codelists
/// (codelists/ebi-*.v1.csv). A planned spell (day case or elective admission) with an OPCS-4 primary procedure is
/// matched on the procedure, and also on its primary diagnosis where the guidance ties the intervention to one
/// (codelists/ebi-opcs4.v1.csv, needs_diagnosis). A spell without a procedure code falls back to the proxy: the
/// setting the intervention is done in and the primary diagnosis (ICD-10 prefix, dot removed), which also counts other
/// procedures for the same diagnosis, as every output says.
/// </summary>
public static class Utilisation
{
    /// <summary>Days after a first outpatient attendance within which a planned procedure in the same specialty counts as a conversion.</summary>
    public const int ConversionDays = 183;

    /// <summary>The primary diagnosis of activity row <c>a</c> matches an ICD-10 prefix of <c>{alias}</c>.</summary>
    private static string DiagnosisMatches(string alias) =>
        $"{alias}.icd10_prefix = left(upper(replace(coalesce(a.primary_diagnosis, ''), '.', '')), length({alias}.icd10_prefix))";

    /// <summary>The EBI activity rows (activity_id, person_id, provider_code, start_date, cost_gbp, ebi_id) with start dates in (from, to].</summary>
    internal static string EbiSql(ISqlDialect dialect, DateOnly from, DateOnly to)
    {
        var window = $"a.start_date > {dialect.Date(from)} AND a.start_date <= {dialect.Date(to)}";
        return $"""
            SELECT a.activity_id, a.person_id, a.provider_code, a.start_date, a.cost_gbp, e.ebi_id
            FROM activity a JOIN codelist_ebi e ON e.setting = a.setting AND {DiagnosisMatches("e")}
            WHERE a.procedure_code IS NULL AND {window}
            UNION
            SELECT a.activity_id, a.person_id, a.provider_code, a.start_date, a.cost_gbp, o.ebi_id
            FROM activity a JOIN codelist_ebi_opcs4 o ON o.opcs4_prefix = left(a.procedure_code, length(o.opcs4_prefix))
            WHERE a.setting IN ('daycase', 'elective_admission') AND {window}
              AND (NOT o.needs_diagnosis OR EXISTS (SELECT 1 FROM codelist_ebi d WHERE d.ebi_id = o.ebi_id AND {DiagnosisMatches("d")}))
            """;
    }

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

    /// <summary>
    /// Outpatient first and follow-up attendances by specialty (treatment function code; <see cref="NoSpecialty"/> for
    /// attendances without one) over the 12 months to D.
    /// </summary>
    public static IReadOnlyList<FollowupRow> FollowupRatiosBySpecialty(IEngine engine, DateOnly at)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var d = engine.Dialect;
        return engine.Query($"""
            SELECT coalesce(specialty_code, {d.Quote(NoSpecialty)}), CAST(sum(CASE WHEN setting = 'outpatient_first' THEN 1 ELSE 0 END) AS BIGINT),
              CAST(sum(CASE WHEN setting = 'outpatient_followup' THEN 1 ELSE 0 END) AS BIGINT)
            FROM activity
            WHERE setting IN ('outpatient_first', 'outpatient_followup') AND start_date > {d.Date(at.AddYears(-1))} AND start_date <= {d.Date(at)}
            GROUP BY 1 ORDER BY 1
            """, r => new FollowupRow(r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)));
    }

    /// <summary>The specialty shown for activity without a specialty code.</summary>
    public const string NoSpecialty = "not recorded";

    /// <summary>
    /// Referral-to-procedure conversion by specialty: first outpatient attendances (the referral's first contact) in the
    /// 12 months ending <see cref="ConversionDays"/> before D, so every one has its whole follow-up window in the data;
    /// of those, the ones the same person follows with a day case or elective spell with a procedure code in the same
    /// specialty, at any provider, on or after the attendance and within <see cref="ConversionDays"/> days.
    /// Attendances without a specialty cannot be matched and are counted under <see cref="NoSpecialty"/> with no conversions.
    /// </summary>
    public static IReadOnlyList<ConversionRow> ConversionBySpecialty(IEngine engine, DateOnly at)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var d = engine.Dialect;
        var end = at.AddDays(-ConversionDays);
        return engine.Query($"""
            WITH firsts AS (
              SELECT activity_id, person_id, specialty_code, start_date FROM activity
              WHERE setting = 'outpatient_first' AND start_date > {d.Date(end.AddYears(-1))} AND start_date <= {d.Date(end)}
            ),
            converted AS (
              SELECT DISTINCT f.activity_id FROM firsts f JOIN activity p
                ON p.person_id = f.person_id AND p.specialty_code = f.specialty_code
               AND p.setting IN ('daycase', 'elective_admission') AND p.procedure_code IS NOT NULL
               AND p.start_date >= f.start_date AND p.start_date <= f.start_date + {ConversionDays}
            )
            SELECT coalesce(f.specialty_code, {d.Quote(NoSpecialty)}), CAST(count(*) AS BIGINT), CAST(count(c.activity_id) AS BIGINT)
            FROM firsts f LEFT JOIN converted c ON c.activity_id = f.activity_id
            GROUP BY 1 ORDER BY 1
            """, r => new ConversionRow(r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)));
    }

    /// <summary>Outpatient first and follow-up attendances by provider over the 12 months to D.</summary>
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
    SpcResult? Trend, IReadOnlyList<FollowupView> Followups, string Statement)
{
    /// <summary>By specialty: follow-ups per first attendance (12 months to D) and referral-to-procedure conversion
    /// (first attendances in the 12 months to D − <see cref="Utilisation.ConversionDays"/> days).</summary>
    public IReadOnlyList<SpecialtyView> Specialties { get; init; } = [];
}

/// <summary>One specialty's released outpatient follow-up ratio and referral-to-procedure conversion.</summary>
public sealed record SpecialtyView(string Specialty, long? First, long? Followup, double? FollowupRatio, long? ConversionFirsts, long? Converted, double? ConversionRate);

/// <summary>A provider's released outpatient attendances and follow-ups per first attendance.</summary>
public sealed record FollowupView(string Provider, long? First, long? Followup, double? Ratio);

public static class UtilisationReports
{
    public const string Caveat = "Planned spells with an OPCS-4 procedure code are matched on the procedure (and the diagnosis where the guidance ties the intervention to one); spells without one are recognised by setting and primary diagnosis, which also counts other procedures for the same diagnosis.";

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
            .Select(f => new FollowupView(f.Unit, policy.Count(f.First), policy.Count(f.Followup), policy.Rate(f.Followup, f.First)))
            .ToList();
        var conversions = Utilisation.ConversionBySpecialty(engine, at).ToDictionary(c => c.Specialty);
        var bySpecialty = Utilisation.FollowupRatiosBySpecialty(engine, at).ToDictionary(f => f.Unit);
        var specialties = bySpecialty.Keys.Union(conversions.Keys).Order(StringComparer.Ordinal).Select(s =>
        {
            var f = bySpecialty.GetValueOrDefault(s) ?? new FollowupRow(s, 0, 0);
            var c = conversions.GetValueOrDefault(s) ?? new ConversionRow(s, 0, 0);
            return new SpecialtyView(s, policy.Count(f.First), policy.Count(f.Followup), policy.Rate(f.Followup, f.First),
                policy.Count(c.FirstAttendances), policy.Count(c.Converted), policy.Rate(c.Converted, c.FirstAttendances));
        }).ToList();
        return new UtilisationReport(at, interventions, Views(practices), Views(providers), trend, followups, $"{policy.Statement} {Caveat}")
        {
            Specialties = specialties,
        };
    }
}

using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Understand.Pathways;
using Strata.Data.Understand.Variation;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Data.Understand;

/// <summary>Spend on one programme budgeting category over a window.</summary>
public sealed record ProgrammeSpend(string Code, string Name, long People, long Activity, decimal Cost);

/// <summary>One area's population, spend and emergency admissions on one programme over the window.</summary>
public sealed record ProgrammeAreaRow(string Area, string Code, long Population, long People, decimal Cost, long EmergencyAdmissions);

/// <summary>
/// Programme budgeting (docs/pathways.md): every activity row in the window is in exactly one NHS programme budgeting
/// category — by its primary diagnosis (dot removed) against the ICD-10 ranges of codelists/programme-budget-icd10
/// (the longest matching range wins, so Z51.1 chemotherapy goes to cancers, not healthy individuals), else by its
/// setting (codelists/programme-budget-settings: mental health, maternity, social care), else to 23x "unmapped" — so
/// the categories add up to total spend to the penny.
/// </summary>
public static class ProgrammeBudget
{
    public const string Unmapped = "23x";

    /// <summary>The SQL of the mapping: (activity_id, person_id, setting, provider_code, primary_diagnosis, cost_gbp, category_code) for start dates in (from, to].</summary>
    internal static string MappedSql(ISqlDialect dialect, DateOnly from, DateOnly to) => $"""
        WITH pa AS (
          SELECT a.activity_id, a.person_id, a.setting, a.provider_code, a.primary_diagnosis, a.cost_gbp,
            upper(replace(coalesce(a.primary_diagnosis, ''), '.', '')) AS dx
          FROM activity a WHERE a.start_date > {dialect.Date(from)} AND a.start_date <= {dialect.Date(to)}
        ),
        dxm AS (
          SELECT pa.activity_id, m.category_code,
            row_number() OVER (PARTITION BY pa.activity_id ORDER BY length(m.icd10_from) DESC, m.category_code) AS rn
          FROM pa JOIN codelist_programme_icd10 m ON m.letter = left(pa.dx, 1)
            AND left(pa.dx, length(m.icd10_from)) BETWEEN m.icd10_from AND m.icd10_to
        )
        SELECT pa.activity_id, pa.person_id, pa.setting, pa.provider_code, pa.primary_diagnosis, pa.cost_gbp,
          coalesce(dxm.category_code, s.category_code, '{Unmapped}') AS category_code
        FROM pa LEFT JOIN dxm ON dxm.activity_id = pa.activity_id AND dxm.rn = 1
        LEFT JOIN codelist_programme_settings s ON s.setting = pa.setting
        """;

    /// <summary>Spend per category over the 12 months to D (every category listed, zeros included), optionally in one area.</summary>
    public static IReadOnlyList<ProgrammeSpend> Spend(IEngine engine, DateOnly at, PathwayArea? area = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        area ??= PathwayArea.Icb;
        var rows = engine.Query($"""
            WITH m AS ({MappedSql(engine.Dialect, at.AddYears(-1), at)}),
            pp AS (
              SELECT p.person_id, p.practice_code, coalesce(pr.neighbourhood_code, 'unknown') AS neighbourhood_code,
                coalesce(pr.place_code, 'unknown') AS place_code
              FROM people p LEFT JOIN practices pr ON pr.practice_code = p.practice_code
            )
            SELECT m.category_code, count(DISTINCT m.person_id), count(*), CAST(sum(m.cost_gbp) AS DECIMAL(18, 2))
            FROM m LEFT JOIN pp ON pp.person_id = m.person_id
            WHERE {area.PredicateAt(1)}
            GROUP BY m.category_code
            """,
            r => (Code: r.GetString(0), People: Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture),
                Activity: Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture), Cost: r.GetDecimal(3)),
            area.CodeParameter).ToDictionary(r => r.Code);
        return [.. Codelists.ProgrammeCategories.Select(c => rows.TryGetValue(c.Code, out var r)
            ? new ProgrammeSpend(c.Code, c.Name, r.People, r.Activity, r.Cost)
            : new ProgrammeSpend(c.Code, c.Name, 0, 0, 0m))];
    }

    /// <summary>
    /// Per area (place, neighbourhood or practice) and category over the 12 months to D: registered population (alive
    /// at the window's start, born by D's year), people with spend, spend, and emergency admissions in the category.
    /// </summary>
    public static IReadOnlyList<ProgrammeAreaRow> ByArea(IEngine engine, DateOnly at, FunnelLevel level)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var unit = level switch
        {
            FunnelLevel.Practice => "p.practice_code",
            FunnelLevel.Neighbourhood => "coalesce(pr.neighbourhood_code, 'unknown')",
            _ => "coalesce(pr.place_code, 'unknown')",
        };
        var start = engine.Dialect.Date(at.AddYears(-1));
        return engine.Query($"""
            WITH m AS ({MappedSql(engine.Dialect, at.AddYears(-1), at)}),
            pop AS (
              SELECT p.person_id, {unit} AS area FROM people p LEFT JOIN practices pr ON pr.practice_code = p.practice_code
              WHERE (p.death_date IS NULL OR p.death_date > {start}) AND p.year_of_birth <= {at.Year.ToString(CultureInfo.InvariantCulture)}
            ),
            heads AS (SELECT area, count(*) AS population FROM pop GROUP BY area),
            spend AS (
              SELECT pop.area, m.category_code, count(DISTINCT m.person_id) AS people, CAST(sum(m.cost_gbp) AS DECIMAL(18, 2)) AS cost,
                CAST(sum(CASE WHEN m.setting = 'emergency_admission' THEN 1 ELSE 0 END) AS BIGINT) AS admissions
              FROM m JOIN pop ON pop.person_id = m.person_id
              GROUP BY pop.area, m.category_code
            )
            SELECT heads.area, c.category_code, heads.population, coalesce(spend.people, 0), coalesce(spend.cost, 0), coalesce(spend.admissions, 0)
            FROM heads CROSS JOIN codelist_programme_categories c
            LEFT JOIN spend ON spend.area = heads.area AND spend.category_code = c.category_code
            ORDER BY heads.area, c.category_code
            """,
            r => new ProgrammeAreaRow(r.GetString(0), r.GetString(1), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture),
                Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture), Convert.ToDecimal(r.GetValue(4), CultureInfo.InvariantCulture),
                Convert.ToInt64(r.GetValue(5), CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Spend per head and emergency admissions per 1,000 for each area and category against the whole ICB's (the
    /// peers), from disclosure-controlled figures: a spend withheld with its few people, rates from rounded counts.
    /// </summary>
    public static IReadOnlyList<ProgrammeComparison> Compare(IReadOnlyList<ProgrammeAreaRow> rows, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(policy);
        var totalPopulation = rows.GroupBy(r => r.Area).Sum(g => g.First().Population);
        var peers = rows.GroupBy(r => r.Code).ToDictionary(g => g.Key, g => (
            Spend: totalPopulation > 0 ? (double)g.Sum(r => r.Cost) / totalPopulation : 0,
            Rate: policy.Rate(g.Sum(r => r.EmergencyAdmissions), totalPopulation, 1000)));
        var list = new List<ProgrammeComparison>();
        foreach (var r in rows)
        {
            var heads = policy.Count(r.Population);
            if (heads is not > 0 || policy.Amount((double)r.Cost, r.People) is not { } cost)
            {
                continue;
            }
            var peer = peers[r.Code];
            list.Add(new ProgrammeComparison(r.Area, r.Code, cost / heads.Value, peer.Spend,
                policy.Rate(r.EmergencyAdmissions, r.Population, 1000), peer.Rate));
        }
        return list;
    }
}

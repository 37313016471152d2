using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Understand;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;

namespace Strata.Data.Deliver;

/// <summary>One cell of the cost model: mean spend per head, and its index against the all-person mean.</summary>
/// <param name="LtcBand">0..4 (4 = four or more long-term conditions); null for the age-sex cell.</param>
public sealed record CostCell(string AgeBand, string Sex, int? LtcBand, long People, double MeanCost, double Index);

/// <summary>Area needs for one level plus the cost cells that explain them.</summary>
public sealed record NeedResult(DateOnly ReferenceDate, string Level, IReadOnlyList<AreaNeed> Areas, IReadOnlyList<CostCell> AgeSexCells,
    IReadOnlyList<CostCell> MorbidityCells, double MeanCost, long People);

/// <summary>Weights of the unmet-need index by IMD quintile (1 = most deprived).</summary>
public sealed record ImdWeights(double Q1 = 1.5, double Q2 = 1.25, double Q3 = 1.0, double Q4 = 0.75, double Q5 = 0.5)
{
    public static ImdWeights Parse(string text)
    {
        var parts = text.Split(',').Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : double.NaN).ToArray();
        if (parts.Length != 5 || parts.Any(double.IsNaN))
        {
            throw new ArgumentException($"--imd-weights: expected five non-negative numbers for quintiles 1..5, got '{text}'");
        }
        return new(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }

    public double For(int quintile) => quintile switch { 1 => Q1, 2 => Q2, 3 => Q3, 4 => Q4, _ => Q5 };
}

/// <summary>
/// The weighted populations behind need-weighted allocation, computed in the engine over person-level data
/// (payer spec; docs/deliver.md "Allocation"). For people alive and registered at D:
/// spend = their activity cost with start date in the 12 months to D; LTC band = number of long-term conditions
/// (codelist long_term_condition, from <see cref="ConditionFlags"/>), capped at 4.
/// Age-sex weight = mean spend of the person's age band × sex / mean spend of everyone.
/// Need weight = mean spend of the person's age band × sex × LTC band / mean spend of everyone
///            = age-sex weight × morbidity factor (cell mean / age-sex mean).
/// A morbidity cell with fewer than minCellPeople people takes its age-sex mean (factor 1), so the adjustment is
/// never driven by a handful of people. Unmet need = Σ IMD quintile weight.
/// </summary>
public static class NeedData
{
    public const string RuleVersion = "deliver-need-v1";
    public const string PersonTable = "deliver_need_persons";
    public const string CellTable = "deliver_cost_cells";
    public const string ConditionTable = "deliver_person_conditions";

    public static readonly IReadOnlyList<string> Levels = ["place", "neighbourhood"];

    /// <summary>Builds the person weights and cost cells at D (recorded in strata_runs).</summary>
    public static void Build(IEngine engine, DateOnly at, int minCellPeople = 30)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ConditionFlags.Build(engine, at, ConditionTable);
        var d = engine.Dialect.Date(at);
        var from = engine.Dialect.AddMonths(d, "-12");
        var age = AgeBandSql.AgeSql("p.year_of_birth", at);
        engine.InTransaction(() =>
        {
            DisclosureKeys.Ensure(engine);
            engine.CreateTableAs(Tables.NeedPersons, $"""
                WITH spend AS (
                    SELECT person_id, sum(cost_gbp) AS spend FROM activity
                    WHERE start_date > {from} AND start_date <= {d} GROUP BY person_id),
                ltc AS (
                    SELECT pc.person_id, count(*) AS n FROM {ConditionTable} pc
                    JOIN codelist_conditions c ON c.condition = pc.condition AND c.long_term_condition
                    GROUP BY pc.person_id)
                SELECT p.person_id, pr.place_code, pr.neighbourhood_code, {AgeBandSql.SqlCase(age)} AS age_band, p.sex,
                       CAST(CASE WHEN coalesce(l.n, 0) >= 4 THEN 4 ELSE coalesce(l.n, 0) END AS INTEGER) AS ltc_band,
                       {AgeBandSql.ImdQuintileSql("p.imd_decile")} AS imd_quintile,
                       CAST(coalesce(s.spend, 0) AS DOUBLE PRECISION) AS spend,
                       {d} AS reference_date, '{RuleVersion}' AS rule_version
                FROM people p
                JOIN practices pr ON pr.practice_code = p.practice_code
                LEFT JOIN spend s ON s.person_id = p.person_id
                LEFT JOIN ltc l ON l.person_id = p.person_id
                WHERE (p.death_date IS NULL OR p.death_date > {d}) AND p.year_of_birth <= {at.Year}
                """);
            engine.CreateTableAs(Tables.CostCells, $"""
                WITH overall AS (SELECT avg(spend) AS mean FROM {PersonTable}),
                agesex AS (SELECT age_band, sex, count(*) AS people, avg(spend) AS mean FROM {PersonTable} GROUP BY age_band, sex),
                morb AS (SELECT age_band, sex, ltc_band, count(*) AS people, avg(spend) AS mean FROM {PersonTable} GROUP BY age_band, sex, ltc_band)
                SELECT a.age_band, a.sex, CAST(NULL AS INTEGER) AS ltc_band, a.people, a.mean AS mean_cost,
                       CAST(CASE WHEN o.mean > 0 THEN a.mean / o.mean ELSE 1 END AS DOUBLE PRECISION) AS cost_index,
                       {d} AS reference_date, '{RuleVersion}' AS rule_version
                FROM agesex a CROSS JOIN overall o
                UNION ALL
                SELECT m.age_band, m.sex, m.ltc_band, m.people,
                       CASE WHEN m.people >= {minCellPeople} THEN m.mean ELSE a.mean END,
                       CAST(CASE WHEN o.mean <= 0 THEN 1 WHEN m.people >= {minCellPeople} THEN m.mean / o.mean ELSE a.mean / o.mean END AS DOUBLE PRECISION),
                       {d}, '{RuleVersion}'
                FROM morb m JOIN agesex a ON a.age_band = m.age_band AND a.sex = m.sex CROSS JOIN overall o
                """);
        });
        RunLog.Record(engine, "deliver.need", RuleVersion, at, $"{{\"min_cell_people\":{minCellPeople}}}");
    }

    /// <summary>Area needs at one level ("place" or "neighbourhood") from the tables <see cref="Build"/> wrote.</summary>
    public static NeedResult Read(IEngine engine, DateOnly at, string level, ImdWeights weights)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(weights);
        var column = Column(level);
        string W(int q) => weights.For(q).ToString("R", CultureInfo.InvariantCulture);
        var areas = engine.Query($"""
            SELECT p.{column}, count(*), CAST(sum(a.cost_index) AS DOUBLE PRECISION), CAST(sum(m.cost_index) AS DOUBLE PRECISION),
                   CAST(sum(CASE p.imd_quintile WHEN 1 THEN {W(1)} WHEN 2 THEN {W(2)} WHEN 3 THEN {W(3)} WHEN 4 THEN {W(4)} ELSE {W(5)} END) AS DOUBLE PRECISION),
                   {DisclosureKeys.Sum()}
            FROM {PersonTable} p
            LEFT JOIN {DisclosureKeys.Table} k ON k.person_id = p.person_id
            JOIN {CellTable} a ON a.age_band = p.age_band AND a.sex = p.sex AND a.ltc_band IS NULL
            JOIN {CellTable} m ON m.age_band = p.age_band AND m.sex = p.sex AND m.ltc_band = p.ltc_band
            GROUP BY p.{column} ORDER BY p.{column}
            """, r => new AreaNeed(r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture),
                r.GetDouble(2), r.GetDouble(3), r.GetDouble(4),
                DisclosureKeys.Cell(0, Convert.ToInt64(r.GetValue(5), CultureInfo.InvariantCulture)).Key));
        CostCell Cell(System.Data.IDataRecord r) => new(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt32(2),
            Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture), r.GetDouble(4), r.GetDouble(5));
        var cells = engine.Query($"SELECT age_band, sex, ltc_band, people, mean_cost, cost_index FROM {CellTable} ORDER BY age_band, sex, ltc_band NULLS FIRST", Cell);
        var mean = engine.Scalar<double>($"SELECT coalesce(avg(spend), 0) FROM {PersonTable}");
        var people = engine.Scalar<long>($"SELECT count(*) FROM {PersonTable}");
        return new NeedResult(at, level, areas, [.. cells.Where(c => c.LtcBand is null)], [.. cells.Where(c => c.LtcBand is not null)], mean, people);
    }

    /// <summary>Each area's spend in the 12 months to D (activity cost of its people) from the table <see cref="Build"/> wrote.</summary>
    public static Dictionary<string, double> Spend(IEngine engine, string level)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var column = Column(level);
        return engine.Query($"SELECT {column}, CAST(sum(spend) AS DOUBLE PRECISION) FROM {PersonTable} GROUP BY {column}",
            r => (Area: r.GetString(0), Spend: r.GetDouble(1))).ToDictionary(x => x.Area, x => x.Spend, StringComparer.Ordinal);
    }

    private static string Column(string level) => level switch
    {
        "place" => "place_code",
        "neighbourhood" => "neighbourhood_code",
        _ => throw new ArgumentException($"level must be one of {string.Join(", ", Levels)}, not '{level}'"),
    };
}

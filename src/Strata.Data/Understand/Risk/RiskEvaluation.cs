using System.Globalization;
using Strata.Data.Engine;
using Strata.Domain.Understand;

namespace Strata.Data.Understand.Risk;

/// <summary>
/// Performance of predicted probabilities against observed 0/1 outcomes, computed by SQL aggregates over a table
/// (person rows never leave the engine): AUROC with DeLong CI, Brier score, calibration intercept and slope, reliability
/// by decile.
/// </summary>
public static class RiskEvaluation
{
    /// <summary>Probabilities are clipped to [1e−12, 1 − 1e−12] before taking logits, so an oracle's p = 0 stays finite.</summary>
    private const string LogitFloor = "1e-12";

    public static RiskMetrics Evaluate(IEngine engine, string table, string probability = "probability", string outcome = "outcome")
    {
        ArgumentNullException.ThrowIfNull(engine);
        var rows = $"(SELECT person_id, CAST({probability} AS DOUBLE PRECISION) AS p, CAST({outcome} AS DOUBLE PRECISION) AS y FROM {table} WHERE {outcome} IS NOT NULL)";
        var auroc = Domain.Understand.Auroc.FromAggregates(AurocSums(engine, rows));
        var (people, events, brier) = engine.Query($"SELECT count(*), sum(y), avg((p - y) * (p - y)) FROM {rows} t",
            r => (Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), r.GetDouble(2)))[0];
        var logit = $"ln(greatest({LogitFloor}, least(1 - {LogitFloor}, {probability})) / (1 - greatest({LogitFloor}, least(1 - {LogitFloor}, {probability}))))";
        var intercept = LogisticRiskModel.FitLogistic(engine, table, outcome, [new("intercept", Sql: "1")], offset: logit);
        var slope = LogisticRiskModel.FitLogistic(engine, table, outcome, [new("intercept", Sql: "1"), new("logit_p", Sql: logit)]);
        var reliability = engine.Query($"""
            SELECT decile, count(*), avg(p), avg(y)
            FROM (SELECT p, y, ntile(10) OVER (ORDER BY p, person_id) AS decile FROM {rows} t) d
            GROUP BY decile ORDER BY decile
            """,
            r => new ReliabilityBin(Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), r.GetDouble(2), r.GetDouble(3)));
        // With a single predicted value logit(p) is aliased with the intercept and the slope is undefined (NaN).
        var slopeAt = slope.Features.ToList().IndexOf("logit_p");
        return new RiskMetrics(people, events, auroc, brier, intercept.Coefficients[0], slopeAt < 0 ? double.NaN : slope.Coefficients[slopeAt], reliability);
    }

    /// <summary>
    /// AUROC sums from scores grouped by value: negatives strictly below and positives strictly above each distinct
    /// score by running sums, ties counted one half.
    /// </summary>
    public static AurocAggregates AurocSums(IEngine engine, string rows)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Query($"""
            WITH g AS (
                SELECT p, CAST(sum(y) AS DOUBLE PRECISION) AS pos, CAST(count(*) - sum(y) AS DOUBLE PRECISION) AS neg FROM {rows} t GROUP BY p
            ),
            c AS (
                SELECT pos, neg,
                    coalesce(sum(neg) OVER (ORDER BY p ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS neg_below,
                    coalesce(sum(pos) OVER (ORDER BY p ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING), 0) AS pos_above
                FROM g
            ),
            tot AS (SELECT sum(pos) AS n1, sum(neg) AS n0 FROM g),
            v AS (
                SELECT pos, neg, tot.n1, tot.n0,
                    CASE WHEN tot.n0 > 0 THEN (neg_below + 0.5 * neg) / tot.n0 END AS v10,
                    CASE WHEN tot.n1 > 0 THEN (pos_above + 0.5 * pos) / tot.n1 END AS v01
                FROM c, tot
            )
            SELECT max(n1), max(n0), sum(pos * v10), sum(pos * v10 * v10), sum(neg * v01 * v01) FROM v
            """,
            r => new AurocAggregates(
                r.IsDBNull(0) ? 0 : (long)r.GetDouble(0), r.IsDBNull(1) ? 0 : (long)r.GetDouble(1),
                r.IsDBNull(2) ? 0 : r.GetDouble(2), r.IsDBNull(3) ? 0 : r.GetDouble(3), r.IsDBNull(4) ? 0 : r.GetDouble(4)))[0];
    }
}

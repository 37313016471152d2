using System.Globalization;
using Strata.Data.Foundation;
using Strata.Data.Understand.Risk;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Data.Tests.Understand.Risk;

public class RiskEngineTests
{
    private static Workspace Simulated(int n, ulong seed, double b0, double b1, double b2)
    {
        var ws = Workspace.InMemory();
        ws.Engine.Execute("CREATE TABLE sim (person_id VARCHAR, x1 DOUBLE, x2 DOUBLE, outcome INTEGER)");
        var rng = new Rng(seed);
        using (var a = ws.Engine.Append("sim"))
        {
            for (var i = 0; i < n; i++)
            {
                var x1 = rng.Normal();
                var x2 = rng.Bernoulli(0.4) ? 1.0 : 0.0;
                var p = 1 / (1 + Math.Exp(-(b0 + b1 * x1 + b2 * x2)));
                a.Row(i.ToString("D6", CultureInfo.InvariantCulture), x1, x2, rng.Bernoulli(p) ? 1 : 0);
            }
        }
        return ws;
    }

    private static readonly DesignColumn[] SimDesign = [new("intercept", Sql: "1"), new("x1"), new("x2")];

    [Fact]
    public void In_engine_irls_recovers_simulated_coefficients()
    {
        using var ws = Simulated(40_000, 7, -2, 0.8, -0.5);
        var fit = LogisticRiskModel.FitLogistic(ws.Engine, "sim", "outcome", SimDesign);
        Assert.True(fit.Converged);
        double[] truth = [-2, 0.8, -0.5];
        for (var i = 0; i < 3; i++)
        {
            // Within 3.5 standard errors of the truth, and the errors are of the size n = 40,000 implies.
            Assert.InRange(fit.Coefficients[i], truth[i] - 3.5 * fit.StandardErrors[i], truth[i] + 3.5 * fit.StandardErrors[i]);
            Assert.InRange(fit.StandardErrors[i], 0.005, 0.06);
        }
    }

    [Fact]
    public void Standard_errors_shrink_with_the_square_root_of_n()
    {
        using var ws = Simulated(40_000, 11, -1, 0.5, 0.3);
        var all = LogisticRiskModel.FitLogistic(ws.Engine, "sim", "outcome", SimDesign);
        ws.Engine.Execute("CREATE TABLE half AS SELECT * FROM sim WHERE person_id < '010000'");
        var quarter = LogisticRiskModel.FitLogistic(ws.Engine, "half", "outcome", SimDesign);
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(quarter.StandardErrors[i] / all.StandardErrors[i], 1.8, 2.2);
        }
    }

    [Fact]
    public void In_engine_irls_matches_the_closed_form_two_by_two()
    {
        using var ws = Workspace.InMemory();
        ws.Engine.Execute("""
            CREATE TABLE t AS
            SELECT 'p' || CAST(i AS VARCHAR) AS person_id, CASE WHEN i <= 100 THEN 1.0 ELSE 0.0 END AS x,
                CASE WHEN i <= 30 OR (i > 100 AND i <= 120) THEN 1 ELSE 0 END AS outcome
            FROM range(1, 301) r(i)
            """);
        var fit = LogisticRiskModel.FitLogistic(ws.Engine, "t", "outcome", [new("intercept", Sql: "1"), new("x")]);
        Assert.Equal(Math.Log(20.0 / 180), fit.Coefficients[0], 8);
        Assert.Equal(Math.Log(30.0 * 180 / (70 * 20)), fit.Coefficients[1], 8);
        Assert.Equal(Math.Sqrt(1.0 / 30 + 1.0 / 70 + 1.0 / 20 + 1.0 / 180), fit.StandardErrors[1], 8);
    }

    private static Workspace Scored(params (double P, int Y)[] rows)
    {
        var ws = Workspace.InMemory();
        ws.Engine.Execute("CREATE TABLE s (person_id VARCHAR, outcome INTEGER, probability DOUBLE)");
        using var a = ws.Engine.Append("s");
        for (var i = 0; i < rows.Length; i++)
        {
            a.Row($"p{i}", rows[i].Y, rows[i].P);
        }
        return ws;
    }

    [Fact]
    public void Auroc_counts_ties_as_half_and_gives_the_delong_error()
    {
        // Positives at 0.4, 0.8, 0.9; negatives at 0.1, 0.4, 0.8. Pairs won: 0.4 → 1 + ½, 0.8 → 2 + ½, 0.9 → 3: A = 7/9.
        using var ws = Scored((0.1, 0), (0.4, 0), (0.4, 1), (0.8, 1), (0.8, 0), (0.9, 1));
        var m = RiskEvaluation.Evaluate(ws.Engine, "s");
        Assert.Equal(7.0 / 9, m.Auroc.Value, 12);
        // V10 = (0.5, 5/6, 1), V01 = (1, 5/6, 0.5): S10 = S01 = 0.0648148, SE = √(2 · 0.0648148 / 3).
        Assert.Equal(Math.Sqrt(2 * 0.06481481481 / 3), m.Auroc.StandardError, 8);
        // Brier: (0.01 + 0.16 + 0.36 + 0.04 + 0.64 + 0.01) / 6.
        Assert.Equal(1.22 / 6, m.Brier, 12);
        Assert.Equal(6, m.People);
        Assert.Equal(3, m.Events);
    }

    [Fact]
    public void Calibration_slope_and_intercept_match_a_hand_worked_two_group_case()
    {
        // Six people predicted 0.2 with 2 events (observed 1/3); four predicted 0.5 with 2 events (observed 1/2).
        // Two groups, two parameters: the slope fit is saturated, logit(o) = a + b·logit(p) in both groups, so
        // b = (logit(1/3) − logit(1/2)) / (logit(0.2) − logit(0.5)) = ln ½ / ln ¼ = 0.5 and a = 0.
        (double, int)[] rows = [(0.2, 1), (0.2, 1), (0.2, 0), (0.2, 0), (0.2, 0), (0.2, 0), (0.5, 1), (0.5, 1), (0.5, 0), (0.5, 0)];
        using var ws = Scored(rows);
        Assert.Equal(0.5, RiskEvaluation.Evaluate(ws.Engine, "s").CalibrationSlope, 8);
        // Odds four times the predicted in both groups: 4 of 8 at p = 0.2 (logit ½ − logit 0.2 = ln 4) and 4 of 5 at
        // p = 0.5 (logit 0.8 − logit ½ = ln 4). Calibration-in-the-large α = ln 4 exactly, and the slope is 1.
        using var shifted = Scored([(0.2, 1), (0.2, 1), (0.2, 1), (0.2, 1), (0.2, 0), (0.2, 0), (0.2, 0), (0.2, 0), (0.5, 1), (0.5, 1), (0.5, 1), (0.5, 1), (0.5, 0)]);
        var m = RiskEvaluation.Evaluate(shifted.Engine, "s");
        Assert.Equal(Math.Log(4), m.CalibrationIntercept, 8);
        Assert.Equal(1, m.CalibrationSlope, 8);
    }

    [Fact]
    public void One_predicted_value_has_an_intercept_but_no_slope()
    {
        // All at p = 0.2 with 2 events of 4: α = logit(½) − logit(0.2) = ln 4; logit(p) is constant, so no slope.
        using var ws = Scored([(0.2, 1), (0.2, 1), (0.2, 0), (0.2, 0)]);
        var m = RiskEvaluation.Evaluate(ws.Engine, "s");
        Assert.Equal(Math.Log(4), m.CalibrationIntercept, 8);
        Assert.True(double.IsNaN(m.CalibrationSlope));
    }

    [Fact]
    public void Perfectly_calibrated_predictions_have_slope_one_and_intercept_zero()
    {
        using var ws = Workspace.InMemory();
        ws.Engine.Execute("CREATE TABLE s (person_id VARCHAR, outcome INTEGER, probability DOUBLE)");
        var rng = new Rng(3);
        using (var a = ws.Engine.Append("s"))
        {
            for (var i = 0; i < 60_000; i++)
            {
                var p = 1 / (1 + Math.Exp(-(-2 + 1.2 * rng.Normal())));
                a.Row($"p{i}", rng.Bernoulli(p) ? 1 : 0, p);
            }
        }
        var m = RiskEvaluation.Evaluate(ws.Engine, "s");
        Assert.InRange(m.CalibrationSlope, 0.95, 1.05);
        Assert.InRange(m.CalibrationIntercept, -0.04, 0.04);
        Assert.Equal(10, m.Reliability.Count);
        Assert.All(m.Reliability, b => Assert.InRange(b.Observed - b.MeanPredicted, -0.02, 0.02));
    }

    [Fact]
    public void Overconfident_predictions_have_a_slope_below_one()
    {
        using var ws = Workspace.InMemory();
        ws.Engine.Execute("CREATE TABLE s (person_id VARCHAR, outcome INTEGER, probability DOUBLE)");
        var rng = new Rng(5);
        using (var a = ws.Engine.Append("s"))
        {
            for (var i = 0; i < 40_000; i++)
            {
                var eta = -1 + rng.Normal();
                // Predictions twice as extreme on the logit scale as the truth: slope ½.
                a.Row($"p{i}", rng.Bernoulli(1 / (1 + Math.Exp(-eta))) ? 1 : 0, 1 / (1 + Math.Exp(-2 * eta)));
            }
        }
        Assert.InRange(RiskEvaluation.Evaluate(ws.Engine, "s").CalibrationSlope, 0.45, 0.55);
    }

    [Fact]
    public void Tier_sql_agrees_with_the_tier_rule_at_the_boundaries()
    {
        using var ws = Workspace.InMemory();
        ws.Engine.Execute("CREATE TABLE s AS SELECT lpad(CAST(i AS VARCHAR), 4, '0') AS person_id, 1.0 - i / 1000.0 AS probability FROM range(1, 1001) r(i)");
        var tiers = ws.Engine.Query($"SELECT rnk, tier FROM ({RiskStratification.Tiered("s")}) t ORDER BY rnk", r => (Rank: r.GetInt64(0), Tier: r.GetString(1)));
        Assert.All(tiers, t => Assert.Equal(RiskTiers.Of(t.Rank, 1000), t.Tier));
        Assert.Equal([5, 45, 150, 800], RiskTiers.Names.Select(n => tiers.Count(t => t.Tier == n)));
    }
}

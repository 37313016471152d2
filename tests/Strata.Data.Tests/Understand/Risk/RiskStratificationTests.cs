using System.Globalization;
using Strata.Data.Foundation;
using Strata.Data.Understand.Risk;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Data.Tests.Understand.Risk;

public class RiskStratificationTests
{
    private static readonly DateOnly Start = new(2021, 4, 1);
    private static readonly DateOnly End = new(2024, 3, 31);

    /// <summary>
    /// A small ICB over three financial years: each person has a fixed latent emergency rate (rising with age and
    /// frailty) and Poisson admissions per year from it; the true rate per financial year goes to a truth file.
    /// </summary>
    private static (Workspace Ws, string Truth) Simulated(int people, string dir)
    {
        var ws = Workspace.InMemory();
        var rng = new Rng(2024);
        var truth = Path.Combine(dir, "emergency_rate.csv");
        using var writer = new StreamWriter(truth);
        writer.WriteLine("person_id,financial_year,emergency_rate");
        using (var p = ws.Engine.Append("people"))
        using (var a = ws.Engine.Append("activity"))
        {
            var n = 0;
            for (var i = 0; i < people; i++)
            {
                var id = $"p{i:D5}";
                var yob = 1930 + rng.NextInt(90);
                var frailty = Math.Exp(rng.Normal(0, 0.9));
                var rate = 0.04 * Math.Exp(0.025 * (2023 - yob - 40)) * frailty;
                p.Row(id, rng.Bernoulli(0.5) ? "F" : "M", yob, null, $"P{i % 5}", null, 1 + rng.NextInt(10), null, null, null);
                for (var fy = 0; fy < 3; fy++)
                {
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id},{2021 + fy}-{(22 + fy):D2},{rate:R}"));
                    var admissions = rng.Poisson(rate);
                    for (var k = 0; k < admissions; k++)
                    {
                        a.Row($"a{n++}", id, "emergency_admission", "R1", Start.AddYears(fy).AddDays(rng.NextInt(365)), null, null, 2500m, null, null);
                    }
                    for (var k = rng.Poisson(2 + 3 * rate); k > 0; k--)
                    {
                        a.Row($"a{n++}", id, "gp_appointment", "G1", Start.AddYears(fy).AddDays(rng.NextInt(365)), null, null, 40m, null, null);
                    }
                }
            }
            a.Row($"a{n}", "p00000", "gp_appointment", "G1", End, null, null, 40m, null, null);
        }
        return (ws, truth);
    }

    [Fact]
    public void Train_validates_out_of_time_stores_the_model_and_compares_with_the_oracle()
    {
        var dir = Directory.CreateTempSubdirectory("strata-risk").FullName;
        var (ws, truth) = Simulated(6000, dir);
        using (ws)
        {
            var result = RiskStratification.Train(ws.Engine, new RiskTrainOptions(End.AddMonths(-24), End.AddMonths(-12), truth));
            Assert.Equal("logistic-v1", result.ModelId);
            Assert.True(result.Fit.Converged);
            Assert.Equal(6000, result.Metrics.People);
            Assert.InRange(result.Metrics.Auroc.Value, 0.6, 0.95);
            Assert.True(result.Metrics.Auroc.Lower95 < result.Metrics.Auroc.Value && result.Metrics.Auroc.Value < result.Metrics.Auroc.Upper95);
            // No data 12–24 months before the training date: those columns are left out, not fitted.
            Assert.Contains("log_n_emergency_12_24", result.Constant);
            var oracle = result.Oracle!;
            Assert.Equal(6000, oracle.People);
            Assert.Equal(0, oracle.WithoutTruth);
            Assert.Equal(result.Metrics.Auroc.Value, oracle.ModelAuroc, 12);
            Assert.True(oracle.OracleAuroc > oracle.ModelAuroc, "the true rate discriminates at least as well as the model");

            var stored = RiskStratification.Load(ws.Engine);
            Assert.Equal(result.Metrics.Auroc, stored.Metrics.Auroc);
            Assert.Equal(result.Metrics.Brier, stored.Metrics.Brier, 12);
            Assert.Equal(result.Fit.Coefficients, stored.Fit.Coefficients);
            Assert.Equal(1, ws.Engine.Scalar<long>($"SELECT count(*) FROM strata_runs WHERE stage = '{RiskStratification.Stage}.train'"));
        }
    }

    [Theory]
    [InlineData("2023-03-31")] // 24 months of history: the 12–24 month columns are fitted too
    [InlineData("2022-03-31")] // 12 months: they are constant and left out
    public void The_in_memory_fit_gives_the_coefficients_of_the_in_engine_fit(string index)
    {
        var dir = Directory.CreateTempSubdirectory("strata-risk").FullName;
        var (ws, _) = Simulated(6000, dir);
        using (ws)
        {
            RiskFeatures.Build(ws.Engine, DateOnly.Parse(index, CultureInfo.InvariantCulture), "f", withOutcome: true);
            var model = new LogisticRiskModel(RiskFeatures.Design);
            model.Train(ws.Engine, "f");
            var fit = model.Fit!;

            // The previous implementation: constant columns and every IRLS iteration as SQL aggregates over the people.
            var constant = LogisticRiskModel.ConstantColumns(ws.Engine, "f", RiskFeatures.Design);
            var before = LogisticRiskModel.FitInEngine(ws.Engine, "f", "outcome", [.. RiskFeatures.Design.Where(c => !constant.Contains(c.Name))]);

            Assert.Equal(constant, model.Constant);
            Assert.Equal(before.Features, fit.Features);
            Assert.Equal(before.Aliased, fit.Aliased);
            Assert.Equal(before.Iterations, fit.Iterations);
            Assert.Equal(before.Converged, fit.Converged);
            Assert.Equal(before.Rows, fit.Rows);
            Assert.True(fit.Features.Count > 10, "a real design, not a trivial one");
            AssertClose(before.Deviance, fit.Deviance, 1e-9);
            for (var i = 0; i < fit.Features.Count; i++)
            {
                AssertClose(before.Coefficients[i], fit.Coefficients[i], 1e-9);
                AssertClose(before.StandardErrors[i], fit.StandardErrors[i], 1e-9);
            }

            // The calibration fits of the metrics (an offset; a continuous column) agree too.
            model.Score(ws.Engine, "f", "s");
            const string logit = "ln(probability / (1 - probability))";
            foreach (var (design, offset) in new (DesignColumn[], string?)[]
            {
                ([new("intercept", Sql: "1")], logit),
                ([new("intercept", Sql: "1"), new("logit_p", Sql: logit)], null),
            })
            {
                var now = LogisticRiskModel.FitLogistic(ws.Engine, "s", "outcome", design, offset);
                var then = LogisticRiskModel.FitInEngine(ws.Engine, "s", "outcome", design, offset);
                Assert.Equal(then.Iterations, now.Iterations);
                for (var i = 0; i < design.Length; i++)
                {
                    AssertClose(then.Coefficients[i], now.Coefficients[i], 1e-9);
                }
            }
        }
    }

    private static void AssertClose(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Windows_reaching_back_before_the_data_start_are_left_out_even_when_partly_filled()
    {
        // Data from 2021-04-01; training at 2022-09-30 has only 18 months of history, so the 12–24 month window
        // (2020-09-30, 2021-09-30] holds six months of activity: not constant, yet not the feature it is at the test date.
        var dir = Directory.CreateTempSubdirectory("strata-risk").FullName;
        var (ws, _) = Simulated(3000, dir);
        using (ws)
        {
            var result = RiskStratification.Train(ws.Engine, new RiskTrainOptions(new DateOnly(2022, 9, 30), new DateOnly(2023, 3, 31)));
            Assert.Contains("log_n_gp_12_24", result.Constant);
            Assert.Contains("log_n_emergency_12_24", result.Constant);
            Assert.DoesNotContain("log_n_gp_12_24", result.Fit.Features);
            Assert.Contains("log_n_gp_0_12", result.Fit.Features);
            Assert.Equal("window before data start", ws.Engine.Scalar<string>(
                $"SELECT note FROM risk_model_coefficients WHERE model_id = '{result.ModelId}' AND feature = 'log_n_gp_12_24'"));
        }
    }

    [Theory]
    [InlineData("2023-03-31", "2022-04-01", true)]   // 12 months of history: the 12–24 month window is before the data
    [InlineData("2024-03-31", "2022-04-01", false)]  // 24 months: covered
    [InlineData("2024-03-25", "2022-04-01", false)]  // seven days short: within the week's tolerance
    [InlineData("2024-03-24", "2022-04-01", true)]   // eight days short: not
    public void Twelve_to_twenty_four_month_windows_need_twenty_four_months_of_data(string index, string dataStart, bool uncovered)
    {
        var left = RiskFeatures.Uncovered(DateOnly.Parse(index, CultureInfo.InvariantCulture), DateOnly.Parse(dataStart, CultureInfo.InvariantCulture));
        Assert.Equal(uncovered, left.Contains("log_n_gp_12_24"));
        Assert.DoesNotContain("log_n_gp_0_12", left);
    }

    [Fact]
    public void Score_writes_risk_scores_with_tiers_by_rank()
    {
        var dir = Directory.CreateTempSubdirectory("strata-risk").FullName;
        var (ws, _) = Simulated(2000, dir);
        using (ws)
        {
            RiskStratification.Train(ws.Engine, new RiskTrainOptions(End.AddMonths(-24), End.AddMonths(-12)));
            var scored = RiskStratification.Score(ws.Engine, End);
            Assert.Equal(2000, scored.People);
            // 2,000 people: top 10 very high, next 90 high, next 300 moderate, rest low.
            Assert.Equal([10, 90, 300, 1600], scored.Tiers.Select(t => t.People));
            Assert.Equal(RiskTiers.Names, ws.Engine.Query("SELECT tier FROM risk_scores GROUP BY tier ORDER BY min(probability) DESC", r => r.GetString(0)));
            Assert.Equal(0, ws.Engine.Scalar<long>("""
                SELECT count(*) FROM risk_scores a JOIN risk_scores b ON a.tier = 'very_high' AND b.tier = 'high' AND a.probability < b.probability
                """));
            // Scoring again at the same date replaces, not duplicates.
            RiskStratification.Score(ws.Engine, End);
            Assert.Equal(2000, ws.Engine.Scalar<long>("SELECT count(*) FROM risk_scores"));
            Assert.Equal(2, ws.Engine.Scalar<long>($"SELECT count(*) FROM strata_runs WHERE stage = '{RiskStratification.Stage}.score'"));
        }
    }

    [Fact]
    public void A_test_date_without_twelve_months_of_outcome_data_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("strata-risk").FullName;
        var (ws, _) = Simulated(200, dir);
        using (ws)
        {
            var e = Assert.Throws<ArgumentException>(() => RiskStratification.Train(ws.Engine, new RiskTrainOptions(End.AddMonths(-18), End.AddMonths(-6))));
            Assert.Contains("beyond the data end 2024-03-31", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_boosted_challenger_is_validated_on_the_same_test_set_and_is_reproducible()
    {
        var dir = Directory.CreateTempSubdirectory("strata-risk").FullName;
        var (ws, _) = Simulated(3000, dir);
        using (ws)
        {
            var result = RiskStratification.Train(ws.Engine, new RiskTrainOptions(End.AddMonths(-24), End.AddMonths(-12)) { Challenger = true });
            var c = result.Challenger!;
            Assert.Equal("boosted-v1", c.ModelId);
            Assert.Equal(result.Metrics.People, c.Metrics.People);
            Assert.Equal(result.Metrics.Events, c.Metrics.Events);
            Assert.InRange(c.Metrics.Auroc.Value, 0.6, 0.95);
            // Scoring still uses the latest logistic model, not the challenger.
            Assert.Equal("logistic-v1", RiskStratification.Score(ws.Engine, End).ModelId);

            var again = RiskStratification.Train(ws.Engine, new RiskTrainOptions(End.AddMonths(-24), End.AddMonths(-12)) { Challenger = true });
            Assert.Equal("boosted-v2", again.Challenger!.ModelId);
            Assert.Equal(c.Metrics.Auroc.Value, again.Challenger.Metrics.Auroc.Value, 12);
            Assert.Equal(c.Metrics.Brier, again.Challenger.Metrics.Brier, 12);
        }
    }

    [Fact]
    public void Oracle_weights_financial_years_by_their_share_of_the_outcome_window()
    {
        Assert.Equal([(2024, 1.0)], RiskStratification.OutcomeYearWeights(new DateOnly(2024, 3, 31)));
        // Window 2024-10-01..2025-09-30: 182 of FY2024's 365 days, 183 of FY2025's 365.
        var w = RiskStratification.OutcomeYearWeights(new DateOnly(2024, 9, 30));
        Assert.Equal([2024, 2025], w.Select(x => x.Year));
        Assert.Equal(182.0 / 365, w[0].Weight, 12);
        Assert.Equal(183.0 / 365, w[1].Weight, 12);
    }
}

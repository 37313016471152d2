using Strata.Data.Evaluate;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;

namespace Strata.Data.Tests.Evaluate;

/// <summary>
/// One cell (women born 1950, IMD decile 1). 20 treated people start on 1 July 2023, each with 2 emergency admissions
/// in the year before and 1 in the year after. The pool: 30 "high users" like them (2 before, 3 after) and 30 with
/// none. Matching on prior use must pick high users, so the effect is (1 − 2)/12 − (3 − 2)/12 = −1/6 per person-month.
/// </summary>
public sealed class ImpactEvaluationTests : IDisposable
{
    private readonly Workspace _ws = Workspace.InMemory();
    private readonly string _dir = Directory.CreateTempSubdirectory("strata-impact-").FullName;

    public ImpactEvaluationTests()
    {
        _ws.Engine.Execute("INSERT INTO practices VALUES ('P1','One','N1','A','Place A','ICB')");
        using (var people = _ws.Engine.Append("people"))
        {
            foreach (var id in Enumerable.Range(0, 20).Select(i => $"t{i}").Concat(Enumerable.Range(0, 60).Select(i => $"c{i}")))
            {
                people.Row(id, "F", 1950, null, "P1", null, 1, null, null, null);
            }
        }
        using (var a = _ws.Engine.Append("activity"))
        {
            var n = 0;
            void Ea(string person, DateOnly on) => a.Row($"x{n++}", person, "emergency_admission", "RX1", on, on.AddDays(1), null, 1000m, null, null);
            for (var i = 0; i < 20; i++)
            {
                Ea($"t{i}", new DateOnly(2023, 2, 1));
                Ea($"t{i}", new DateOnly(2023, 3, 1));
                Ea($"t{i}", new DateOnly(2023, 9, 1));
            }
            for (var i = 0; i < 30; i++)
            {
                Ea($"c{i}", new DateOnly(2023, 2, 1));
                Ea($"c{i}", new DateOnly(2023, 3, 1));
                Ea($"c{i}", new DateOnly(2023, 9, 1));
                Ea($"c{i}", new DateOnly(2023, 10, 1));
                Ea($"c{i}", new DateOnly(2023, 11, 1));
            }
            // Sets the data end to 30 June 2024, so the 12-month follow-up is complete.
            a.Row("end", "c59", "ae_attendance", "RX1", new DateOnly(2024, 6, 30), null, null, 100m, null, null);
        }
    }

    public void Dispose()
    {
        _ws.Dispose();
        Directory.Delete(_dir, true);
    }

    private string Cohort(string text)
    {
        var path = Path.Combine(_dir, "cohort.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private string TwentyTreated() => Cohort("person_id,start_date\n" + string.Join("\n", Enumerable.Range(0, 20).Select(i => $"t{i},2023-07-01")) + "\n");

    [Fact]
    public void Matches_on_prior_use_and_recovers_the_difference_in_differences()
    {
        var r = ImpactEvaluation.Run(_ws.Engine, TwentyTreated(), new ImpactOptions { BootstrapReplicates = 50 }, DisclosurePolicy.Off);
        Assert.Equal(20, r.MatchedPairs);
        Assert.Equal(0, r.NoCandidates);
        Assert.Equal(0, r.OutsideCaliper);
        var controls = _ws.Engine.Query($"SELECT person_id FROM {ImpactEvaluation.MatchTable} WHERE NOT treated", x => x.GetString(0));
        Assert.All(controls, c => Assert.True(int.Parse(c[1..], System.Globalization.CultureInfo.InvariantCulture) < 30, $"{c} is a high user"));
        var o = r.Outcome!;
        Assert.Equal(2 / 12.0, o.TreatedPre, 12);
        Assert.Equal(1 / 12.0, o.TreatedPost, 12);
        Assert.Equal(3 / 12.0, o.ControlPost, 12);
        Assert.Equal(-1 / 6.0, o.Effect, 12);
        Assert.Equal(20, o.PairsWithFollowUp);
        // The first activity is 1 February 2023, so a 12-month baseline before 1 July 2023 is incomplete: said so.
        Assert.Contains("baseline window is incomplete", Assert.Single(r.Warnings), StringComparison.Ordinal);
        Assert.Equal(-1 / 6.0, o.Bootstrap.Low, 12);
        var prior = r.Balance.Single(b => b.Covariate == "prior_emergency_admissions");
        // Before: treated 2 (sd 0) against a pool of 30 twos and 30 zeros (mean 1, variance 60/59).
        Assert.Equal(1 / Math.Sqrt(30 / 59.0), prior.SmdBefore, 9);
        Assert.Equal(0, prior.SmdAfter, 12);
        Assert.Equal(1, _ws.Engine.Scalar<long>("SELECT count(*) FROM strata_runs WHERE stage = 'evaluate.impact'"));
    }

    [Fact]
    public void Segments_split_the_exact_cells_and_risk_scores_enter_the_features()
    {
        _ws.Engine.Execute("""
            CREATE TABLE segments (person_id VARCHAR, segment VARCHAR);
            INSERT INTO segments SELECT person_id, CASE WHEN person_id LIKE 'c%' AND CAST(substr(person_id, 2) AS INTEGER) >= 30 THEN 'healthy' ELSE 'ltc_single' END FROM people;
            CREATE TABLE risk_scores (person_id VARCHAR, reference_date DATE, model VARCHAR, probability DOUBLE, tier INTEGER);
            INSERT INTO risk_scores VALUES ('t0', DATE '2023-03-31', 'ea12', 0.9, 5), ('t0', DATE '2023-06-30', 'ea12', 0.3, 3), ('t0', DATE '2023-06-30', 'death12', 0.1, 1);
            """);
        var r = ImpactEvaluation.Run(_ws.Engine, TwentyTreated(), new ImpactOptions { BootstrapReplicates = 20 }, DisclosurePolicy.Off);
        // t0 alone has a risk score, which no comparison person shares: it falls outside the caliper.
        Assert.Equal(19, r.MatchedPairs);
        Assert.Equal(1, r.OutsideCaliper);
        Assert.Equal(0, _ws.Engine.Scalar<long>($"SELECT count(*) FROM {ImpactEvaluation.MatchTable} WHERE person_id = 't0'"));
        Assert.Equal(2, _ws.Engine.Scalar<long>($"SELECT count(DISTINCT cell) FROM {ImpactEvaluation.FeatureTable}"));
        Assert.StartsWith("ltc_single|", _ws.Engine.Scalar<string>($"SELECT cell FROM {ImpactEvaluation.FeatureTable} WHERE person_id = 't0'"), StringComparison.Ordinal);
        // Latest reference date, mean over models: (0.3 + 0.1) / 2.
        Assert.Equal(0.2, _ws.Engine.Scalar<double>($"SELECT risk FROM {ImpactEvaluation.FeatureTable} WHERE person_id = 't0'"), 12);
    }

    [Fact]
    public void Unknown_people_in_the_cohort_file_are_named_by_line()
    {
        var e = Assert.Throws<InputException>(() => ImpactEvaluation.Run(_ws.Engine, Cohort("person_id,start_date\nt1,2023-07-01\nzz,2023-07-01\n"), new ImpactOptions(), DisclosurePolicy.Off));
        Assert.Equal(3, e.Line);
        Assert.Equal("person_id", e.Field);
    }

    [Fact]
    public void Disclosure_control_rounds_the_released_counts()
    {
        var r = ImpactEvaluation.Run(_ws.Engine, TwentyTreated(), new ImpactOptions { BootstrapReplicates = 20 }, DisclosurePolicy.Default);
        Assert.Equal(20, r.CohortPeople);
        Assert.Equal(0, r.ExcludedDead);
        Assert.StartsWith("Disclosure control applied", r.Disclosure, StringComparison.Ordinal);
    }
}

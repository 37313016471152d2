using System.Globalization;
using System.Text.Json;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Evaluate;
using Strata.Domain.Foundation;

namespace Strata.Data.Evaluate;

public sealed record ImpactOptions
{
    public int PreMonths { get; init; } = 12;

    public int PostMonths { get; init; } = 12;

    /// <summary>Caliper in standard deviations of the logit propensity score.</summary>
    public double CaliperSd { get; init; } = 0.2;

    /// <summary>Comparison candidates kept per exact-match cell: this many per treated person (at least 200).</summary>
    public int PoolPerTreated { get; init; } = 50;

    public int BootstrapReplicates { get; init; } = 500;

    public ulong Seed { get; init; } = 42;
}

/// <summary>Released results of an impact evaluation (counts through disclosure control; estimates withheld with small cohorts).</summary>
public sealed record ImpactResult(
    string RunId, long? CohortPeople, long? ExcludedDead, long? MatchedPairs, long? NoCandidates, long? OutsideCaliper,
    double Caliper, DateOnly PseudoIndexDate, IReadOnlyList<BalanceRow> Balance, ImpactOutcome? Outcome,
    IReadOnlyList<string> Warnings, string Disclosure);

/// <summary>Emergency admissions per person-month before and after the index date, by group, and the DiD effect.</summary>
public sealed record ImpactOutcome(
    int PairsWithFollowUp, double TreatedPre, double TreatedPost, double ControlPre, double ControlPost,
    double Effect, double StandardError, double CiLow, double CiHigh, BootstrapInterval Bootstrap);

/// <summary>
/// Intervention cohort against a matched comparison group (evaluation spec, "Impact evaluation"). Person-level
/// selection runs in the engine: features at each treated person's start date (comparison candidates at the
/// cohort's median start date), exact-match cells (segment when a segments table exists, age band, sex, IMD
/// quintile), and a seeded sample of at most PoolPerTreated candidates per treated person per cell. The pared-down
/// candidates are matched in C# on a logistic propensity score (cell variables, risk score when a risk_scores table
/// exists, prior emergency admissions and A&amp;E attendances in the 12 months before). Controls take their
/// partner's start date; the outcome is emergency admissions per person-month in the PreMonths before and the
/// PostMonths after (exposure cut at death and at the data end), compared by DiD with HC1 and pair-bootstrap CIs.
/// </summary>
public static class ImpactEvaluation
{
    public const string RuleVersion = "impact.v1";
    public const string CohortTable = "evaluate_impact_cohort";
    public const string FeatureTable = "evaluate_impact_features";
    public const string MatchTable = "evaluate_impact_matches";

    private static readonly string[] BalanceNames = ["age", "female", "imd_quintile", "risk", "prior_emergency_admissions", "prior_ae_attendances"];

    public static ImpactResult Run(IEngine engine, string cohortFile, ImpactOptions options, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(policy);
        var cohort = ReadCohort(engine, cohortFile);
        var d = engine.Dialect;
        var window = KpiSeries.ActivityWindow(engine) ?? throw new InvalidOperationException("The workspace has no activity: import data first.");
        var dataEnd = window.Last;
        var starts = cohort.Select(c => c.Start).Order().ToList();
        var pseudo = starts[(starts.Count - 1) / 2];
        var runId = RunLog.Record(engine, "evaluate.impact", RuleVersion, dataEnd, JsonSerializer.Serialize(new
        {
            cohort = Path.GetFileName(cohortFile), pre_months = options.PreMonths, post_months = options.PostMonths,
            caliper_sd = options.CaliperSd, seed = options.Seed, bootstrap = options.BootstrapReplicates,
        }));

        engine.Execute($"DROP TABLE IF EXISTS {CohortTable}");
        engine.CreateTable(Tables.ImpactCohort);
        using (var a = engine.Append(CohortTable))
        {
            foreach (var c in cohort)
            {
                a.Row(c.PersonId, c.Start);
            }
        }
        BuildFeatures(engine, pseudo);
        var excluded = engine.Scalar<long>($"SELECT count(*) FROM {CohortTable} c WHERE NOT EXISTS (SELECT 1 FROM {FeatureTable} f WHERE f.person_id = c.person_id AND f.treated)");

        var candidates = engine.Query($"""
            WITH cells AS (SELECT cell, count(*) AS t FROM {FeatureTable} WHERE treated GROUP BY cell),
            pool AS (
                SELECT f.*, row_number() OVER (PARTITION BY f.cell ORDER BY md5(f.person_id || {d.Quote(options.Seed.ToString(CultureInfo.InvariantCulture))})) AS rn,
                       c.t
                FROM {FeatureTable} f JOIN cells c ON c.cell = f.cell WHERE NOT f.treated)
            SELECT person_id, treated, cell, age, female, imd_quintile, risk, prior_ea, prior_ae FROM {FeatureTable} WHERE treated
            UNION ALL
            SELECT person_id, treated, cell, age, female, imd_quintile, risk, prior_ea, prior_ae FROM pool
            WHERE rn <= greatest(200, t * {options.PoolPerTreated.ToString(CultureInfo.InvariantCulture)})
            """, r => (Id: r.GetString(0), Treated: r.GetBoolean(1), Cell: r.GetString(2),
                Covariates: new[] { r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6), r.GetDouble(7), r.GetDouble(8) }));

        var people = Propensity(candidates);
        var match = Matching.Match(people, options.CaliperSd, options.Seed);
        var balance = Matching.Balance(BalanceNames, people, match.Pairs);
        var startsById = cohort.ToDictionary(c => c.PersonId, c => c.Start, StringComparer.Ordinal);
        engine.CreateTable(Tables.ImpactMatches);
        using (var a = engine.Append(MatchTable))
        {
            for (var i = 0; i < match.Pairs.Count; i++)
            {
                var p = match.Pairs[i];
                a.Row(runId, RuleVersion, i, p.TreatedId, true, startsById[p.TreatedId], p.Distance);
                a.Row(runId, RuleVersion, i, p.ControlId, false, startsById[p.TreatedId], p.Distance);
            }
        }
        var outcome = match.Pairs.Count >= 2 ? Outcome(engine, runId, dataEnd, options) : null;
        var pairs = match.Pairs.Count;
        var warnings = new List<string>();
        var early = cohort.Count(c => c.Start.AddMonths(-options.PreMonths) < window.First);
        if (early > 0)
        {
            warnings.Add($"{policy.Count(early)?.ToString(CultureInfo.InvariantCulture) ?? "A few"} cohort member(s) start less than {options.PreMonths} months after the first activity date ({window.First:yyyy-MM-dd}): their baseline window is incomplete.");
        }
        if (outcome is not null && outcome.PairsWithFollowUp < pairs)
        {
            warnings.Add($"{policy.Count(pairs - outcome.PairsWithFollowUp)?.ToString(CultureInfo.InvariantCulture) ?? "A few"} matched pair(s) start after the data end ({dataEnd:yyyy-MM-dd}) and have no follow-up: left out of the DiD.");
        }
        // Group means and effects are withheld with the pair count when it is suppressed.
        var released = policy.Count(pairs) is not null;
        return new ImpactResult(runId, policy.Count(cohort.Count), policy.Count(excluded), policy.Count(pairs),
            policy.Count(match.NoCandidates), policy.Count(match.OutsideCaliper), match.Caliper, pseudo,
            released ? balance : [], released ? outcome : null, warnings, policy.Statement);
    }

    private static List<(string PersonId, DateOnly Start, long Line)> ReadCohort(IEngine engine, string path)
    {
        var csv = CsvInput.Read(path, "person_id", "start_date");
        var list = new List<(string, DateOnly, long)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in csv.Rows)
        {
            var id = row.Text("person_id");
            if (id.Length == 0 || !seen.Add(id))
            {
                throw row.Fail("person_id", id.Length == 0 ? "must not be empty" : $"'{id}' appears twice");
            }
            list.Add((id, row.Date("start_date"), row.Line));
        }
        if (list.Count == 0)
        {
            throw new InputException(path, 1, null, "no data rows");
        }
        var known = engine.Query("SELECT person_id FROM people", r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);
        var unknown = list.FirstOrDefault(c => !known.Contains(c.Item1));
        if (unknown.Item1 is not null)
        {
            throw new InputException(path, unknown.Item3, "person_id", $"'{unknown.Item1}' is not in the workspace's people");
        }
        return list;
    }

    private static void BuildFeatures(IEngine engine, DateOnly pseudo)
    {
        var d = engine.Dialect;
        var segment = UnderstandInputs.Segments(engine) is { } seg
            ? ($"LEFT JOIN ({seg}) s ON s.person_id = i.person_id", "COALESCE(s.segment, 'none')")
            : ("", "'none'");
        var risk = UnderstandInputs.Risk(engine) is { } rq
            ? ($"LEFT JOIN ({rq}) rs ON rs.person_id = i.person_id", "COALESCE(rs.risk, 0)")
            : ("", "0");
        var age = AgeBandSql.AgeSql("p.year_of_birth", "i.index_date");
        engine.CreateTableAs(Tables.ImpactFeatures, $"""
            WITH idx AS (
                SELECT person_id, start_date AS index_date, TRUE AS treated FROM {CohortTable}
                UNION ALL
                SELECT p.person_id, {d.Date(pseudo)}, FALSE FROM people p
                WHERE NOT EXISTS (SELECT 1 FROM {CohortTable} c WHERE c.person_id = p.person_id)),
            prior AS (
                SELECT i.person_id,
                       sum(CASE WHEN a.setting = 'emergency_admission' THEN 1 ELSE 0 END) AS prior_ea,
                       sum(CASE WHEN a.setting = 'ae_attendance' THEN 1 ELSE 0 END) AS prior_ae
                FROM idx i JOIN activity a ON a.person_id = i.person_id
                 AND a.start_date < i.index_date AND a.start_date >= {d.AddMonths("i.index_date", "-12")}
                GROUP BY i.person_id)
            SELECT i.person_id, i.treated, i.index_date, CAST({age} AS DOUBLE PRECISION) AS age,
                   CAST(CASE WHEN p.sex = 'F' THEN 1 ELSE 0 END AS DOUBLE PRECISION) AS female,
                   CAST(FLOOR((p.imd_decile + 1) / 2.0) AS DOUBLE PRECISION) AS imd_quintile,
                   CAST({risk.Item2} AS DOUBLE PRECISION) AS risk,
                   CAST(COALESCE(u.prior_ea, 0) AS DOUBLE PRECISION) AS prior_ea, CAST(COALESCE(u.prior_ae, 0) AS DOUBLE PRECISION) AS prior_ae,
                   {segment.Item2} || '|' || {AgeBandSql.SqlCase(age)} || '|' || p.sex || '|' || CAST(CAST(FLOOR((p.imd_decile + 1) / 2.0) AS INTEGER) AS VARCHAR) AS cell,
                   {d.Quote(RuleVersion)} AS rule_version
            FROM idx i JOIN people p ON p.person_id = i.person_id
            LEFT JOIN prior u ON u.person_id = i.person_id
            {segment.Item1}
            {risk.Item1}
            WHERE p.death_date IS NULL OR p.death_date > i.index_date
            """);
    }

    // Logistic propensity on the balance covariates. Cell indicators are left out: matching is within cells anyway,
    // and a hundred-odd cell dummies would make the fit slow and near-separable for little gain in ranking.
    private static List<MatchCandidate> Propensity(IReadOnlyList<(string Id, bool Treated, string Cell, double[] Covariates)> rows)
    {
        var scale = Enumerable.Range(0, BalanceNames.Length).Select(j => Statistics.MeanSd([.. rows.Select(r => r.Covariates[j])])).ToArray();
        // Standardised covariates keep Newton steps well conditioned; constant columns are left out.
        var keep = Enumerable.Range(0, scale.Length).Where(j => scale[j].Sd > 0).ToList();
        double[] Design((string Id, bool Treated, string Cell, double[] Covariates) r) =>
            [1, .. keep.Select(j => (r.Covariates[j] - scale[j].Mean) / scale[j].Sd)];
        var x = rows.Select(Design).ToList();
        var beta = Logistic.Fit(x, [.. rows.Select(r => r.Treated)]);
        return [.. rows.Select((r, i) =>
        {
            var p = Math.Clamp(Logistic.Predict(beta, x[i]), 1e-9, 1 - 1e-9);
            return new MatchCandidate(r.Id, r.Treated, r.Cell, Logistic.Logit(p), r.Covariates);
        })];
    }

    private static ImpactOutcome Outcome(IEngine engine, string runId, DateOnly dataEnd, ImpactOptions o)
    {
        var d = engine.Dialect;
        var pre = o.PreMonths.ToString(CultureInfo.InvariantCulture);
        var post = o.PostMonths.ToString(CultureInfo.InvariantCulture);
        var end = d.AddDays(d.Date(dataEnd), "1");
        // Post exposure ends at the earliest of index + PostMonths, the day after the data end and death.
        var postEnd = $"LEAST({d.AddMonths("m.index_date", post)}, {end}, COALESCE(p.death_date, {end}))";
        var rows = engine.Query($"""
            SELECT m.pair_id, m.treated,
                   CAST(sum(CASE WHEN a.start_date >= {d.AddMonths("m.index_date", "-" + pre)} AND a.start_date < m.index_date THEN 1 ELSE 0 END) AS DOUBLE PRECISION) AS ea_pre,
                   CAST(sum(CASE WHEN a.start_date >= m.index_date AND a.start_date < {postEnd} THEN 1 ELSE 0 END) AS DOUBLE PRECISION) AS ea_post,
                   CASE WHEN {postEnd} >= {d.AddMonths("m.index_date", post)} THEN {post}.0
                        ELSE CAST({postEnd} - m.index_date AS DOUBLE PRECISION) / 30.4375 END AS post_months
            FROM {MatchTable} m JOIN people p ON p.person_id = m.person_id
            LEFT JOIN activity a ON a.person_id = m.person_id AND a.setting = 'emergency_admission'
            WHERE m.run_id = {d.Quote(runId)}
            GROUP BY m.pair_id, m.treated, m.index_date, p.death_date
            ORDER BY m.pair_id, m.treated
            """, r => (Pair: r.GetInt32(0), Treated: r.GetBoolean(1), Pre: r.GetDouble(2),
                Post: r.GetDouble(3), PostMonths: r.GetDouble(4)));
        // A pair counts only when both members have some post exposure (the index date is before the data end).
        var clusters = rows.GroupBy(r => r.Pair).Where(g => g.Count() == 2 && g.All(r => r.PostMonths > 0))
            .Select(g => (IReadOnlyList<PanelRow>)[.. g.SelectMany(r => new[]
            {
                new PanelRow(r.Pre / o.PreMonths, r.Treated, false, []),
                new PanelRow(r.Post / r.PostMonths, r.Treated, true, []),
            })]).ToList();
        if (clusters.Count < 2)
        {
            throw new InvalidOperationException("Fewer than two matched pairs have follow-up after their start date: no effect can be estimated.");
        }
        var all = clusters.SelectMany(c => c).ToList();
        var fit = DifferenceInDifferences.Estimate(all, []);
        var effect = fit[DifferenceInDifferences.EffectTerm];
        double Mean(bool treated, bool isPost) => all.Where(r => r.Treated == treated && r.Post == isPost).Average(r => r.Outcome);
        return new ImpactOutcome(clusters.Count, Mean(true, false), Mean(true, true), Mean(false, false), Mean(false, true),
            effect.Estimate, effect.StandardError, effect.CiLow, effect.CiHigh,
            DifferenceInDifferences.Bootstrap(clusters, [], o.BootstrapReplicates, o.Seed));
    }
}

using Strata.Data.Deliver;
using Strata.Data.Foundation;
using Strata.Data.Foundation.Synthetic;
using Strata.Data.Tests.Foundation.Synthetic;
using Strata.Data.Understand;
using Strata.Data.Understand.Risk;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;
using Xunit.Abstractions;

namespace Strata.Data.Tests.Security;

/// <summary>
/// A synthetic ICB segmented, risk-scored, profiled and allocated: the workspace behind every aggregate route.
/// </summary>
public sealed class AttackWorkspaceFixture : IDisposable
{
    public const long People = 4_000;

    public AttackWorkspaceFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "strata-attack-" + Guid.NewGuid().ToString("N"));
        SyntheticIcbGenerator.Generate(new GeneratorOptions(People, 7, Directory));
        Workspace = Workspace.InMemory();
        foreach (var table in Schema.CoreTables)
        {
            Workspace.Engine.Execute($"INSERT INTO {table.Name} SELECT * FROM {GeneratedIcbFixture.TypedCsv(table, Path.Combine(Directory, table.Name + ".csv"))}");
        }
        var engine = Workspace.Engine;
        At = RiskStratification.DataEnd(engine);
        Segmentation.Run(engine, At);
        var model = RiskStratification.Train(engine, new RiskTrainOptions(At.AddMonths(-24), At.AddMonths(-12)));
        RiskStratification.Score(engine, At, model.ModelId);
        Model = model.ModelId;
        CohortProfiles.Build(engine, Model);
        Areas = engine.Query("SELECT DISTINCT place_code, neighbourhood_code FROM practices ORDER BY 1, 2", r => (r.GetString(0), r.GetString(1)));
    }

    public string Directory { get; }

    public Workspace Workspace { get; }

    public DateOnly At { get; }

    public string Model { get; }

    public IReadOnlyList<(string Place, string Neighbourhood)> Areas { get; }

    public void Dispose()
    {
        Workspace.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <summary>
/// The attack suite (issue 12): an adversary collects every aggregate route's output as each scope (the ICB, each
/// place, each neighbourhood — the predicates the web puts on a user's queries) and differences them: two-way tables
/// against their margins, nested areas (ICB ⊃ place ⊃ neighbourhood), overlapping filters (a table sliced by one
/// value of another dimension), segment and risk-tier summaries, inequalities, allocation populations and per-head
/// money, and the job message's total. Today's policy is kept as the baseline (no perturbation: suppression 1-7 and
/// rounding to 5 cell by cell), which the adversary beats; the cell-key policy must give nothing away.
/// </summary>
public class DifferencingAttackTests(AttackWorkspaceFixture icb, ITestOutputHelper output) : IClassFixture<AttackWorkspaceFixture>
{
    /// <summary>The policy before issue 12: suppression and rounding cell by cell, per head over the true population.</summary>
    private static readonly DisclosurePolicy Baseline = DisclosurePolicy.Default with { MaxPerturbation = 0 };

    private static readonly string[] Dimensions = ["segment", "risk_tier", "age_band", "sex", "imd_quintile"];

    [Fact]
    public void Differencing_every_route_as_every_scope_recovers_no_count_under_the_cell_key_policy()
    {
        var result = Attack(DisclosurePolicy.Default, perHeadOverTruth: false);
        output.WriteLine("cell-key policy: " + result);
        Assert.Empty(result.Inconsistent);
        Assert.True(result.Tried > 1000, $"the attack should try many cells, not {result.Tried}");
        Assert.Empty(result.Recovered);
    }

    [Fact]
    public void The_same_attack_recovers_exact_counts_from_the_old_policy()
    {
        var result = Attack(Baseline, perHeadOverTruth: true);
        output.WriteLine("old policy: " + result);
        Assert.Empty(result.Inconsistent);
        Assert.NotEmpty(result.Recovered);
    }

    [Fact]
    public void A_cell_has_the_same_published_value_on_every_route_and_scope()
    {
        var policy = DisclosurePolicy.Default;
        var engine = icb.Workspace.Engine;
        var (place, hood) = icb.Areas[0];
        // Segment counts within a neighbourhood: from the segment summary, from the profile cube, and from the
        // profile cube sliced as the place user sees it (by neighbourhood and segment).
        var summary = Segmentation.Summarise(engine, new AreaFilter(Neighbourhood: hood)).Where(c => c.People > 0)
            .ToDictionary(c => c.Segment, c => policy.Count(c.PeopleCell));
        var cube = CohortProfiles.Slice(engine, ["segment"], new AreaFilter(Neighbourhood: hood))
            .ToDictionary(c => c.Keys[0], c => c.Protect(policy).People);
        var order = ProfileDimensions.Parse(["neighbourhood_code", "segment"]).ToList();
        var placeView = CohortProfiles.Slice(engine, order, new AreaFilter(Place: place))
            .Where(c => c.Keys[order.IndexOf("neighbourhood_code")] == hood)
            .ToDictionary(c => c.Keys[order.IndexOf("segment")], c => c.Protect(policy).People);
        Assert.NotEmpty(summary);
        Assert.Equal(summary, cube);
        Assert.Equal(summary, placeView);
    }

    private AttackResult Attack(DisclosurePolicy policy, bool perHeadOverTruth)
    {
        var engine = icb.Workspace.Engine;
        var attack = new DifferencingAttack(policy);
        var scopes = new List<(string Name, Within Filter, (string, string)[] Parts)> { ("icb", new Within(AreaFilter.None, null), []) };
        scopes.AddRange(icb.Areas.Select(a => a.Place).Distinct().Select(p => ("place", new Within(new AreaFilter(Place: p), null), new[] { ("place_code", p) })));
        scopes.AddRange(icb.Areas.Select(a => ("neighbourhood", new Within(new AreaFilter(Neighbourhood: a.Neighbourhood), null),
            new[] { ("place_code", a.Place), ("neighbourhood_code", a.Neighbourhood) })));
        foreach (var (scope, filter, parts) in scopes)
        {
            var scopeCell = DifferencingAttack.Cell(parts);
            // Profile tables: the total, one-way and two-way tables, and one-way tables sliced by each value of
            // another dimension (the web's slices) — all within the scope.
            Profile(attack, policy, $"profile:{scope}", filter, parts, []);
            foreach (var d in Dimensions.Append(scope == "icb" ? "place_code" : scope == "place" ? "neighbourhood_code" : "sex"))
            {
                Profile(attack, policy, $"profile:{scope}", filter, parts, [d]);
                foreach (var e in Dimensions.Where(e => string.CompareOrdinal(e, d) > 0))
                {
                    Profile(attack, policy, $"profile:{scope}", filter, parts, [d, e]);
                    foreach (var value in CohortProfiles.Slice(engine, [e], filter.Area, null, filter.Slices).Select(c => c.Keys[0]))
                    {
                        var sliced = filter with { Slices = new Dictionary<string, string>(filter.Slices ?? new Dictionary<string, string>()) { [e] = value } };
                        Profile(attack, policy, $"profile-sliced:{scope}", sliced, [.. parts, (e, value)], [d]);
                    }
                }
            }
            // Segment summary (pages, API, CLI, HTML report) with its margin, and risk tiers.
            var segments = Segmentation.Summarise(engine, filter.Area);
            foreach (var s in segments)
            {
                attack.Published($"segments:{scope}", DifferencingAttack.Cell([.. parts, ("segment", s.Segment)]), policy.Count(s.PeopleCell), s.People);
            }
            var segmentTotal = KeyedCount.Sum(segments.Select(s => s.PeopleCell));
            attack.Published($"segments-total:{scope}", scopeCell, policy.Count(segmentTotal), segmentTotal.Value);
            var tiers = RiskStratification.Tiers(engine, icb.Model, icb.At, filter.Area).Tiers;
            foreach (var t in tiers)
            {
                attack.Published($"risk-tiers:{scope}", DifferencingAttack.Cell([.. parts, ("risk_tier", t.Tier)]), policy.Count(t.PeopleCell), t.People);
            }
            attack.Sum(scopeCell, [.. segments.Select(s => DifferencingAttack.Cell([.. parts, ("segment", s.Segment)]))]);
            attack.Sum(scopeCell, [.. tiers.Select(t => DifferencingAttack.Cell([.. parts, ("risk_tier", t.Tier)]))]);
            // Inequalities: populations by quintile and spend per head over them; spend ÷ per head gives a count.
            var byQuintile = CohortProfiles.Slice(engine, ["imd_quintile"], filter.Area, null, filter.Slices);
            var measures = ProfileInequalities.Compute(byQuintile, CohortProfiles.Slice(engine, ["imd_quintile", "setting"], filter.Area, null, filter.Slices), policy,
                [ProfileInequalities.SpendPerHead]);
            foreach (var q in measures.Single().Quintiles)
            {
                var cell = byQuintile.Single(c => c.Keys[0] == q.Quintile.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var name = DifferencingAttack.Cell([.. parts, ("imd_quintile", cell.Keys[0])]);
                attack.Published($"inequalities:{scope}", name, q.People, cell.People);
                if (q.Value is { } perHead && perHead > 0)
                {
                    LearnFromPerHead(attack, $"inequalities:{scope}", name, cell.CostGbp / perHead, q.People, cell.People);
                }
            }
        }
        // The segmentation job's message and the CLI's "Segmented N people".
        var run = Segmentation.Summarise(engine);
        var all = KeyedCount.Sum(run.Select(s => s.PeopleCell));
        attack.Published("job-message", "", policy.Count(all), all.Value);
        Allocation(attack, policy, perHeadOverTruth);
        return attack.Run();
    }

    /// <summary>What a request covers: an area and the profile slices (dimension = value) within it.</summary>
    private sealed record Within(AreaFilter Area, IReadOnlyDictionary<string, string>? Slices);

    private void Profile(DifferencingAttack attack, DisclosurePolicy policy, string route, Within filter, (string, string)[] parts, string[] requested)
    {
        // A slice's keys come in the cube's dimension order, whatever order they were asked for in.
        var by = ProfileDimensions.Parse(requested);
        var cells = CohortProfiles.Slice(icb.Workspace.Engine, by, filter.Area, null, filter.Slices);
        var names = new List<string>();
        foreach (var c in cells.Where(c => c.People > 0))
        {
            var name = DifferencingAttack.Cell([.. parts, .. by.Select((d, i) => (d, c.Keys[i]))]);
            names.Add(name);
            attack.Published(route, name, c.Protect(policy).People, c.People);
        }
        attack.Sum(DifferencingAttack.Cell(parts), names);
        // A two-way table also gives each row and column margin as the sum of its cells.
        if (by.Count == 2)
        {
            foreach (var i in new[] { 0, 1 })
            {
                foreach (var group in cells.Where(c => c.People > 0).GroupBy(c => c.Keys[i]))
                {
                    attack.Sum(DifferencingAttack.Cell([.. parts, (by[i], group.Key)]),
                        [.. group.Select(c => DifferencingAttack.Cell([.. parts, .. by.Select((d, j) => (d, c.Keys[j]))]))]);
                }
            }
        }
    }

    /// <summary>Allocation at both levels: published populations, and money ÷ money per head.</summary>
    private void Allocation(DifferencingAttack attack, DisclosurePolicy policy, bool perHeadOverTruth)
    {
        var engine = icb.Workspace.Engine;
        var report = AllocationRun.Run(engine, new AllocationRequest(icb.At, 1_000_000_000, null, AllocationCalculator.DefaultInequalitiesShare,
            new ImdWeights(), 30, 0, new ConvergencePolicy(), 0), policy);
        foreach (var level in NeedData.Levels)
        {
            var truth = NeedData.Read(engine, icb.At, level, new ImdWeights()).Areas.ToDictionary(a => a.Area, a => a.Population);
            var cells = new List<string>();
            foreach (var a in report.Levels.Single(l => l.Level == level).Areas)
            {
                var name = "alloc:" + a.Area;
                cells.Add(name);
                attack.Published("allocation", name, a.Population, truth[a.Area]);
                // The old release divided by the true population; the adversary divides it back out.
                var perHead = perHeadOverTruth && a.TargetAmount is { } t && truth[a.Area] > 0 ? t / truth[a.Area] : a.AllocationPerHead;
                if (a.TargetAmount is { } amount && perHead is { } ph && ph > 0)
                {
                    LearnFromPerHead(attack, "allocation", name, amount / ph, a.Population, truth[a.Area]);
                }
                // Weighted populations over their per-head indices are head counts too.
                if (a.AgeSexWeighted is { } w && a.AgeSexIndex is { } i && i > 0)
                {
                    LearnFromPerHead(attack, "allocation (weighted ÷ index)", name, w / i, a.Population, truth[a.Area]);
                }
                if (a.NeedWeighted is { } nw && a.AgeSexIndex is { } i2 && a.MorbidityFactor is { } mf && i2 * mf > 0)
                {
                    LearnFromPerHead(attack, "allocation (weighted ÷ index)", name, nw / (i2 * mf), a.Population, truth[a.Area]);
                }
            }
            attack.Sum("alloc:icb", cells);
        }
        // The cost model's cells (ICB-wide): age band × sex, and age band × sex × LTC band with the former as margins.
        var need = NeedData.Read(engine, icb.At, "place", new ImdWeights());
        static string CostCell(string age, string sex, int? ltc) =>
            "need:" + DifferencingAttack.Cell([("age_band", age), ("sex", sex), ("ltc_band", ltc?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "")]);
        foreach (var c in report.AgeSexCells.Concat(report.MorbidityCells))
        {
            var truth = need.AgeSexCells.Concat(need.MorbidityCells).Single(t => (t.AgeBand, t.Sex, t.LtcBand) == (c.AgeBand, c.Sex, c.LtcBand));
            attack.Published("allocation cost cells", CostCell(c.AgeBand, c.Sex, c.LtcBand), c.People, truth.People);
        }
        foreach (var g in report.MorbidityCells.GroupBy(c => (c.AgeBand, c.Sex)))
        {
            attack.Sum(CostCell(g.Key.AgeBand, g.Key.Sex, null), [.. g.Select(c => CostCell(c.AgeBand, c.Sex, c.LtcBand))]);
        }
    }

    /// <summary>Money ÷ money per head is a head count: news to the adversary unless it is the published count.</summary>
    private static void LearnFromPerHead(DifferencingAttack attack, string route, string cell, double heads, long? published, long truth)
    {
        var n = Math.Round(heads);
        if (Math.Abs(heads - n) < 1e-6 && (long)n != published)
        {
            attack.Learned(route + " (÷ per head)", cell, (long)n, truth);
        }
    }
}

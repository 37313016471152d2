using System.Diagnostics;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Bench;

/// <summary>
/// Plan Monte Carlo on a 3M-person ICB's cells, synthesised in code: 11 segments × 5 risk tiers × 18 age bands × 2 sexes
/// × 5 IMD quintiles × 8 places × 13 settings, with 20 interventions of all three effect kinds.
/// </summary>
public static class PlanBenchmark
{
    private static readonly string[] Segments =
    [
        "healthy", "maternal_infant", "acutely_ill", "ltc_single", "ltc_multiple", "ltc_complex", "disability",
        "incurable_cancer", "organ_failure", "frailty_dementia", "end_of_life",
    ];

    private static readonly string[] Tiers = ["very_high", "high", "moderate", "low", "unscored"];

    // Share of people per tier and the tier's activity multiplier relative to the average.
    private static readonly double[] TierShare = [0.005, 0.045, 0.15, 0.75, 0.05];
    private static readonly double[] TierIntensity = [12, 4, 1.8, 0.6, 0.3];

    // Annual uses per person by setting (order of Vocabulary.Settings) and unit cost.
    private static readonly double[] Rate = [5.5, 0.4, 0.11, 0.03, 0.12, 0.3, 0.7, 1.5, 0.6, 0.012, 0.05, 0.09, 18];
    private static readonly double[] UnitCost = [42, 180, 3400, 4200, 900, 250, 130, 65, 190, 3000, 600, 420, 11];

    public static void Run(int runs, int years, int interventions, int? threads, bool noise = true)
    {
        var sw = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        double Cpu()
        {
            var now = Process.GetCurrentProcess().TotalProcessorTime;
            var used = (now - cpu).TotalSeconds;
            cpu = now;
            return used;
        }
        var baseline = Cells(new Rng(20_240_601));
        var ivs = Interventions(new Rng(7), interventions);
        Console.WriteLine($"cells: {baseline.Activity.Count:N0} activity, {baseline.Population.Count:N0} population, people {baseline.Population.Sum(p => p.People):N0}; synthesised in {sw.Elapsed.TotalSeconds:0.00} s (cpu {Cpu():0.00} s)");
        sw.Restart();
        var model = ScenarioModel.Build(baseline, GrowthAssumptions.Default(), ivs, years);
        var expected = model.ClassSizes(1);
        Console.WriteLine($"class expected activity in year 1: ≤30 {expected.Count(e => e <= 30)}, 30–500 {expected.Count(e => e is > 30 and <= 500)}, >500 {expected.Count(e => e > 500)}");
        Console.WriteLine($"model: {model.ClassCount:N0} classes, {model.Outlets.Count} provider outlets; built in {sw.Elapsed.TotalSeconds:0.00} s (cpu {Cpu():0.00} s)");
        sw.Restart();
        var run = MonteCarlo.Run(model, FinanceAssumptions.Default, new ScenarioOptions(runs, 42, noise, threads));
        var mc = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"monte carlo: {runs:N0} runs × {years} years × {interventions} interventions in {mc:0.00} s ({mc / runs * 1000:0.0} ms/run; cpu {Cpu():0.00} s)");
        sw.Restart();
        var report = ScenarioReport.Build(run, DisclosurePolicy.Default);
        var portfolio = report.Financials.Single(f => f.Id == ScenarioReport.Portfolio);
        var ea = report.Horizon.Single(h => h.Setting == "emergency_admission").Avoided;
        Console.WriteLine($"summary built in {sw.Elapsed.TotalSeconds:0.00} s (cpu {Cpu():0.00} s); portfolio NPV P50 £{portfolio.Npv.P50 / 1e6:0.0}m; emergency admissions avoided P10/P50/P90 {ea.P10:N0}/{ea.P50:N0}/{ea.P90:N0}");
    }

    private static PlanBaseline Cells(Rng rng)
    {
        var population = new List<PopulationCell>();
        var activity = new List<ActivityCell>();
        var providers = new List<ProviderShare>();
        var places = Enumerable.Range(1, 8).Select(i => $"P{i:0}").ToArray();
        var settings = Vocabulary.Settings;
        // 3M people over 8 places × 36 age-sex bands × 5 quintiles, then split by segment (age-dependent) and tier.
        const double people = 3_000_000;
        foreach (var place in places)
        {
            for (var s = 0; s < settings.Count; s++)
            {
                var n = 1 + rng.NextInt(3);
                var shares = Enumerable.Range(0, n).Select(_ => 0.2 + rng.NextDouble()).ToArray();
                for (var j = 0; j < n; j++)
                {
                    providers.Add(new ProviderShare(place, settings[s], $"{settings[s][..3].ToUpperInvariant()}{(place[1] - '0' + j) % 4}", shares[j] / shares.Sum(), UnitCost[s] * (0.85 + rng.NextDouble() * 0.3)));
                }
            }
        }
        for (var a = 0; a < AgeBands.All.Count; a++)
        {
            var band = AgeBands.All[a];
            var ageWeight = a < 13 ? 1.0 : a < 16 ? 0.7 : 0.35;
            var ageUse = a < 3 ? 1.2 : a < 12 ? 0.7 : a < 14 ? 1.3 : a < 16 ? 2.2 : 3.5;
            foreach (var sex in new[] { "F", "M" })
            {
                for (var q = 1; q <= 5; q++)
                {
                    var deprivation = 1.3 - 0.12 * q;
                    foreach (var place in places)
                    {
                        var cohortPeople = people / (places.Length * 5) * ageWeight / 14.45 / 2;
                        for (var g = 0; g < Segments.Length; g++)
                        {
                            var segShare = g == 0 ? 0.55 : 0.045;
                            for (var t = 0; t < Tiers.Length; t++)
                            {
                                var key = new CohortKey(Segments[g], Tiers[t], band, sex, q, place);
                                var n = cohortPeople * segShare * TierShare[t] * (0.8 + 0.4 * rng.NextDouble());
                                population.Add(new PopulationCell(key, Math.Round(n)));
                                for (var s = 0; s < settings.Count; s++)
                                {
                                    var count = Math.Round(n * Rate[s] * ageUse * deprivation * TierIntensity[t] * (g == 0 ? 0.6 : 1.6));
                                    if (count <= 0)
                                    {
                                        continue;
                                    }
                                    var beds = Vocabulary.AdmittedSettings.Contains(settings[s]) ? count * (settings[s] == "emergency_admission" ? 2 + a * 0.4 : 1.5) : 0;
                                    activity.Add(new ActivityCell(key, settings[s], count, beds, count * UnitCost[s]));
                                }
                            }
                        }
                    }
                }
            }
        }
        return new PlanBaseline(new DateOnly(2025, 3, 31), population, activity, providers);
    }

    private static List<Intervention> Interventions(Rng rng, int count)
    {
        string[] acute = ["emergency_admission", "ae_attendance", "outpatient_followup", "ambulance_conveyance", "elective_admission"];
        var list = new List<Intervention>();
        for (var i = 0; i < count; i++)
        {
            var kind = i % 5 == 3 ? EffectKind.Shift : i % 5 == 4 ? EffectKind.ReduceLengthOfStay : EffectKind.Avoid;
            var segs = Enumerable.Range(0, 1 + rng.NextInt(3)).Select(_ => Segments[1 + rng.NextInt(Segments.Length - 1)]).Distinct().ToList();
            var tiers = rng.Bernoulli(0.5) ? Tiers.Take(1 + rng.NextInt(3)).ToList() : [];
            var minAge = rng.Bernoulli(0.5) ? 13 + rng.NextInt(4) : 0;
            var places = rng.Bernoulli(0.25) ? new List<string> { $"P{1 + rng.NextInt(8)}" } : [];
            List<string> settings = kind == EffectKind.ReduceLengthOfStay ? ["emergency_admission"] : [.. acute.Take(1 + rng.NextInt(3))];
            var lo = 0.03 + rng.NextDouble() * 0.1;
            var effect = kind == EffectKind.Shift
                ? new InterventionEffect(kind, new Interval80(lo, lo * 2), "community_contact", 95)
                : new InterventionEffect(kind, new Interval80(lo, lo * 2));
            list.Add(new Intervention($"iv{i:00}", $"Intervention {i}", "1", new CohortFilter(segs, tiers, [.. AgeBands.All.Skip(minAge)], places, []),
                settings, effect, [0.3, 0.7, 1.0], 150_000 + rng.NextDouble() * 500_000, 20 + rng.NextDouble() * 80, 1 + rng.NextInt(3),
                new Interval80(0.3, 0.6)));
        }
        return list;
    }
}

using Strata.Domain.Foundation;

namespace Strata.Domain.Plan;

/// <summary>Monte Carlo settings. Runs counts the stochastic runs; run 0 (the principal run) always comes in addition.</summary>
public sealed record ScenarioOptions(int Runs = 1000, ulong Seed = 1, bool Noise = true, int? Threads = null);

/// <summary>
/// Activity, bed days and cost, baseline (before any intervention, the same draws) and scenario, in cells laid out
/// by the owner: a run's outlets [y × outlets + o] (<see cref="RunOutcome"/>), or the principal run's place × outlet
/// cells [(y × places + place) × outlets + o] (<see cref="RunOutcome.ByPlace"/>).
/// </summary>
public class OutletOutturn
{
    internal OutletOutturn(int cells)
    {
        Activity = new double[cells];
        BedDays = new double[cells];
        Cost = new double[cells];
        BaselineActivity = new double[cells];
        BaselineBedDays = new double[cells];
        BaselineCost = new double[cells];
    }

    public double[] Activity { get; }

    public double[] BedDays { get; }

    public double[] Cost { get; }

    /// <summary>The same run's draws before any intervention (common random numbers), so differences are the interventions'.</summary>
    public double[] BaselineActivity { get; }

    public double[] BaselineBedDays { get; }

    public double[] BaselineCost { get; }

    /// <summary>Outturn by place × outlet for each year 0..years.</summary>
    internal static OutletOutturn ByPlaceCells(int years, int places, int outlets) => new((years + 1) * places * outlets);
}

/// <summary>
/// One run's outturn, aggregated on the fly (no cell is kept). Indexes: outlet arrays [y × outlets + o];
/// steps [(y × K + k) × settings + s] and [y × K + k]; flows per intervention, the portfolio last.
/// </summary>
public sealed class RunOutcome : OutletOutturn
{
    internal RunOutcome(int years, int outlets, int interventions, int settings)
        : base((years + 1) * outlets)
    {
        StepActivity = new double[(years + 1) * interventions * settings];
        StepBedDays = new double[(years + 1) * interventions];
        StepCost = new double[(years + 1) * interventions];
        Flows = [.. Enumerable.Range(0, interventions + 1).Select(_ => new CashFlows(years))];
        Effect = new double[interventions];
        Reach = new double[interventions];
    }

    /// <summary>Change in activity by setting attributed to each intervention, applied in fixed order.</summary>
    public double[] StepActivity { get; }

    public double[] StepBedDays { get; }

    public double[] StepCost { get; }

    /// <summary>Cash flows per intervention, then the portfolio (whose step releases use the pooled avoided capacity).</summary>
    public CashFlows[] Flows { get; }

    /// <summary>The run's drawn effect size and reach per intervention.</summary>
    public double[] Effect { get; }

    public double[] Reach { get; }

    /// <summary>
    /// The principal run only: outturn by place as well, [(y × places + place) × outlets + o] (null in other runs), so
    /// a plan can be read per place and provider from the same run.
    /// </summary>
    public OutletOutturn? ByPlace { get; internal set; }

    /// <summary>The population variant drawn (index into the model's variants; −1 = the principal, weighted profile).</summary>
    public int Variant { get; internal set; } = -1;

    /// <summary>The segment-mix draw used (index into the model's mix draws; −1 = the principal mix).</summary>
    public int MixDraw { get; internal set; } = -1;

    /// <summary>The health-status adjustment's θ drawn (healthy years gained per calendar year; the principal's mean in run 0).</summary>
    public double HealthYearsPerYear { get; internal set; }
}

/// <summary>The raw result of a Monte Carlo scenario: the model, every run's outcome and the principal standalone runs.</summary>
public sealed class ScenarioRun(ScenarioModel model, FinanceAssumptions finance, ScenarioOptions options, RunOutcome[] runs, RunOutcome[] standalone)
{
    public ScenarioModel Model { get; } = model;

    public FinanceAssumptions Finance { get; } = finance;

    public ScenarioOptions Options { get; } = options;

    /// <summary>Run 0 is the principal run (means, no noise); runs 1..N are the stochastic runs.</summary>
    public IReadOnlyList<RunOutcome> Runs { get; } = runs;

    /// <summary>Principal run of each intervention alone (for the waterfall's standalone bars and interaction term).</summary>
    public IReadOnlyList<RunOutcome> Standalone { get; } = standalone;

    /// <summary>The runs summaries are taken over: the stochastic runs, or the principal run when there are none.</summary>
    public IEnumerable<RunOutcome> SummaryRuns => Runs.Count > 1 ? Runs.Skip(1) : Runs;

    public ScenarioOutturn Outturn => new(this);
}

/// <summary>
/// Per-run, per-year, per-provider, per-setting outturn of a scenario (activity and cost, baseline and scenario),
/// the public contract for simulating contracts and payment mechanisms against a scenario.
/// </summary>
public sealed class ScenarioOutturn(ScenarioRun run)
{
    public IReadOnlyList<Outlet> Outlets => run.Model.Outlets;

    public int Years => run.Model.Years;

    /// <summary>Runs including the principal run 0.</summary>
    public int Runs => run.Runs.Count;

    public double Activity(int runIndex, int year, int outlet) => run.Runs[runIndex].Activity[year * Outlets.Count + outlet];

    public double Cost(int runIndex, int year, int outlet) => run.Runs[runIndex].Cost[year * Outlets.Count + outlet];

    public double BedDays(int runIndex, int year, int outlet) => run.Runs[runIndex].BedDays[year * Outlets.Count + outlet];

    public double BaselineActivity(int runIndex, int year, int outlet) => run.Runs[runIndex].BaselineActivity[year * Outlets.Count + outlet];

    public double BaselineCost(int runIndex, int year, int outlet) => run.Runs[runIndex].BaselineCost[year * Outlets.Count + outlet];
}

/// <summary>
/// Cell-level Monte Carlo (planning spec): each run draws every uncertain parameter once, applies Poisson noise to
/// each class's expected activity per year and binomial thinning for avoidance and shift, interventions in fixed order.
/// Runs are independent streams written to their own slot, so results do not depend on threads.
/// <para>
/// Common random numbers: within a run every source of noise has its own named stream (<see cref="Rng.Fork(ulong, string, ulong)"/>),
/// so scenarios compared at one seed share their draws wherever they share a source. Each intervention's effect and
/// reach come from a stream named by its id; the population variant and health adjustment from one stream; baseline
/// Poisson noise from one stream per setting × place, drawn on the setting × place total and shared by its classes
/// in proportion to their expected activity; thinning from its own stream. Adding, removing or editing an intervention
/// therefore leaves the baseline — and every other intervention's parameters — exactly as they were, so a comparison
/// shows the interventions' differences and no simulation noise. (Baseline outputs are by outlet, and an outlet's mix
/// is the same for every class of a setting × place, so the total's Poisson draw gives them their full distribution.)
/// </para>
/// </summary>
public static class MonteCarlo
{
    public static ScenarioRun Run(ScenarioModel model, FinanceAssumptions finance, ScenarioOptions options, Action<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(finance);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Runs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Runs, "Runs cannot be negative.");
        }
        var runs = new RunOutcome[options.Runs + 1];
        var done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads ?? -1 };
        Parallel.For(0, runs.Length, parallel, r =>
        {
            runs[r] = Simulate(model, finance, r, options, -1);
            var n = Interlocked.Increment(ref done);
            if (progress is not null && n % 50 == 0)
            {
                progress(n / (double)runs.Length);
            }
        });
        var standalone = Enumerable.Range(0, model.Interventions.Count).Select(k => Simulate(model, finance, 0, options, k)).ToArray();
        return new ScenarioRun(model, finance, options, runs, standalone);
    }

    /// <summary>One run. Run 0 is principal (means, expectations); <paramref name="only"/> ≥ 0 switches off every other intervention.</summary>
    internal static RunOutcome Simulate(ScenarioModel model, FinanceAssumptions finance, int run, ScenarioOptions options, int only)
    {
        var years = model.Years;
        var ivs = model.Interventions;
        var k = ivs.Count;
        var s = model.Settings.Count;
        var o = model.Outlets.Count;
        var result = new RunOutcome(years, o, k, s);
        var index = (ulong)run;
        var stochastic = run > 0 && options.Noise;

        // Each intervention's parameters from its own stream, so other interventions never shift them.
        var p = new double[k * (years + 1)];
        for (var i = 0; i < k; i++)
        {
            var iv = ivs[i];
            var own = run == 0 ? null : Rng.Fork(options.Seed, "intervention|" + iv.Id, index);
            result.Effect[i] = own is null ? iv.Effect.Size.Principal(0, 1) : iv.Effect.Size.Draw(own, 0, 1);
            result.Reach[i] = own is null ? iv.Reach.Principal(0, 1) : iv.Reach.Draw(own, 0, 1);
            if (only >= 0 && only != i)
            {
                continue;
            }
            for (var y = 1; y <= years; y++)
            {
                p[i * (years + 1) + y] = result.Effect[i] * result.Reach[i] * iv.Ramp(y);
            }
        }
        // Population draws (only when uncertain) from their own stream.
        var variant = -1;
        var theta = 0.0;
        if (model.Population is { } population && run > 0)
        {
            var pop = Rng.Fork(options.Seed, "population", index);
            variant = population.Variants.Count > 0 ? population.Pick(pop.NextDouble()) : 0;
            theta = population.Health?.YearsPerYear.Draw(pop, 0, 1) ?? 0;
            result.Variant = variant;
            result.HealthYearsPerYear = theta;
        }
        // The segment mix's draw is chosen by run, not by the stream, so no other draw moves (run r uses draw (r − 1) mod D).
        var mixDraw = run > 0 && model.MixDraws.Length > 0 ? (run - 1) % model.MixDraws.Length : -1;
        result.MixDraw = mixDraw;
        var kinds = ivs.Select(iv => iv.Effect.Kind).ToArray();
        var receivingSetting = ivs.Select(iv => iv.Effect.Kind == EffectKind.Shift ? model.SettingIndex(iv.Effect.ReceivingSetting!) : -1).ToArray();
        var admitted = model.Settings.Select(FinanceAssumptions.StepsInBedDays).ToArray();
        var places = model.Places.Count;
        var byPlace = run == 0 && only < 0 ? OutletOutturn.ByPlaceCells(years, places, o) : null;
        result.ByPlace = byPlace;
        var avoidedCost = new double[(years + 1) * k * s];
        var avoidedUnits = new double[(years + 1) * k * s];
        var noise = stochastic ? BaselineNoise(model, options.Seed, index, variant, theta) : null;
        var rng = Rng.Fork(options.Seed, "thinning", index);

        for (var ci = 0; ci < model.Classes.Length; ci++)
        {
            var c = model.Classes[ci];
            var mix = c.Mix;
            for (var y = 0; y <= years; y++)
            {
                var expected = Expected(c, y, variant, theta);
                if (mixDraw >= 0)
                {
                    expected *= model.MixRatio(c, mixDraw, y);
                }
                var n = noise is not null && y > 0 ? expected * noise[model.GroupOf[ci] * (years + 1) + y] : expected;
                var bedPer = c.BedPer[y];
                var costPer = c.CostPer[y];
                Spread(result.BaselineActivity, result.BaselineBedDays, result.BaselineCost, y * o, mix, n, n * bedPer, n * costPer);
                var placeAt = (y * places + c.Place) * o;
                if (byPlace is not null)
                {
                    Spread(byPlace.BaselineActivity, byPlace.BaselineBedDays, byPlace.BaselineCost, placeAt, mix, n, n * bedPer, n * costPer);
                }
                var remaining = n;
                var bps = bedPer;
                var unitCost = costPer;
                foreach (var i in c.Interventions)
                {
                    var pi = p[i * (years + 1) + y];
                    if (pi <= 0 || remaining <= 0)
                    {
                        continue;
                    }
                    var yk = y * k + i;
                    var fin = yk * s + c.Setting;
                    if (kinds[i] == EffectKind.ReduceLengthOfStay)
                    {
                        // A spell's cost is taken as proportional to its length of stay for the bed days saved.
                        var saved = remaining * bps * pi;
                        var newBps = bps * (1 - pi);
                        var newUnitCost = bedPer > 0 ? costPer * newBps / bedPer : unitCost;
                        var dc = remaining * (unitCost - newUnitCost);
                        result.StepBedDays[yk] -= saved;
                        result.StepCost[yk] -= dc;
                        avoidedCost[fin] += dc;
                        avoidedUnits[fin] += saved;
                        bps = newBps;
                        unitCost = newUnitCost;
                        continue;
                    }
                    var a = stochastic ? Thin(rng, remaining, pi) : remaining * pi;
                    remaining -= a;
                    result.StepActivity[yk * s + c.Setting] -= a;
                    result.StepBedDays[yk] -= a * bps;
                    result.StepCost[yk] -= a * unitCost;
                    avoidedCost[fin] += a * unitCost;
                    avoidedUnits[fin] += admitted[c.Setting] ? a * bps : a;
                    if (kinds[i] == EffectKind.Shift)
                    {
                        var rc = a * ivs[i].Effect.ReceivingUnitCost;
                        result.StepActivity[yk * s + receivingSetting[i]] += a;
                        result.StepCost[yk] += rc;
                        result.Flows[i].ReceivingCost[y] += rc;
                        Spread(result.Activity, null, result.Cost, y * o, model.Receiving[i][c.Place], a, 0, rc);
                        if (byPlace is not null)
                        {
                            Spread(byPlace.Activity, null, byPlace.Cost, placeAt, model.Receiving[i][c.Place], a, 0, rc);
                        }
                    }
                }
                Spread(result.Activity, result.BedDays, result.Cost, y * o, mix, remaining, remaining * bps, remaining * unitCost);
                if (byPlace is not null)
                {
                    Spread(byPlace.Activity, byPlace.BedDays, byPlace.Cost, placeAt, mix, remaining, remaining * bps, remaining * unitCost);
                }
            }
        }
        AddCashFlows(model, finance, result, avoidedCost, avoidedUnits, only);
        return result;
    }

    private static double Expected(ModelClass c, int y, int variant, double theta) =>
        variant < 0 ? c.Expected[y] : Math.Max(0, c.VariantExpected[variant][y] - theta * c.VariantHealth[variant][y]);

    /// <summary>
    /// Per setting × place group and year, the run's realised baseline over its expected: a Poisson draw on the
    /// group's expected total from the group's own stream (named by setting and place, so independent of how
    /// interventions split the group into classes), divided by that total. 1 where nothing is expected.
    /// </summary>
    private static double[] BaselineNoise(ScenarioModel model, ulong seed, ulong run, int variant, double theta)
    {
        var years = model.Years;
        var expected = new double[model.Groups.Count * (years + 1)];
        for (var ci = 0; ci < model.Classes.Length; ci++)
        {
            var at = model.GroupOf[ci] * (years + 1);
            for (var y = 1; y <= years; y++)
            {
                expected[at + y] += Expected(model.Classes[ci], y, variant, theta);
            }
        }
        var ratio = new double[expected.Length];
        for (var g = 0; g < model.Groups.Count; g++)
        {
            var (setting, place) = model.Groups[g];
            var rng = Rng.Fork(seed, "baseline|" + setting + "|" + place, run);
            var at = g * (years + 1);
            ratio[at] = 1;
            for (var y = 1; y <= years; y++)
            {
                var e = expected[at + y];
                var drawn = rng.Poisson(e);
                ratio[at + y] = e > 0 ? drawn / e : 1;
            }
        }
        return ratio;
    }

    /// <summary>Binomial thinning of a (possibly fractional) count: whole units by a binomial draw, the fraction by its mean.</summary>
    private static double Thin(Rng rng, double count, double p)
    {
        var whole = Math.Floor(count);
        return rng.Binomial((long)whole, p) + (count - whole) * p;
    }

    private static void Spread(double[] activity, double[]? bedDays, double[] cost, int offset, OutletMix mix, double n, double beds, double money)
    {
        for (var j = 0; j < mix.Outlets.Length; j++)
        {
            var at = offset + mix.Outlets[j];
            activity[at] += n * mix.ActivityShare[j];
            if (bedDays is not null)
            {
                bedDays[at] += beds * mix.ActivityShare[j];
            }
            cost[at] += money * mix.CostShare[j];
        }
    }

    private static void AddCashFlows(ScenarioModel model, FinanceAssumptions finance, RunOutcome result, double[] avoidedCost, double[] avoidedUnits, int only)
    {
        var years = model.Years;
        var k = model.Interventions.Count;
        var s = model.Settings.Count;
        var share = model.Settings.Select(finance.VariableShareOf).ToArray();
        var step = model.Settings.Select(finance.StepOf).ToArray();
        var portfolio = result.Flows[k];
        var pooledCost = new double[s];
        var pooledUnits = new double[s];
        for (var y = 1; y <= years; y++)
        {
            Array.Clear(pooledCost);
            Array.Clear(pooledUnits);
            for (var i = 0; i < k; i++)
            {
                var iv = model.Interventions[i];
                var f = result.Flows[i];
                if (y >= iv.StartYear && (only < 0 || only == i))
                {
                    f.InterventionCost[y] = iv.FixedCostPerYear + iv.CostPerPersonReached * model.CohortPeople[i][y] * result.Reach[i] * iv.Ramp(y);
                }
                for (var j = 0; j < s; j++)
                {
                    var at = (y * k + i) * s + j;
                    f.Gross[y] += avoidedCost[at];
                    f.Released[y] += FinancialTransition.Released(avoidedCost[at], avoidedUnits[at], share[j], step[j]);
                    pooledCost[j] += avoidedCost[at];
                    pooledUnits[j] += avoidedUnits[at];
                }
                portfolio.InterventionCost[y] += f.InterventionCost[y];
                portfolio.ReceivingCost[y] += f.ReceivingCost[y];
                portfolio.Gross[y] += f.Gross[y];
            }
            for (var j = 0; j < s; j++)
            {
                portfolio.Released[y] += FinancialTransition.Released(pooledCost[j], pooledUnits[j], share[j], step[j]);
            }
        }
    }
}

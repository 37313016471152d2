using Strata.Domain.Foundation;

namespace Strata.Domain.Plan;

/// <summary>A count summary after disclosure control (null = suppressed).</summary>
public sealed record CountSummary(long? Mean, long? P10, long? P50, long? P90)
{
    public static CountSummary Of(Summary s, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(Protect(s.Mean, policy), Protect(s.P10, policy), Protect(s.P50, policy), Protect(s.P90, policy));
    }

    /// <summary>Counts keep their sign (changes can be negative); the magnitude passes the policy.</summary>
    public static long? Protect(double value, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var magnitude = policy.Count((long)Math.Round(Math.Abs(value), MidpointRounding.AwayFromZero));
        return magnitude is null ? null : Math.Sign(value) * magnitude.Value;
    }
}

public sealed record InterventionInfo(string Id, string Name, string Version, string Effect, int StartYear, double EffectMean, double ReachMean,
    double EquityShare, IReadOnlyDictionary<string, double> Scores, InterventionEvidence? Provenance = null);

/// <summary>Whole-system totals in one year (sums across settings taken per run, then summarised).</summary>
public sealed record TotalYear(int Year, Summary BaselineCost, Summary Cost, CountSummary BedDays);

/// <summary>Activity, bed days and cost of one setting in one year: baseline, scenario and avoided (baseline − scenario).</summary>
public sealed record SettingYear(int Year, string Setting, CountSummary BaselineActivity, CountSummary Activity, CountSummary Avoided,
    CountSummary BedDays, Summary BaselineCost, Summary Cost);

/// <summary>Total avoided activity in a setting over the whole horizon.</summary>
public sealed record SettingHorizon(string Setting, CountSummary Avoided, Summary CostAvoided);

/// <summary>One provider's outturn in one setting and year, and its income change under its payment model (mean over runs).</summary>
public sealed record ProviderYear(int Year, string Provider, string Setting, string PaymentModel, CountSummary BaselineActivity, CountSummary Activity,
    CountSummary BedDays, double BaselineCost, Summary Cost, double IncomeChange);

/// <summary>One intervention's share of a change.</summary>
public sealed record Step(string Intervention, double Value);

/// <summary>
/// Change from baseline in one measure and year split over interventions. Monte Carlo steps (mean over runs) are the
/// in-order contributions; standalone steps are each intervention alone in the principal run, with the interaction
/// (overlap) the residual. Both sum exactly to the total.
/// </summary>
public sealed record Decomposition(int Year, string Measure, double Total, IReadOnlyList<Step> Steps, double Interaction,
    double PrincipalTotal, IReadOnlyList<Step> Standalone, double StandaloneInteraction);

public sealed record FinanceYear(int Year, double Gross, double Released, double Stranded, double InterventionCost, double ReceivingCost,
    double Net, double Cumulative, double DoubleRunning);

/// <summary>
/// Money for one intervention or the portfolio. Roi counts cash released as the saving; EconomicRoi counts the full
/// (gross) avoided cost. GrossPv is the per-run discounted gross saving (for prioritisation draws).
/// </summary>
public sealed record FinancialSummary(string Id, IReadOnlyList<FinanceYear> Years, Summary Npv, double PrincipalNpv, double? Roi, int? PaybackYear,
    double DiscountedCost, double DiscountedGross, Summary GrossPv)
{
    public double? EconomicRoi => DiscountedCost > 0 ? (DiscountedGross - DiscountedCost) / DiscountedCost : null;
}

/// <summary>The summary of a scenario run that commands print, store and chart.</summary>
public sealed record ScenarioReport(
    int Years, int Runs, ulong Seed, IReadOnlyList<InterventionInfo> Interventions, IReadOnlyList<TotalYear> Totals,
    IReadOnlyList<SettingYear> BySetting, IReadOnlyList<SettingHorizon> Horizon, IReadOnlyList<ProviderYear> ByProvider,
    IReadOnlyList<Decomposition> Decomposition, IReadOnlyList<FinancialSummary> Financials, string Disclosure)
{
    public const string Portfolio = "portfolio";

    public static ScenarioReport Build(ScenarioRun run, DisclosurePolicy policy, IReadOnlyDictionary<string, IProviderPaymentModel>? payment = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(policy);
        var m = run.Model;
        var runs = run.SummaryRuns.ToList();
        var principal = run.Runs[0];
        var o = m.Outlets.Count;
        var k = m.Interventions.Count;
        var s = m.Settings.Count;

        var outletSetting = m.Outlets.Select(x => m.SettingIndex(x.Setting)).ToArray();
        double SettingSum(double[] values, int y, int setting)
        {
            var total = 0.0;
            for (var j = 0; j < o; j++)
            {
                if (outletSetting[j] == setting)
                {
                    total += values[y * o + j];
                }
            }
            return total;
        }

        var bySetting = new List<SettingYear>();
        var horizon = new List<SettingHorizon>();
        for (var j = 0; j < s; j++)
        {
            for (var y = 0; y <= m.Years; y++)
            {
                bySetting.Add(new SettingYear(y, m.Settings[j],
                    CountSummary.Of(Summary.Of(runs.Select(r => SettingSum(r.BaselineActivity, y, j))), policy),
                    CountSummary.Of(Summary.Of(runs.Select(r => SettingSum(r.Activity, y, j))), policy),
                    CountSummary.Of(Summary.Of(runs.Select(r => SettingSum(r.BaselineActivity, y, j) - SettingSum(r.Activity, y, j))), policy),
                    CountSummary.Of(Summary.Of(runs.Select(r => SettingSum(r.BedDays, y, j))), policy),
                    Summary.Of(runs.Select(r => SettingSum(r.BaselineCost, y, j))),
                    Summary.Of(runs.Select(r => SettingSum(r.Cost, y, j)))));
            }
            var jj = j;
            double Over(RunOutcome r, Func<RunOutcome, double[]> a, Func<RunOutcome, double[]> b) =>
                Enumerable.Range(1, m.Years).Sum(y => SettingSum(a(r), y, jj) - SettingSum(b(r), y, jj));
            horizon.Add(new SettingHorizon(m.Settings[j],
                CountSummary.Of(Summary.Of(runs.Select(r => Over(r, x => x.BaselineActivity, x => x.Activity))), policy),
                Summary.Of(runs.Select(r => Over(r, x => x.BaselineCost, x => x.Cost)))));
        }

        double All(double[] v, int y) => Enumerable.Range(0, o).Sum(j => v[y * o + j]);
        var totals = Enumerable.Range(0, m.Years + 1).Select(y => new TotalYear(y,
            Summary.Of(runs.Select(r => All(r.BaselineCost, y))), Summary.Of(runs.Select(r => All(r.Cost, y))),
            CountSummary.Of(Summary.Of(runs.Select(r => All(r.BedDays, y))), policy))).ToList();

        var byProvider = new List<ProviderYear>();
        foreach (var j in Enumerable.Range(0, o).OrderBy(j => m.Outlets[j].Provider, StringComparer.Ordinal).ThenBy(j => outletSetting[j]))
        {
            var (provider, setting) = (m.Outlets[j].Provider, m.Outlets[j].Setting);
            var model = payment is not null && payment.TryGetValue(provider, out var pm) ? pm : ActivityBasedPayment.Instance;
            for (var y = 0; y <= m.Years; y++)
            {
                var at = y * o + j;
                byProvider.Add(new ProviderYear(y, provider, setting, model.Name,
                    CountSummary.Of(Summary.Of(runs.Select(r => r.BaselineActivity[at])), policy),
                    CountSummary.Of(Summary.Of(runs.Select(r => r.Activity[at])), policy),
                    CountSummary.Of(Summary.Of(runs.Select(r => r.BedDays[at])), policy),
                    runs.Average(r => r.BaselineCost[at]), Summary.Of(runs.Select(r => r.Cost[at])),
                    runs.Average(r => model.Income(r.Cost[at], r.BaselineCost[at]) - model.Income(r.BaselineCost[at], r.BaselineCost[at]))));
            }
        }

        var decomposition = new List<Decomposition>();
        var ids = m.Interventions.Select(i => i.Id).ToArray();
        void Decompose(string measure, Func<RunOutcome, int, double> total, Func<RunOutcome, int, int, double> step)
        {
            for (var y = 1; y <= m.Years; y++)
            {
                var t = runs.Average(r => total(r, y));
                var steps = Enumerable.Range(0, k).Select(i => new Step(ids[i], runs.Average(r => step(r, y, i)))).ToList();
                var pt = total(principal, y);
                var alone = Enumerable.Range(0, k).Select(i => new Step(ids[i], total(run.Standalone[i], y))).ToList();
                decomposition.Add(new Decomposition(y, measure, t, steps, t - steps.Sum(x => x.Value), pt, alone, pt - alone.Sum(x => x.Value)));
            }
        }
        Decompose("cost", (r, y) => Enumerable.Range(0, o).Sum(j => r.Cost[y * o + j] - r.BaselineCost[y * o + j]), (r, y, i) => r.StepCost[y * k + i]);
        Decompose("bed_days", (r, y) => Enumerable.Range(0, o).Sum(j => r.BedDays[y * o + j] - r.BaselineBedDays[y * o + j]), (r, y, i) => r.StepBedDays[y * k + i]);
        for (var j = 0; j < s; j++)
        {
            var jj = j;
            if (!runs.Any(r => Enumerable.Range(0, (m.Years + 1) * k).Any(yk => r.StepActivity[yk * s + jj] != 0)))
            {
                continue;
            }
            Decompose("activity:" + m.Settings[j], (r, y) => SettingSum(r.Activity, y, jj) - SettingSum(r.BaselineActivity, y, jj),
                (r, y, i) => r.StepActivity[(y * k + i) * s + jj]);
        }

        var financials = new List<FinancialSummary>();
        for (var i = 0; i <= k; i++)
        {
            financials.Add(Finance(i == k ? Portfolio : ids[i], runs.Select(r => r.Flows[i]).ToList(), principal.Flows[i], run.Finance.DiscountRate));
        }

        var infos = m.Interventions.Select((iv, i) => new InterventionInfo(iv.Id, iv.Name, iv.Version, Names.Of(iv.Effect.Kind), iv.StartYear,
            iv.Effect.Size.Principal(0, 1), iv.Reach.Principal(0, 1), m.EquityShare[i], iv.Scores ?? new Dictionary<string, double>(), iv.Provenance)).ToList();
        return new ScenarioReport(m.Years, run.Options.Runs, run.Options.Seed, infos, totals, bySetting, horizon, byProvider, decomposition, financials, policy.Statement);
    }

    private static FinancialSummary Finance(string id, List<CashFlows> perRun, CashFlows principal, double rate)
    {
        var years = principal.Years;
        var mean = new CashFlows(years);
        foreach (var f in perRun)
        {
            mean.Add(f);
        }
        var n = perRun.Count;
        for (var y = 0; y <= years; y++)
        {
            mean.Gross[y] /= n;
            mean.Released[y] /= n;
            mean.InterventionCost[y] /= n;
            mean.ReceivingCost[y] /= n;
        }
        var cumulative = FinancialTransition.Cumulative(mean);
        var doubleRunning = FinancialTransition.DoubleRunning(mean);
        var rows = Enumerable.Range(1, years).Select(y => new FinanceYear(y, mean.Gross[y], mean.Released[y], mean.Stranded(y),
            mean.InterventionCost[y], mean.ReceivingCost[y], mean.Net(y), cumulative[y], doubleRunning[y])).ToList();
        var dCost = Enumerable.Range(1, years).Sum(y => mean.Cost(y) * FinancialTransition.DiscountFactor(y, rate));
        double GrossPv(CashFlows f) => Enumerable.Range(1, years).Sum(y => f.Gross[y] * FinancialTransition.DiscountFactor(y, rate));
        var dGross = GrossPv(mean);
        return new FinancialSummary(id, rows, Summary.Of(perRun.Select(f => FinancialTransition.Npv(f, rate))),
            FinancialTransition.Npv(principal, rate), FinancialTransition.Roi(mean, rate), FinancialTransition.PaybackYear(mean), dCost, dGross,
            Summary.Of(perRun.Select(GrossPv)));
    }
}

/// <summary>File and output names of the effect kinds.</summary>
public static class Names
{
    public static string Of(EffectKind kind) => kind switch
    {
        EffectKind.Avoid => "avoid",
        EffectKind.ReduceLengthOfStay => "length_of_stay",
        EffectKind.Shift => "shift",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

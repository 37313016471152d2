using System.Globalization;
using System.Text;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Cli.Plan;

/// <summary>
/// A scenario's per-run outturn as long CSV: run, year, provider, setting, activity, cost, baseline_activity,
/// baseline_cost — the one format Deliver's `contract simulate --outturns` reads (scenario columns by default,
/// baseline columns with --baseline; same runs, so the two are paired by common random numbers).
/// </summary>
public static class OutturnCsv
{
    public const string Header = "run,year,provider,setting,activity,cost,baseline_activity,baseline_cost";

    /// <summary>
    /// Writes the stochastic runs (or the principal run 0 when there are none: the runs summaries are taken over).
    /// Activity passes disclosure control as a count; a cost is withheld with its suppressed count (empty cell).
    /// </summary>
    public static void Write(string path, ScenarioOutturn outturn, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(outturn);
        ArgumentNullException.ThrowIfNull(policy);
        var sb = new StringBuilder(Header).Append('\n');
        var firstRun = outturn.Runs > 1 ? 1 : 0;
        for (var run = firstRun; run < outturn.Runs; run++)
        {
            for (var year = 0; year <= outturn.Years; year++)
            {
                for (var o = 0; o < outturn.Outlets.Count; o++)
                {
                    var outlet = outturn.Outlets[o];
                    var (activity, cost) = Protect(outturn.Activity(run, year, o), outturn.Cost(run, year, o), policy);
                    var (baseActivity, baseCost) = Protect(outturn.BaselineActivity(run, year, o), outturn.BaselineCost(run, year, o), policy);
                    sb.Append(string.Create(CultureInfo.InvariantCulture,
                        $"{run},{year},{Quote(outlet.Provider)},{outlet.Setting},{activity},{cost},{baseActivity},{baseCost}\n"));
                }
            }
        }
        File.WriteAllText(path, sb.ToString());
    }

    private static (string Activity, string Cost) Protect(double activity, double cost, DisclosurePolicy policy)
    {
        var count = CountSummary.Protect(activity, policy);
        if (count is null)
        {
            return ("", "");
        }
        var a = policy.Enabled ? count.Value.ToString(CultureInfo.InvariantCulture) : activity.ToString("R", CultureInfo.InvariantCulture);
        return (a, cost.ToString("R", CultureInfo.InvariantCulture));
    }

    private static string Quote(string text) =>
        text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal) ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}

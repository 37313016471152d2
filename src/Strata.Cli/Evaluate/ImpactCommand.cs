using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Strata.Cli.Infrastructure;
using Strata.Data.Evaluate;

namespace Strata.Cli.Evaluate;

/// <summary>`strata evaluate impact`: an intervention cohort against a matched comparison group, by DiD.</summary>
public static class ImpactCommand
{
    public static Command Create()
    {
        var workspace = CommonOptions.Workspace();
        var cohort = new Option<FileInfo>("--cohort") { Description = "CSV of the intervention cohort: person_id, start_date (yyyy-MM-dd).", Required = true };
        var pre = new Option<int>("--pre-months") { Description = "Months before the start date for the baseline rate.", DefaultValueFactory = _ => 12 };
        var post = new Option<int>("--post-months") { Description = "Months from the start date for the follow-up rate.", DefaultValueFactory = _ => 12 };
        var caliper = new Option<double>("--caliper") { Description = "Caliper in SDs of the logit propensity score.", DefaultValueFactory = _ => 0.2 };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap replicates (matched pairs resampled).", DefaultValueFactory = _ => 500 };
        var seed = new Option<ulong>("--seed") { Description = "Seed for the matching order, candidate sampling and bootstrap.", DefaultValueFactory = _ => 42 };
        var json = CommonOptions.Json();
        var noDisclosure = CommonOptions.NoDisclosure();
        var impact = new Command("impact", "Matched comparison (exact + propensity score) and difference-in-differences on emergency admissions per person-month.")
        {
            workspace, cohort, pre, post, caliper, bootstrap, seed, json, noDisclosure,
        };
        impact.SetAction(r =>
        {
            if (r.GetValue(pre) < 1 || r.GetValue(post) < 1 || r.GetValue(bootstrap) < 2 || !(r.GetValue(caliper) > 0))
            {
                throw new ArgumentException("--pre-months and --post-months must be at least 1, --bootstrap at least 2 and --caliper positive.");
            }
            var options = new ImpactOptions
            {
                PreMonths = r.GetValue(pre), PostMonths = r.GetValue(post), CaliperSd = r.GetValue(caliper),
                BootstrapReplicates = r.GetValue(bootstrap), Seed = r.GetValue(seed),
            };
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(workspace)!);
            var result = Output.WithProgress("Impact evaluation", r.GetValue(json), _ =>
                ImpactEvaluation.Run(ws.Engine, r.GetValue(cohort)!.FullName, options, CommonOptions.Disclosure(r.GetValue(noDisclosure))));
            if (r.GetValue(json))
            {
                Output.Json(result);
                return 0;
            }
            Print(result);
            return 0;
        });
        return new Command("evaluate", "Impact evaluation of interventions.") { impact };
    }

    private static void Print(ImpactResult r)
    {
        Console.WriteLine($"Cohort {N(r.CohortPeople)}, excluded (died before start) {N(r.ExcludedDead)}, matched pairs {N(r.MatchedPairs)}, " +
            $"no candidate {N(r.NoCandidates)}, outside caliper {N(r.OutsideCaliper)} (caliper {F(r.Caliper)} on the logit).");
        var table = new Table().AddColumns("Covariate", "Treated", "Pool", "SMD before", "Matched", "SMD after");
        foreach (var b in r.Balance)
        {
            table.AddRow(b.Covariate, F(b.TreatedMean), F(b.PoolMean), F(b.SmdBefore), F(b.MatchedMean), F(b.SmdAfter) + (Math.Abs(b.SmdAfter) < 0.1 ? "" : " (!)"));
        }
        CliTables.Write(table);
        if (r.Outcome is { } o)
        {
            Console.WriteLine($"Emergency admissions per person-month: treated {F(o.TreatedPre)} -> {F(o.TreatedPost)}, comparison {F(o.ControlPre)} -> {F(o.ControlPost)}");
            Console.WriteLine($"DiD effect {F(o.Effect)} (HC1 SE {F(o.StandardError)}, 95% CI {F(o.CiLow)} to {F(o.CiHigh)}; bootstrap {F(o.Bootstrap.Low)} to {F(o.Bootstrap.High)}, {o.Bootstrap.Replicates} replicates, seed {o.Bootstrap.Seed})");
        }
        else
        {
            Console.WriteLine("No effect released: too few matched pairs.");
        }
        foreach (var w in r.Warnings)
        {
            Console.WriteLine($"Warning: {w}");
        }
        Console.WriteLine(r.Disclosure);
    }

    private static string N(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "suppressed";

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Strata.Application.Understand;
using Strata.Cli.Infrastructure;
using Strata.Cli.Understand.Report;
using Strata.Data.Foundation;
using Strata.Data.Understand;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Cli.Understand;

/// <summary>Population understanding: segmentation, cohort profiles, inequalities and the stage's HTML report.</summary>
public static class PopulationCommands
{
    public static IEnumerable<Command> Create() => [Segment(), Profile(), Inequalities(), ReportCommand()];

    /// <summary>`strata demo`: segment at the demo reference date, profile, inequalities, report.</summary>
    public static void Demo(DemoContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ws = context.Workspace;
        var policy = context.Disclosure;
        var segmented = SegmentHandler.Run(ws.Engine, new SegmentRequest(ReferenceDate.Text(context.ReferenceDate), BuildProfile: true));
        var run = segmented.Run;
        context.Report("Understand", string.Create(CultureInfo.InvariantCulture,
            $"Segmented {Cells.Count(policy.Count(run.PeopleCell))} people at {run.ReferenceDate:yyyy-MM-dd} (rules {run.RuleVersion}); excluded: died before D {Cells.Count(policy.Count(run.DiedBeforeDate))}, not registered {Cells.Count(policy.Count(run.NotRegistered))}."));
        foreach (var row in SegmentSection.SegmentRows(ws, policy))
        {
            context.Report("Understand", $"  {row.Raw.Segment,-17} {Cells.Count(row.People),10} people, mean CMS {Cells.Number(row.MeanCmsGeneral, "0.00")}");
        }
        var build = segmented.Profile!;
        var total = CohortProfiles.Slice(ws.Engine, []).Single().Protect(policy);
        context.Report("Understand", $"Profile (12 months to D): {Cells.Number(total.ActivityPer1000, "N0")} activities per 1,000 people, spend per head {Cells.Money(total.SpendPerHead)}; risk tiers from {build.RiskModel ?? "no risk model (unscored)"}.");
        var emergency = InequalitySection.Measures(ws, policy, [ProfileInequalities.ActivityMeasure("emergency_admission")]).Single();
        context.Report("Understand", $"Emergency admissions per 1,000: Q1 (most deprived) {Cells.Number(emergency.Quintiles[0].Value)}, Q5 {Cells.Number(emergency.Quintiles[^1].Value)}, SII {Cells.Number(emergency.Gaps.SlopeIndex)}.");
        var path = UnderstandReport.Write(ws, new DirectoryInfo(Path.Combine(context.OutputDirectory.FullName, "report")), policy);
        context.Report("Understand", $"Report: {path}");
    }

    private static Command Segment()
    {
        var workspace = CommonOptions.Workspace();
        var at = CommonOptions.Date("--at", "Reference date D (yyyy-mm-dd; default: the end of the data).");
        var output = new Option<FileInfo?>("--out")
        {
            Description = "Also write the pseudonymised person-level extract (person_id, segment, subsegments, ltc_count, cms_general, cms_mortality) " +
                "to a .csv or .parquet file, for the ICB's own use only: it is person-level, so not disclosure-controlled.",
        };
        var rulesFile = new Option<FileInfo?>("--rules") { Description = "Segmentation rules JSON (fields left out keep their v1 default; see docs/understand.md)." };
        var json = CommonOptions.Json();
        var noDisclosure = CommonOptions.NoDisclosure();
        var memory = CommonOptions.MemoryLimit();
        var threads = CommonOptions.Threads();
        var command = new Command("segment", "Assign each person a core segment, sub-segment flags, LTC count and Cambridge Multimorbidity Score at a reference date.")
        {
            workspace, at, output, rulesFile, json, noDisclosure, memory, threads,
        };
        command.SetAction(r =>
        {
            var rules = ReadRules(r.GetValue(rulesFile));
            var policy = CommonOptions.Disclosure(r.GetValue(noDisclosure));
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(workspace)!, r.GetValue(memory), r.GetValue(threads));
            var run = Output.WithProgress("Segmenting", r.GetValue(json), p => SegmentHandler.Run(ws.Engine, new SegmentRequest(r.GetValue(at), rules), p)).Run;
            var outFile = r.GetValue(output);
            if (outFile is not null)
            {
                Segmentation.Export(ws.Engine, outFile.FullName);
            }
            var rows = SegmentSection.SegmentRows(ws, policy);
            if (r.GetValue(json))
            {
                Output.Json(new
                {
                    run.RunId,
                    ReferenceDate = run.ReferenceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    run.RuleVersion,
                    People = policy.Count(run.PeopleCell),
                    Excluded = new
                    {
                        DiedBeforeDate = policy.Count(run.DiedBeforeDate),
                        NotRegistered = policy.Count(run.NotRegistered),
                        NotYetBorn = policy.Count(run.NotYetBorn),
                    },
                    Segments = rows.Select(s => new
                    {
                        s.Raw.Segment, s.People, MeanLtcCount = s.MeanLtc, s.MeanCmsGeneral, s.MeanCmsMortality,
                    }),
                    CodedRecords = run.Coding,
                    PersonLevelExtract = outFile?.FullName,
                    Disclosure = policy.Statement,
                });
                return 0;
            }
            var table = new Table().AddColumns("Segment", "People", "Mean LTC", "Mean CMS general", "Mean CMS mortality");
            foreach (var s in rows)
            {
                table.AddRow(s.Raw.Segment, Cells.Count(s.People), Cells.Number(s.MeanLtc, "0.00"), Cells.Number(s.MeanCmsGeneral, "0.00"), Cells.Number(s.MeanCmsMortality, "0.0"));
            }
            WriteTable(table);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Cells.Count(policy.Count(run.PeopleCell))} people segmented at {run.ReferenceDate:yyyy-MM-dd}, rules {run.RuleVersion}, run {run.RunId}; excluded: died before D {Cells.Count(policy.Count(run.DiedBeforeDate))}, not registered {Cells.Count(policy.Count(run.NotRegistered))}, born after D's year {Cells.Count(policy.Count(run.NotYetBorn))}."));
            Console.WriteLine(CodingCoverage.Line(run.Coding));
            if (outFile is not null)
            {
                Console.WriteLine($"Person-level extract (pseudonymised; for the ICB's own use, not for release): {outFile.FullName}");
            }
            Console.WriteLine(policy.Statement);
            return 0;
        });
        return command;
    }

    private static Command Profile()
    {
        var workspace = CommonOptions.Workspace();
        var at = CommonOptions.Date("--at", "Reference date D (yyyy-mm-dd); segments at D first if the workspace holds another date (default: the segmentation's date).");
        var by = new Option<string[]>("--by")
        {
            Description = $"Dimensions to keep (the rest are summed): {string.Join(", ", ProfileDimensions.All)}. Comma-separated or repeated.",
            DefaultValueFactory = _ => ["segment"],
            AllowMultipleArgumentsPerToken = true,
        };
        var riskModel = new Option<string?>("--risk-model") { Description = "Model in risk_scores whose tiers to use (default: the only or first model scored at D)." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the released (disclosure-controlled) slice to .csv or .parquet." };
        var json = CommonOptions.Json();
        var noDisclosure = CommonOptions.NoDisclosure();
        var memory = CommonOptions.MemoryLimit();
        var threads = CommonOptions.Threads();
        var command = new Command("profile", "Cohort profile over the 12 months to D: people, activity per 1,000 and spend per head, sliced by chosen dimensions.")
        {
            workspace, at, by, riskModel, output, json, noDisclosure, memory, threads,
        };
        command.SetAction(r =>
        {
            var dims = ProfileDimensions.Parse(r.GetValue(by) ?? []);
            var policy = CommonOptions.Disclosure(r.GetValue(noDisclosure));
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(workspace)!, r.GetValue(memory), r.GetValue(threads));
            var build = Output.WithProgress("Profiling", r.GetValue(json), _ =>
            {
                if (CommonOptions.GivenDate(r, at, ws.Engine) is { } d && Segmentation.Current(ws.Engine)?.ReferenceDate != d)
                {
                    SegmentHandler.Run(ws.Engine, new SegmentRequest(ReferenceDate.Text(d)));
                }
                return CohortProfiles.Build(ws.Engine, r.GetValue(riskModel));
            });
            var rows = CohortProfiles.Slice(ws.Engine, dims).Select(c => c.Protect(policy)).ToList();
            var outFile = r.GetValue(output);
            if (outFile is not null)
            {
                CohortProfiles.Export(ws.Engine, dims, rows, outFile.FullName);
            }
            if (r.GetValue(json))
            {
                Output.Json(new
                {
                    ReferenceDate = build.ReferenceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    build.RuleVersion,
                    build.RiskModel,
                    WindowMonths = CohortProfiles.WindowMonths,
                    Dimensions = dims,
                    Rows = rows.Select(row => JsonRow(dims, row)),
                    Disclosure = policy.Statement,
                });
                return 0;
            }
            var table = new Table().AddColumns([.. dims, "People", "Activity", "Per 1,000", "Bed days", "Spend/head"]);
            foreach (var row in rows)
            {
                table.AddRow([.. row.Keys.Select(CliErrors.Safe), Cells.Count(row.People), Cells.Count(row.Activity),
                    Cells.Number(row.ActivityPer1000), Cells.Count(row.BedDays), CliErrors.Safe(Cells.Money(row.SpendPerHead))]);
            }
            WriteTable(table);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"12 months to {build.ReferenceDate:yyyy-MM-dd}; segmentation rules {build.RuleVersion}; risk tiers: {build.RiskModel ?? "unscored (no risk_scores at D)"}. * = suppressed or withheld."));
            if (outFile is not null)
            {
                Console.WriteLine($"Wrote {outFile.FullName}");
            }
            Console.WriteLine(policy.Statement);
            return 0;
        });
        return command;
    }

    private static Command Inequalities()
    {
        var workspace = CommonOptions.Workspace();
        var measure = new Option<string[]>("--measure")
        {
            Description = $"Measures (default all): {string.Join(", ", ProfileInequalities.MeasureNames)}.",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = CommonOptions.Json();
        var noDisclosure = CommonOptions.NoDisclosure();
        var command = new Command("inequalities", "Every profile measure by IMD quintile with the Q1−Q5 gap, Q1/Q5 ratio and slope index of inequality.")
        {
            workspace, measure, json, noDisclosure,
        };
        command.SetAction(r =>
        {
            var policy = CommonOptions.Disclosure(r.GetValue(noDisclosure));
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(workspace)!);
            CohortProfiles.EnsureCurrent(ws.Engine);
            if (CohortProfiles.Current(ws.Engine) is null)
            {
                throw new InvalidOperationException("No segmentation in this workspace: run `strata segment --at DATE` first.");
            }
            var wanted = (r.GetValue(measure) ?? []).SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var measures = InequalitySection.Measures(ws, policy, wanted);
            if (r.GetValue(json))
            {
                Output.Json(new
                {
                    ReferenceDate = CohortProfiles.Current(ws.Engine)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Measures = measures.Select(m => new
                    {
                        m.Measure,
                        Quintiles = m.Quintiles,
                        m.Gaps.AbsoluteGap, m.Gaps.RelativeGap, m.Gaps.SlopeIndex, m.Gaps.RelativeIndex,
                    }),
                    Disclosure = policy.Statement,
                });
                return 0;
            }
            var table = new Table().AddColumns("Measure", "Q1", "Q2", "Q3", "Q4", "Q5", "Q1−Q5", "Q1/Q5", "SII");
            foreach (var m in measures)
            {
                table.AddRow([m.Measure, .. m.Quintiles.Select(q => Cells.Number(q.Value)), Cells.Number(m.Gaps.AbsoluteGap),
                    Cells.Number(m.Gaps.RelativeGap, "0.00"), Cells.Number(m.Gaps.SlopeIndex)]);
            }
            WriteTable(table);
            Console.WriteLine("IMD quintile 1 = most deprived. SII = fitted most deprived minus least deprived (population-weighted). * = suppressed.");
            Console.WriteLine(policy.Statement);
            return 0;
        });
        return command;
    }

    private static Command ReportCommand()
    {
        var workspace = CommonOptions.Workspace();
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the HTML report.", Required = true };
        var noDisclosure = CommonOptions.NoDisclosure();
        var command = new Command("report", "Write the Understand stage's HTML report (segments, risk tiers, cohort profile, inequalities).")
        {
            workspace, output, noDisclosure,
        };
        command.SetAction(r =>
        {
            var policy = CommonOptions.Disclosure(r.GetValue(noDisclosure));
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(workspace)!);
            CohortProfiles.EnsureCurrent(ws.Engine);
            Console.WriteLine($"Wrote {UnderstandReport.Write(ws, r.GetValue(output)!, policy)}");
            Console.WriteLine(policy.Statement);
            return 0;
        });
        return command;
    }

    private static void WriteTable(Table table) => CliTables.Write(table);

    /// <summary>A released profile row as a flat JSON object: its dimension values, then the measures.</summary>
    private static Dictionary<string, object?> JsonRow(IReadOnlyList<string> dims, ProfileRow row)
    {
        var json = dims.Select((d, i) => (d, (object?)row.Keys[i])).ToDictionary(k => k.d, k => k.Item2);
        json["people"] = row.People;
        json["activity"] = row.Activity;
        json["activity_per_1000"] = row.ActivityPer1000;
        json["bed_days"] = row.BedDays;
        json["spend_per_head"] = row.SpendPerHead;
        json["cost_gbp"] = row.CostGbp;
        return json;
    }

    private static SegmentationRules ReadRules(FileInfo? file)
    {
        if (file is null)
        {
            return SegmentationRules.V1;
        }
        if (!file.Exists)
        {
            throw new InputException(file.FullName, 0, null, "rules file not found.");
        }
        try
        {
            return SegmentationRules.Parse(File.ReadAllText(file.FullName));
        }
        catch (RulesFormatException e)
        {
            throw new InputException(file.FullName, e.Line, e.Field, e.Reason);
        }
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using Spectre.Console;
using Strata.Application.Understand;
using Strata.Cli.Infrastructure;
using Strata.Data.Understand;
using Strata.Data.Understand.Risk;
using Strata.Data.Understand.Variation;
using Strata.Domain.Foundation;
using Strata.Domain.Reporting;
using Strata.Domain.Understand;

namespace Strata.Cli.Understand;

/// <summary>
/// `strata risk train|score|report` (risk stratification) and `strata funnel` (unwarranted variation). Actions run
/// inside <see cref="CliErrors.Run"/> so input errors reach the user as messages with exit code 2.
/// </summary>
public static class RiskCommands
{
    public static IEnumerable<Command> Create() => [Risk(), Funnel()];

    /// <summary>Demo: train on the earlier window, score at the reference date, one funnel of emergency admissions by practice.</summary>
    public static void Demo(DemoContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var engine = context.Workspace.Engine;
        var policy = context.Disclosure;
        var at = context.ReferenceDate;
        var truth = Path.Combine(context.OutputDirectory.FullName, "data", "truth", "emergency_rate.csv");
        // Risk runs before segmentation in the demo, so the profile built next carries its tiers.
        var (trained, scored, _) = RiskHandler.Run(engine, new RiskRequest(ReferenceDate.Text(at), File.Exists(truth) ? truth : null, RebuildProfile: false));
        var m = trained.Metrics;
        context.Report("Understand", $"Risk model {trained.ModelId}: AUROC {F(m.Auroc.Value)} (95% CI {F(m.Auroc.Lower95)}-{F(m.Auroc.Upper95)}), " +
            $"Brier {F(m.Brier, 4)}, calibration intercept {F(m.CalibrationIntercept)}, slope {F(m.CalibrationSlope)} (train {Iso(trained.TrainIndex)}, test {Iso(trained.TestIndex)})");
        if (trained.Oracle is { } o)
        {
            context.Report("Understand", $"Oracle AUROC {F(o.OracleAuroc)}; model {F(o.ModelAuroc)}; gap {F(o.Gap)} (target within 0.02)");
        }
        context.Report("Understand", $"Risk tiers at {Iso(at)}: " + string.Join(", ", scored.Tiers.Select(t => $"{t.Tier} {CountText(policy.Count(t.PeopleCell))}")));
        var (_, funnel) = VariationFunnels.Compute(engine, "emergency_admission", FunnelLevel.Practice, at, overdispersion: true);
        context.Report("Understand", $"Funnel (emergency admissions by practice, age-sex standardised): {funnel.Points.Count} practices, " +
            $"{funnel.Outliers} beyond 99.8% limits (φ = {F(funnel.Overdispersion.Phi)}, adjusted: {(funnel.Overdispersion.Applied ? "yes" : "no")})");
        var report = new HtmlReport("Strata: risk stratification and variation");
        RiskReportSection.AddTo(report, ReportData(RiskStratification.Load(engine, trained.ModelId)), policy);
        FunnelReportSection.AddTo(report, "Emergency admissions by practice (indirectly age-sex standardised)", funnel, policy);
        var file = Path.Combine(context.OutputDirectory.FullName, "risk-and-variation.html");
        File.WriteAllText(file, report.ToHtml(policy.Statement));
        context.Report("Understand", $"Risk and variation report: {file}");
    }

    private static Command Risk()
    {
        var risk = new Command("risk", "Risk stratification: probability of an emergency admission in the next 12 months.");
        risk.Subcommands.Add(Train());
        risk.Subcommands.Add(Score());
        risk.Subcommands.Add(Report());
        return risk;
    }

    private static Command Train()
    {
        var ws = CommonOptions.Workspace();
        var json = CommonOptions.Json();
        var noDc = CommonOptions.NoDisclosure();
        var trainDate = CommonOptions.Date("--train-date", "Training index date, yyyy-mm-dd (default: data end − 24 months).");
        var testDate = CommonOptions.Date("--test-date", "Test index date, yyyy-mm-dd (default: data end − 12 months; needs 12 months of data after it).");
        var truth = new Option<FileInfo?>("--truth") { Description = "Generator truth file (truth/emergency_rate.csv) for the oracle AUROC." };
        var challenger = new Option<bool>("--challenger") { Description = "Also train gradient-boosted trees (ML.NET FastTree) and validate them on the same test set." };
        var command = new Command("train", "Fit the logistic model by IRLS at the training date and validate it out of time at the test date.")
            { ws, json, noDc, trainDate, testDate, truth, challenger };
        command.SetAction(r =>
        {
            var policy = CommonOptions.Disclosure(r.GetValue(noDc));
            using var workspace = CommonOptions.OpenWorkspace(r.GetValue(ws)!);
            var engine = workspace.Engine;
            var end = RiskStratification.DataEnd(engine);
            var options = new RiskTrainOptions(CommonOptions.GivenDate(r, trainDate, engine) ?? end.AddMonths(-24), CommonOptions.GivenDate(r, testDate, engine) ?? end.AddMonths(-12), r.GetValue(truth)?.FullName)
            {
                Challenger = r.GetValue(challenger),
            };
            var result = Output.WithProgress("Training risk model", r.GetValue(json), p => RiskStratification.Train(engine, options, p));
            var stored = RiskStratification.Load(engine, result.ModelId);
            var challengerJson = result.Challenger is { } c ? ChallengerJson.Of(c, policy) : null;
            if (r.GetValue(json))
            {
                Output.Json(ToJson(stored, result.Constant, policy) with { Challenger = challengerJson });
                return 0;
            }
            Print(stored, policy);
            if (challengerJson is { } cj)
            {
                Console.WriteLine($"Challenger {cj.Model} ({cj.Kind}, trained on {CountText(cj.TrainingRows)} people): AUROC {F(cj.Auroc)} ({F(cj.AurocLower95)}-{F(cj.AurocUpper95)}), " +
                    $"Brier {F(cj.Brier, 4)}, calibration intercept {F(cj.CalibrationIntercept)}, slope {F(cj.CalibrationSlope)}");
            }
            if (result.Constant.Count > 0)
            {
                Console.WriteLine($"Left out (look-back before the data start, or no variation in the training data): {string.Join(", ", result.Constant)}");
            }
            Console.WriteLine(policy.Statement);
            return 0;
        });
        return command;
    }

    private static Command Score()
    {
        var ws = CommonOptions.Workspace();
        var json = CommonOptions.Json();
        var noDc = CommonOptions.NoDisclosure();
        var at = CommonOptions.Date("--at", "Reference date to score at, yyyy-mm-dd (default: the end of the data).");
        var model = new Option<string?>("--model") { Description = "Model id (default: the latest trained)." };
        var command = new Command("score", "Score everyone alive at the reference date into risk_scores with tiers.") { ws, json, noDc, at, model };
        command.SetAction(r =>
        {
            var policy = CommonOptions.Disclosure(r.GetValue(noDc));
            using var workspace = CommonOptions.OpenWorkspace(r.GetValue(ws)!);
            var engine = workspace.Engine;
            var date = CommonOptions.ReferenceDate(r, at, engine);
            var result = Output.WithProgress("Scoring", r.GetValue(json), _ => RiskStratification.Score(engine, date, r.GetValue(model)));
            var tiers = result.Tiers.Select(t => new TierJson(t.Tier, policy.Count(t.PeopleCell), null, null, t.MeanPredicted)).ToList();
            if (r.GetValue(json))
            {
                Output.Json(new ScoreJson(result.ModelId, Iso(result.ReferenceDate), policy.Count(result.People), tiers, policy.Statement, result.Coding));
                return 0;
            }
            Console.WriteLine($"Scored {Count(policy, result.People)} people at {Iso(result.ReferenceDate)} with {result.ModelId} into {RiskStratification.ScoresTable}.");
            PrintTiers("Risk tiers", tiers);
            Console.WriteLine(CodingCoverage.Line(result.Coding));
            Console.WriteLine(policy.Statement);
            return 0;
        });
        return command;
    }

    private static Command Report()
    {
        var ws = CommonOptions.Workspace();
        var json = CommonOptions.Json();
        var noDc = CommonOptions.NoDisclosure();
        var model = new Option<string?>("--model") { Description = "Model id (default: the latest trained)." };
        var html = new Option<DirectoryInfo?>("--html") { Description = "Also write risk.html into this folder." };
        var command = new Command("report", "Show a model's validation metrics and the tier counts of its latest scores.") { ws, json, noDc, model, html };
        command.SetAction(r =>
        {
            var policy = CommonOptions.Disclosure(r.GetValue(noDc));
            using var workspace = CommonOptions.OpenWorkspace(r.GetValue(ws)!);
            var stored = RiskStratification.Load(workspace.Engine, r.GetValue(model));
            if (r.GetValue(html) is { } dir)
            {
                dir.Create();
                var report = RiskReportSection.AddTo(new HtmlReport("Strata: risk stratification"), ReportData(stored), policy);
                File.WriteAllText(Path.Combine(dir.FullName, "risk.html"), report.ToHtml(policy.Statement));
            }
            if (r.GetValue(json))
            {
                Output.Json(ToJson(stored, [], policy));
                return 0;
            }
            Print(stored, policy);
            Console.WriteLine(policy.Statement);
            return 0;
        });
        return command;
    }

    private static Command Funnel()
    {
        var ws = CommonOptions.Workspace();
        ws.Required = false;
        var json = CommonOptions.Json();
        var noDc = CommonOptions.NoDisclosure();
        var input = new Option<FileInfo?>("--input") { Description = "CSV of units: (unit, observed, expected) or (unit, numerator, denominator), instead of a workspace." };
        var measure = new Option<string>("--measure") { Description = $"Activity setting counted: {string.Join(", ", VariationFunnels.Measures)}.", DefaultValueFactory = _ => "emergency_admission" };
        var by = new Option<FunnelLevel>("--by") { Description = "Units compared: practice, neighbourhood or place.", DefaultValueFactory = _ => FunnelLevel.Practice };
        var at = CommonOptions.Date("--at", "End of the 12-month window, yyyy-mm-dd (default: the end of the data).");
        var overdispersion = new Option<bool>("--overdispersion") { Description = "Widen limits for overdispersion when φ > 1." };
        var odMethod = new Option<OverdispersionMethod>("--overdispersion-method") { Description = "How extreme units are kept out of φ: trimmed (SHMI, default) or winsorised (Spiegelhalter 2005, FunnelPlotR's default).", DefaultValueFactory = _ => OverdispersionMethod.Trimmed };
        var odLimits = new Option<OverdispersionLimits>("--overdispersion-limits") { Description = "Shape of the widened limits: randomeffects (default; normal with τ² added, as FunnelPlotR), betabinomial (proportions) or negativebinomial (ratios).", DefaultValueFactory = _ => OverdispersionLimits.RandomEffects };
        var html = new Option<FileInfo?>("--html") { Description = "Also write the funnel plot to this HTML file." };
        var command = new Command("funnel", "Funnel plot: standardised ratios or proportions by unit with 95% and 99.8% limits.")
            { ws, input, measure, by, at, overdispersion, odMethod, odLimits, json, noDc, html };
        command.SetAction(r =>
        {
            var file = r.GetValue(input);
            var wsFile = r.GetValue(ws);
            if ((file is null) == (wsFile is null))
            {
                throw new ArgumentException("Give either --workspace (funnel of a measure in the workspace) or --input (a CSV of units), not both.");
            }
            FunnelResult funnel;
            DisclosurePolicy? policy;
            string title;
            if (file is not null)
            {
                var (kind, units) = FunnelInputFile.Read(file.FullName);
                funnel = kind == FunnelKind.Ratio
                    ? Funnels.Ratios(units, r.GetValue(overdispersion), r.GetValue(odMethod), r.GetValue(odLimits))
                    : Funnels.Proportions(units, r.GetValue(overdispersion), r.GetValue(odMethod), r.GetValue(odLimits));
                // External units are the caller's own aggregates: reported as supplied.
                policy = null;
                title = $"Funnel plot of {file.Name}";
            }
            else
            {
                policy = CommonOptions.Disclosure(r.GetValue(noDc));
                using var workspace = CommonOptions.OpenWorkspace(wsFile!);
                var date = CommonOptions.ReferenceDate(r, at, workspace.Engine);
                var level = r.GetValue(by);
                funnel = VariationFunnels.Compute(workspace.Engine, r.GetValue(measure)!, level, date, r.GetValue(overdispersion), r.GetValue(odMethod), r.GetValue(odLimits)).Funnel;
                title = $"{r.GetValue(measure)} by {level.ToString().ToLowerInvariant()}, 12 months to {Iso(date)} (indirectly age-sex standardised)";
            }
            var statement = policy?.Statement ?? "External input: figures are reported as supplied (disclosure control applies to workspace aggregates).";
            if (r.GetValue(html) is { } h)
            {
                var report = FunnelReportSection.AddTo(new HtmlReport("Strata: funnel plot"), title, funnel, policy);
                File.WriteAllText(h.FullName, report.ToHtml(statement));
            }
            if (r.GetValue(json))
            {
                Output.Json(ToJson(funnel, policy, statement));
                return 0;
            }
            PrintFunnel(title, funnel, policy, statement);
            return 0;
        });
        return command;
    }

    internal static RiskReportData ReportData(StoredRiskModel s) =>
        new(s.ModelId, s.TrainIndex, s.TestIndex, s.Metrics, s.TestTiers, s.Oracle, s.LatestScores?.ReferenceDate, s.LatestScores?.Tiers);

    private static void Print(StoredRiskModel s, DisclosurePolicy policy)
    {
        var m = s.Metrics;
        var table = new Table().Title(CliErrors.Safe($"Risk model {s.ModelId} (train {Iso(s.TrainIndex)}, test {Iso(s.TestIndex)})"))
            .AddColumn("Measure").AddColumn(new TableColumn("Value").RightAligned());
        table.AddRow("People in test set", Count(policy, m.People));
        table.AddRow("With outcome", Count(policy, m.Events));
        table.AddRow("AUROC (95% CI, DeLong)", $"{F(m.Auroc.Value)} ({F(m.Auroc.Lower95)}-{F(m.Auroc.Upper95)})");
        table.AddRow("Brier", F(m.Brier, 4));
        table.AddRow("Calibration intercept", F(m.CalibrationIntercept));
        table.AddRow("Calibration slope", F(m.CalibrationSlope));
        if (s.Oracle is { } o)
        {
            table.AddRow("Oracle AUROC", F(o.OracleAuroc));
            table.AddRow("Model − oracle", F(o.Gap));
        }
        CliTables.Write(table);
        PrintTiers($"Tiers on the test set ({Iso(s.TestIndex)})", TierJson.Of(s.TestTiers, policy, withEvents: true));
        if (s.LatestScores is { } scores)
        {
            PrintTiers($"Tiers scored at {Iso(scores.ReferenceDate)}", TierJson.Of(scores.Tiers, policy, withEvents: false));
        }
    }

    private static void PrintTiers(string title, IReadOnlyList<TierJson> tiers)
    {
        var table = new Table().Title(CliErrors.Safe(title)).AddColumn("Tier").AddColumn(new TableColumn("People").RightAligned())
            .AddColumn(new TableColumn("With outcome").RightAligned()).AddColumn(new TableColumn("Observed rate").RightAligned())
            .AddColumn(new TableColumn("Mean predicted").RightAligned());
        foreach (var t in tiers)
        {
            table.AddRow(t.Tier, CountText(t.People), t.Events is null && t.ObservedRate is null ? "" : CountText(t.Events),
                t.ObservedRate is { } r ? F(r) : "", F(t.MeanPredicted));
        }
        CliTables.Write(table);
    }

    private static void PrintFunnel(string title, FunnelResult funnel, DisclosurePolicy? policy, string statement)
    {
        var ratio = funnel.Kind == FunnelKind.Ratio;
        var table = new Table().Title(CliErrors.Safe(title)).AddColumn("Unit").AddColumn(new TableColumn(ratio ? "O/E" : "Proportion").RightAligned())
            .AddColumn(new TableColumn(ratio ? "Expected" : "Denominator").RightAligned())
            .AddColumn(new TableColumn("95% limits").RightAligned()).AddColumn(new TableColumn("99.8% limits").RightAligned()).AddColumn("Flag");
        foreach (var p in funnel.Points)
        {
            table.AddRow(CliErrors.Safe(p.Unit), FunnelReportSection.Released(p, policy) is { } v ? F(v) : "suppressed", F(p.Size, 1),
                $"{F(p.Limits.Lower95)}-{F(p.Limits.Upper95)}", $"{F(p.Limits.Lower998)}-{F(p.Limits.Upper998)}", FlagName(p.Flag));
        }
        CliTables.Write(table);
        var od = funnel.Overdispersion;
        Console.WriteLine($"Target {F(funnel.Target, 4)}; φ = {F(od.Phi)}, τ² = {F(od.Tau2, 5)} ({od.Describe()}); overdispersion adjustment applied: {(od.Applied ? "yes" : "no")}; outliers (99.8%): {funnel.Outliers}");
        foreach (var w in funnel.Warnings)
        {
            Console.WriteLine($"Warning: {w}");
        }
        Console.WriteLine(statement);
    }

    internal static FunnelJson ToJson(FunnelResult funnel, DisclosurePolicy? policy, string statement)
    {
        var ratio = funnel.Kind == FunnelKind.Ratio;
        var od = funnel.Overdispersion;
        var units = funnel.Points.Select(p =>
        {
            var limits = new LimitsJson(p.Limits.Lower95, p.Limits.Upper95, p.Limits.Lower998, p.Limits.Upper998);
            var value = FunnelReportSection.Released(p, policy);
            return ratio
                ? (object)new RatioUnitJson(p.Unit, policy is null ? p.Observed : policy.Count((long)Math.Round(p.Observed)), p.Size, value, p.Z, limits, FlagName(p.Flag), p.Outlier)
                : new ProportionUnitJson(p.Unit, (long)p.Observed, (long)p.Size, value, p.Z, limits, FlagName(p.Flag), p.Outlier);
        }).ToList();
        return new FunnelJson(ratio ? "ratio" : "proportion", funnel.Target, units, od.Phi, od.Tau2, od.UnitsUsed, od.UnitsTrimmed, od.Applied, funnel.Outliers, statement)
        {
            OverdispersionMethod = od.Method == OverdispersionMethod.Winsorised ? "winsorised" : "trimmed",
            OverdispersionLimits = od.Limits switch
            {
                OverdispersionLimits.BetaBinomial => "beta_binomial",
                OverdispersionLimits.NegativeBinomial => "negative_binomial",
                _ => "random_effects",
            },
            Method = od.Describe(),
            Warnings = funnel.Warnings,
        };
    }

    private static string FlagName(FunnelFlag flag) => flag switch
    {
        FunnelFlag.High998 => "high_99_8",
        FunnelFlag.High95 => "high_95",
        FunnelFlag.Low95 => "low_95",
        FunnelFlag.Low998 => "low_99_8",
        _ => "within",
    };

    private static RiskJson ToJson(StoredRiskModel s, IReadOnlyList<string> constant, DisclosurePolicy policy)
    {
        var m = s.Metrics;
        return new RiskJson(
            s.ModelId, s.Kind, Iso(s.TrainIndex), Iso(s.TestIndex),
            policy.Count(m.People), policy.Count(m.Events),
            m.Auroc.Value, m.Auroc.StandardError, m.Auroc.Lower95, m.Auroc.Upper95, "DeLong", m.Brier, m.CalibrationIntercept, m.CalibrationSlope,
            m.Reliability.Select(b => new ReliabilityJson(b.Decile, policy.Count(b.People), b.MeanPredicted,
                policy.Rate((long)Math.Round(b.Observed * b.People), b.People))).ToList(),
            TierJson.Of(s.TestTiers, policy, withEvents: true),
            s.LatestScores is { } sc ? Iso(sc.ReferenceDate) : null,
            s.LatestScores is { } sc2 ? TierJson.Of(sc2.Tiers, policy, withEvents: false) : null,
            s.Oracle is { } o ? new OracleJson(policy.Count(o.People), policy.Count(o.WithoutTruth), o.ModelAuroc, o.OracleAuroc, o.Gap) : null,
            s.Fit.Features.Select((f, i) => new CoefficientJson(f, s.Fit.Coefficients[i], s.Fit.StandardErrors[i])).ToList(),
            [.. s.Fit.Aliased.Concat(constant).Distinct()],
            policy.Statement);
    }

    private static string Count(DisclosurePolicy policy, long value) => CountText(policy.Count(value));

    private static string CountText(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "suppressed";

    private static string F(double v, int decimals = 3) => v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal sealed record TierJson(string Tier, long? People, long? Events, double? ObservedRate, double MeanPredicted)
    {
        public static IReadOnlyList<TierJson> Of(IReadOnlyList<TierSummary> tiers, DisclosurePolicy policy, bool withEvents) =>
            [.. tiers.Select(t => new TierJson(t.Tier, policy.Count(t.PeopleCell), withEvents ? policy.Count(t.Events) : null,
                withEvents ? policy.Rate(t.Events, t.People) : null, t.MeanPredicted))];
    }

    internal sealed record ScoreJson(string Model, string ReferenceDate, long? People, IReadOnlyList<TierJson> Tiers, string Disclosure,
        IReadOnlyList<ConditionFlags.Coverage>? CodedRecords = null);

    internal sealed record ReliabilityJson(int Decile, long? People, double MeanPredicted, double? Observed);

    internal sealed record OracleJson(long? People, long? WithoutTruth, double ModelAuroc, double OracleAuroc, double Gap);

    internal sealed record CoefficientJson(string Feature, double Coefficient, double StdError);

    internal sealed record RiskJson(
        string Model, string Kind, string TrainIndexDate, string TestIndexDate, long? TestPeople, long? TestEvents,
        double Auroc, double AurocSe, double AurocLower95, double AurocUpper95, string AurocCiMethod, double Brier,
        double CalibrationIntercept, double CalibrationSlope, IReadOnlyList<ReliabilityJson> Reliability, IReadOnlyList<TierJson> TestTiers,
        string? ScoredAt, IReadOnlyList<TierJson>? ScoredTiers, OracleJson? Oracle, IReadOnlyList<CoefficientJson> Coefficients,
        IReadOnlyList<string> LeftOut, string Disclosure)
    {
        public ChallengerJson? Challenger { get; init; }
    }

    internal sealed record ChallengerJson(
        string Model, string Kind, long? TrainingRows, double Auroc, double AurocLower95, double AurocUpper95, double Brier,
        double CalibrationIntercept, double CalibrationSlope, IReadOnlyList<TierJson> TestTiers)
    {
        public static ChallengerJson Of(ChallengerResult c, DisclosurePolicy policy) => new(
            c.ModelId, c.Kind, policy.Count(c.TrainingRows), c.Metrics.Auroc.Value, c.Metrics.Auroc.Lower95, c.Metrics.Auroc.Upper95, c.Metrics.Brier,
            c.Metrics.CalibrationIntercept, c.Metrics.CalibrationSlope, TierJson.Of(c.TestTiers, policy, withEvents: true));
    }

    internal sealed record LimitsJson(
        [property: JsonPropertyName("lower_95")] double Lower95,
        [property: JsonPropertyName("upper_95")] double Upper95,
        [property: JsonPropertyName("lower_99_8")] double Lower998,
        [property: JsonPropertyName("upper_99_8")] double Upper998);

    /// <summary>A standardised-ratio unit: observed (null when suppressed), expected, ratio = observed / expected.</summary>
    internal sealed record RatioUnitJson(string Unit, double? Observed, double Expected, double? Ratio, double Z, LimitsJson Limits, string Flag, bool Outlier);

    /// <summary>A proportion unit (external input only): numerator, denominator, proportion.</summary>
    internal sealed record ProportionUnitJson(string Unit, long Numerator, long Denominator, double? Proportion, double Z, LimitsJson Limits, string Flag, bool Outlier);

    internal sealed record FunnelJson(
        string Kind, double Target, IReadOnlyList<object> Units, double Phi, double Tau2, int UnitsUsedForPhi, int UnitsTrimmed,
        bool OverdispersionApplied, int Outliers, string Disclosure)
    {
        public string OverdispersionMethod { get; init; } = "trimmed";

        public string OverdispersionLimits { get; init; } = "random_effects";

        /// <summary>φ's method and the limits' shape in words.</summary>
        public string Method { get; init; } = "";

        public IReadOnlyList<string> Warnings { get; init; } = [];
    }
}

using Strata.Cli.Evaluate;
using Strata.Cli.Infrastructure;
using Strata.Data.Evaluate;
using Strata.Domain.Foundation;

namespace Strata.Cli.Tests.Evaluate;

[Collection("cli")]
public sealed class EvaluateDemoTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("strata-evdemo-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Demo_writes_the_evaluate_report_and_summary_lines()
    {
        using var ws = Strata.Data.Foundation.Workspace.Open(EvaluateWorkspace.TwoPlaces(_dir));
        var context = new DemoContext(ws, new DirectoryInfo(_dir), new DateOnly(2024, 2, 5), DisclosurePolicy.Default);
        EvaluateCommands.Demo(context);
        var html = File.ReadAllText(Path.Combine(_dir, "report", "evaluate.html"));
        Assert.Contains("Emergency admissions per 1,000 registered population: A", html, StringComparison.Ordinal);
        Assert.Contains("Place benchmark", html, StringComparison.Ordinal);
        // The default set has four KPIs: one summary line each, plus the benchmark and the report path.
        Assert.Equal(6, context.Summary.Count(s => s.Stage == "Evaluate"));
        Assert.Contains(context.Summary, s => s.Line.StartsWith("Emergency admissions per 1,000 registered population: 2 places;", StringComparison.Ordinal));

        // Stored at every level the web reads, so an ICB, a place and a neighbourhood user each see their unit's KPIs.
        var emergency = "emergency_admissions_per_1000";
        Assert.Contains(emergency, KpiEvaluation.Stored(ws.Engine, AreaFilter.None));
        Assert.Contains(emergency, KpiEvaluation.Stored(ws.Engine, new AreaFilter(Place: "A")));
        Assert.Contains(emergency, KpiEvaluation.Stored(ws.Engine, new AreaFilter(Neighbourhood: "N2")));
        Assert.Contains(context.Summary, s => s.Line.Contains("KPIs stored at icb, place, neighbourhood level", StringComparison.Ordinal));
    }
}

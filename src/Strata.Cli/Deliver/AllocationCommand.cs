using System.CommandLine;
using System.Globalization;
using Strata.Application.Deliver;
using Strata.Cli.Infrastructure;
using Strata.Data.Deliver;
using Strata.Data.Foundation;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;
using Strata.Domain.Reporting;

namespace Strata.Cli.Deliver;

/// <summary>`strata allocate`: need-weighted target shares, distance from target and convergence, per place and neighbourhood
/// (<see cref="AllocationRun"/> in Strata.Data does the work).</summary>
public static class AllocationCommand
{
    /// <summary>A CSV of one non-negative value per area (area, <paramref name="column"/>).</summary>
    public static Dictionary<string, double> ReadAreaValues(FileInfo file, string column)
    {
        var csv = CsvInput.Read(file.FullName, "area", column);
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var row in csv.Rows)
        {
            var area = row.Text("area");
            var value = row.Double(column);
            if (value < 0)
            {
                throw row.Fail(column, "must be ≥ 0");
            }
            if (!result.TryAdd(area, value))
            {
                throw row.Fail("area", $"'{area}' appears twice");
            }
        }
        return result;
    }

    public static string Html(AllocationReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        static string F(double? v, string format) => v?.ToString(format, CultureInfo.InvariantCulture) ?? "suppressed";
        var page = new HtmlReport("Need-weighted allocation")
            .Paragraph($"Reference date {r.ReferenceDate:yyyy-MM-dd}; health-inequalities share {r.HiShare:P0}; morbidity cells with fewer than {r.MinCellPeople} people use their age-sex mean. Target share = (1 − HI) × need-weighted share + HI × unmet-need share.");
        foreach (var level in r.Levels)
        {
            page.Heading($"By {level.Level}").Table($"Target shares by {level.Level}",
                ["Area", "Population", "Age-sex index", "Morbidity factor", "Need-weighted population", "Core component", "HI component", "Target share", "Target £", "Current £", "Distance from target"],
                level.Areas.Select(a => (IReadOnlyList<string>)[a.Area, a.Population?.ToString(CultureInfo.InvariantCulture) ?? "suppressed",
                    F(a.AgeSexIndex, "0.000"), F(a.MorbidityFactor, "0.000"), F(a.NeedWeighted, "N0"), F(a.CoreComponent, "P2"),
                    F(a.InequalitiesComponent, "P2"), F(a.TargetShare, "P2"), F(a.TargetAmount, "N0"), F(a.Current, "N0"), F(a.DistanceFromTarget, "P1")]));
            if (level.Convergence is { Count: > 0 } path)
            {
                var chart = new SvgChart($"Convergence by {level.Level}: distance from target each year", "Year", "Distance from target (%)");
                foreach (var (area, i) in path.Select(s => s.Area).Distinct().Select((a, i) => (a, i)))
                {
                    chart.Line(area, path.Where(s => s.Area == area).Select(s => ((double)s.Year, 100 * s.DistanceFromTarget)), SvgChart.Palette[i % SvgChart.Palette.Count]);
                }
                page.Chart(chart.XTicks(path.Select(s => s.Year).Distinct().Select(y => ((double)y, y.ToString(CultureInfo.InvariantCulture)))));
                page.Table($"Convergence path by {level.Level}", ["Year", "Area", "Previous £", "Floor £", "Gap extra £", "Residual £", "Allocation £", "Target £", "Distance", "Above cap"],
                    path.Select(s => (IReadOnlyList<string>)[s.Year.ToString(CultureInfo.InvariantCulture), s.Area, F(s.Previous, "N0"), F(s.FloorAmount, "N0"),
                        F(s.GapExtra, "N0"), F(s.ResidualShare, "N0"), F(s.Allocation, "N2"), F(s.Target, "N0"), F(s.DistanceFromTarget, "P1"), s.AboveCap ? "yes" : "no"]));
            }
        }
        page.Heading("Age-sex cost index").Table("Mean spend per head by age band and sex, relative to everyone", ["Age band", "Sex", "People", "Mean £", "Index"],
            r.AgeSexCells.Select(c => (IReadOnlyList<string>)[c.AgeBand, c.Sex, c.People?.ToString(CultureInfo.InvariantCulture) ?? "suppressed", F(c.MeanCost, "N0"), F(c.Index, "0.000")]));
        return page.ToHtml(r.Disclosure);
    }

    public static Command Create()
    {
        var workspace = CommonOptions.Workspace();
        var json = CommonOptions.Json();
        var noDisclosure = CommonOptions.NoDisclosure();
        var at = CommonOptions.Date("--at", "Reference date D (yyyy-mm-dd); default the end of the data (last activity date).");
        var budget = new Option<double?>("--budget") { Description = "Budget (£) to allocate in year 1." };
        var current = new Option<FileInfo?>("--current") { Description = "CSV (area, current) of the current allocation, for places or neighbourhoods." };
        var hi = new Option<double>("--hi-share") { Description = "Share of the total distributed by unmet need.", DefaultValueFactory = _ => AllocationCalculator.DefaultInequalitiesShare };
        var imd = new Option<string>("--imd-weights") { Description = "Unmet-need weights for IMD quintiles 1..5 (1 = most deprived).", DefaultValueFactory = _ => AllocateRequest.DefaultImdWeights };
        var minCell = new Option<int>("--min-cell") { Description = "Morbidity cells with fewer people use their age-sex mean.", DefaultValueFactory = _ => AllocateRequest.DefaultMinCell };
        var years = new Option<int>("--years") { Description = "Years of convergence path (needs --current and --budget).", DefaultValueFactory = _ => 0 };
        var floor = new Option<double>("--floor") { Description = "Minimum growth every area gets each year.", DefaultValueFactory = _ => AllocateRequest.DefaultFloor };
        var cap = new Option<double>("--cap") { Description = "Areas more than this above target get floor growth only.", DefaultValueFactory = _ => AllocateRequest.DefaultCap };
        var gap = new Option<double>("--gap-closure") { Description = "Fraction of the gap to target closed each year for areas under target.", DefaultValueFactory = _ => AllocateRequest.DefaultGapClosure };
        var growth = new Option<double>("--budget-growth") { Description = "Budget growth per year after year 1.", DefaultValueFactory = _ => 0.0 };
        var unmet = new Option<FileInfo?>("--unmet-need") { Description = "CSV (area, index) of a local unmet-need index (e.g. avoidable mortality) replacing the IMD-weighted population." };
        var report = new Option<FileInfo?>("--report") { Description = "Write an HTML report page here." };
        var command = new Command("allocate", "Need-weighted target shares, distance from target and a convergence path, per place and neighbourhood.")
        {
            workspace, at, budget, current, hi, imd, unmet, minCell, years, floor, cap, gap, growth, report, json, noDisclosure,
        };
        command.SetAction(r =>
        {
            var currentAllocation = r.GetValue(current) is { } f ? ReadAreaValues(f, "current") : null;
            var unmetNeed = r.GetValue(unmet) is { } u ? ReadAreaValues(u, "index") : null;
            var request = new AllocateRequest(r.GetValue(budget), r.GetValue(at), r.GetValue(hi), r.GetValue(imd)!, r.GetValue(minCell), r.GetValue(years),
                r.GetValue(floor), r.GetValue(gap), r.GetValue(cap), r.GetValue(growth), currentAllocation, unmetNeed);
            request.Validate();
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(workspace)!);
            var policy = CommonOptions.Disclosure(r.GetValue(noDisclosure));
            // Stored as the ICB's latest allocation, as the web's Allocation page shows it.
            var stored = Output.WithProgress("Allocating", r.GetValue(json), _ => AllocateHandler.Run(ws.Engine, request, policy, Environment.UserName));
            var result = stored.Report;
            if (r.GetValue(report) is { } page)
            {
                File.WriteAllText(page.FullName, Html(result));
            }
            if (r.GetValue(json))
            {
                Output.Json(result);
                return 0;
            }
            foreach (var level in result.Levels)
            {
                Console.WriteLine($"{level.Level}: area, population, age-sex index, morbidity factor, target share, distance");
                foreach (var a in level.Areas)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {a.Area,-12} {a.Population,10} {a.AgeSexIndex,8:0.000} {a.MorbidityFactor,8:0.000} {a.TargetShare,9:P2} {a.DistanceFromTarget,8:P1}"));
                }
            }
            Console.WriteLine(result.Disclosure);
            return 0;
        });
        return command;
    }
}

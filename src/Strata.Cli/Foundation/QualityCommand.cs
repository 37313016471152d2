using System.CommandLine;
using System.Globalization;
using Strata.Cli.Infrastructure;
using Strata.Data.Foundation;
using Strata.Data.Foundation.Quality;
using Strata.Domain.Reporting;

namespace Strata.Cli.Foundation;

/// <summary>`strata quality`: the data-quality checks (docs/data-quality.md); also run after every import.</summary>
public static class QualityCommand
{
    public static Command Create()
    {
        var workspace = CommonOptions.Workspace();
        var at = new Option<DateOnly?>("--at") { Description = "Date the checks are judged at (default: the last activity date)." };
        var html = new Option<DirectoryInfo?>("--html") { Description = "Also write quality.html into this folder." };
        var json = CommonOptions.Json();
        var command = new Command("quality", "Data-quality checks: completeness, conformance and plausibility, each with a threshold and pass/fail.")
        {
            workspace, at, html, json,
        };
        command.SetAction(r =>
        {
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(workspace)!);
            var checks = Run(ws, r.GetValue(at));
            if (r.GetValue(html) is { } dir)
            {
                dir.Create();
                File.WriteAllText(Path.Combine(dir.FullName, "quality.html"), Html(checks));
            }
            if (r.GetValue(json))
            {
                Output.Json(new { Passed = checks.Count(c => c.Passed), Checks = checks.Select(c => new
                {
                    c.Id, Category = c.Category.ToString().ToLowerInvariant(), c.Table, c.Field, c.Description, FailingRows = c.Rows, c.OutOf,
                    c.FailingShare, c.MaxFailingShare, c.Passed,
                }), Note = RowNote });
                return 0;
            }
            foreach (var c in checks)
            {
                Console.WriteLine(Line(c));
            }
            Console.WriteLine(Summary(checks));
            Console.WriteLine(RowNote);
            return 0;
        });
        return command;
    }

    public const string RowNote = "Failing rows are operational counts for the data owner, not statistics about people, so they are not rounded or suppressed.";

    public static IReadOnlyList<QualityCheck> Run(Workspace ws, DateOnly? at) =>
        DataQuality.Run(ws.Engine, at ?? ActivitySpan.Last(ws.Engine) ?? DateOnly.FromDateTime(DateTime.UtcNow));

    /// <summary>One line for the import's output: how many checks pass, and which fail.</summary>
    public static string Summary(IReadOnlyList<QualityCheck> checks)
    {
        var failing = checks.Where(c => !c.Passed).Select(c => c.Id).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"Data quality: {checks.Count - failing.Count} of {checks.Count} checks pass{(failing.Count == 0 ? "." : "; failing: " + string.Join(", ", failing) + " (strata quality -w W for details).")}");
    }

    private static string Line(QualityCheck c) => string.Create(CultureInfo.InvariantCulture,
        $"  {(c.Passed ? "pass" : "FAIL"),-4} {c.Category.ToString().ToLowerInvariant(),-13} {c.Id,-28} {c.Rows,10:N0} of {c.OutOf,12:N0} ({c.FailingShare:P2}; max {c.MaxFailingShare:P0})  {c.Description}");

    private static string Html(IReadOnlyList<QualityCheck> checks) =>
        new HtmlReport("Strata: data quality")
            .Paragraph(Summary(checks))
            .Table("Checks", ["result", "category", "check", "table", "field", "failing rows", "of", "failing share", "threshold", "description"],
                checks.Select(c => (IReadOnlyList<string>)
                [
                    c.Passed ? "pass" : "FAIL", c.Category.ToString().ToLowerInvariant(), c.Id, c.Table, c.Field,
                    c.Rows.ToString("N0", CultureInfo.InvariantCulture), c.OutOf.ToString("N0", CultureInfo.InvariantCulture),
                    c.FailingShare.ToString("P2", CultureInfo.InvariantCulture), c.MaxFailingShare.ToString("P0", CultureInfo.InvariantCulture), c.Description,
                ]))
            .ToHtml(RowNote);
}

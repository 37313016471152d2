using System.Globalization;
using Strata.Data.Foundation.Quality;
using Strata.Domain.Foundation;
using Strata.Web.Infrastructure;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Stages;

/// <summary>
/// The data-quality checks as `strata quality` last stored them (docs/data-quality.md), for the /quality page and
/// API. The checks are over the whole workspace, so only ICB-scope users see them. On the web their failing-row and
/// total counts pass the disclosure policy like every other count (the CLI shows the data owner exact counts); the
/// failing share is recomputed from the published counts, and pass/fail is the check's own verdict on the exact counts.
/// </summary>
public sealed class QualityQueries(WorkspaceGate gate, DisclosurePolicy policy)
{
    public const string IcbOnly = "Data-quality checks cover the whole workspace, so they are shown to ICB-scope users only.";

    public AggregateTable Checks(WebUser user) => gate.Use(engine =>
    {
        ArgumentNullException.ThrowIfNull(user);
        const string name = "quality-checks";
        const string title = "Data-quality checks";
        if (!user.Scope.IsIcbWide)
        {
            throw new ScopeForbiddenException(IcbOnly);
        }
        var (at, checks) = DataQuality.Stored(engine);
        if (checks.Count == 0)
        {
            return AggregateTable.Missing(name, title, user.Scope.Describe(),
                "The checks have not been run on this workspace yet: they run after every import, or run `strata quality`.", policy.Statement);
        }
        var rows = checks.Select(c =>
        {
            var failing = policy.Count(c.Rows);
            var of = policy.Count(c.OutOf);
            return new object?[]
            {
                c.Passed ? "pass" : "FAIL", c.Category.ToString().ToLowerInvariant(), c.Id, c.Table, c.Field, c.Description,
                failing, of, failing is { } f && of is { } o && o > 0 ? Math.Round(100.0 * f / o, 1) : null,
                (c.MaxFailingShare * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%",
            };
        }).ToList();
        return new AggregateTable(name, title, user.Scope.Describe(), at,
            [
                new("result", "Result", ColumnKind.Text), new("category", "Category", ColumnKind.Text), new("check", "Check", ColumnKind.Text),
                new("table", "Table", ColumnKind.Text), new("field", "Field", ColumnKind.Text), new("description", "What fails", ColumnKind.Text),
                new("failing_rows", "Failing rows", ColumnKind.Count), new("out_of", "Of rows", ColumnKind.Count),
                new("failing_percent", "Failing %", ColumnKind.Rate), new("threshold", "Threshold", ColumnKind.Text),
            ],
            rows, policy.Statement);
    });
}

using Strata.Data.Engine;

namespace Strata.Data.Foundation.Web;

/// <summary>One row of web_jobs; times are UTC, status is the job status's lower-case name.</summary>
public sealed record WebJobRow(string Id, string Kind, string Target, string StartedBy, DateTime QueuedAt, DateTime? StartedAt, DateTime? FinishedAt,
    string Status, double Progress, string Message);

/// <summary>The web's job history (web_jobs, one row per job), kept so it outlives the server process.</summary>
public static class WebJobsTable
{
    public const string Table = "web_jobs";

    public static void Ensure(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.Execute($"""
            CREATE TABLE IF NOT EXISTS {Table} (
                id VARCHAR NOT NULL, kind VARCHAR NOT NULL, target VARCHAR NOT NULL, started_by VARCHAR NOT NULL,
                queued_at TIMESTAMP NOT NULL, started_at TIMESTAMP, finished_at TIMESTAMP, status VARCHAR NOT NULL,
                progress DOUBLE PRECISION NOT NULL, message VARCHAR NOT NULL)
            """);
    }

    public static void Add(IEngine engine, WebJobRow row)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(row);
        using var a = engine.Append(Table);
        a.Row(row.Id, row.Kind, row.Target, row.StartedBy, row.QueuedAt, row.StartedAt, row.FinishedAt, row.Status, row.Progress, row.Message);
    }

    /// <summary>Writes a job's times, status, progress and message over its row.</summary>
    public static void Save(IEngine engine, WebJobRow row)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(row);
        engine.Execute(
            $"UPDATE {Table} SET started_at = CAST($1 AS TIMESTAMP), finished_at = CAST($2 AS TIMESTAMP), status = $3, progress = $4, message = $5 WHERE id = $6",
            row.StartedAt, row.FinishedAt, row.Status, row.Progress, row.Message, row.Id);
    }

    /// <summary>The newest rows, newest first; with <paramref name="statuses"/> only rows in one of them.</summary>
    public static IReadOnlyList<WebJobRow> Recent(IEngine engine, int limit, IReadOnlyList<string>? statuses = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var parameters = new List<object?> { (long)Math.Clamp(limit, 1, int.MaxValue) };
        var where = "1 = 1";
        if (statuses is { Count: > 0 })
        {
            where = "status IN (" + string.Join(", ", statuses.Select(s =>
            {
                parameters.Add(s);
                return "$" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            })) + ")";
        }
        return engine.Query(
            $"""
             SELECT id, kind, target, started_by, queued_at, started_at, finished_at, status, progress, message
             FROM {Table} WHERE {where} ORDER BY queued_at DESC, id LIMIT $1
             """,
            r => new WebJobRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDateTime(4),
                r.IsDBNull(5) ? null : r.GetDateTime(5), r.IsDBNull(6) ? null : r.GetDateTime(6), r.GetString(7), r.GetDouble(8), r.GetString(9)),
            [.. parameters]);
    }
}

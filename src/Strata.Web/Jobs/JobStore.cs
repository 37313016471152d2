using System.Globalization;
using Strata.Data.Engine;

namespace Strata.Web.Jobs;

/// <summary>
/// The jobs' record in the workspace (table web_jobs, one row per job), so their history outlives the server
/// process. Written through the workspace gate by <see cref="JobQueue"/> at every change of status.
/// </summary>
public static class JobStore
{
    /// <summary>Jobs read back at start: the newest ones; older rows stay in the table.</summary>
    public const int HistoryLimit = 1_000;

    public static void Ensure(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.Execute("""
            CREATE TABLE IF NOT EXISTS web_jobs (
                id VARCHAR NOT NULL, kind VARCHAR NOT NULL, target VARCHAR NOT NULL, started_by VARCHAR NOT NULL,
                queued_at TIMESTAMP NOT NULL, started_at TIMESTAMP, finished_at TIMESTAMP, status VARCHAR NOT NULL,
                progress DOUBLE NOT NULL, message VARCHAR NOT NULL)
            """);
    }

    public static void Add(IEngine engine, Job job)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(job);
        using var a = engine.Append("web_jobs");
        a.Row(job.Id, job.Kind, job.Target, job.StartedBy, job.QueuedAt, job.StartedAt, job.FinishedAt, Status(job.Status), job.Progress, job.Message);
    }

    /// <summary>Writes a job's current status, progress, message and times over its row.</summary>
    public static void Save(IEngine engine, Job job)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(job);
        var q = engine.Dialect;
        engine.Execute(string.Create(CultureInfo.InvariantCulture,
            $"""
             UPDATE web_jobs SET started_at = {Timestamp(job.StartedAt)}, finished_at = {Timestamp(job.FinishedAt)},
                 status = {q.Quote(Status(job.Status))}, progress = {job.Progress:R}, message = {q.Quote(job.Message)}
             WHERE id = {q.Quote(job.Id)}
             """));
    }

    /// <summary>
    /// Marks the jobs a previous server process left queued or running as interrupted (the process ended before
    /// they finished); they are not re-run. Returns them as they now stand.
    /// </summary>
    public static IReadOnlyList<Job> Interrupt(IEngine engine, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var left = Load(engine, "status IN ('queued', 'running')", int.MaxValue);
        foreach (var job in left)
        {
            // Progress is recorded at each change of status, not at every tick, so the start time is what is known.
            var was = job.StartedAt is { } started
                ? string.Create(CultureInfo.InvariantCulture, $"running since {started:yyyy-MM-dd HH:mm:ss} UTC")
                : "still queued";
            job.Status = JobStatus.Interrupted;
            job.FinishedAt = at;
            job.Message = $"Interrupted: the server stopped before this job finished (it was {was}). It has not been re-run; start it again if it is still needed.";
            Save(engine, job);
        }
        return left;
    }

    /// <summary>The newest jobs, newest first.</summary>
    public static IReadOnlyList<Job> Recent(IEngine engine, int limit = HistoryLimit) => Load(engine, "1 = 1", limit);

    private static List<Job> Load(IEngine engine, string where, int limit) =>
        [.. engine.Query(
            string.Create(CultureInfo.InvariantCulture,
                $"""
                 SELECT id, kind, target, started_by, queued_at, started_at, finished_at, status, progress, message
                 FROM web_jobs WHERE {where} ORDER BY queued_at DESC, id LIMIT {Math.Clamp(limit, 1, int.MaxValue)}
                 """),
            r => new Job(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Utc(r.GetDateTime(4)), work: null)
            {
                StartedAt = r.IsDBNull(5) ? null : Utc(r.GetDateTime(5)),
                FinishedAt = r.IsDBNull(6) ? null : Utc(r.GetDateTime(6)),
                Status = ParseStatus(r.GetString(7)),
                Progress = r.GetDouble(8),
                Message = r.GetString(9),
            })];

    public static string Status(JobStatus status) => status.ToString().ToLowerInvariant();

    private static JobStatus ParseStatus(string text) =>
        Enum.TryParse<JobStatus>(text, ignoreCase: true, out var s) ? s
            : throw new InvalidOperationException($"web_jobs holds an unknown job status '{text}'.");

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static string Timestamp(DateTime? t) =>
        t is { } v ? string.Create(CultureInfo.InvariantCulture, $"TIMESTAMP '{v:yyyy-MM-dd HH:mm:ss.ffffff}'") : "NULL";
}

using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Foundation.Web;

namespace Strata.Web.Jobs;

/// <summary>
/// The jobs' record in the workspace (table web_jobs, one row per job), so their history outlives the server
/// process. Written through the workspace gate by <see cref="JobQueue"/> at every change of status.
/// </summary>
public static class JobStore
{
    /// <summary>Jobs read back at start: the newest ones; older rows stay in the table.</summary>
    public const int HistoryLimit = 1_000;

    public static void Ensure(IEngine engine) => WebJobsTable.Ensure(engine);

    public static void Add(IEngine engine, Job job) => WebJobsTable.Add(engine, Row(job));

    /// <summary>Writes a job's current status, progress, message and times over its row.</summary>
    public static void Save(IEngine engine, Job job) => WebJobsTable.Save(engine, Row(job));

    /// <summary>
    /// Marks the jobs a previous server process left queued or running as interrupted (the process ended before
    /// they finished); they are not re-run. Returns them as they now stand.
    /// </summary>
    public static IReadOnlyList<Job> Interrupt(IEngine engine, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var left = Load(engine, int.MaxValue, [Status(JobStatus.Queued), Status(JobStatus.Running)]);
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
    public static IReadOnlyList<Job> Recent(IEngine engine, int limit = HistoryLimit) => Load(engine, limit);

    private static List<Job> Load(IEngine engine, int limit, IReadOnlyList<string>? statuses = null) =>
        [.. WebJobsTable.Recent(engine, limit, statuses).Select(r => new Job(r.Id, r.Kind, r.Target, r.StartedBy, Utc(r.QueuedAt), work: null)
        {
            StartedAt = r.StartedAt is { } s ? Utc(s) : null,
            FinishedAt = r.FinishedAt is { } f ? Utc(f) : null,
            Status = ParseStatus(r.Status),
            Progress = r.Progress,
            Message = r.Message,
        })];

    private static WebJobRow Row(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(job.Id, job.Kind, job.Target, job.StartedBy, job.QueuedAt, job.StartedAt, job.FinishedAt, Status(job.Status), job.Progress, job.Message);
    }

    public static string Status(JobStatus status) => status.ToString().ToLowerInvariant();

    private static JobStatus ParseStatus(string text) =>
        Enum.TryParse<JobStatus>(text, ignoreCase: true, out var s) ? s
            : throw new InvalidOperationException($"web_jobs holds an unknown job status '{text}'.");

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
}

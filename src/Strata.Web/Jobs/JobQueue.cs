using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Strata.Data.Foundation;

namespace Strata.Web.Jobs;

public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,

    /// <summary>The server process ended while the job was queued or running; found so at the next start.</summary>
    Interrupted,
}

/// <summary>A long piece of work (import, a stage run) and how far it has got; progress runs 0..1.</summary>
public sealed class Job
{
    public Job(string id, string kind, string target, string startedBy, Func<Workspace, Action<double, string>, string> work)
        : this(id, kind, target, startedBy, DateTime.UtcNow, work)
    {
    }

    /// <summary>A job as recorded (from web_jobs); one read back from an earlier process has no work to run.</summary>
    internal Job(string id, string kind, string target, string startedBy, DateTime queuedAt, Func<Workspace, Action<double, string>, string>? work)
    {
        Id = id;
        Kind = kind;
        Target = target;
        StartedBy = startedBy;
        QueuedAt = queuedAt;
        Work = work;
    }

    public string Id { get; }

    public string Kind { get; }

    public string Target { get; }

    public string StartedBy { get; }

    public DateTime QueuedAt { get; }

    public DateTime? StartedAt { get; internal set; }

    public DateTime? FinishedAt { get; internal set; }

    public JobStatus Status { get; internal set; } = JobStatus.Queued;

    public double Progress { get; internal set; }

    public string Message { get; internal set; } = "Waiting for the workspace";

    internal Func<Workspace, Action<double, string>, string>? Work { get; }
}

/// <summary>
/// Runs long jobs one at a time in the background on the host's one workspace connection. A job holds the
/// workspace gate while it runs (DuckDB: one connection, one command at a time), so pages wait for it and then
/// see the whole result, never half of it. Every job is recorded in the workspace (<see cref="JobStore"/>, table
/// web_jobs) when queued, started and finished, and its start and end are audit-logged. At start the queue reads
/// the recorded history back, marking jobs an earlier process left queued or running as interrupted (not re-run).
/// Listing is from that history held here, so the Jobs page follows a running job's progress without waiting for
/// the workspace the job holds.
/// </summary>
public sealed class JobQueue : BackgroundService
{
    private readonly Infrastructure.WorkspaceGate _gate;
    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>();
    private readonly ConcurrentDictionary<string, Job> _jobs = new();

    public JobQueue(Infrastructure.WorkspaceGate gate)
    {
        _gate = gate;
        gate.Use(engine =>
        {
            JobStore.Ensure(engine);
            engine.InTransaction(() =>
            {
                foreach (var job in JobStore.Interrupt(engine, DateTime.UtcNow))
                {
                    Audit.AuditLog.Write(engine, job.StartedBy, "job.interrupted", job.Kind + ":" + job.Target, job.Id);
                }
            });
            foreach (var job in JobStore.Recent(engine))
            {
                _jobs[job.Id] = job;
            }
            return 0;
        });
    }

    /// <summary>Raised (on the worker thread) whenever a job's status or progress changes.</summary>
    public event Action<Job>? Changed;

    /// <summary>Jobs of this and earlier server processes, newest first.</summary>
    public IReadOnlyList<Job> All => [.. _jobs.Values.OrderByDescending(j => j.QueuedAt).ThenBy(j => j.Id, StringComparer.Ordinal)];

    public Job? Find(string id) => _jobs.TryGetValue(id, out var j) ? j : null;

    public Job Enqueue(string kind, string target, string startedBy, Func<Workspace, Action<double, string>, string> work)
    {
        var job = new Job(Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..12], kind, target, startedBy, work);
        _gate.Use(engine =>
        {
            JobStore.Add(engine, job);
            Audit.AuditLog.Write(engine, startedBy, "job.start", kind + ":" + target, job.Id);
            return 0;
        });
        _jobs[job.Id] = job;
        _queue.Writer.TryWrite(job);
        Changed?.Invoke(job);
        return job;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            // The engine call is synchronous; run it off the request threads.
            await Task.Run(() => Run(job), stoppingToken);
        }
    }

    /// <summary>Longest failure message kept: enough for file, line, field and reason, never a whole record.</summary>
    public const int MaxMessageLength = 300;

    /// <summary>
    /// What a failed job says to every signed-in user (Jobs page, /api/jobs, web_audit): input and argument errors
    /// keep their first line (they name file, line, field and reason); engine errors, whose text can quote a record,
    /// are reduced to their kind.
    /// </summary>
    public static string FailureMessage(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is System.Data.Common.DbException)
        {
            return "The engine could not complete the job (" + e.GetType().Name + "); the server log has no more detail for users.";
        }
        var first = e.Message.Split('\n', 2)[0].Trim();
        return first.Length <= MaxMessageLength ? first : first[..MaxMessageLength] + "…";
    }

    private void Run(Job job)
    {
        job.Status = JobStatus.Running;
        job.StartedAt = DateTime.UtcNow;
        job.Message = "Started";
        _gate.Use(engine =>
        {
            JobStore.Save(engine, job);
            return 0;
        });
        Changed?.Invoke(job);
        try
        {
            var result = _gate.UseWorkspace(ws => job.Work!(ws, (fraction, message) =>
            {
                job.Progress = Math.Clamp(fraction, 0, 1);
                job.Message = message;
                Changed?.Invoke(job);
            }));
            job.Progress = 1;
            job.Message = result;
            job.Status = JobStatus.Succeeded;
        }
#pragma warning disable CA1031 // A failed job is reported to its user, never allowed to stop the server.
        catch (Exception e)
#pragma warning restore CA1031
        {
            job.Status = JobStatus.Failed;
            job.Message = FailureMessage(e);
        }
        job.FinishedAt = DateTime.UtcNow;
        try
        {
            _gate.Use(engine =>
            {
                JobStore.Save(engine, job);
                Audit.AuditLog.Write(engine, job.StartedBy, "job." + JobStore.Status(job.Status), job.Kind + ":" + job.Target, job.Message);
                return 0;
            });
        }
        catch (ObjectDisposedException)
        {
            // The server stopped (and closed the workspace) while the job ran; its row still says running, so the
            // next start marks it interrupted.
            return;
        }
        Changed?.Invoke(job);
    }
}

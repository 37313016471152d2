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
}

/// <summary>A long piece of work (import, a stage run) and how far it has got; progress runs 0..1.</summary>
public sealed class Job(string id, string kind, string target, string startedBy, Func<Workspace, Action<double, string>, string> work)
{
    public string Id { get; } = id;

    public string Kind { get; } = kind;

    public string Target { get; } = target;

    public string StartedBy { get; } = startedBy;

    public DateTime QueuedAt { get; } = DateTime.UtcNow;

    public JobStatus Status { get; internal set; } = JobStatus.Queued;

    public double Progress { get; internal set; }

    public string Message { get; internal set; } = "Waiting for the workspace";

    internal Func<Workspace, Action<double, string>, string> Work { get; } = work;
}

/// <summary>
/// Runs long jobs one at a time in the background on the host's one workspace connection. A job holds the
/// workspace gate while it runs (DuckDB: one connection, one command at a time), so pages wait for it and then
/// see the whole result, never half of it. Jobs are kept in memory for the life of the server; their start and
/// end are audit-logged here.
/// </summary>
public sealed class JobQueue(Infrastructure.WorkspaceGate gate) : BackgroundService
{
    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>();
    private readonly ConcurrentDictionary<string, Job> _jobs = new();

    /// <summary>Raised (on the worker thread) whenever a job's status or progress changes.</summary>
    public event Action<Job>? Changed;

    public IReadOnlyList<Job> All => [.. _jobs.Values.OrderByDescending(j => j.QueuedAt)];

    public Job? Find(string id) => _jobs.TryGetValue(id, out var j) ? j : null;

    public Job Enqueue(string kind, string target, string startedBy, Func<Workspace, Action<double, string>, string> work)
    {
        var job = new Job(Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..12], kind, target, startedBy, work);
        _jobs[job.Id] = job;
        gate.Use(engine =>
        {
            Audit.AuditLog.Write(engine, startedBy, "job.start", kind + ":" + target, job.Id);
            return 0;
        });
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

    private void Run(Job job)
    {
        job.Status = JobStatus.Running;
        job.Message = "Started";
        Changed?.Invoke(job);
        try
        {
            var result = gate.UseWorkspace(ws => job.Work(ws, (fraction, message) =>
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
            job.Message = e.Message;
        }
        gate.Use(engine =>
        {
            Audit.AuditLog.Write(engine, job.StartedBy, "job." + job.Status.ToString().ToLowerInvariant(), job.Kind + ":" + job.Target, job.Message);
            return 0;
        });
        Changed?.Invoke(job);
    }
}

using Strata.Data.Deliver;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;

namespace Strata.Application.Deliver;

/// <summary>
/// Runs a need-weighted allocation (<see cref="AllocationRun"/>) and keeps it in the Deliver record store for the
/// scope that ran it, so the Allocation page and GET /api/allocation show what `strata allocate`, the page and the
/// demo computed: one pipeline whoever asks.
/// </summary>
public static class AllocateHandler
{
    public static StoredAllocation Run(IEngine engine, AllocateRequest request, DisclosurePolicy policy, string actor, string area = DeliverRecords.Icb)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var at = ActivitySpan.Resolve(engine, request.At, "at");
        var run = request.ToRun(at);
        AllocationReport report;
        try
        {
            report = AllocationRun.Run(engine, run, policy);
        }
        catch (InvalidOperationException e)
        {
            // A budget below the floor (last year + floor growth), or no people or spend in the year to D: the
            // user's settings, not a fault.
            throw new StrataValidationException(e.Message.Contains("below the floor", StringComparison.Ordinal) ? "budget" : "at", e.Message);
        }
        return AllocationRun.Record(engine, run, report, actor, area);
    }
}

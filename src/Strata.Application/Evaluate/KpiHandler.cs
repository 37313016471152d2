using Strata.Data.Engine;
using Strata.Data.Evaluate;
using Strata.Domain.Foundation;

namespace Strata.Application.Evaluate;

/// <summary>
/// Computes and stores (evaluate_kpi_series) every KPI of a definitions set at each level asked for: the one
/// pipeline `strata kpi`, the web's KPI job and `strata demo` run, so the Evaluation page shows what they printed.
/// </summary>
public static class KpiHandler
{
    /// <returns>One released run per level, in the order asked.</returns>
    public static IReadOnlyList<KpiRun> Run(IEngine engine, KpiRequest request, DisclosurePolicy policy, Action<double, string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var set = request.Definitions is { } f ? KpiDefinitions.Read(f) : KpiDefinitions.Default();
        var runs = new List<KpiRun>();
        for (var i = 0; i < request.Levels.Count; i++)
        {
            var from = i / (double)request.Levels.Count;
            var level = request.Levels[i];
            runs.Add(KpiEvaluation.Run(engine, set, level, policy,
                (p, m) => progress?.Invoke(from + p / request.Levels.Count, $"{level.ToString().ToLowerInvariant()}: {m}")));
        }
        return runs;
    }
}

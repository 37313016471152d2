using Strata.Domain.Evaluate;
using Strata.Domain.Foundation;

namespace Strata.Application.Evaluate;

/// <summary>
/// KPI series with SPC and equity, as `strata kpi`, the web's KPI job and the demo ask for them. Validated once.
/// </summary>
/// <param name="Definitions">A KPI definitions file (JSON); null is the shipped set.</param>
/// <param name="Levels">The units to compute and store: ICB, place, neighbourhood and/or provider.</param>
public sealed record KpiRequest(string? Definitions, IReadOnlyList<KpiLevel> Levels)
{
    /// <summary>The levels the web reads (an ICB user sees the ICB row; place and neighbourhood users their own).</summary>
    public static readonly IReadOnlyList<KpiLevel> WebLevels = [KpiLevel.Icb, KpiLevel.Place, KpiLevel.Neighbourhood];

    public void Validate()
    {
        if (Levels is not { Count: > 0 })
        {
            throw new StrataValidationException("level", "give at least one of icb, place, neighbourhood, provider");
        }
        if (Levels.Any(l => !Enum.IsDefined(l)))
        {
            throw new StrataValidationException("level", "must be icb, place, neighbourhood or provider");
        }
        if (Definitions is { } f && !File.Exists(f))
        {
            throw new StrataValidationException("definitions", $"no KPI definitions file '{f}'");
        }
    }
}

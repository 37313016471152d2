using System.Text.Json;
using Strata.Data.Engine;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Plan;

/// <summary>One scenario run: the simulation, its disclosure-controlled summary and the id it is stored under.</summary>
public sealed record ScenarioOutcome(ScenarioRun Run, ScenarioReport Report, string ScenarioId);

/// <summary>
/// Builds, runs, summarises and stores one scenario: the Plan stage's run, shared by `strata scenario run`, the
/// demo and the web's scenario job.
/// </summary>
public static class ScenarioRunner
{
    public static ScenarioOutcome Run(IEngine engine, PlanBaseline baseline, IReadOnlyList<Intervention> interventions, GrowthAssumptions growth,
        ScenarioSettings settings, ScenarioOptions options, int years, string name, DisclosurePolicy policy, Action<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(interventions);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        var model = ScenarioModel.Build(baseline, growth, interventions, years);
        var run = MonteCarlo.Run(model, settings.Finance, options, progress);
        var report = ScenarioReport.Build(run, policy, settings.PaymentModels);
        var parameters = JsonSerializer.Serialize(new
        {
            years, runs = options.Runs, seed = options.Seed, noise = options.Noise,
            discount_rate = settings.Finance.DiscountRate, variable_share = settings.Finance.DefaultVariableShare,
            interventions = interventions.Select(i => $"{i.Id}@{i.Version}"),
            ndg = growth.Ndg,
            population = growth.Population?.Variants.Select(v => $"{v.Name}:{v.Weight}"),
            health_status = growth.Population?.Health is { } h ? new[] { h.YearsPerYear.Lo, h.YearsPerYear.Hi } : null,
        });
        var id = ScenarioStore.Save(engine, "scenario", name, baseline.ReferenceDate, report, parameters);
        return new ScenarioOutcome(run, report, id);
    }
}

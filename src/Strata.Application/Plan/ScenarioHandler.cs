using Strata.Data.Deliver;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Application.Plan;

/// <summary>A stored scenario, the reference date of the cells it started from and the interventions it modelled.</summary>
public sealed record ScenarioResult(ScenarioOutcome Outcome, DateOnly ReferenceDate, IReadOnlyList<Intervention> Interventions);

/// <summary>
/// Runs and stores a scenario (<see cref="ScenarioRunner"/>) for the CLI, the web's scenario job and the demo alike:
/// the same baseline cells, growth, settings, contracts and limits whoever asks.
/// </summary>
public static class ScenarioHandler
{
    public static ScenarioResult Run(IEngine engine, ScenarioRequest request, DisclosurePolicy policy, Action<double, string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var interventions = request.ResolveInterventions();
        progress?.Invoke(0.02, "Loading the baseline cells");
        var at = ReferenceDate.ParseOptional(request.At, "at") is { } given ? ActivitySpan.Resolve(engine, given, "at") : (DateOnly?)null;
        var baseline = PlanCells.Load(engine, at);
        var settings = request.ResolveSettings();
        if (request.UseContracts)
        {
            settings = settings with { PaymentModels = ContractPaymentModels(engine, settings.PaymentModels) };
        }
        var outcome = ScenarioRunner.Run(engine, baseline, interventions, request.ResolveGrowth(baseline.ReferenceDate), settings,
            new ScenarioOptions(request.Runs, request.Seed, true, request.Threads), request.Years, request.Name, policy,
            f => progress?.Invoke(0.05 + f * 0.9, "Monte Carlo runs"));
        return new ScenarioResult(outcome, baseline.ReferenceDate, interventions);
    }

    /// <summary>Each provider's recorded contract as its payment model (one contract per provider), over the given models.</summary>
    public static Dictionary<string, IProviderPaymentModel> ContractPaymentModels(IEngine engine, IReadOnlyDictionary<string, IProviderPaymentModel> models)
    {
        var result = new Dictionary<string, IProviderPaymentModel>(models, StringComparer.Ordinal);
        foreach (var g in ContractBook.Current(engine).Select(x => x.Contract).GroupBy(c => c.Provider))
        {
            if (g.Count() > 1)
            {
                throw new StrataValidationException("contracts", $"provider '{g.Key}' has {g.Count()} contracts ({string.Join(", ", g.Select(c => c.ContractId))}); "
                    + "its payment model would be ambiguous — give it in the settings' payment_models instead.");
            }
            result[g.Key] = new ContractPaymentModel(g.Single());
        }
        return result;
    }
}

using Strata.Domain.Reporting;
using System.Globalization;
using System.Text.Json;
using Strata.Data.Deliver;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;
using Strata.Web.Audit;
using Strata.Web.Infrastructure;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Stages;

/// <summary>How a contract's payment is simulated from the web: stand-in outturns (<see cref="IllustrativeOutturns"/>).</summary>
public sealed record SimulationSettings(int Runs = 500, ulong Seed = 42, double DemandSd = IllustrativeOutturns.DefaultDemandSd,
    double UnitCostSd = IllustrativeOutturns.DefaultUnitCostSd);

/// <summary>A contract's simulated payment: the distribution by year and the payment curve the corridor gives.</summary>
/// <param name="Curve">Payment at baseline activity for costs 70%-130% of the agreed value.</param>
/// <param name="Points">Each simulated outturn's cost and payment (for the chart).</param>
public sealed record ContractSimulationView(StoredContract Contract, SimulationSettings Settings, AggregateTable Years, AggregateTable Curve,
    IReadOnlyList<(double Cost, double Payment)> Points);

/// <summary>A pooled-budget agreement with its year end as the Deliver stage computes it (<see cref="PooledBudget.YearEnd"/>).</summary>
public sealed record PoolView(PoolAgreement Agreement, PoolYearEnd YearEnd, AggregateTable Partners, int Version, string RecordedBy, DateTime RecordedAt);

/// <summary>
/// Contracts and pooled budgets from the web: listed from the Deliver record store, created through
/// <see cref="ContractBook"/> (the validation `strata contract add` and `strata pool yearend` use) with an audit entry
/// in the same hold of the workspace, and simulated with <see cref="ContractSimulator"/>. Contracts and pool
/// agreements carry no place, so they are ICB-level records: ICB-scope users see them (403 otherwise); finance and
/// commissioners create them.
/// </summary>
public sealed class ContractQueries(WorkspaceGate gate, DisclosurePolicy policy)
{
    public const string IcbOnly = "Contracts and pooled budgets are ICB-level records (they name no place), so they are shown to ICB-scope users only.";

    /// <summary>Modelled money, not counts of people: the statement every contract figure carries.</summary>
    public string Statement => policy.Statement + " Contract and pool figures are agreed or modelled sums of money; no person-level counts are shown.";

    public AggregateTable Contracts(WebUser user) => gate.Use(engine =>
    {
        Check(user);
        var rows = ContractBook.Current(engine).Select(c => new object?[]
        {
            c.Contract.ContractId, c.Contract.Provider, string.Join(", ", c.Contract.Settings),
            string.Join("; ", c.Contract.Mechanisms.Select(m => m.Describe())), c.Contract.AgreedValue,
            Describe(c.Contract.Corridor), c.Version.ToString(CultureInfo.InvariantCulture), c.Actor,
            NhsFormat.Timestamp(c.At),
        }).ToList();
        return new AggregateTable("contracts", "Contracts (current versions)", user.Scope.Describe(), null,
            [
                new("contract_id", "Contract", ColumnKind.Text), new("provider", "Provider", ColumnKind.Text), new("settings", "Settings", ColumnKind.Text),
                new("mechanisms", "Payment mechanisms", ColumnKind.Text), new("agreed_value_gbp", "Agreed value (£)", ColumnKind.Pounds),
                new("corridor", "Risk/gain share corridor", ColumnKind.Text), new("version", "Version", ColumnKind.Text),
                new("recorded_by", "Recorded by", ColumnKind.Text), new("recorded_at", "Recorded at (UTC)", ColumnKind.Text),
            ],
            rows, Statement);
    });

    /// <summary>Records a contract (a new version when the id exists) and audit-logs it, in one hold of the workspace.</summary>
    public StoredContract Add(WebUser user, Contract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        CheckCreate(user);
        return gate.Use(engine =>
        {
            var stored = ContractBook.Add(engine, contract, user.Name);
            AuditLog.Write(engine, user.Name, "contract.add", "contract:" + contract.ContractId,
                string.Create(CultureInfo.InvariantCulture, $"v{stored.Version} {contract.Provider} £{contract.AgreedValue:N2}"));
            return new StoredContract(contract, stored.Version, stored.Actor, stored.At);
        });
    }

    /// <summary>The contract's payment over stand-in outturns; null when there is no such contract.</summary>
    public ContractSimulationView? Simulate(WebUser user, string contractId, SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stored = gate.Use(engine =>
        {
            Check(user);
            return ContractBook.Current(engine).FirstOrDefault(c => c.Contract.ContractId == contractId);
        });
        if (stored is null)
        {
            return null;
        }
        var outturns = IllustrativeOutturns.Draw(stored.Contract, settings.Runs, settings.Seed, settings.DemandSd, settings.UnitCostSd);
        var sim = ContractBook.Simulate(stored, outturns, "illustrative", keepOutcomes: true);
        var years = new AggregateTable("contract-simulation", $"Contract {contractId}: payment over {sim.Outturns} simulated outturns", user.Scope.Describe(), null,
            [
                new("year", "Year", ColumnKind.Text), new("runs", "Runs", ColumnKind.Text),
                new("payment_mean_gbp", "Payment mean (£)", ColumnKind.Pounds), new("payment_p10_gbp", "Payment P10 (£)", ColumnKind.Pounds),
                new("payment_p50_gbp", "Payment median (£)", ColumnKind.Pounds), new("payment_p90_gbp", "Payment P90 (£)", ColumnKind.Pounds),
                new("margin_mean_gbp", "Provider margin mean (£)", ColumnKind.Pounds), new("margin_p10_gbp", "Provider margin P10 (£)", ColumnKind.Pounds),
                new("margin_p90_gbp", "Provider margin P90 (£)", ColumnKind.Pounds),
                new("commissioner_risk_mean_gbp", "Commissioner risk mean (£)", ColumnKind.Pounds),
                new("provider_risk_mean_gbp", "Provider risk mean (£)", ColumnKind.Pounds),
            ],
            [.. sim.Years.Select(y => new object?[]
            {
                y.Year.ToString(CultureInfo.InvariantCulture), y.Runs.ToString(CultureInfo.InvariantCulture),
                R(y.Payment.Mean), R(y.Payment.P10), R(y.Payment.P50), R(y.Payment.P90),
                R(y.ProviderMargin.Mean), R(y.ProviderMargin.P10), R(y.ProviderMargin.P90),
                R(y.CommissionerRisk.Mean), R(y.ProviderRisk.Mean),
            })],
            Statement);
        // Every tenth point of the curve in the table (70%, 80%, ... 130% of the agreed value); the chart draws them all.
        var curve = ContractSimulator.PaymentCurve(stored.Contract);
        var curveTable = new AggregateTable("contract-curve", $"Contract {contractId}: payment against provider cost at baseline activity", user.Scope.Describe(), null,
            [
                new("cost_percent", "Cost (% of agreed value)", ColumnKind.Text), new("cost_gbp", "Provider cost (£)", ColumnKind.Pounds),
                new("payment_gbp", "Payment (£)", ColumnKind.Pounds), new("margin_gbp", "Provider margin (£)", ColumnKind.Pounds),
            ],
            [.. curve.Where((_, i) => i % 10 == 0).Select(p => new object?[]
            {
                (p.Cost / stored.Contract.AgreedValue * 100).ToString("0", CultureInfo.InvariantCulture), R(p.Cost), R(p.Payment), R(p.Payment - p.Cost),
            })],
            Statement);
        return new ContractSimulationView(stored, settings, years, curveTable, [.. sim.Outcomes!.Select(o => (o.Cost, o.Payment))]);
    }

    public IReadOnlyList<PoolView> Pools(WebUser user) => gate.Use(engine =>
    {
        Check(user);
        return (IReadOnlyList<PoolView>)[.. ContractBook.Pools(engine).Select(p => Pool(user, p.Agreement, p.Stored, terminating: false))];
    });

    /// <summary>Records a pooled-budget agreement with its scheme actuals and audit-logs it; returns its year end.</summary>
    public PoolView AddPool(WebUser user, PoolAgreement agreement, bool terminating)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        CheckCreate(user);
        return gate.Use(engine =>
        {
            var stored = ContractBook.AddPool(engine, agreement, user.Name);
            var view = Pool(user, agreement, stored, terminating);
            AuditLog.Write(engine, user.Name, "pool.add", "pool:" + agreement.AgreementId,
                string.Create(CultureInfo.InvariantCulture, $"v{stored.Version}; contributions £{agreement.Partners.Sum(p => p.Contribution):N2}; shared overspend £{view.YearEnd.SharedOverspend:N2}"));
            return view;
        });
    }

    /// <summary>Reads a contract posted as JSON in the format `strata contract add --input` reads (docs/deliver.md).</summary>
    public static Contract ParseContract(string json) => Parse<Contract>(json);

    /// <summary>Reads a pooled-budget agreement posted as JSON in the format `strata pool yearend --input` reads.</summary>
    public static PoolAgreement ParsePool(string json) => Parse<PoolAgreement>(json);

    private static T Parse<T>(string json)
    {
        try
        {
            return DeliverRecords.Deserialise<T>(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{(e.Path ?? "$").TrimStart('$', '.')}: {e.Message.Split(" Path:")[0]}", e);
        }
        catch (NotSupportedException e)
        {
            // e.g. a mechanism "type" that is not one of the known mechanisms (an abstract type cannot be made).
            throw new ArgumentException($"mechanisms: {e.Message.Split(" Path:")[0]}", e);
        }
    }

    private PoolView Pool(WebUser user, PoolAgreement agreement, StoredRecord stored, bool terminating)
    {
        var end = PooledBudget.YearEnd(agreement, terminating);
        var ratio = agreement.Ratio();
        var partners = new AggregateTable("pool-" + agreement.AgreementId, $"Pooled budget {agreement.AgreementId}: year end by partner", user.Scope.Describe(), null,
            [
                new("partner", "Partner", ColumnKind.Text), new("contribution_gbp", "Contribution (£)", ColumnKind.Pounds),
                new("risk_share_percent", "Risk share (%)", ColumnKind.Number), new("overspend_share_gbp", "Share of overspend (£)", ColumnKind.Pounds),
                new("returned_gbp", "Returned on termination (£)", ColumnKind.Pounds),
            ],
            [.. agreement.Partners.Select(p => new object?[]
            {
                p.Name, R(p.Contribution), Math.Round(ratio.GetValueOrDefault(p.Name) * 100, 2), R(end.PartnerShares[p.Name]), R(end.ReturnedOnTermination[p.Name]),
            })],
            Statement);
        return new PoolView(agreement, end, partners, stored.Version, stored.Actor, stored.At);
    }

    private static void Check(WebUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Roles.CanSeeContracts(user.Scope))
        {
            throw new ScopeForbiddenException(IcbOnly);
        }
    }

    private static void CheckCreate(WebUser user)
    {
        Check(user);
        if (!Roles.CanCreateContracts(user.Role))
        {
            throw new UnauthorizedAccessException($"Your role ({user.Role}) may view contracts and pooled budgets but not create them.");
        }
    }

    private static string Describe(RiskShareCorridor? c) => c is null ? "none" : string.Create(CultureInfo.InvariantCulture,
        $"provider bears ±{c.CorridorShare * 100:0.0#}%, then {c.ProviderShareBeyondCorridor * 100:0.#}% to ±{c.CapShare * 100:0.0#}%, beyond that the {c.BeyondCapBearer.ToString().ToLowerInvariant()}");

    private static double R(double v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);
}

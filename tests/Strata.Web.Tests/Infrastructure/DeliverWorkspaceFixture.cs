using Strata.Data.Deliver;
using Strata.Data.Foundation;
using Strata.Domain.Deliver;
using Strata.Web.Security;

namespace Strata.Web.Tests.Infrastructure;

/// <summary>
/// The hand-built population (<see cref="TestPopulation"/>) plus what the allocation and contract pages need:
///
///   activity: every one of the 120 people has one £1,000 contact on the reference date, so every age-sex and
///   morbidity cell costs the same (cost index 1: need-weighted population = registered population) and current
///   spend is P1 £62,000 (N1 £52,000, N2 £10,000), P2 £58,000 (N3);
///   contract c1: a £8,000 block for 40 community contacts with a ±5% corridor, then 50:50 out to ±20%;
///   pool bcf1: ICB £6,000,000 and Council £4,000,000; schemes 4.0m → 4.45m, 3.0m → 2.9m, 3.0m → 3.05m; reserve £200,000;
///   ICB-wide users fiona (finance), vera (viewer), carl (commissioner).
/// </summary>
public sealed class DeliverWorkspaceFixture : WebAppFixture
{
    public static readonly (string Name, string Role, string Scope)[] MoreUsers =
    [
        ("fiona", Roles.Finance, "ICB"),
        ("vera", Roles.Viewer, "ICB"),
        ("carl", Roles.Commissioner, "ICB"),
    ];

    public static readonly Contract C1 = new("c1", "RC1", ["community_contact"],
        new ContractBaseline(0, new Dictionary<string, double> { ["community_contact"] = 40 }),
        [new BlockPayment(8_000)], 8_000, new RiskShareCorridor(8_000, 0.05, 0.5, 0.20));

    public static readonly PoolAgreement Bcf1 = new("bcf1", ["Keep people well at home"],
        [new("ICB", 6_000_000), new("Council", 4_000_000)],
        [new("Reablement", 4_000_000, 4_450_000), new("Home adaptations", 3_000_000, 2_900_000), new("Carers", 3_000_000, 3_050_000)],
        RiskReserve: 200_000);

    protected override void Prepare(string workspacePath)
    {
        TestPopulation.Build(workspacePath);
        using var ws = Workspace.Open(workspacePath);
        var e = ws.Engine;
        var people = e.Query("SELECT person_id FROM people ORDER BY person_id", r => r.GetString(0));
        using (var a = e.Append("activity"))
        {
            foreach (var p in people)
            {
                a.Row("A" + p, p, "community_contact", "RC1", TestPopulation.ReferenceDate, null, null, 1_000m, null, null);
            }
        }
        foreach (var u in MoreUsers)
        {
            UserStore.Add(e, u.Name, u.Role, u.Scope, TestPopulation.Password);
        }
        ContractBook.Add(e, C1, "setup");
        ContractBook.AddPool(e, Bcf1, "setup");
    }
}

[CollectionDefinition("deliver")]
public sealed class DeliverCollection : ICollectionFixture<DeliverWorkspaceFixture>;

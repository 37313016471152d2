using Strata.Data.Deliver;
using Strata.Data.Foundation;
using Strata.Domain.Deliver;
using Strata.Web.Security;

namespace Strata.Web.Tests.Infrastructure;

/// <summary>
/// The hand-built population (<see cref="TestPopulation"/>) plus what the decision pages need, kept out of the shared
/// fixture so other tests' figures do not move:
///
///   users: cora (commissioner, ICB), nick (commissioner, neighbourhood N2 in place P1), paula (commissioner, place P2)
///   delegations of contract_award: neighbourhood £100,000, place £500,000, ICB £5,000,000
///   a place-tier decision D0 recorded without its place (before areas were recorded)
///   community_contact on 1 March 2025 (the last activity date) for the 12 ltc people (P1, IMD quintile 1) and the
///     30 frailty people (P2, quintile 5): affected 12 → 10 and 30 after rounding to 5, population 62 → 60 and 58 → 60
///   scenario S1's portfolio financials: stranded £10,000 + £20,000 + £30,000 = £60,000, double running
///     £5,000 + £5,000 + £0 = £10,000 over its three years; intervention frailty_hub stranded £1,000 a year
/// </summary>
public sealed class DecisionsFixture : WebAppFixture
{
    public static readonly DateOnly LastActivity = new(2025, 3, 1);

    protected override void Prepare(string workspacePath)
    {
        TestPopulation.Build(workspacePath);
        using var ws = Workspace.Open(workspacePath);
        var e = ws.Engine;
        UserStore.Add(e, "cora", Roles.Commissioner, "ICB", TestPopulation.Password);
        UserStore.Add(e, "nick", Roles.Commissioner, "neighbourhood:N2", TestPopulation.Password);
        UserStore.Add(e, "paula", Roles.Commissioner, "place:P2", TestPopulation.Password);
        foreach (var d in new Delegation[] { new("contract_award", Tier.Neighbourhood, 100_000), new("contract_award", Tier.Place, 500_000), new("contract_award", Tier.Icb, 5_000_000) })
        {
            DecisionLog.Delegate(e, d, "setup");
        }
        DeliverRecords.Append(e, "decision", "D0", "carol", DeliverRecords.Serialise(new DecisionRecord("D0", "contract_award", Tier.Place, 90_000,
            "Place decision recorded without its place", new DecisionOutcome(DecisionStatus.Approved, Tier.Place, Tier.Place, "within place's delegation"))));

        // Person ids follow TestPopulation.Groups: X0041-X0052 are the ltc people, X0088-X0117 the frailty people.
        using (var a = e.Append("activity"))
        {
            foreach (var i in Enumerable.Range(41, 12).Concat(Enumerable.Range(88, 30)))
            {
                a.Row($"A{i:0000}", $"X{i:0000}", "community_contact", "RC1", LastActivity, null, null, 50m, null, null);
            }
        }
        using var r = e.Append("scenario_results");
        foreach (var (year, stranded, doubleRunning) in new[] { (1, 10_000.0, 5_000.0), (2, 20_000.0, 5_000.0), (3, 30_000.0, 0.0) })
        {
            r.Row("S1", year, null, null, "portfolio", "stranded", "mean", stranded);
            r.Row("S1", year, null, null, "portfolio", "double_running", "mean", doubleRunning);
            r.Row("S1", year, null, null, "frailty_hub", "stranded", "mean", 1_000.0);
            r.Row("S1", year, null, null, "frailty_hub", "double_running", "mean", 0.0);
        }
    }
}

[CollectionDefinition("decisions")]
public sealed class DecisionsCollection : ICollectionFixture<DecisionsFixture>;

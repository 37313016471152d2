using Strata.Data.Deliver;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;

namespace Strata.Data.Tests.Security;

/// <summary>
/// Routes outside the profile cube publish counts with true cell keys (issue 12): the published count is the policy's
/// value for the cell's people and their summed record keys — worked out here from the workspace — not a value keyed
/// by the count alone, so two different groups of the same size are perturbed independently.
/// </summary>
public class KeyedRoutesTests(AttackWorkspaceFixture icb) : IClassFixture<AttackWorkspaceFixture>
{
    private static readonly DisclosurePolicy Policy = DisclosurePolicy.Default;

    [Fact]
    public void Equality_impact_counts_by_quintile_are_the_cell_key_values_of_their_people_in_every_scope()
    {
        var engine = icb.Workspace.Engine;
        var scopes = new List<(string? Place, string? Hood)> { (null, null) };
        scopes.AddRange(icb.Areas.Select(a => a.Place).Distinct().Select(p => ((string?)p, (string?)null)));
        scopes.AddRange(icb.Areas.Select(a => ((string?)null, (string?)a.Neighbourhood)));
        var tried = 0;
        foreach (var (place, hood) in scopes)
        {
            var published = EqualityImpactData.ByImdQuintile(engine, icb.At, ["emergency_admission"], null, Policy, place, hood);
            var parameters = new List<object?> { icb.At, icb.At.AddMonths(-12) };
            var area = place is not null ? "AND pr.place_code = $3" : hood is not null ? "AND pr.neighbourhood_code = $3" : "";
            if ((place ?? hood) is { } code)
            {
                parameters.Add(code);
            }
            var truth = engine.Query($"""
                SELECT CAST(floor((p.imd_decile + 1) / 2) AS INTEGER) AS q,
                  count(*), CAST(sum(k.record_key) AS BIGINT),
                  count(*) FILTER (WHERE e.person_id IS NOT NULL), CAST(coalesce(sum(k.record_key) FILTER (WHERE e.person_id IS NOT NULL), 0) AS BIGINT)
                FROM people p LEFT JOIN practices pr ON pr.practice_code = p.practice_code
                JOIN {DisclosureKeys.Table} k ON k.person_id = p.person_id
                LEFT JOIN (SELECT DISTINCT person_id FROM activity WHERE setting = 'emergency_admission' AND start_date > $2 AND start_date <= $1) e
                  ON e.person_id = p.person_id
                WHERE (p.death_date IS NULL OR p.death_date > $1) {area}
                GROUP BY 1
                """, r => (Q: r.GetInt32(0), Population: DisclosureKeys.Cell(r.GetInt64(1), r.GetInt64(2)), Affected: DisclosureKeys.Cell(r.GetInt64(3), r.GetInt64(4))),
                [.. parameters]).ToDictionary(t => t.Q);
            foreach (var row in published)
            {
                Assert.Equal(Policy.Count(truth[row.Quintile].Population), row.Population);
                Assert.Equal(Policy.Count(truth[row.Quintile].Affected), row.Affected);
                tried += 2;
            }
        }
        Assert.True(tried > 50, $"only {tried} cells compared");
    }
}

using Strata.Domain.Evaluate;

namespace Strata.Domain.Tests.Evaluate;

/// <summary>
/// Laney's p′ chart on a published NHS data set. Laney's own 2002 example (Quality Engineering 14(4) 531–537) is not
/// available to us in full; the closest documented published example is the one Laney co-authored for NHS use:
/// Mohammed MA, Panesar JS, Laney DB, Wilson R. "Statistical process control charts for attribute data involving
/// very large sample sizes", BMJ Quality &amp; Safety 2013;22:362–368 (doi:10.1136/bmjqs-2012-001373): patients seen
/// within 4 hours at major A&amp;E departments in England over 20 weeks. The weekly counts below are that paper's, as
/// distributed with the qicharts2 R package (data set nhs_accidents). The paper's point is qualitative: on a p chart
/// most weeks fall outside the limits (over-dispersion with n ≈ 280,000), on the p′ chart none do. The figures are
/// worked by hand from the formulas (p̄ = Σr/Σn; zᵢ = (pᵢ − p̄)/√(p̄(1 − p̄)/nᵢ); σz = mean |zᵢ − zᵢ₋₁| / 1.128):
/// p̄ = 5,324,775 / 5,587,970 = 0.952899711, σz = 10.6404219; 16 of 20 weeks outside the p limits, 0 outside p′.
/// </summary>
public class PublishedExamplesTests
{
    private static readonly long[] SeenWithin4Hours =
    [
        266501, 264225, 276532, 281461, 269071, 261215, 270409, 279778, 270483, 270320,
        267923, 271478, 255353, 256820, 261835, 259144, 255910, 260863, 264465, 260989,
    ];

    private static readonly long[] Attendances =
    [
        280443, 276823, 291681, 296155, 282343, 275888, 283867, 295251, 284468, 282529,
        279618, 283932, 266629, 268091, 276803, 271578, 266005, 273520, 278574, 273772,
    ];

    private static List<SpcCount> Weeks() =>
        [.. SeenWithin4Hours.Select((r, i) => new SpcCount(new DateOnly(2011, 1, 3).AddDays(7 * i), r, Attendances[i]))];

    private static int Outside(SpcResult r) => r.Points.Count(p => p.Value > p.Upl || p.Value < p.Lpl);

    [Fact]
    public void Mohammed_Laney_2013_nhs_four_hour_data_is_over_dispersed_on_a_p_chart_and_in_control_on_p_prime()
    {
        var options = new SpcOptions();
        var p = AttributeSpc.Analyse(Weeks(), AttributeChart.P, options);
        var prime = AttributeSpc.Analyse(Weeks(), AttributeChart.PPrime, options);
        const double PBar = 5324775.0 / 5587970.0;
        const double SigmaZ = 10.64042186349651;
        Assert.All(prime.Points, q => Assert.Equal(PBar, q.Mean, 12));
        // Week 1 (n = 280,443): σ = √(p̄(1 − p̄)/n) = 0.000400049; p′ limits p̄ ± 3 × σ × σz.
        Assert.Equal(0.9401296441775141, prime.Points[0].Lpl, 9);
        Assert.Equal(0.9656697785108682, prime.Points[0].Upl, 9);
        Assert.Equal(0.9399749965229042, prime.Points[19].Lpl, 9);
        Assert.Equal(0.9658244261654781, prime.Points[19].Upl, 9);
        // The p chart's limits are σz times narrower.
        Assert.Equal((prime.Points[0].Upl - PBar) / SigmaZ, p.Points[0].Upl - PBar, 9);
        Assert.Equal(16, Outside(p));
        Assert.Equal(0, Outside(prime));
    }
}

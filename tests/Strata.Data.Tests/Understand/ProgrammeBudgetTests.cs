using Strata.Data.Foundation;
using Strata.Data.Understand;
using Strata.Data.Understand.Pathways;
using Strata.Data.Understand.Variation;
using Strata.Domain.Foundation;

namespace Strata.Data.Tests.Understand;

public class ProgrammeBudgetTests
{
    private static readonly DateOnly D = new(2025, 3, 31);

    private static string CategoryOf(string setting, string? diagnosis)
    {
        using var w = new World().Person("a").Activity("a", setting, "2024-06-01", diagnosis);
        return w.Ws.Engine.Scalar<string>($"SELECT category_code FROM ({ProgrammeBudget.MappedSql(w.Ws.Engine.Dialect, D.AddYears(-1), D)}) m")!;
    }

    [Theory]
    [InlineData("emergency_admission", "A00", "01")]
    [InlineData("emergency_admission", "B99", "01")]
    [InlineData("elective_admission", "C50.9", "02")]
    [InlineData("elective_admission", "D48", "02")]
    [InlineData("elective_admission", "D50", "03")]
    [InlineData("emergency_admission", "E11", "04")]
    [InlineData("emergency_admission", "E90", "04")]
    [InlineData("mental_health_contact", "F69", "05")]
    [InlineData("mental_health_contact", "F70", "06")]
    [InlineData("mental_health_contact", "F79", "06")]
    [InlineData("mental_health_contact", "F80", "05")]
    [InlineData("daycase", "H59", "08")]
    [InlineData("daycase", "H60", "09")]
    [InlineData("emergency_admission", "I21.0", "10")]
    [InlineData("emergency_admission", "J44", "11")]
    [InlineData("daycase", "K14", "12")]
    [InlineData("daycase", "K20", "13")]
    [InlineData("elective_admission", "M17.9", "15")]
    [InlineData("emergency_admission", "S72.00", "16")]
    [InlineData("emergency_admission", "T35", "16")]
    [InlineData("emergency_admission", "T36", "20")]
    [InlineData("emergency_admission", "T65", "20")]
    [InlineData("emergency_admission", "T66", "16")]
    [InlineData("emergency_admission", "N39.0", "17")]
    [InlineData("maternity", "O80.0", "18")]
    [InlineData("emergency_admission", "P96", "19")]
    [InlineData("gp_appointment", "Z00", "21")]
    [InlineData("daycase", "Z51.1", "02")]   // chemotherapy: the longer range wins over Z00–Z99
    [InlineData("daycase", "Z51.5", "21")]
    [InlineData("emergency_admission", "R07.4", "23a")]
    [InlineData("emergency_admission", "Q21", "23a")]
    public void A_diagnosis_maps_to_its_programme_by_icd10_range_at_the_boundaries(string setting, string diagnosis, string category) =>
        Assert.Equal(category, CategoryOf(setting, diagnosis));

    [Theory]
    [InlineData("mental_health_contact", null, "05")]
    [InlineData("maternity", null, "18")]
    [InlineData("social_care", null, "22")]
    [InlineData("gp_appointment", null, ProgrammeBudget.Unmapped)]
    [InlineData("prescribing", null, ProgrammeBudget.Unmapped)]
    [InlineData("outpatient_first", null, ProgrammeBudget.Unmapped)]
    [InlineData("gp_appointment", "XX", ProgrammeBudget.Unmapped)]     // not an ICD-10 code
    [InlineData("mental_health_contact", "9Z", "05")]                  // unmappable: falls back to the setting
    [InlineData("mental_health_contact", "I10", "10")]                 // a diagnosis outranks the setting
    public void Without_a_mappable_diagnosis_the_setting_decides_and_the_rest_is_unmapped(string setting, string? diagnosis, string category) =>
        Assert.Equal(category, CategoryOf(setting, diagnosis));

    [Fact]
    public void Ranges_of_the_same_length_never_overlap_and_every_range_names_a_category()
    {
        var codes = Codelists.ProgrammeCategories.Select(c => c.Code).ToHashSet();
        Assert.All(Codelists.ProgrammeIcd10, r => Assert.Contains(r.Category, codes));
        Assert.All(Codelists.ProgrammeSettings, r => Assert.Contains(r.Category, codes));
        var ranges = Codelists.ProgrammeIcd10;
        foreach (var a in ranges)
        {
            Assert.Equal(a.From.Length, a.To.Length);
            Assert.True(string.CompareOrdinal(a.From, a.To) <= 0, $"{a.From}-{a.To}");
            foreach (var b in ranges.Where(b => b != a && b.From.Length == a.From.Length))
            {
                Assert.False(string.CompareOrdinal(a.From, b.To) <= 0 && string.CompareOrdinal(b.From, a.To) <= 0, $"{a.From}-{a.To} overlaps {b.From}-{b.To}");
            }
        }
    }

    [Fact]
    public void Spend_lists_every_category_and_adds_up_to_the_spend_of_the_window_in_the_area()
    {
        using var w = new World().Person("a").Person("b", practice: "P2");
        w.Activity("a", "emergency_admission", "2024-06-01", "I21", cost: 2500.25m)
            .Activity("a", "gp_appointment", "2024-06-02", cost: 42.10m)
            .Activity("a", "gp_appointment", "2024-03-31", cost: 1000m)          // before the window
            .Activity("b", "social_care", "2024-07-01", cost: 700m);
        var icb = ProgrammeBudget.Spend(w.Ws.Engine, D);
        Assert.Equal(Codelists.ProgrammeCategories.Count, icb.Count);
        Assert.Equal(3242.35m, icb.Sum(c => c.Cost));
        Assert.Equal(2500.25m, icb.Single(c => c.Code == "10").Cost);
        var place2 = ProgrammeBudget.Spend(w.Ws.Engine, D, new PathwayArea(FunnelLevel.Place, "PL2"));
        Assert.Equal([("22", 700m)], place2.Where(c => c.Cost != 0).Select(c => (c.Code, c.Cost)));
    }

    [Fact]
    public void Areas_are_compared_with_the_icb_on_spend_per_head_and_emergency_admissions_per_1000()
    {
        using var w = new World();
        for (var i = 0; i < 20; i++)
        {
            w.Person($"a{i}").Person($"b{i}", practice: "P2");
            w.Activity($"a{i}", "emergency_admission", "2024-06-01", "J44", cost: 300m);
            w.Activity($"b{i}", "gp_appointment", "2024-06-01", "J44", cost: 100m);
        }
        var rows = ProgrammeBudget.ByArea(w.Ws.Engine, D, FunnelLevel.Place);
        var resp = ProgrammeBudget.Compare(rows, DisclosurePolicy.Default).Where(c => c.Programme == "11").ToDictionary(c => c.Area);
        Assert.Equal(300, resp["PL1"].SpendPerHead);
        Assert.Equal(200, resp["PL1"].PeerSpendPerHead);
        Assert.Equal(1000, resp["PL1"].OutcomeRate);
        Assert.Equal(500, resp["PL1"].PeerOutcomeRate);
        Assert.Equal(Strata.Domain.Understand.SpendOutcomeQuadrant.HigherSpendWorseOutcome, resp["PL1"].Quadrant);
        Assert.Equal(Strata.Domain.Understand.SpendOutcomeQuadrant.LowerSpendBetterOutcome, resp["PL2"].Quadrant);
    }
}

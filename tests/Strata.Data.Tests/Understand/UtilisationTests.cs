using Strata.Data.Foundation;
using Strata.Data.Understand;

namespace Strata.Data.Tests.Understand;

public class UtilisationTests
{
    private static readonly DateOnly D = new(2025, 3, 31);

    private static IReadOnlyList<string> EbiOf(string setting, string diagnosis)
    {
        using var w = new World().Person("a").Activity("a", setting, "2024-06-01", diagnosis);
        return w.Ws.Engine.Query($"SELECT ebi_id FROM ({Utilisation.EbiSql(w.Ws.Engine.Dialect, D.AddYears(-1), D)}) e", r => r.GetString(0));
    }

    public static TheoryData<string, string, string> Rules()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (id, _, settings, _) in Codelists.EbiInterventions)
        {
            foreach (var (_, prefix) in Codelists.EbiIcd10.Where(x => x.Id == id))
            {
                data.Add(id, settings[0], prefix);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_rule_counts_its_diagnosis_in_its_setting_and_not_the_neighbouring_code_or_an_emergency(string id, string setting, string prefix)
    {
        Assert.Contains(id, EbiOf(setting, prefix));
        Assert.Contains(id, EbiOf(setting, prefix + (prefix.Length == 3 ? ".9" : "9")));
        // The next code up (last digit + 1) is outside the rule unless the rule lists it too.
        var next = prefix[..^1] + (char)('0' + (prefix[^1] - '0' + 1) % 10);
        if (!Codelists.EbiIcd10.Any(x => x.Id == id && next.StartsWith(x.Prefix, StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(id, EbiOf(setting, next));
        }
        Assert.DoesNotContain(id, EbiOf("emergency_admission", prefix));
    }

    [Theory]
    [InlineData("daycase", "G56.0", "carpal_tunnel_release")]
    [InlineData("daycase", "N92.0", "dc_heavy_menstrual_bleeding")]
    [InlineData("elective_admission", "N92.0", "hysterectomy_heavy_menstrual_bleeding")]
    [InlineData("daycase", "M17.9", "knee_arthroscopy_osteoarthritis")]
    public void The_setting_decides_between_interventions_for_one_diagnosis(string setting, string diagnosis, string id) =>
        Assert.Equal([id], EbiOf(setting, diagnosis));

    [Theory]
    [InlineData("daycase", "G56")]      // a shorter code than the rule's
    [InlineData("daycase", "G561")]
    [InlineData("elective_admission", "M17.9")]   // knee replacement, not arthroscopy: an inpatient spell
    [InlineData("outpatient_first", "M653")]
    public void Codes_and_settings_outside_every_rule_are_not_counted(string setting, string diagnosis) =>
        Assert.Empty(EbiOf(setting, diagnosis));

    [Fact]
    public void Rates_are_by_practice_population_and_by_provider_planned_spells_with_the_money_at_stake()
    {
        using var w = new World().Person("a").Person("b").Person("c", practice: "P2");
        w.Activity("a", "daycase", "2024-06-01", "M653", cost: 900m, provider: "T1")
            .Activity("b", "daycase", "2024-07-01", "K573", cost: 700m, provider: "T1")
            .Activity("c", "daycase", "2024-08-01", "M653", cost: 1100m, provider: "T2")
            .Activity("c", "daycase", "2024-03-31", "M653", cost: 5000m, provider: "T2");   // before the window
        var practices = Utilisation.ByUnit(w.Ws.Engine, D, EbiLevel.Practice).Where(r => r.EbiId == "trigger_finger_release").ToDictionary(r => r.Unit);
        Assert.Equal((1L, 900m, 2L), (practices["P1"].Procedures, practices["P1"].Cost, practices["P1"].Denominator));
        Assert.Equal((1L, 1100m, 1L), (practices["P2"].Procedures, practices["P2"].Cost, practices["P2"].Denominator));
        var providers = Utilisation.ByUnit(w.Ws.Engine, D, EbiLevel.Provider).Where(r => r.EbiId == "trigger_finger_release").ToDictionary(r => r.Unit);
        Assert.Equal((1L, 2L), (providers["T1"].Procedures, providers["T1"].Denominator));
    }

    [Fact]
    public void The_monthly_series_covers_whole_months_with_zeros_and_reads_fewer_as_improvement()
    {
        using var w = new World().Person("a");
        w.Activity("a", "gp_appointment", "2024-01-15")
            .Activity("a", "daycase", "2024-02-10", "M653")
            .Activity("a", "daycase", "2024-02-20", "G560")
            .Activity("a", "daycase", "2024-04-05", "I84")
            .Activity("a", "gp_appointment", "2024-05-31");
        var series = Utilisation.MonthlySeries(w.Ws.Engine);
        Assert.Equal([(new DateOnly(2024, 2, 1), 2.0), (new DateOnly(2024, 3, 1), 0.0), (new DateOnly(2024, 4, 1), 1.0), (new DateOnly(2024, 5, 1), 0.0)],
            series.Select(s => (s.Date, s.Value)));
    }

    [Fact]
    public void Follow_up_ratios_are_follow_ups_per_first_attendance_by_provider()
    {
        using var w = new World().Person("a");
        w.Activity("a", "outpatient_first", "2024-06-01", provider: "T1")
            .Activity("a", "outpatient_followup", "2024-07-01", provider: "T1")
            .Activity("a", "outpatient_followup", "2024-08-01", provider: "T1")
            .Activity("a", "outpatient_followup", "2024-08-01", provider: "T2");
        var rows = Utilisation.FollowupRatios(w.Ws.Engine, D).ToDictionary(r => r.Provider);
        Assert.Equal(2.0, rows["T1"].Ratio);
        Assert.Null(rows["T2"].Ratio);
    }
}

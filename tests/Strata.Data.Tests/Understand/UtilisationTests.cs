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

    private static IReadOnlyList<string> EbiOfProcedure(string setting, string procedure, string? diagnosis)
    {
        using var w = new World().Person("a").Activity("a", setting, "2024-06-01", diagnosis, procedure: procedure);
        return w.Ws.Engine.Query($"SELECT ebi_id FROM ({Utilisation.EbiSql(w.Ws.Engine.Dialect, D.AddYears(-1), D)}) e", r => r.GetString(0));
    }

    public static TheoryData<string, string, bool> ProcedureRules()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (id, prefix, needsDiagnosis) in Codelists.EbiOpcs4)
        {
            data.Add(id, prefix, needsDiagnosis);
        }
        return data;
    }

    [Fact]
    public void Every_intervention_has_procedure_codes_and_one_diagnosis_requirement()
    {
        Assert.All(Codelists.EbiInterventions, e => Assert.Contains(Codelists.EbiOpcs4, o => o.Id == e.Id));
        Assert.All(Codelists.EbiOpcs4.GroupBy(o => o.Id), g => Assert.Single(g.Select(o => o.NeedsDiagnosis).Distinct()));
        Assert.All(Codelists.EbiOpcs4, o => Assert.Matches("^[A-HJ-NP-Z][0-9]{2,3}$", o.Prefix));
    }

    [Theory]
    [MemberData(nameof(ProcedureRules))]
    public void Each_procedure_rule_counts_its_code_in_planned_care_and_not_the_next_code_an_emergency_or_a_missing_diagnosis(string id, string prefix, bool needsDiagnosis)
    {
        var code = prefix.Length == 3 ? prefix + "1" : prefix;
        var diagnosis = Codelists.EbiIcd10.First(x => x.Id == id).Prefix;
        var unrelated = "R69";   // ill-defined morbidity: no intervention lists it
        Assert.Contains(id, EbiOfProcedure("daycase", code, diagnosis));
        Assert.Contains(id, EbiOfProcedure("elective_admission", code, diagnosis));
        Assert.DoesNotContain(id, EbiOfProcedure("emergency_admission", code, diagnosis));
        Assert.DoesNotContain(id, EbiOfProcedure("outpatient_first", code, diagnosis));
        var next = code[..^1] + (char)('0' + (code[^1] - '0' + 1) % 10);
        if (prefix.Length == 3)
        {
            next = prefix[..^1] + (char)('0' + (prefix[^1] - '0' + 1) % 10) + "1";
        }
        if (!Codelists.EbiOpcs4.Any(x => x.Id == id && next.StartsWith(x.Prefix, StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(id, EbiOfProcedure("daycase", next, diagnosis));
        }
        if (needsDiagnosis)
        {
            Assert.DoesNotContain(id, EbiOfProcedure("daycase", code, unrelated));
            Assert.DoesNotContain(id, EbiOfProcedure("daycase", code, null));
        }
        else
        {
            Assert.Contains(id, EbiOfProcedure("daycase", code, unrelated));
        }
    }

    [Theory]
    [InlineData("daycase", "M653", "T723", "trigger_finger_release")]   // procedure and diagnosis agree
    [InlineData("daycase", "G560", "A651", "carpal_tunnel_release")]
    [InlineData("elective_admission", "M179", "W871", "knee_arthroscopy_osteoarthritis")]   // arthroscopy in an inpatient spell counts once the procedure says so
    [InlineData("daycase", "N920", "Q074", "hysterectomy_heavy_menstrual_bleeding")]       // the procedure, not the setting, tells D&C from hysterectomy
    public void A_procedure_code_decides_the_intervention(string setting, string diagnosis, string procedure, string id) =>
        Assert.Equal([id], EbiOfProcedure(setting, procedure, diagnosis));

    [Theory]
    [InlineData("daycase", "M653", "W401")]   // trigger finger diagnosis, but a knee replacement: the proxy is not used
    [InlineData("daycase", "M179", "W401")]   // knee replacement for osteoarthritis is not an arthroscopy
    [InlineData("daycase", "N920", "Q181")]   // diagnostic hysteroscopy is neither D&C nor hysterectomy
    public void A_spell_with_another_procedure_is_not_counted_by_its_diagnosis(string setting, string diagnosis, string procedure) =>
        Assert.Empty(EbiOfProcedure(setting, procedure, diagnosis));

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
    public void Follow_up_ratios_by_specialty_count_attendances_without_a_specialty_apart()
    {
        using var w = new World().Person("a").Person("b");
        w.Activity("a", "outpatient_first", "2024-06-01", specialty: "110")
            .Activity("a", "outpatient_followup", "2024-07-01", specialty: "110")
            .Activity("a", "outpatient_followup", "2024-08-01", specialty: "110")
            .Activity("b", "outpatient_first", "2024-06-01", specialty: "130")
            .Activity("b", "outpatient_followup", "2024-07-01")
            .Activity("b", "outpatient_followup", "2024-03-31", specialty: "130");   // before the 12 months
        var rows = Utilisation.FollowupRatiosBySpecialty(w.Ws.Engine, D).ToDictionary(r => r.Unit);
        Assert.Equal((1L, 2L, 2.0), (rows["110"].First, rows["110"].Followup, rows["110"].Ratio!.Value));
        Assert.Equal((1L, 0L), (rows["130"].First, rows["130"].Followup));
        Assert.Equal((0L, 1L), (rows[Utilisation.NoSpecialty].First, rows[Utilisation.NoSpecialty].Followup));
        Assert.Null(rows[Utilisation.NoSpecialty].Ratio);
    }

    /// <summary>First attendances count in the 12 months ending 183 days before D (2024-09-29), so each has 183 days of follow-up.</summary>
    private static readonly DateOnly ConversionEnd = D.AddDays(-Utilisation.ConversionDays);

    [Fact]
    public void Conversion_counts_a_planned_procedure_in_the_same_specialty_up_to_183_days_after_the_first_attendance()
    {
        using var w = new World();
        foreach (var p in new[] { "on_day", "last_day", "day_after", "other_specialty", "no_procedure", "before", "emergency", "elsewhere" })
        {
            w.Person(p);
        }
        var first = new DateOnly(2024, 1, 10);
        string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var p in new[] { "on_day", "last_day", "day_after", "other_specialty", "no_procedure", "before", "emergency", "elsewhere" })
        {
            w.Activity(p, "outpatient_first", Iso(first), specialty: "110", provider: "T1");
        }
        w.Activity("on_day", "daycase", Iso(first), "M653", procedure: "T723", specialty: "110", provider: "T1")
            .Activity("last_day", "elective_admission", Iso(first.AddDays(183)), "M179", procedure: "W401", specialty: "110", provider: "T1")
            .Activity("day_after", "daycase", Iso(first.AddDays(184)), "M653", procedure: "T723", specialty: "110", provider: "T1")
            .Activity("other_specialty", "daycase", Iso(first.AddDays(30)), "H259", procedure: "C712", specialty: "130", provider: "T1")
            .Activity("no_procedure", "daycase", Iso(first.AddDays(30)), "M653", specialty: "110", provider: "T1")
            .Activity("before", "daycase", Iso(first.AddDays(-1)), "M653", procedure: "T723", specialty: "110", provider: "T1")
            .Activity("emergency", "emergency_admission", Iso(first.AddDays(5)), "S7200", procedure: "W461", specialty: "110", provider: "T1")
            .Activity("elsewhere", "daycase", Iso(first.AddDays(40)), "M653", procedure: "T723", specialty: "110", provider: "T2");   // another provider still counts
        var row = Assert.Single(Utilisation.ConversionBySpecialty(w.Ws.Engine, D));
        Assert.Equal(("110", 8L, 3L), (row.Specialty, row.FirstAttendances, row.Converted));
    }

    [Fact]
    public void Conversion_counts_first_attendances_in_the_12_months_ending_183_days_before_D()
    {
        using var w = new World().Person("a").Person("b").Person("c");
        string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        w.Activity("a", "outpatient_first", Iso(ConversionEnd), specialty: "110")                  // last day in
            .Activity("b", "outpatient_first", Iso(ConversionEnd.AddDays(1)), specialty: "110")    // too recent to have been followed for 183 days
            .Activity("c", "outpatient_first", Iso(ConversionEnd.AddYears(-1)), specialty: "110")  // the day before the window
            .Activity("c", "outpatient_first", Iso(ConversionEnd.AddYears(-1).AddDays(1)))         // in, without a specialty
            .Activity("a", "daycase", Iso(ConversionEnd.AddDays(10)), "M653", procedure: "T723", specialty: "110");
        var rows = Utilisation.ConversionBySpecialty(w.Ws.Engine, D).ToDictionary(r => r.Specialty);
        Assert.Equal((1L, 1L, 1.0), (rows["110"].FirstAttendances, rows["110"].Converted, rows["110"].Rate!.Value));
        Assert.Equal((1L, 0L), (rows[Utilisation.NoSpecialty].FirstAttendances, rows[Utilisation.NoSpecialty].Converted));
    }

    [Fact]
    public void Follow_up_ratios_are_follow_ups_per_first_attendance_by_provider()
    {
        using var w = new World().Person("a");
        w.Activity("a", "outpatient_first", "2024-06-01", provider: "T1")
            .Activity("a", "outpatient_followup", "2024-07-01", provider: "T1")
            .Activity("a", "outpatient_followup", "2024-08-01", provider: "T1")
            .Activity("a", "outpatient_followup", "2024-08-01", provider: "T2");
        var rows = Utilisation.FollowupRatios(w.Ws.Engine, D).ToDictionary(r => r.Unit);
        Assert.Equal(2.0, rows["T1"].Ratio);
        Assert.Null(rows["T2"].Ratio);
    }
}

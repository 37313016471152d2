using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Plan;

namespace Strata.Data.Tests.Plan;

public class PlanInputsTests
{
    private static string Temp(string name, string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"strata-plan-{Guid.NewGuid():N}-{name}");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Growth_csv_by_rate_applies_to_both_sexes_with_a_star()
    {
        var g = PlanInputs.ReadGrowth(Temp("g.csv", "age_band,sex,growth_rate\n85+,*,0.04\n"));
        Assert.Equal(1.04 * 1.04, g.Factor("85+", "M", 2), 12);
        Assert.Equal(1.04, g.Factor("85+", "F", 1), 12);
        Assert.Equal(1, g.Factor("00-04", "F", 1), 12);
    }

    [Fact]
    public void Growth_csv_by_factor_and_its_errors_name_line_and_field()
    {
        var g = PlanInputs.ReadGrowth(Temp("g.csv", "age_band,sex,year,factor\n85+,F,1,1.2\n"));
        Assert.Equal(1.2, g.Factor("85+", "F", 1), 12);
        var e = Assert.Throws<InputException>(() => PlanInputs.ReadGrowth(Temp("g.csv", "age_band,sex,year,factor\n85+,F,1,1.2\n86+,F,1,1.2\n")));
        Assert.Equal((3L, "age_band"), (e.Line, e.Field));
    }

    [Fact]
    public void Ndg_option_overrides_defaults_and_rejects_unknown_settings()
    {
        var ndg = PlanInputs.ParseNdg("emergency_admission=0.03, gp_appointment=0");
        Assert.Equal(0.03, ndg["emergency_admission"]);
        Assert.Equal(0, ndg["gp_appointment"]);
        Assert.Equal(NonDemographicGrowth.Defaults["daycase"], ndg["daycase"]);
        Assert.Throws<InputException>(() => PlanInputs.ParseNdg("emergency=0.1"));
    }

    [Fact]
    public void Settings_file_reads_finance_and_payment_models()
    {
        var s = PlanInputs.ReadSettings(Path.Combine(InterventionFilesTests.Root(), "examples", "scenario-settings.json"));
        Assert.Equal(0.3, s.Finance.VariableShareOf("ae_attendance"));
        Assert.Equal(0.5, s.Finance.VariableShareOf("daycase"));
        Assert.Equal(20000, s.Finance.StepOf("ae_attendance"));
        Assert.Same(MechanismPayment.Block, s.PaymentModels["ACU0"]);
        Assert.Equal(0.3, Assert.IsType<MechanismPayment>(s.PaymentModels["ACU1"]).VariableShare);
        var e = Assert.Throws<InputException>(() => PlanInputs.ReadSettings(Temp("s.json", "{\"payment_models\": {\"X\": \"capitation\"}}")));
        Assert.Equal("$.payment_models.X", e.Field);
    }
}

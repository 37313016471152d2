using System.Globalization;
using Strata.Data.Foundation;
using Strata.Data.Understand.Risk;

namespace Strata.Data.Tests.Understand.Risk;

public class RiskFeaturesTests
{
    private static readonly DateOnly D = new(2024, 3, 31);

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static Workspace HandBuilt()
    {
        var ws = Workspace.InMemory();
        using (var p = ws.Engine.Append("people"))
        {
            p.Row("a", "F", 1950, null, "P1", null, 3, null, null, null);
            p.Row("b", "M", 1990, null, "P1", null, 10, null, null, null);
            p.Row("dead", "M", 1940, Day("2024-01-01"), "P1", null, 1, null, null, null);
            p.Row("unborn", "F", 2025, null, "P1", null, 1, null, null, null);
        }
        using (var a = ws.Engine.Append("activity"))
        {
            var n = 0;
            void Act(string person, string setting, string on, decimal cost = 100m) =>
                a.Row($"x{n++}", person, setting, "R1", Day(on), null, null, cost, null, null);
            Act("a", "emergency_admission", "2024-03-31");  // on D: prior 12 months
            Act("a", "emergency_admission", "2023-04-01");  // first day of the prior 12 months
            Act("a", "emergency_admission", "2023-03-31");  // D − 12m: 12–24 months
            Act("a", "emergency_admission", "2022-03-31");  // D − 24m: outside both windows
            Act("a", "emergency_admission", "2024-04-01");  // day after D: outcome
            Act("a", "ae_attendance", "2023-06-01");
            Act("a", "gp_appointment", "2023-10-01", 40m);
            Act("a", "gp_appointment", "2023-11-01", 40m);
            Act("b", "emergency_admission", "2025-04-01");  // after D + 12m: not the outcome
            Act("dead", "emergency_admission", "2023-12-01");
        }
        using (var c = ws.Engine.Append("conditions"))
        {
            c.Row("a", "icd10", "I50.0", Day("2020-01-01"));
            c.Row("a", "strata", "diabetes", Day("2019-01-01"));
        }
        RiskFeatures.Build(ws.Engine, D, "f", withOutcome: true);
        return ws;
    }

    private static double Value(Workspace ws, string person, string column) =>
        ws.Engine.Scalar<double>($"SELECT CAST({column} AS DOUBLE) FROM f WHERE person_id = '{person}'");

    [Fact]
    public void Only_people_alive_and_born_by_the_index_date_are_included()
    {
        using var ws = HandBuilt();
        Assert.Equal(["a", "b"], ws.Engine.Query("SELECT person_id FROM f ORDER BY person_id", r => r.GetString(0)));
    }

    [Fact]
    public void Prior_admissions_fall_in_the_right_windows()
    {
        using var ws = HandBuilt();
        Assert.Equal(2, Value(ws, "a", "n_emergency_0_12"));
        Assert.Equal(1, Value(ws, "a", "n_emergency_12_24"));
        Assert.Equal(Math.Log(3), Value(ws, "a", "log_n_emergency_0_12"), 12);
        Assert.Equal(Math.Log(2), Value(ws, "a", "log_n_emergency_12_24"), 12);
        Assert.Equal(1, Value(ws, "a", "n_ae_0_12"));
        Assert.Equal(2, Value(ws, "a", "n_gp_0_12"));
        // Spend in the prior 12 months: two admissions, one A&E attendance (100 each) and two GP appointments (40 each).
        Assert.Equal(380, Value(ws, "a", "spend_0_12"), 6);
    }

    [Fact]
    public void Outcome_is_an_emergency_admission_in_the_twelve_months_after_the_index_date()
    {
        using var ws = HandBuilt();
        Assert.Equal(1, Value(ws, "a", "outcome"));
        Assert.Equal(0, Value(ws, "b", "outcome"));
    }

    [Fact]
    public void Conditions_ltc_count_cms_and_demography_become_design_columns()
    {
        using var ws = HandBuilt();
        Assert.Equal(1, Value(ws, "a", "has_heart_failure"));
        Assert.Equal(1, Value(ws, "a", "has_diabetes"));
        Assert.Equal(2, Value(ws, "a", "ltc_count"));
        // Two LTCs: the ltc_2 band, not 3 or 4+.
        Assert.Equal(1, Value(ws, "a", "ltc_2"));
        Assert.Equal(0, Value(ws, "a", "ltc_3 + ltc_4plus"));
        Assert.Equal(1.18 + 0.75, Value(ws, "a", "cms_general"), 12);
        Assert.Equal("70-74", ws.Engine.Scalar<string>("SELECT age_band FROM f WHERE person_id = 'a'"));
        Assert.Equal(1, Value(ws, "a", "age_70_74"));
        Assert.Equal(1, Value(ws, "a", "imd_q2"));
        Assert.Equal(0, Value(ws, "a", "sex_m"));
        // b: IMD decile 10 is quintile 5, the reference level: every IMD dummy is 0.
        Assert.Equal(0, Value(ws, "b", "imd_q1 + imd_q2 + imd_q3 + imd_q4"));
        Assert.Equal(1, Value(ws, "b", "sex_m"));
    }

    [Fact]
    public void Without_outcome_the_column_is_empty_and_later_activity_is_not_read()
    {
        using var ws = HandBuilt();
        RiskFeatures.Build(ws.Engine, D, "g", withOutcome: false);
        Assert.Equal(2, ws.Engine.Scalar<long>("SELECT count(*) FROM g WHERE outcome IS NULL"));
    }
}

using Strata.Data.Foundation;
using Strata.Data.Understand;

namespace Strata.Data.Tests.Understand;

public class ConditionFlagsTests
{
    private static readonly DateOnly D = new(2025, 3, 31);

    private static HashSet<string> FlagsOf(Workspace ws, string person) =>
        [.. ws.Engine.Query($"SELECT condition FROM person_conditions WHERE person_id = '{person}'", r => r.GetString(0))];

    private static Workspace With(params (string Person, string System, string Code, string On)[] records)
    {
        var ws = Workspace.InMemory();
        using (var a = ws.Engine.Append("conditions"))
        {
            foreach (var (p, s, c, on) in records)
            {
                a.Row(p, s, c, DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return ws;
    }

    [Fact]
    public void Strata_codes_map_directly_and_icd10_by_prefix_without_the_dot()
    {
        using var ws = With(("a", "strata", "asthma", "2010-01-01"), ("a", "icd10", "E11.9", "2020-05-01"), ("a", "icd10", "N18.4", "2020-05-01"));
        ConditionFlags.Build(ws.Engine, D);
        Assert.Equal(["asthma", "diabetes", "ckd"], FlagsOf(ws, "a"));
    }

    [Fact]
    public void Records_after_the_reference_date_do_not_count()
    {
        using var ws = With(("a", "icd10", "I10", "2025-04-01"));
        ConditionFlags.Build(ws.Engine, D);
        Assert.Empty(FlagsOf(ws, "a"));
    }

    [Fact]
    public void Windowed_conditions_need_a_record_inside_the_window()
    {
        // constipation: 12 months; cancer: 5 years; palliative_care: 12 months.
        using var ws = With(("a", "icd10", "K590", "2024-03-31"), ("b", "icd10", "K590", "2024-04-01"),
            ("c", "icd10", "C50", "2020-03-31"), ("d", "icd10", "C50", "2020-04-01"));
        ConditionFlags.Build(ws.Engine, D);
        Assert.Empty(FlagsOf(ws, "a"));
        Assert.Equal(["constipation"], FlagsOf(ws, "b"));
        Assert.Empty(FlagsOf(ws, "c"));
        Assert.Equal(["cancer"], FlagsOf(ws, "d"));
    }

    [Fact]
    public void C44_is_not_cancer_and_a_hospital_diagnosis_counts()
    {
        using var ws = With(("a", "icd10", "C44.1", "2024-01-01"));
        ws.Engine.Execute("INSERT INTO activity VALUES ('x1','b','emergency_admission','RX1',DATE '2024-06-01',DATE '2024-06-03','I50.0',1000)");
        ConditionFlags.Build(ws.Engine, D);
        Assert.Empty(FlagsOf(ws, "a"));
        Assert.Equal(["heart_failure"], FlagsOf(ws, "b"));
    }
}

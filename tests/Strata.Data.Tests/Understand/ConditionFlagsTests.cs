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
        ws.Engine.Execute("INSERT INTO activity (activity_id, person_id, setting, provider_code, start_date, end_date, primary_diagnosis, cost_gbp) VALUES ('x1','b','emergency_admission','RX1',DATE '2024-06-01',DATE '2024-06-03','I50.0',1000)");
        ConditionFlags.Build(ws.Engine, D);
        Assert.Empty(FlagsOf(ws, "a"));
        Assert.Equal(["heart_failure"], FlagsOf(ws, "b"));
    }
}

/// <summary>SNOMED CT: codelist integrity and the mapping from coded records (GP events, ECDS diagnoses) to conditions.</summary>
public class SnomedConditionTests
{
    private static readonly DateOnly D = new(2025, 3, 31);

    [Fact]
    public void Every_condition_of_the_vocabulary_has_snomed_concepts_and_each_id_is_a_valid_sctid()
    {
        Assert.Equal(Codelists.Conditions.Select(c => c.Condition).Order(), Codelists.SnomedConcepts.Select(c => c.Condition).Distinct().Order());
        Assert.All(Codelists.SnomedConcepts, c =>
        {
            Assert.Matches("^[1-9][0-9]{5,17}$", c.ConceptId);
            Assert.True(Verhoeff(c.ConceptId), $"{c.ConceptId} ({c.Condition}) fails the SCTID check digit");
            Assert.Contains(c.ConceptId[^3..^1], new[] { "00", "10" }); // partition: a concept (core or an extension such as the UK's)
        });
        Assert.Equal(Codelists.SnomedConcepts.Count, Codelists.SnomedConcepts.Distinct().Count());
    }

    [Fact]
    public void Snomed_concepts_map_to_their_condition_exactly_and_others_are_reported_unmatched()
    {
        using var ws = Workspace.InMemory();
        using (var a = ws.Engine.Append("conditions"))
        {
            a.Row("a", "snomed", "44054006", new DateOnly(2020, 1, 1));   // type 2 diabetes
            a.Row("a", "snomed", "59621000", new DateOnly(2020, 1, 1));   // essential hypertension
            a.Row("b", "snomed", "4405400", new DateOnly(2020, 1, 1));    // a prefix of a concept is not that concept
            a.Row("b", "snomed", "15777000", new DateOnly(2020, 1, 1));   // prediabetes: not diabetes
            a.Row("b", "icd10", "E11", new DateOnly(2026, 1, 1));         // after D: not counted at all
        }
        ConditionFlags.Build(ws.Engine, D);

        Assert.Equal(["diabetes", "hypertension"], ws.Engine.Query("SELECT condition FROM person_conditions WHERE person_id = 'a' ORDER BY 1", r => r.GetString(0)));
        Assert.Equal(0, ws.Engine.Scalar<long>("SELECT count(*) FROM person_conditions WHERE person_id = 'b'"));
        Assert.Equal([new ConditionFlags.Coverage("snomed", 4, 2)], ConditionFlags.CodeCoverage(ws.Engine, D));
    }

    [Fact]
    public void Coverage_counts_icd10_records_and_hospital_diagnoses_separately()
    {
        using var ws = Workspace.InMemory();
        using (var a = ws.Engine.Append("conditions"))
        {
            a.Row("a", "icd10", "E11.9", new DateOnly(2020, 1, 1));
            a.Row("a", "icd10", "Z00", new DateOnly(2020, 1, 1));
            a.Row("a", "strata", "asthma", new DateOnly(2020, 1, 1));
        }
        ws.Engine.Execute("INSERT INTO activity (activity_id, person_id, setting, provider_code, start_date, end_date, primary_diagnosis, cost_gbp) VALUES ('x1','a','emergency_admission','RX1',DATE '2024-06-01',DATE '2024-06-03','R69',1000)");
        Assert.Equal(
            [new ConditionFlags.Coverage("icd10", 2, 1), new ConditionFlags.Coverage("icd10-activity", 1, 1), new ConditionFlags.Coverage("strata", 1, 0)],
            ConditionFlags.CodeCoverage(ws.Engine, D));
    }

    // The Verhoeff check digit every SNOMED CT identifier carries in its last digit.
    private static bool Verhoeff(string digits)
    {
        int[,] d =
        {
            { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 }, { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 },
            { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 }, { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 }, { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 },
            { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 }, { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 },
            { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 },
        };
        int[,] p =
        {
            { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 }, { 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 },
            { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 }, { 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 }, { 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 },
            { 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 }, { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 },
        };
        var c = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            c = d[c, p[i % 8, digits[digits.Length - 1 - i] - '0']];
        }
        return c == 0;
    }
}

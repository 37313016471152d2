using Strata.Data.Foundation;
using Strata.Data.Foundation.Import;
using Strata.Data.Foundation.Synthetic;
using Strata.Data.Understand;

namespace Strata.Data.Tests.Foundation.Import;

/// <summary>
/// `import --from gp`, `community`, `mental-health` and `prescribing` (docs/import-mappings.md): the registered
/// population from GP registrations, and CSDS, MHSDS and prescribing extracts on top of it, each derivation a test,
/// each reject reason a test; several extracts imported together with `+`.
/// </summary>
public sealed class GpExtractsImportTests : IDisposable
{
    private static readonly DateOnly D = new(2025, 3, 31);

    private readonly string _root = Directory.CreateTempSubdirectory("strata-gp-").FullName;

    private readonly Dictionary<string, List<string>> _files = new()
    {
        ["practices"] =
        [
            "practice_code,practice_name,neighbourhood_code,place_code,place_name,icb_code",
            "A1,Alpha Surgery,N1,PL1,North,QXX",
        ],
        ["providers"] =
        [
            "provider_code,provider_name,provider_type,place_code",
            "RY1,Community Trust,community,PL1",
            "RM1,Mental Health Trust,mental_health,PL1",
            "A1,Alpha Surgery,primary_care,PL1",
        ],
        ["gp_registrations"] =
        [
            "Der_Pseudo_NHS_Number,GP_Practice_Code,Registration_Start_Date,Registration_End_Date,Person_Stated_Gender_Code,Year_Of_Birth,Date_Of_Death,LSOA_Code,Ethnic_Category",
            "p1,A1,2010-01-01,,2,1950,,E01000001,A",
            "p2,A1,2015-03-01,,1,1980,,E01000001,M",
        ],
        ["gp_events"] =
        [
            "Der_Pseudo_NHS_Number,Event_Date,SNOMED_Concept_ID",
            "p1,2015-05-01,44054006",
        ],
        ["csds_contacts"] =
        [
            "Der_Pseudo_NHS_Number,Care_Contact_Identifier,Org_ID_Provider,Care_Contact_Date,Attended_Or_Did_Not_Attend,Consultation_Medium_Used,Team_Type",
            "p1,C1,RY1,2024-04-02,5,01,08",
            "p1,C2,RY1,2024-04-09,3,01,08",
            "p2,C3,RY1,2024-05-01,6,02,08",
        ],
        ["csds_referrals"] =
        [
            "Der_Pseudo_NHS_Number,Service_Request_Identifier,Org_ID_Provider,Referral_Request_Received_Date,Service_Discharge_Date",
            "p1,R1,RY1,2024-03-20,",
        ],
        ["mhsds_contacts"] =
        [
            "Der_Pseudo_NHS_Number,Care_Contact_Identifier,Org_ID_Provider,Care_Contact_Date,Attended_Or_Did_Not_Attend,Consultation_Medium_Used,Team_Type,Primary_Diagnosis_Code",
            "p2,M1,RM1,2024-06-01,5,01,C02,F32.1",
            "p2,M2,RM1,2024-06-08,2,01,C02,",
        ],
        ["prescribing"] =
        [
            "Der_Pseudo_NHS_Number,Item_ID,Practice_Code,Processing_Period_Date,BNF_Code,BNF_Description,Items,Actual_Cost",
            "p1,I1,A1,2024-04-01,0601022B0AAABAB,Metformin 500mg tablets,2,3.42",
            "p1,I2,A1,2024-05-01,0205051R0AAAMAM,Ramipril 5mg capsules,1,1.10",
        ],
    };

    public GpExtractsImportTests()
    {
        Directory.CreateDirectory(Data);
        Directory.CreateDirectory(Lookups);
        File.WriteAllText(Path.Combine(Lookups, "imd.csv"), "key,value\nE01000001,4\n");
        SusExtract.WriteReferenceLookup(Lookups, "ethnicity.csv");
        Write();
    }

    private string Data => Path.Combine(_root, "extracts");

    private string Lookups => Path.Combine(_root, "lookups");

    private ImportOptions Options(string format) => new() { Format = format, LookupsDirectory = Lookups, AsOf = D, RejectsFile = Path.Combine(_root, "rejects.csv") };

    [Fact]
    public void Gp_alone_gives_the_registered_population_and_its_coded_conditions()
    {
        using var ws = Import("gp", out var summary);

        Assert.Equal("gp-v1", summary.Format);
        Assert.Equal("p1|F|4|white,p2|M|4|black", ws.Engine.Scalar<string>(
            "SELECT string_agg(person_id || '|' || sex || '|' || imd_decile || '|' || ethnicity, ',' ORDER BY person_id) FROM people"));
        Assert.Equal(0, ws.Engine.Scalar<long>("SELECT count(*) FROM activity"));
        ConditionFlags.Build(ws.Engine, D);
        Assert.Equal(["diabetes"], ws.Engine.Query("SELECT condition FROM person_conditions WHERE person_id = 'p1'", r => r.GetString(0)));
    }

    [Fact]
    public void Community_contacts_attended_are_activity_costed_from_the_price_table_and_non_attendances_kept_apart()
    {
        using var ws = Import("community", out var summary);

        Assert.Equal("community-v1", summary.Format);
        Assert.Equal(["csds:RY1:C1|p1|community_contact|2024-04-02", "csds:RY1:C3|p2|community_contact|2024-05-01"],
            ws.Engine.Query("SELECT activity_id || '|' || person_id || '|' || setting || '|' || start_date FROM activity ORDER BY 1", r => r.GetString(0)));
        // CSDS carries no payment: every contact is priced by setting and marked as estimated.
        Assert.Equal(2 * Price("community_contact"), ws.Engine.Scalar<decimal>("SELECT sum(cost_gbp) FROM activity"));
        Assert.Equal(2, ws.Engine.Scalar<long>("SELECT count(*) FROM activity_cost_estimates WHERE basis = 'setting community_contact'"));
        Assert.Equal("p1|true", ws.Engine.Scalar<string>("SELECT person_id || '|' || did_not_attend FROM community_non_attendances"));
        Assert.Equal("p1|R1|2024-03-20", ws.Engine.Scalar<string>("SELECT person_id || '|' || referral_id || '|' || received_on FROM community_referrals"));
        Assert.Contains("csds_contacts.csv: 1 community care contacts not attended (did not attend, or cancelled by patient or provider) (kept in community_non_attendances, not loaded as activity)", summary.Notes);
    }

    [Fact]
    public void Community_referrals_are_optional()
    {
        File.Delete(Path.Combine(Data, "csds_referrals.csv"));
        using var ws = Import("community", out var summary);
        Assert.Contains("csds_referrals.csv: not in the folder (optional)", summary.Notes);
        Assert.Equal(2, ws.Engine.Scalar<long>("SELECT count(*) FROM activity"));
    }

    [Fact]
    public void An_unknown_attendance_code_is_rejected_naming_the_source_column()
    {
        _files["csds_contacts"].Add("p2,C4,RY1,2024-05-02,9,01,08");
        Write();
        using var ws = Import("community", out var summary);
        Assert.Equal("csds_contacts.csv|5|Attended_Or_Did_Not_Attend|attended or did not attend 9", Reject(ws));
        Assert.Equal((3L, 2L, 1L), summary.Files.Where(f => f.Table == "activity").Select(f => (f.Read, f.Loaded, f.Rejected)).Single());
    }

    [Fact]
    public void Mental_health_contacts_carry_their_diagnosis_and_dnas_are_kept_apart()
    {
        using var ws = Import("mental-health", out var summary);

        Assert.Equal("mhsds:RM1:M1|mental_health_contact|F32.1", ws.Engine.Scalar<string>("SELECT activity_id || '|' || setting || '|' || primary_diagnosis FROM activity"));
        Assert.Equal(Price("mental_health_contact"), ws.Engine.Scalar<decimal>("SELECT cost_gbp FROM activity"));
        Assert.Equal("2|false", ws.Engine.Scalar<string>("SELECT attended_or_did_not_attend || '|' || did_not_attend FROM mental_health_non_attendances"));
        Assert.Equal(0, summary.Rejected);
    }

    [Fact]
    public void A_contact_at_an_unknown_provider_is_rejected()
    {
        _files["mhsds_contacts"].Add("p2,M3,RZZ,2024-06-15,5,01,C02,");
        Write();
        using var ws = Import("mental-health", out _);
        Assert.Equal("mhsds_contacts.csv|4|Org_ID_Provider|RZZ", Reject(ws));
    }

    [Fact]
    public void Prescribing_lines_are_activity_with_their_actual_cost_and_bnf_code()
    {
        using var ws = Import("prescribing", out var summary);

        Assert.Equal(["rx:I1|prescribing|A1|2024-04-01|3.42", "rx:I2|prescribing|A1|2024-05-01|1.10"],
            ws.Engine.Query("SELECT activity_id || '|' || setting || '|' || provider_code || '|' || start_date || '|' || cost_gbp FROM activity ORDER BY 1", r => r.GetString(0)));
        Assert.Equal("0601022B0AAABAB|2", ws.Engine.Scalar<string>("SELECT bnf_code || '|' || items FROM prescribing_items WHERE activity_id = 'rx:I1'"));
        Assert.Equal(0, ws.Engine.Scalar<long>("SELECT count(*) FROM activity_cost_estimates"));
        Assert.Equal(0, summary.Rejected);
    }

    [Fact]
    public void A_malformed_bnf_code_or_a_missing_actual_cost_is_rejected()
    {
        _files["prescribing"].Add("p1,I3,A1,2024-06-01,ramipril,Ramipril,1,1.10");
        _files["prescribing"].Add("p1,I4,A1,2024-06-01,0205051R0AAAMAM,Ramipril 5mg capsules,1,");
        _files["prescribing"].Add("p1,I5,A1,2024-06-01,0205051R0AAAMAM,Ramipril 5mg capsules,1,1e3");
        Write();
        using var ws = Import("prescribing", out _);
        Assert.Equal(
            ["prescribing.csv|4|BNF_Code|not one of: " + string.Join(", ", Strata.Domain.Foundation.Vocabulary.Settings) + "|BNF code ramipril",
             "prescribing.csv|5|Actual_Cost|missing required value|",
             "prescribing.csv|6|Actual_Cost|not an amount (pounds, e.g. 123.45)|1e3"],
            ws.Engine.Query("SELECT file || '|' || line || '|' || field || '|' || reason || '|' || coalesce(value, '') FROM import_rejects ORDER BY line", r => r.GetString(0)));
    }

    [Fact]
    public void Several_extracts_import_together_with_one_registered_population()
    {
        using var ws = Import("community+mental-health+prescribing", out var summary);

        Assert.Equal("community-v1+mental-health-v1+prescribing-v1", summary.Format);
        Assert.Equal(2, ws.Engine.Scalar<long>("SELECT count(*) FROM people"));
        Assert.Equal("community_contact:2,mental_health_contact:1,prescribing:2", ws.Engine.Scalar<string>(
            "SELECT string_agg(setting || ':' || n, ',' ORDER BY setting) FROM (SELECT setting, count(*) AS n FROM activity GROUP BY setting) x"));
        Assert.Equal(0, summary.Rejected);
        Assert.Single(summary.Files, f => f.Table == "people");
    }

    [Fact]
    public void Importing_another_format_removes_the_last_imports_side_tables()
    {
        using var ws = Import("community", out _);
        Importer.Import(ws, Data, Options("prescribing"));
        Assert.False(ws.Engine.TableExists("community_non_attendances"));
        Assert.True(ws.Engine.TableExists("prescribing_items"));
    }

    [Fact]
    public void An_unknown_format_in_a_combination_is_refused()
    {
        Assert.False(SourceMappings.IsKnown("community+nonsense"));
        Assert.False(SourceMappings.IsKnown("strata+gp"));
        Assert.True(SourceMappings.IsKnown("sus+community+mental-health+prescribing"));
        Assert.Throws<ArgumentException>(() => SourceMappings.Get("community+nonsense"));
    }

    private static decimal Price(string setting) => NationalPrices.Prices.Single(p => p.Basis == "setting" && p.Code == setting).UnitCost;

    private static string? Reject(Workspace ws) =>
        ws.Engine.Scalar<string>("SELECT file || '|' || line || '|' || field || '|' || value FROM import_rejects");

    private Workspace Import(string format, out ImportSummary summary)
    {
        var ws = Workspace.InMemory();
        summary = Importer.Import(ws, Data, Options(format));
        Assert.All(summary.Files, f => Assert.Equal(f.Read, f.Loaded + f.Rejected));
        return ws;
    }

    private void Write()
    {
        foreach (var (name, lines) in _files)
        {
            File.WriteAllText(Path.Combine(Data, name + ".csv"), string.Join("\n", lines) + "\n");
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

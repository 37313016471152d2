namespace Strata.Data.Tests.Foundation.Import;

/// <summary>
/// A small, hand-built, fully valid set of format v1 files in a temp folder. Tests append or replace lines to
/// break exactly one rule; line numbers follow the CSV convention (header is line 1).
/// </summary>
public sealed class ImportFolder : IDisposable
{
    public static readonly DateOnly AsOf = new(2025, 3, 31);

    private readonly Dictionary<string, List<string>> _files = new()
    {
        ["practices"] =
        [
            "practice_code,practice_name,neighbourhood_code,place_code,place_name,icb_code",
            "A1,Alpha Surgery,N1,PL1,North,QXX",
            "A2,\"Beta, Practice\",N2,PL2,South,QXX",
        ],
        ["providers"] =
        [
            "provider_code,provider_name,provider_type,place_code",
            "R1,General Hospital,acute,PL1",
            "R2,Community Trust,community,",
        ],
        ["people"] =
        [
            "person_id,sex,year_of_birth,death_date,practice_code,lsoa_code,imd_decile,ethnicity",
            "p1,F,1950,,A1,E01000001,3,white",
            "p2,M,1980,2024-06-30,A2,,7,",
            "p3,U,2001,,A1,E01000002,10,asian",
        ],
        ["conditions"] =
        [
            "person_id,code_system,code,recorded_on",
            "p1,strata,diabetes,2020-05-01",
            "p2,icd10,I10,2023-01-01",
            "p2,snomed,38341003,2023-01-01",
        ],
        ["activity"] =
        [
            "activity_id,person_id,setting,provider_code,start_date,end_date,primary_diagnosis,cost_gbp",
            "a1,p1,emergency_admission,R1,2024-01-10,2024-01-15,I21,2500.50",
            "a2,p2,gp_appointment,R2,2024-06-01,,,30",
            "a3,p3,outpatient_first,R1,2024-03-03,,,150.00",
        ],
    };

    public ImportFolder()
    {
        Root = Directory.CreateTempSubdirectory("strata-import-").FullName;
        Data = Path.Combine(Root, "data");
        Directory.CreateDirectory(Data);
        Write();
    }

    public string Root { get; }

    /// <summary>The import folder holding the five files.</summary>
    public string Data { get; }

    public string RejectsFile => Path.Combine(Root, "rejects.csv");

    /// <summary>Rows of a file as written (header first), so tests can count lines.</summary>
    public IReadOnlyList<string> Lines(string table) => _files[table];

    /// <summary>Appends a data line and returns its line number.</summary>
    public int Append(string table, string line)
    {
        _files[table].Add(line);
        Write();
        return _files[table].Count;
    }

    public void Replace(string table, int lineNumber, string line)
    {
        _files[table][lineNumber - 1] = line;
        Write();
    }

    public void Write()
    {
        foreach (var (table, lines) in _files)
        {
            File.WriteAllText(Path.Combine(Data, table + ".csv"), string.Join("\n", lines) + "\n");
        }
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

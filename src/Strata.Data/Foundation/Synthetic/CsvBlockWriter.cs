using System.Text;
using Strata.Domain.Foundation;
using Strata.Domain.Foundation.Synthetic;

namespace Strata.Data.Foundation.Synthetic;

/// <summary>
/// Formats one block of simulated people into import-format-v1 CSV rows (people, conditions, activity) and the
/// truth rows, in memory, so blocks can be simulated in parallel and written to the files in order.
/// </summary>
public sealed class CsvBlockWriter : ISyntheticSink
{
    /// <summary>activity_id = person_id + this many base-36 characters of the person's event sequence.</summary>
    public const int ActivitySequenceLength = 3;

    private static readonly byte[][] SettingNames = [.. Vocabulary.Settings.Select(Encoding.ASCII.GetBytes)];
    private static readonly byte[][] EthnicNames = [.. Vocabulary.EthnicGroups.Select(Encoding.ASCII.GetBytes)];
    private static readonly byte[][] ConditionNames = [.. ConditionModel.Rates.Select(r => Encoding.ASCII.GetBytes(r.Condition))];

    private readonly byte[][] _practiceCodes;
    private readonly byte[][] _providerCodes;
    private readonly byte[] _personId = new byte[PersonToken.Length];
    private int _sequence;

    public CsvBlockWriter(SyntheticModel model)
    {
        _practiceCodes = [.. model.Layout.Practices.Select(p => Encoding.ASCII.GetBytes(p.Code))];
        _providerCodes = [.. model.Layout.Providers.Select(p => Encoding.ASCII.GetBytes(p.Code))];
        Simulator = new PersonSimulator(model);
    }

    public PersonSimulator Simulator { get; }

    public Utf8Buffer PeopleBuffer { get; } = new();
    public Utf8Buffer ConditionsBuffer { get; } = new();
    public Utf8Buffer ActivityBuffer { get; } = new(1 << 20);
    public Utf8Buffer TruthBuffer { get; } = new();

    public long PeopleRows { get; private set; }
    public long ConditionRows { get; private set; }
    public long ActivityRows { get; private set; }
    public long TruthRows { get; private set; }

    public void Clear()
    {
        PeopleBuffer.Clear();
        ConditionsBuffer.Clear();
        ActivityBuffer.Clear();
        TruthBuffer.Clear();
        PeopleRows = ConditionRows = ActivityRows = TruthRows = 0;
    }

    public void Person(in SyntheticPerson person)
    {
        PersonToken.Write(person.Token, _personId);
        _sequence = 0;
        var b = PeopleBuffer;
        b.Bytes(_personId);
        b.Comma();
        b.Byte((byte)person.Sex);
        b.Comma();
        b.Int(person.YearOfBirth);
        b.Comma();
        if (person.DeathDay != PersonSimulator.NoDay)
        {
            b.Date(person.DeathDay);
        }
        b.Comma();
        b.Bytes(_practiceCodes[person.Practice]);
        b.Comma();
        if (person.Lsoa >= 0)
        {
            b.Bytes("E01"u8);
            var n = person.Lsoa;
            Span<byte> digits = stackalloc byte[6];
            for (var i = 5; i >= 0; i--)
            {
                digits[i] = (byte)('0' + n % 10);
                n /= 10;
            }
            b.Bytes(digits);
        }
        b.Comma();
        b.Int(person.Decile);
        b.Comma();
        if (person.Ethnicity >= 0)
        {
            b.Bytes(EthnicNames[person.Ethnicity]);
        }
        b.Comma();
        if (person.CareHome >= 0)
        {
            b.Int(person.CareHome);
        }
        b.Comma();
        if (person.Housebound >= 0)
        {
            b.Int(person.Housebound);
        }
        b.NewLine();
        PeopleRows++;
    }

    public void Condition(int condition, string? icd10, int recordedDay)
    {
        var b = ConditionsBuffer;
        b.Bytes(_personId);
        if (icd10 is null)
        {
            b.Bytes(",strata,"u8);
            b.Bytes(ConditionNames[condition]);
        }
        else
        {
            b.Bytes(",icd10,"u8);
            b.Ascii(icd10);
        }
        b.Comma();
        b.Date(recordedDay);
        b.NewLine();
        ConditionRows++;
    }

    public void Activity(int setting, int provider, int startDay, int endDay, string? diagnosis, long costPence, string? procedure = null, string? specialty = null)
    {
        var b = ActivityBuffer;
        b.Bytes(_personId);
        Span<byte> seq = stackalloc byte[ActivitySequenceLength];
        var n = _sequence++;
        for (var i = ActivitySequenceLength - 1; i >= 0; i--)
        {
            var d = n % 36;
            seq[i] = (byte)(d < 10 ? '0' + d : 'A' + d - 10);
            n /= 36;
        }
        if (n > 0)
        {
            throw new InvalidOperationException("More activity rows for one person than activity ids can number.");
        }
        b.Bytes(seq);
        b.Comma();
        b.Bytes(_personId);
        b.Comma();
        b.Bytes(SettingNames[setting]);
        b.Comma();
        b.Bytes(_providerCodes[provider]);
        b.Comma();
        b.Date(startDay);
        b.Comma();
        if (endDay != PersonSimulator.NoDay)
        {
            b.Date(endDay);
        }
        b.Comma();
        if (diagnosis is not null)
        {
            b.Ascii(diagnosis);
        }
        b.Comma();
        b.Pence(costPence);
        b.Comma();
        if (procedure is not null)
        {
            b.Ascii(procedure);
        }
        b.Comma();
        if (specialty is not null)
        {
            b.Ascii(specialty);
        }
        b.NewLine();
        ActivityRows++;
    }

    public void EmergencyRate(int financialYear, double rate)
    {
        var b = TruthBuffer;
        b.Bytes(_personId);
        b.Comma();
        b.Int(financialYear);
        b.Comma();
        b.Fixed6(rate);
        b.NewLine();
        TruthRows++;
    }
}

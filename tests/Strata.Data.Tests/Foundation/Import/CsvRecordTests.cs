using Strata.Data.Foundation;
using Strata.Data.Foundation.Import;

namespace Strata.Data.Tests.Foundation.Import;

/// <summary>
/// RFC 4180 records as the importer reads them: quoted commas and line breaks are data, line numbers are physical
/// lines counted by the importer itself, and a record that cannot be split into fields stops the import naming its line.
/// </summary>
public sealed class CsvRecordTests : IDisposable
{
    private readonly ImportFolder _folder = new();

    private ImportOptions Options => new() { AsOf = ImportFolder.AsOf, RejectsFile = _folder.RejectsFile };

    [Fact]
    public void A_quoted_line_break_is_part_of_the_value_and_later_rejects_name_their_physical_line()
    {
        _folder.Append("practices", "A3,\"Gamma\nSurgery, Upper\nFloor\",N1,PL1,North,QXX");   // lines 4-6
        _folder.Append("practices", "A4,,N1,PL1,North,QXX");                                    // line 7
        using var ws = Workspace.InMemory();
        var summary = Importer.Import(ws, _folder.Data, Options);

        Assert.Equal("Gamma\nSurgery, Upper\nFloor", ws.Engine.Scalar<string>("SELECT practice_name FROM practices WHERE practice_code = 'A3'"));
        Assert.Equal(new RejectRow("practices.csv", 7, "practice_name", "missing required value", null), Assert.Single(Rejects()));
        Assert.Equal((4L, 3L, 1L), summary.Files.Where(f => f.Table == "practices").Select(f => (f.Read, f.Loaded, f.Rejected)).Single());
    }

    [Fact]
    public void Blank_lines_hold_no_record_but_count_as_lines()
    {
        _folder.Append("people", "");                       // line 5
        _folder.Append("people", "");                       // line 6
        var line = _folder.Append("people", "p9,X,1970,,A1,,2,");
        using var ws = Workspace.InMemory();
        var summary = Importer.Import(ws, _folder.Data, Options);

        Assert.Equal(7, line);
        Assert.Equal(new RejectRow("people.csv", 7, "sex", "not one of: F, M, U", "X"), Assert.Single(Rejects()));
        Assert.Equal((4L, 3L, 1L), summary.Files.Where(f => f.Table == "people").Select(f => (f.Read, f.Loaded, f.Rejected)).Single());
    }

    [Fact]
    public void Crlf_line_endings_and_a_byte_order_mark_read_like_lf()
    {
        var line = _folder.Append("activity", "a9,p1,gp_appointment,R1,2024-01-01,,,ten");
        var path = Path.Combine(_folder.Data, "activity.csv");
        File.WriteAllText(path, "\uFEFF" + string.Join("\r\n", _folder.Lines("activity")) + "\r\n");
        using var ws = Workspace.InMemory();
        Importer.Import(ws, _folder.Data, Options);

        Assert.Equal(new RejectRow("activity.csv", line, "cost_gbp", "not an amount (pounds, e.g. 123.45)", "ten"), Assert.Single(Rejects()));
        Assert.Equal(30m, ws.Engine.Scalar<decimal>("SELECT cost_gbp FROM activity WHERE activity_id = 'a2'"));
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "a9,p1,gp_appointment,R1,2024-01-01,,,10,surplus", "malformed record: expected 8 fields, found 9" },
        { "a9,p1,gp_appointment,R1,2024-01-01,,10", "malformed record: expected 8 fields, found 7" },
        { "a9,p1,gp_appointment,R1,2024-01-01,,,\"10", "malformed record: a quoted field is never closed" },
        { "a9,p1,gp_\"appointment,R1,2024-01-01,,,10", "malformed record: a quote inside an unquoted field (quote the whole field and double the quote)" },
        { "a9,p1,\"gp_appointment\"x,R1,2024-01-01,,,10", "malformed record: text after a closing quote" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_record_is_fatal_naming_its_physical_line_and_nothing_changes(string record, string reason)
    {
        using var ws = Workspace.InMemory();
        Importer.Import(ws, _folder.Data, Options);
        _folder.Append("activity", "a8,p1,gp_appointment,R1,2024-01-01,,\"I21\nsee notes\",10");   // lines 5-6
        _folder.Append("activity", record);                                                     // line 7

        var e = Assert.Throws<InputException>(() => Importer.Import(ws, _folder.Data, Options));
        Assert.EndsWith("activity.csv", e.File, StringComparison.Ordinal);
        Assert.Equal((7L, reason), (e.Line, e.Reason));
        Assert.Equal(3, ws.Engine.Scalar<long>("SELECT count(*) FROM activity"));
    }

    [Fact]
    public void Text_that_is_not_utf8_is_fatal_naming_its_line()
    {
        var path = Path.Combine(_folder.Data, "practices.csv");
        File.WriteAllBytes(path, [.. File.ReadAllBytes(path), .. "A3,Caf"u8.ToArray(), 0xE9, .. ",N1,PL1,North,QXX\n"u8.ToArray()]);
        using var ws = Workspace.InMemory();

        var e = Assert.Throws<InputException>(() => Importer.Import(ws, _folder.Data, Options));
        Assert.Equal((4L, "not valid UTF-8 text"), (e.Line, e.Reason));
    }

    [Fact]
    public void Multibyte_text_is_kept_whole()
    {
        _folder.Append("practices", "A3,Café Ŵelsh 🏥 Surgery,N1,PL1,North,QXX");
        using var ws = Workspace.InMemory();
        Importer.Import(ws, _folder.Data, Options);

        Assert.Equal("Café Ŵelsh 🏥 Surgery", ws.Engine.Scalar<string>("SELECT practice_name FROM practices WHERE practice_code = 'A3'"));
    }

    [Fact]
    public void The_scan_counts_records_and_lines_across_its_read_buffer()
    {
        // ~3 MB of records with three-byte characters that land on every byte offset, so some straddle a buffer edge;
        // one record in the middle holds a quoted line break.
        var path = Path.Combine(_folder.Root, "big.csv");
        using (var w = new StreamWriter(path))
        {
            w.Write("a,b\n");
            for (var i = 0; i < 100_000; i++)
            {
                w.Write(i == 50_000 ? $"{i},\"x\ny\"\n" : $"{i},{new string('\u20AC', i % 13)}{new string('z', i % 7)}\n");
            }
        }
        var shifted = new List<(long Record, long Line)>();
        var records = CsvLayout.Scan(path, 2, (record, line) => shifted.Add((record, line)));

        Assert.Equal(100_000, records);
        Assert.Equal(49_999, shifted.Count);
        Assert.Equal((50_002L, 50_004L), shifted[0]);
        Assert.Equal((100_000L, 100_002L), shifted[^1]);
    }

    [Theory]
    [InlineData("k,v\nA1,x\nA2,y\n,z\n,w\nA3,q", 0, true)]       // distinct (two missing keys are not duplicates)
    [InlineData("k,v\nA1,x\nA2,y\nA1,z", 0, false)]               // a repeat
    [InlineData("k,v\nA1,x\n A1,y", 0, false)]                     // the engine trims: " A1" is A1 again
    [InlineData("k,v\nA1,x\n\"A2\",y", 0, false)]                  // quoted: left to the engine
    [InlineData("k,v\nA1,x\nA\u00e91,y", 0, false)]                 // not ASCII: left to the engine
    [InlineData("v,k\nx,A1\nx,A2\r\ny,A3\r\n", 1, true)]          // key in the second field, CRLF
    [InlineData("v,k\nx,A1\nx,A2\ny,A1", 1, false)]
    public void The_scan_proves_keys_distinct_only_when_they_certainly_are(string text, int field, bool distinct)
    {
        var path = Path.Combine(_folder.Root, "keys.csv");
        File.WriteAllText(path, text);
        var keys = new CsvLayout.KeyCheck(field);
        CsvLayout.Scan(path, 2, (_, _) => { }, keys);
        Assert.Equal(distinct, keys.Distinct);
    }

    [Fact]
    public void The_key_check_holds_a_hundred_thousand_distinct_keys_and_finds_one_repeat_among_them()
    {
        var path = Path.Combine(_folder.Root, "many.csv");
        File.WriteAllText(path, "k,v\n" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"A{i:D12},x\n")));
        var keys = new CsvLayout.KeyCheck(0);
        CsvLayout.Scan(path, 2, (_, _) => { }, keys);
        Assert.True(keys.Distinct);
        File.AppendAllText(path, "A000000054321,y\n");
        keys = new CsvLayout.KeyCheck(0);
        CsvLayout.Scan(path, 2, (_, _) => { }, keys);
        Assert.False(keys.Distinct);
    }

    private List<RejectRow> Rejects() =>
    [
        .. CsvInput.Read(_folder.RejectsFile, "file", "line", "field", "reason", "value").Rows
            .Select(r => new RejectRow(r.Text("file"), r.Long("line"), r.Text("field"), r.Text("reason"), r.OptionalText("value"))),
    ];

    public void Dispose() => _folder.Dispose();
}

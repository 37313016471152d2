using Strata.Data.Foundation;
using Strata.Data.Foundation.Import;
using Strata.Data.Tests.Foundation.Import;

namespace Strata.Data.Tests.Security;

/// <summary>Error messages name file, line, field and reason, never the record (issue 12, item 4).</summary>
public sealed class MessageContentTests : IDisposable
{
    private readonly ImportFolder _folder = new();

    [Fact]
    public void A_malformed_record_is_reported_by_file_and_line_without_its_content()
    {
        // One field too many: the engine cannot read the record, and its own message would quote it.
        var line = _folder.Append("people", "pSECRET123,F,1979,,A1,,3,,extra");
        using var ws = Workspace.InMemory();

        var e = Assert.Throws<InputException>(() => Importer.Import(ws, _folder.Data, new ImportOptions { AsOf = ImportFolder.AsOf, RejectsFile = _folder.RejectsFile }));

        Assert.EndsWith("people.csv", e.File, StringComparison.Ordinal);
        Assert.Equal(line, e.Line);
        Assert.DoesNotContain("pSECRET123", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1979", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}

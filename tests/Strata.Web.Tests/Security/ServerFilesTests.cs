using System.Net;
using System.Net.Http.Json;
using Strata.Web.Infrastructure;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Security;

/// <summary>Files by name, not path (issue 12, item 6): the library and the inbox are the only inputs, bounded, never the workspace.</summary>
public sealed class ServerFilesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("strata-files-").FullName;

    private StrataWebOptions Options => new(Path.Combine(_root, "ws.duckdb"), "http://127.0.0.1:0") { InterventionsFolder = Path.Combine(_root, "library") };

    public ServerFilesTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "library"));
        File.WriteAllText(Path.Combine(_root, "library", "ward.json"), "{}");
        Directory.CreateDirectory(Path.Combine(_root, "inbox", "march"));
        File.WriteAllText(Path.Combine(_root, "ws.duckdb"), "workspace");
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../ws.duckdb")]
    [InlineData("..")]
    [InlineData("sub/ward.json")]
    [InlineData("missing.json")]
    public void An_intervention_file_is_a_name_in_the_library(string name) =>
        Assert.Throws<ArgumentException>(() => ServerFiles.Interventions(Options, name));

    [Fact]
    public void The_library_or_one_of_its_files_is_read()
    {
        Assert.Equal(Path.Combine(_root, "library"), ServerFiles.Interventions(Options, null));
        Assert.Equal(Path.Combine(_root, "library", "ward.json"), ServerFiles.Interventions(Options, "ward.json"));
    }

    [Fact]
    public void An_oversized_intervention_file_is_refused_before_it_is_read()
    {
        using (var f = File.Create(Path.Combine(_root, "library", "huge.json")))
        {
            f.SetLength(ServerFiles.MaxInterventionBytes + 1);
        }
        var e = Assert.Throws<ArgumentException>(() => ServerFiles.Interventions(Options, "huge.json"));
        Assert.Contains("larger than", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_that_holds_the_workspace_is_refused()
    {
        var options = Options with { InterventionsFolder = _root };
        File.Move(Path.Combine(_root, "ws.duckdb"), Path.Combine(_root, "ws.duckdb.json"));
        var e = Assert.Throws<ArgumentException>(() => ServerFiles.Interventions(options with { WorkspacePath = Path.Combine(_root, "ws.duckdb.json") }, null));
        Assert.Contains("workspace itself is never an input", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/tmp")]
    [InlineData("../inbox/march")]
    [InlineData("")]
    [InlineData("april")]
    public void An_import_folder_is_a_name_in_the_inbox(string name) =>
        Assert.Throws<ArgumentException>(() => ServerFiles.ImportFolder(Options, name));

    [Fact]
    public void The_inbox_is_next_to_the_workspace_unless_configured()
    {
        Assert.Equal(Path.Combine(_root, "inbox", "march"), ServerFiles.ImportFolder(Options, "march"));
        Assert.Equal("/srv/inbox", ServerFiles.Inbox(Options with { ImportInbox = "/srv/inbox" }));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

[Collection("web")]
public sealed class ServerFilesApiTests(WebAppFixture web)
{
    [Fact]
    public async Task A_scenario_or_import_naming_a_server_path_is_a_400_and_starts_nothing()
    {
        using var ann = await web.SignedIn("ann");
        var scenario = await ann.PostAsJsonAsync("/api/jobs", new { kind = "scenario", name = "x", interventions = "/etc/passwd", runs = 10, years = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, scenario.StatusCode);
        Assert.Contains("not a path", await scenario.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var import = await ann.PostAsJsonAsync("/api/jobs", new { kind = "import", directory = "/etc" });
        Assert.Equal(HttpStatusCode.BadRequest, import.StatusCode);
    }
}

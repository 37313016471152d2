using Strata.Cli.Tests.Infrastructure;
using Strata.Data.Foundation;
using Strata.Web.Security;

namespace Strata.Cli.Tests.Foundation;

[Collection("cli")]
public sealed class ServeCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "strata-serve-" + Guid.NewGuid().ToString("N"));

    private string Ws => Path.Combine(_dir, "ws.duckdb");

    // `serve` never creates a workspace: the tests start from one with place P1 (scopes are checked against it).
    public ServeCommandTests()
    {
        Directory.CreateDirectory(_dir);
        using var ws = Workspace.Open(Ws);
        ws.Engine.Execute("INSERT INTO practices VALUES ('G1', 'One', 'N1', 'P1', 'Place One', 'ICB')");
    }

    [Fact]
    public void A_scope_the_workspace_does_not_have_is_refused()
    {
        var r = WithStdin("a long enough passphrase\n", () =>
            CliRunner.Run("serve", "--workspace", Ws, "--create-user", "x", "--role", "viewer", "--scope", "place:NOPE", "--password-stdin"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Place NOPE is not in this workspace", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_common_or_repeated_password_is_refused()
    {
        var r = WithStdin("aaaaaaaaaaaa\n", () =>
            CliRunner.Run("serve", "--workspace", Ws, "--create-user", "x", "--role", "viewer", "--scope", "ICB", "--password-stdin"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("one character repeated", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_user_reads_the_password_from_stdin_and_stores_only_its_hash()
    {
        var r = WithStdin("a long enough passphrase\n", () =>
            CliRunner.Run("serve", "--workspace", Ws, "--create-user", "pat", "--role", "commissioner", "--scope", "place:P1", "--password-stdin"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Created web user pat (commissioner, place:P1)", r.Out, StringComparison.Ordinal);
        using var ws = Workspace.Open(Ws);
        Assert.Equal(new WebUser("pat", Roles.Commissioner, UserScope.Parse("place:P1")), UserStore.Verify(ws.Engine, "pat", "a long enough passphrase"));
        Assert.Equal(0L, ws.Engine.Scalar<long>("SELECT count(*) FROM web_users WHERE password_hash LIKE '%passphrase%'"));
    }

    [Fact]
    public void Create_user_without_a_password_on_stdin_is_refused()
    {
        var r = CliRunner.Run("serve", "--workspace", Ws, "--create-user", "pat", "--role", "viewer", "--scope", "ICB");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--password-stdin", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_role_is_refused_with_the_list_of_roles()
    {
        var r = WithStdin("a long enough passphrase\n", () =>
            CliRunner.Run("serve", "--workspace", Ws, "--create-user", "x", "--role", "admin", "--scope", "ICB", "--password-stdin"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("analyst, commissioner, finance, viewer", r.Error, StringComparison.Ordinal);
    }

    private static CliResult WithStdin(string input, Func<CliResult> run)
    {
        var old = Console.In;
        Console.SetIn(new StringReader(input));
        try
        {
            return run();
        }
        finally
        {
            Console.SetIn(old);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}

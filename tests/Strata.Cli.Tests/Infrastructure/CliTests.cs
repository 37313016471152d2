namespace Strata.Cli.Tests.Infrastructure;

[Collection("cli")]
public class CliTests
{
    [Fact]
    public void Help_lists_the_foundation_commands()
    {
        var r = CliRunner.Run("--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("generate", r.Out, StringComparison.Ordinal);
        Assert.Contains("import", r.Out, StringComparison.Ordinal);
        Assert.Contains("demo", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_command_fails_with_a_message()
    {
        var r = CliRunner.Run("no-such-command");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("no-such-command", r.Error + r.Out, StringComparison.Ordinal);
    }
}

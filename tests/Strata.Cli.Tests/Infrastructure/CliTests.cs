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

[Collection("cli")]
public class CliErrorHandlingTests
{
    [Fact]
    public void A_failing_action_gives_a_one_line_error_and_exit_code_not_a_stack_trace()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"strata-missing-{Guid.NewGuid():N}");
        var r = CliRunner.Run("import", "--workspace", Path.Combine(missing, "w.duckdb"), missing);
        Assert.NotEqual(0, r.ExitCode);
        Assert.StartsWith("error: ", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
    }
}

using System.Diagnostics;
using Strata.Cli.Tests.Infrastructure;
using Strata.Data.Tests.Foundation.Import;

namespace Strata.Cli.Tests.Foundation;

/// <summary>No command can lose a workspace or leave a stray one behind (issue 12, item 7).</summary>
[Collection("cli")]
public sealed class WorkspaceSafetyTests : IDisposable
{
    private readonly ImportFolder _folder = new();

    private string WorkspacePath => Path.Combine(_folder.Root, "icb.duckdb");

    [Theory]
    [InlineData("segment")]
    [InlineData("profile")]
    [InlineData("kpi")]
    [InlineData("serve")]
    public void A_command_refuses_a_missing_workspace_and_creates_nothing(string command)
    {
        var missing = Path.Combine(_folder.Root, "missing.duckdb");
        var r = CliRunner.Run(command, "-w", missing);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("missing.duckdb does not exist", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void A_failed_import_into_a_new_workspace_leaves_no_file()
    {
        File.Delete(Path.Combine(_folder.Data, "providers.csv"));
        var r = CliRunner.Run("import", "-w", WorkspacePath, _folder.Data);

        Assert.Equal(2, r.ExitCode);
        Assert.False(File.Exists(WorkspacePath));
    }

    [Fact]
    public void A_file_that_is_not_a_workspace_is_a_one_line_error()
    {
        File.WriteAllText(WorkspacePath, "practice_code,practice_name\nP1,One\n");
        var r = CliRunner.Run("segment", "-w", WorkspacePath);

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: --workspace: the engine cannot open", r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_memory_limit_the_engine_cannot_read_is_a_one_line_error()
    {
        var r = CliRunner.Run("import", "-w", WorkspacePath, _folder.Data, "--memory-limit", "lots");

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(WorkspacePath));
    }

    [Fact]
    public void Demo_refuses_to_replace_a_workspace_another_process_holds()
    {
        var outDir = Path.Combine(_folder.Root, "demo");
        Directory.CreateDirectory(outDir);
        var live = Path.Combine(outDir, "strata.duckdb");
        Assert.Equal(0, CliRunner.Run("import", "-w", live, _folder.Data).ExitCode);
        var before = File.ReadAllBytes(live);
        // Another process holds the file as `strata serve` would: an exclusive POSIX record lock, as DuckDB takes.
        using var holder = Process.Start(new ProcessStartInfo("python3",
            ["-c", $"import fcntl,sys,time\nf=open({Quote(live)},'r+b')\nfcntl.lockf(f,fcntl.LOCK_EX)\nprint('held',flush=True)\ntime.sleep(120)"])
        { RedirectStandardOutput = true })!;
        try
        {
            Assert.Equal("held", holder.StandardOutput.ReadLine());
            var r = CliRunner.Run("demo", "--out", outDir, "--people", "200");

            Assert.Equal(2, r.ExitCode);
            Assert.Contains("is in use by another process", r.Error, StringComparison.Ordinal);
            Assert.Equal(before, File.ReadAllBytes(live));
        }
        finally
        {
            holder.Kill();
        }
    }

    private static string Quote(string path) => "'" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    public void Dispose() => _folder.Dispose();
}

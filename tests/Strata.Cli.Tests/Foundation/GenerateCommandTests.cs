using System.Text.Json;
using Strata.Cli.Tests.Infrastructure;

namespace Strata.Cli.Tests.Foundation;

[Collection("cli")]
public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "strata-cli-gen-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Generate_writes_the_five_files_and_the_truth_and_reports_counts_as_json()
    {
        var r = CliRunner.Run("generate", "--people", "800", "--seed", "3", "--out", _dir, "--json");
        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Out);
        Assert.Equal(800, json.RootElement.GetProperty("people").GetInt64());
        Assert.Equal(File.ReadLines(Path.Combine(_dir, "activity.csv")).LongCount() - 1, json.RootElement.GetProperty("activity").GetInt64());
        foreach (var table in new[] { "practices", "providers", "people", "conditions", "activity" })
        {
            Assert.True(File.Exists(Path.Combine(_dir, table + ".csv")), table);
        }
        Assert.True(File.Exists(Path.Combine(_dir, "truth", "emergency_rate.csv")));
    }

    [Fact]
    public void Generate_rejects_an_unknown_format()
    {
        var r = CliRunner.Run("generate", "--people", "10", "--out", _dir, "--format", "xlsx");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("xlsx", r.Error + r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_rejects_an_empty_population_with_a_message()
    {
        var r = CliRunner.Run("generate", "--people", "0", "--out", _dir);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--people must be at least 1", r.Error + r.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}

[Collection("cli")]
public class GenerateYearsTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("11")]
    public void Years_outside_one_to_ten_are_rejected(string years)
    {
        var r = CliRunner.Run("generate", "--people", "10", "--out", Path.GetTempPath(), "--years", years);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--years must be between 1 and 10", r.Error + r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Years_set_the_data_window_end()
    {
        var dir = Directory.CreateTempSubdirectory("strata-gen-years-").FullName;
        try
        {
            var r = CliRunner.Run("generate", "--people", "200", "--seed", "3", "--out", dir, "--years", "4");
            Assert.Equal(0, r.ExitCode);
            var lastStart = File.ReadLines(Path.Combine(dir, "activity.csv")).Skip(1).Select(l => l.Split(',')[4]).Max(StringComparer.Ordinal);
            Assert.StartsWith("2026-", lastStart, StringComparison.Ordinal);
            Assert.Equal(new DateOnly(2026, 3, 31), new Strata.Data.Foundation.Synthetic.GeneratorOptions(1, 1, dir) { Years = 4 }.DataEnd);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

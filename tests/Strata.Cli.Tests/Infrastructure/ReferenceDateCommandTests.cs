using Strata.Cli.Infrastructure;
using Strata.Cli.Tests.Deliver;
using Strata.Domain.Foundation;

namespace Strata.Cli.Tests.Infrastructure;

/// <summary>
/// Every command that takes a date reads it through ReferenceDate: a malformed date gives the one message and exit
/// code 2 (no .NET parser text, no help dump); a date outside the data's span (here activity in 2024-10, so the
/// financial year 2024/25) is refused with exit code 2 naming the option.
/// </summary>
[Collection("cli")]
public sealed class ReferenceDateCommandTests : IDisposable
{
    private readonly DeliverCliFixture _f = new();

    public void Dispose() => _f.Dispose();

    /// <summary>Each command with its date option, as `{0}` in the argument list.</summary>
    public static TheoryData<string, string> Commands => new()
    {
        { "segment -w {ws} --at {0}", "--at" },
        { "profile -w {ws} --at {0}", "--at" },
        { "risk train -w {ws} --train-date {0}", "--train-date" },
        { "risk train -w {ws} --test-date {0}", "--test-date" },
        { "risk score -w {ws} --at {0}", "--at" },
        { "funnel -w {ws} --at {0}", "--at" },
        { "project -w {ws} --at {0}", "--at" },
        { "scenario run -w {ws} --interventions {examples} --runs 0 --at {0}", "--at" },
        { "allocate -w {ws} --at {0}", "--at" },
        { "decommission assess -w {ws} --input {decommission} --actor alice --at {0}", "--at" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_malformed_date_gets_one_line_naming_the_option_and_exit_code_2(string command, string option)
    {
        var r = Run(command, "31/03/2025");
        Assert.Equal(CliErrors.InputError, r.ExitCode);
        Assert.Equal($"error: {option}: {ReferenceDate.Expected} (got '31/03/2025')", r.Error.Trim());
        Assert.DoesNotContain("System.DateOnly", r.Error + r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", r.Error + r.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_date_outside_the_data_is_refused_with_exit_code_2(string command, string option)
    {
        var r = Run(command, "2031-01-01");
        Assert.Equal(CliErrors.InputError, r.ExitCode);
        Assert.Equal($"error: {option}: 2031-01-01 is outside the data, which cover 2024-04-01 to 2025-03-31 (last activity 2024-10-01)", r.Error.Trim());
    }

    [Theory]
    [InlineData("psr select --input {decommission} --notice {0}", "--notice")]
    [InlineData("spc --input {series} --rebase 2025-01-01,{0}", "--rebase")]
    public void Dates_that_are_not_reference_dates_use_the_same_parser(string command, string option)
    {
        var r = Run(command, "2025-13-01");
        Assert.Equal(CliErrors.InputError, r.ExitCode);
        Assert.Equal($"error: {option}: {ReferenceDate.Expected} (got '2025-13-01')", r.Error.Trim());
    }

    [Fact]
    public void Segment_without_a_date_runs_at_the_end_of_the_data()
    {
        var r = Run("segment -w {ws} --json", "");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("\"reference_date\": \"2024-10-01\"", r.Out, StringComparison.Ordinal);
    }

    private CliResult Run(string command, string date)
    {
        var criteria = string.Join(",", Strata.Domain.Deliver.Decommissioning.Criteria.Select(c => $$"""{"criterion": "{{c}}", "score": 2, "evidence": "e"}"""));
        var decommission = _f.File("d.json", $$$"""
            {"assessment_id": "d1", "service": "community", "settings": ["community_contact"], "criteria": [{{{criteria}}}],
             "costs": {"stranded": 1, "double_running": 1, "source": "test"}}
            """);
        var args = command.Split(' ').Select(a => a
            .Replace("{ws}", _f.WorkspacePath, StringComparison.Ordinal)
            .Replace("{examples}", Examples(), StringComparison.Ordinal)
            .Replace("{decommission}", decommission, StringComparison.Ordinal)
            .Replace("{series}", _f.File("series.csv", "date,value\n2025-01-01,1\n2025-02-01,2\n2025-03-01,3\n"), StringComparison.Ordinal)
            .Replace("{0}", date, StringComparison.Ordinal)).ToArray();
        return CliRunner.Run(args);
    }

    private static string Examples()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var p = Path.Combine(d.FullName, "examples", "interventions");
            if (Path.Exists(p))
            {
                return p;
            }
        }
        throw new InvalidOperationException("examples not found");
    }
}

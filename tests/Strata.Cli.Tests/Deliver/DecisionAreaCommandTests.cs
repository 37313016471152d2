using System.Text.Json;
using Strata.Cli.Tests.Infrastructure;

namespace Strata.Cli.Tests.Deliver;

/// <summary>`strata decision record --place / --neighbourhood`: the area a decision is for (the fixture's N2 is in place B).</summary>
[Collection("cli")]
public sealed class DecisionAreaCommandTests : IDisposable
{
    private readonly DeliverCliFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_neighbourhood_decision_records_its_neighbourhood_and_place()
    {
        CliRunner.Run("decision", "delegate", "-w", _f.WorkspacePath, "--function", "grant", "--tier", "neighbourhood", "--limit", "5000", "--actor", "board");
        var r = CliRunner.Run("decision", "record", "-w", _f.WorkspacePath, "--function", "grant", "--tier", "neighbourhood", "--neighbourhood", "N2",
            "--amount", "100", "--actor", "pm", "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        var d = JsonDocument.Parse(r.Out).RootElement.GetProperty("result");
        Assert.Equal(("B", "N2"), (d.GetProperty("place").GetString(), d.GetProperty("neighbourhood").GetString()));

        var wrong = CliRunner.Run("decision", "record", "-w", _f.WorkspacePath, "--function", "grant", "--tier", "neighbourhood", "--neighbourhood", "N2",
            "--place", "A", "--amount", "100", "--actor", "pm");
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("neighbourhood 'N2' is in place 'B', not 'A'", wrong.Error, StringComparison.Ordinal);
    }
}

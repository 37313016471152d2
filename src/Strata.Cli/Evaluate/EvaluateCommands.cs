using System.CommandLine;
using Strata.Cli.Infrastructure;

namespace Strata.Cli.Evaluate;

/// <summary>The Evaluate stage's commands, and its part of `strata demo`.</summary>
public static class EvaluateCommands
{
    public static IEnumerable<Command> Create() => [SpcCommand.Create(), DidCommand.Create(), KpiCommand.Create(), BenchmarkCommand.Create()];

    /// <summary>Runs this stage on the demo workspace and adds its lines to the summary.</summary>
    public static void Demo(DemoContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
    }
}

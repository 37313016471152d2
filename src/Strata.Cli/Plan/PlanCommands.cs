using System.CommandLine;
using Strata.Cli.Infrastructure;

namespace Strata.Cli.Plan;

/// <summary>The Plan stage's commands, and its part of `strata demo`.</summary>
public static class PlanCommands
{
    public static IEnumerable<Command> Create() => [];

    /// <summary>Runs this stage on the demo workspace and adds its lines to the summary.</summary>
    public static void Demo(DemoContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
    }
}

using System.CommandLine;
using Strata.Cli.Infrastructure;

namespace Strata.Cli.Understand;

public static class PopulationCommands
{
    public static IEnumerable<Command> Create() => [];

    public static void Demo(DemoContext context) => ArgumentNullException.ThrowIfNull(context);
}

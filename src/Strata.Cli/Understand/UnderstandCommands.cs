using System.CommandLine;
using Strata.Cli.Infrastructure;

namespace Strata.Cli.Understand;

/// <summary>The Understand stage: population (segments, profiles, inequalities, report) and risk/variation/projection.</summary>
public static class UnderstandCommands
{
    public static IEnumerable<Command> Create() => [.. PopulationCommands.Create(), .. RiskCommands.Create(), CohortsCommand.Create(), .. PathwayCommands.Create()];

    /// <summary>Runs this stage on the demo workspace and adds its lines to the summary.</summary>
    public static void Demo(DemoContext context)
    {
        // Risk first: the profile cube, the report and the Plan stage's cells carry its risk tiers.
        RiskCommands.Demo(context);
        PopulationCommands.Demo(context);
        PathwayCommands.Demo(context);
    }
}

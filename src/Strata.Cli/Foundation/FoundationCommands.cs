using System.CommandLine;

namespace Strata.Cli.Foundation;

/// <summary>Foundation: synthetic data, import and the end-to-end demo.</summary>
public static class FoundationCommands
{
    public static IEnumerable<Command> Create() => [GenerateCommand.Create(), ImportCommand.Create(), QualityCommand.Create(), DemoCommand.Create(), ServeCommand.Create()];
}

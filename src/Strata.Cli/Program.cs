using System.CommandLine;
using Strata.Cli.Deliver;
using Strata.Cli.Evaluate;
using Strata.Cli.Foundation;
using Strata.Cli.Infrastructure;
using Strata.Cli.Plan;
using Strata.Cli.Understand;

var root = new RootCommand("Strata: strategic commissioning for NHS Integrated Care Boards.");
// Commands are grouped by the commissioning cycle; each stage registers its own.
foreach (var command in FoundationCommands.Create()
             .Concat(UnderstandCommands.Create())
             .Concat(PlanCommands.Create())
             .Concat(DeliverCommands.Create())
             .Concat(EvaluateCommands.Create()))
{
    root.Subcommands.Add(command);
}
// Exceptions reach CliErrors (clear message, exit code) instead of System.CommandLine's stack-trace printer.
var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
return CliErrors.Run(() => root.Parse(args).Invoke(invocation));

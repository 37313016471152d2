using Spectre.Console;
using Spectre.Console.Rendering;

namespace Strata.Cli.Infrastructure;

/// <summary>
/// Writes every CLI table one way: over the current Console.Out (so redirected output is honoured), and never breaking
/// a word. Spectre fits a table to the console width (80 columns when output is redirected) by wrapping cells, and
/// breaks a word only when a column is narrower than it; so the console is widened to the table's narrowest
/// whole-word width when that is more than the window. Names then wrap between words, or the table runs wider.
/// </summary>
public static class CliTables
{
    public static void Write(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        var options = RenderOptions.Create(console, console.Profile.Capabilities);
        var narrowest = ((IRenderable)table).Measure(options, int.MaxValue / 2).Min;
        if (narrowest > console.Profile.Width)
        {
            console.Profile.Width = narrowest;
        }
        console.Write(table);
    }
}

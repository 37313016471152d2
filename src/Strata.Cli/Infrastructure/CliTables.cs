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
    /// <summary>Room left for Spectre's even sharing of width before a long word could be cut.</summary>
    private const int Slack = 20;

    public static void Write(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        var options = RenderOptions.Create(console, console.Profile.Capabilities);
        // Spectre shares the width out evenly when it must wrap, which can leave a column narrower than its longest
        // word even when the total would fit every word. So when the longest words alone need more than the window,
        // the table gets its natural (unwrapped) width; otherwise Spectre wraps between words within the window.
        int Width(Func<Measurement, int> pick) => table.Columns.Select((c, i) => table.Rows.Select(r => r[i]).Prepend(c.Header)
            .Max(cell => pick(cell.Measure(options, int.MaxValue / 2)))).Sum() + table.Columns.Sum(c => c.Padding?.GetWidth() ?? 2) + table.Columns.Count + 1;
        var words = Width(m => m.Min);
        if (words > console.Profile.Width - Slack)
        {
            console.Profile.Width = Math.Max(console.Profile.Width, Width(m => m.Max));
        }
        console.Write(table);
    }
}

using Spectre.Console;
using Strata.Cli.Infrastructure;

namespace Strata.Cli.Tests.Infrastructure;

/// <summary>CLI tables wrap between words, never inside one, even with many columns on an 80-column console.</summary>
[Collection("cli")]
public class CliTablesTests
{
    [Fact]
    public void A_table_wider_than_the_console_never_breaks_a_word()
    {
        // Eight columns whose longest words alone (10 to 14 letters) need more than 80 columns.
        var headers = new[] { "Neighbourhood", "Commissioner", "Interventions", "Opportunities", "Multimorbidity", "Programme budgeting", "Discounted cost", "Cumulative saving" };
        var names = new[] { "Hollinsford Neighbourhood", "Multiple long-term conditions", "Regional Teaching Hospitals", "Outpatient", "Comorbidities", "Respiratory", "£1,234,567", "−£8.01m" };
        var table = new Table();
        foreach (var h in headers)
        {
            table.AddColumn(h);
        }
        table.AddRow(names);
        var old = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            CliTables.Write(table);
        }
        finally
        {
            Console.SetOut(old);
        }
        // Every word of every cell appears whole on some line of the output.
        var text = captured.ToString();
        foreach (var word in names.Concat(headers).SelectMany(n => n.Split(' ')))
        {
            Assert.Matches($@"(?m)(^|[\s│|]){System.Text.RegularExpressions.Regex.Escape(word)}([\s│|]|$)", text);
        }
    }
}

using Strata.Data.Foundation;

namespace Strata.Data.Tests.Foundation;

public class CsvInputTests
{
    [Fact]
    public void Reads_quoted_fields_and_reports_lines()
    {
        var csv = CsvInput.Parse(new StringReader("date,value,note\n2024-01-01,3.5,\"a, \"\"b\"\"\"\n2024-02-01,4,x\n"), "s.csv", "date", "value");
        Assert.Equal(2, csv.Rows.Count);
        Assert.Equal("a, \"b\"", csv.Rows[0].Text("note"));
        Assert.Equal(3, csv.Rows[1].Line);
        Assert.Equal(new DateOnly(2024, 2, 1), csv.Rows[1].Date("date"));
    }

    [Fact]
    public void Bad_value_names_file_line_and_field()
    {
        var csv = CsvInput.Parse(new StringReader("date,value\n2024-01-01,abc\n"), "s.csv");
        var e = Assert.Throws<InputException>(() => csv.Rows[0].Double("value"));
        Assert.Equal("s.csv:2 field 'value': 'abc' is not a number", e.Message);
    }

    [Fact]
    public void Missing_column_and_ragged_rows_are_errors()
    {
        Assert.Equal("value", Assert.Throws<InputException>(() => CsvInput.Parse(new StringReader("date\n"), "s.csv", "value")).Field);
        Assert.Equal(2, Assert.Throws<InputException>(() => CsvInput.Parse(new StringReader("a,b\n1\n"), "s.csv")).Line);
    }
}

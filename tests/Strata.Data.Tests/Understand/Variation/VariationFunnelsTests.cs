using System.Globalization;
using Strata.Data.Foundation;
using Strata.Data.Understand.Variation;
using Strata.Domain.Understand;

namespace Strata.Data.Tests.Understand.Variation;

public class VariationFunnelsTests
{
    private static readonly DateOnly D = new(2024, 3, 31);

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static Workspace HandBuilt()
    {
        var ws = Workspace.InMemory();
        ws.Engine.Execute("INSERT INTO practices VALUES ('P1','One','N1','X','Place X','ICB'), ('P2','Two','N1','X','Place X','ICB')");
        using (var p = ws.Engine.Append("people"))
        {
            // Women aged 30 and men aged 70 at D, split across two practices.
            p.Row("f1", "F", 1994, null, "P1", null, 5, null, null, null);
            p.Row("f2", "F", 1994, null, "P1", null, 5, null, null, null);
            p.Row("m1", "M", 1954, null, "P1", null, 5, null, null, null);
            p.Row("f3", "F", 1994, null, "P2", null, 5, null, null, null);
            p.Row("m2", "M", 1954, null, "P2", null, 5, null, null, null);
            p.Row("m3", "M", 1954, null, "P2", null, 5, null, null, null);
        }
        using (var a = ws.Engine.Append("activity"))
        {
            var n = 0;
            void Act(string person, string setting, string on) => a.Row($"x{n++}", person, setting, "R1", Day(on), null, null, 100m, null, null);
            Act("f1", "emergency_admission", "2023-05-01");
            Act("f1", "emergency_admission", "2024-03-31");
            Act("f2", "emergency_admission", "2023-03-31"); // D − 12m: outside the window
            Act("f2", "ae_attendance", "2023-06-01");       // another measure
            Act("m1", "emergency_admission", "2023-09-01");
            Act("m2", "emergency_admission", "2023-09-01");
            Act("f3", "emergency_admission", "2023-09-01");
        }
        return ws;
    }

    [Fact]
    public void Expected_counts_apply_icb_age_sex_rates_to_each_unit()
    {
        using var ws = HandBuilt();
        var units = VariationFunnels.Counts(ws.Engine, "emergency_admission", FunnelLevel.Practice, D);
        // Rates: women 30–34 = 3 admissions / 3 women = 1; men 70–74 = 2 / 3.
        // P1: O = 2 + 0 + 1 = 3, E = 1 + 1 + 2/3. P2: O = 1 + 1 + 0 = 2, E = 1 + 2/3 + 2/3.
        Assert.Equal(["P1", "P2"], units.Select(u => u.Unit));
        Assert.Equal([3L, 2L], units.Select(u => u.Observed));
        Assert.Equal(8.0 / 3, units[0].Expected, 12);
        Assert.Equal(7.0 / 3, units[1].Expected, 12);
        Assert.Equal(units.Sum(u => u.Observed), units.Sum(u => u.Expected), 12);
    }

    [Fact]
    public void Neighbourhoods_pool_their_practices()
    {
        using var ws = HandBuilt();
        var (counts, funnel) = VariationFunnels.Compute(ws.Engine, "emergency_admission", FunnelLevel.Neighbourhood, D, overdispersion: false);
        Assert.Equal("N1", Assert.Single(counts).Unit);
        Assert.Equal(1.0, funnel.Points[0].Value, 12);
    }

    [Fact]
    public void An_unknown_measure_is_refused()
    {
        using var ws = HandBuilt();
        Assert.Throws<ArgumentException>(() => VariationFunnels.Counts(ws.Engine, "admissions", FunnelLevel.Practice, D));
    }

    private static string Csv(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("strata-funnel").FullName, "units.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Input_file_reads_ratio_and_proportion_units()
    {
        var (kind, units) = FunnelInputFile.Read(Csv("unit,observed,expected\nA,12,10\nB,3,4.5\n"));
        Assert.Equal(FunnelKind.Ratio, kind);
        Assert.Equal([new FunnelInput("A", 12, 10), new FunnelInput("B", 3, 4.5)], units);
        var (kind2, units2) = FunnelInputFile.Read(Csv("unit,numerator,denominator\nA,3,40\n"));
        Assert.Equal(FunnelKind.Proportion, kind2);
        Assert.Equal(40, Assert.Single(units2).Size);
    }

    [Theory]
    [InlineData("unit,observed,expected\nA,12,10\nB,x,4\n", 3, "observed")]
    [InlineData("unit,observed,expected\nA,12,0\n", 2, "expected")]
    [InlineData("unit,observed,expected\nA,-1,3\n", 2, "observed")]
    [InlineData("unit,observed\nA,1\n", 1, "expected")]
    [InlineData("unit,numerator,denominator\nA,5,4\n", 2, "numerator")]
    [InlineData("unit,numerator,denominator\nA,1.5,4\n", 2, "numerator")]
    [InlineData("unit,observed,expected\nA,1,2\nA,2,3\n", 3, "unit")]
    public void Input_errors_name_file_line_and_field(string text, long line, string field)
    {
        var path = Csv(text);
        var e = Assert.Throws<InputException>(() => FunnelInputFile.Read(path));
        Assert.Equal(path, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
    }
}

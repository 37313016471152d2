using Strata.Data.Foundation;
using Strata.Data.Plan;

namespace Strata.Data.Tests.Plan;

public class PopulationFilesTests
{
    private static string Folder(params (string Name, string Text)[] files)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"strata-pop-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(dir, name), text);
        }
        return dir;
    }

    [Fact]
    public void The_shipped_illustrative_variants_load_with_their_weights_births_and_deaths()
    {
        var variants = PopulationFiles.Read(Path.Combine(InterventionFilesTests.Root(), "reference", "population", "illustrative-v1", "variants.csv"), 2024);
        Assert.Equal(["principal", "high", "low"], variants.Select(v => v.Name));
        Assert.Equal([0.5, 0.25, 0.25], variants.Select(v => v.Weight));
        // High grows every band faster than principal, low slower.
        Assert.True(variants[1].Growth.Factor("85+", "F", 5) > variants[0].Growth.Factor("85+", "F", 5));
        Assert.True(variants[2].Growth.Factor("85+", "F", 5) < variants[0].Growth.Factor("85+", "F", 5));
        Assert.Equal(11, variants[0].Components.Count);
        Assert.All(variants[0].Components, c => Assert.True(c.Births > 0 && c.Deaths > 0));
    }

    [Fact]
    public void Single_years_of_age_are_summed_into_bands()
    {
        var dir = Folder(("v.csv", "variant,weight,file\nprincipal,1,p.csv\n"),
            ("p.csv", "age,sex,year,persons\n85,F,2024,60\n95,F,2024,40\n85,F,2025,70\n95,F,2025,50\n"));
        var v = PopulationFiles.Read(Path.Combine(dir, "v.csv"), 2024).Single();
        Assert.Equal(1.2, v.Growth.Factor("85+", "F", 1), 12);
    }

    [Fact]
    public void Bad_rows_name_file_line_and_field()
    {
        var dir = Folder(("v.csv", "variant,weight,file\nprincipal,1,p.csv\nlow,0,p.csv\n"),
            ("p.csv", "age_band,sex,year,persons\n85+,F,2024,60\n85+,F,2025,-1\n"));
        var e = Assert.Throws<InputException>(() => PopulationFiles.Read(Path.Combine(dir, "v.csv"), 2024));
        Assert.Equal((Path.Combine(dir, "p.csv"), 3L, "persons"), (e.File, e.Line, e.Field));
        File.WriteAllText(Path.Combine(dir, "p.csv"), "age_band,sex,year,persons\n85+,F,2024,60\n");
        e = Assert.Throws<InputException>(() => PopulationFiles.Read(Path.Combine(dir, "v.csv"), 2024));
        Assert.Equal((3L, "weight"), (e.Line, e.Field));
        e = Assert.Throws<InputException>(() => PopulationFiles.Read(Path.Combine(dir, "v.csv"), 2023));
        Assert.Equal("year", e.Field);
    }
}

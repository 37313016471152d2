using System.Globalization;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Plan;

/// <summary>
/// Population projection variants as versioned input files (reference/population/README.md): a manifest
/// <c>variant, weight, file[, components]</c> naming per-variant files of persons by age (or age band), sex and year
/// and, optionally, births and deaths by year.
/// </summary>
public static class PopulationFiles
{
    /// <summary>The mid-year the 12 months to a reference date straddle: the base year of the projection factors.</summary>
    public static int BaseYear(DateOnly referenceDate) => referenceDate.AddMonths(-6).Year;

    public static IReadOnlyList<PopulationVariant> Read(string manifest, int baseYear)
    {
        var csv = CsvInput.Read(manifest, "variant", "weight", "file");
        var dir = Path.GetDirectoryName(Path.GetFullPath(manifest)) ?? ".";
        var variants = new List<PopulationVariant>();
        foreach (var row in csv.Rows)
        {
            var name = row.Text("variant");
            if (variants.Any(v => v.Name == name))
            {
                throw row.Fail("variant", $"'{name}' is listed twice");
            }
            var weight = row.Double("weight");
            if (!(weight > 0))
            {
                throw row.Fail("weight", "a variant's weight must be positive");
            }
            var persons = Persons(Path.Combine(dir, row.Text("file")), baseYear);
            var components = csv.Has("components") && row.OptionalText("components") is { } c ? Components(Path.Combine(dir, c)) : [];
            try
            {
                variants.Add(PopulationVariant.FromPersons(name, weight, persons, baseYear, components));
            }
            catch (ArgumentException e)
            {
                throw row.Fail("file", e.Message.Split(" (Parameter", 2)[0]);
            }
        }
        if (variants.Count == 0)
        {
            throw new InputException(manifest, 1, "variant", "no variants listed");
        }
        return variants;
    }

    private static List<ProjectedPersons> Persons(string path, int baseYear)
    {
        var csv = CsvInput.Read(path, "sex", "year", "persons");
        var byAge = csv.Has("age");
        if (!byAge && !csv.Has("age_band"))
        {
            throw new InputException(path, 1, "age", "need an age (single year) or an age_band column");
        }
        var rows = new List<ProjectedPersons>(csv.Rows.Count);
        foreach (var row in csv.Rows)
        {
            string band;
            if (byAge)
            {
                var age = row.Long("age");
                band = age is >= 0 and <= 130 ? AgeBands.Of((int)age) : throw row.Fail("age", "age must be 0..130");
            }
            else
            {
                band = row.Text("age_band");
                if (!AgeBands.All.Contains(band))
                {
                    throw row.Fail("age_band", $"'{band}' is not an age band ({AgeBands.All[0]} … {AgeBands.All[^1]})");
                }
            }
            var sex = row.Text("sex");
            if (sex is not ("F" or "M"))
            {
                throw row.Fail("sex", $"'{sex}' is not F or M");
            }
            var year = row.Long("year");
            if (year < 1900 || year > 2200)
            {
                throw row.Fail("year", "year must be a calendar year");
            }
            var persons = row.Double("persons");
            rows.Add(persons >= 0 ? new ProjectedPersons(band, sex, (int)year, persons) : throw row.Fail("persons", "persons cannot be negative"));
        }
        if (!rows.Any(r => r.Year == baseYear))
        {
            throw new InputException(path, 1, "year", string.Create(CultureInfo.InvariantCulture, $"the file has no rows for the base year {baseYear}"));
        }
        return rows;
    }

    private static List<PopulationComponents> Components(string path)
    {
        var csv = CsvInput.Read(path, "year", "births", "deaths");
        return [.. csv.Rows.Select(r =>
        {
            var births = r.Double("births");
            var deaths = r.Double("deaths");
            return births < 0 ? throw r.Fail("births", "cannot be negative")
                : deaths < 0 ? throw r.Fail("deaths", "cannot be negative")
                : new PopulationComponents((int)r.Long("year"), births, deaths);
        })];
    }
}

using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Plan;

/// <summary>
/// The capacity conversion table (reference/capacity/README.md) and the capacity a provider has, read from CSV.
/// The table's file name is its version.
/// </summary>
public static class CapacityFile
{
    /// <summary>The shipped table, found next to the program or under the working folder (null when absent).</summary>
    public static string? Shipped() => ReferenceFolder.Find(Path.Combine("reference", "capacity", "capacity-v1.csv"));

    public static CapacityTable ReadTable(string path)
    {
        var csv = CsvInput.Read(path, "setting", "resource", "basis", "per_unit");
        var rates = new List<CapacityRate>();
        foreach (var row in csv.Rows)
        {
            var setting = row.Text("setting");
            if (!Vocabulary.Settings.Contains(setting))
            {
                throw row.Fail("setting", $"'{setting}' is not a setting");
            }
            var rate = new CapacityRate(setting, row.Text("resource"), row.Text("basis"), row.Double("per_unit"),
                csv.Has("occupancy") ? row.OptionalDouble("occupancy") : null, csv.Has("source") ? row.OptionalText("source") ?? "" : "");
            if (rate.Validate() is { } bad)
            {
                throw row.Fail(bad.Field, bad.Reason);
            }
            if (rates.Any(r => r.Setting == rate.Setting && r.Resource == rate.Resource))
            {
                throw row.Fail("resource", $"{setting} {rate.Resource} is given twice");
            }
            if (rate.Basis == CapacityRate.Beds && !csv.Rows.Any(r => r.Text("setting") == setting && r.Text("resource") == CapacityRate.Beds))
            {
                throw row.Fail("basis", $"per bed, but {setting} has no beds row");
            }
            rates.Add(rate);
        }
        return new CapacityTable(Path.GetFileNameWithoutExtension(path), rates);
    }

    /// <summary>Capacity a provider has: provider, resource, available[, year] (a plan year's label such as 2026/27; none = every year).</summary>
    public static IReadOnlyList<AvailableCapacity> ReadAvailable(string path)
    {
        var csv = CsvInput.Read(path, "provider", "resource", "available");
        return [.. csv.Rows.Select(r =>
        {
            var available = r.Double("available");
            var year = csv.Has("year") ? r.OptionalText("year") : null;
            if (year is not null && !FinancialYears.TryParse(year, out _))
            {
                throw r.Fail("year", $"'{year}' is not a financial year such as 2026/27");
            }
            return available >= 0 ? new AvailableCapacity(r.Text("provider"), r.Text("resource"), year, available) : throw r.Fail("available", "cannot be negative");
        })];
    }
}

/// <summary>Finds a shipped reference file next to the program or under the working folder (repository runs).</summary>
public static class ReferenceFolder
{
    public static string? Find(string relative)
    {
        foreach (var root in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate) || Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}

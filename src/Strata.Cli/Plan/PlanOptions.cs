using System.CommandLine;
using Strata.Data.Plan;
using Strata.Domain.Plan;

namespace Strata.Cli.Plan;

/// <summary>Options shared by `project` and `scenario run`: horizon and growth assumptions.</summary>
internal sealed class PlanOptions
{
    public Option<int> Years { get; } = new("--years") { Description = "Projection years (5–10 typical).", DefaultValueFactory = _ => 10 };

    public Option<FileInfo?> Growth { get; } = new("--growth")
    {
        Description = "Demographic growth CSV: age_band, sex, year, factor — or age_band, sex, growth_rate. Default: the documented ONS-shaped profile.",
    };

    public Option<string?> Ndg { get; } = new("--ndg") { Description = "Non-demographic growth overrides: setting=rate,... (annual, e.g. emergency_admission=0.01)." };

    public Option<string?> At { get; } = new("--at") { Description = "Reference date of the cohort cells (yyyy-MM-dd); default the latest." };

    public Option<FileInfo?> Population { get; } = new("--population")
    {
        Description = "Population projection variants: manifest CSV variant, weight, file[, components] (reference/population/README.md); each run draws a variant by weight. Overrides --growth.",
    };

    public Option<string?> HealthStatus { get; } = new("--health-status")
    {
        Description = "Health-status adjustment: healthy years gained per year as an 80% interval LO:HI (e.g. 0.05:0.15), 'default' or 'off'.",
    };

    public IEnumerable<Option> All => [Years, Growth, Ndg, At, Population, HealthStatus];

    /// <param name="referenceDate">The baseline's reference date: population files are read relative to its mid-year.</param>
    /// <param name="healthByDefault">Whether the health-status adjustment applies when --health-status is not given.</param>
    /// <param name="defaultPopulation">Population manifest used when --population is not given (null = none).</param>
    public GrowthAssumptions GrowthOf(ParseResult r, DateOnly referenceDate, bool healthByDefault = false, string? defaultPopulation = null)
    {
        var file = r.GetValue(Growth);
        var growth = new GrowthAssumptions(file is null ? DemographicGrowth.Default() : PlanInputs.ReadGrowth(file.FullName), PlanInputs.ParseNdg(r.GetValue(Ndg)));
        var health = PlanInputs.ParseHealthStatus(r.GetValue(HealthStatus), healthByDefault);
        var manifest = r.GetValue(Population)?.FullName ?? (r.GetValue(Growth) is null ? defaultPopulation : null);
        var variants = manifest is not null ? PopulationFiles.Read(manifest, PopulationFiles.BaseYear(referenceDate)) : [];
        return variants.Count == 0 && health is null ? growth : growth.WithPopulation(new PopulationInputs(variants, health));
    }

    public DateOnly? AtOf(ParseResult r) =>
        r.GetValue(At) is { } s
            ? DateOnly.TryParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
                ? d
                : throw new Strata.Data.Foundation.InputException("--at", 0, null, $"'{s}' is not a date (yyyy-MM-dd)")
            : null;

    public int YearsOf(ParseResult r) =>
        r.GetValue(Years) is var y and >= 1 and <= 50 ? y : throw new ArgumentException("--years must be between 1 and 50.");
}

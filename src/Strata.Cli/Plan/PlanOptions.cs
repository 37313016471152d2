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

    public Option<string?> At { get; } = Infrastructure.CommonOptions.Date("--at", "Reference date of the cohort cells (yyyy-mm-dd); default the latest.");

    public IEnumerable<Option> All => [Years, Growth, Ndg, At];

    public GrowthAssumptions GrowthOf(ParseResult r)
    {
        var file = r.GetValue(Growth);
        return new GrowthAssumptions(file is null ? DemographicGrowth.Default() : PlanInputs.ReadGrowth(file.FullName), PlanInputs.ParseNdg(r.GetValue(Ndg)));
    }

    /// <summary>The date given, checked against the data's span; null (the latest cells) when not given.</summary>
    public DateOnly? AtOf(ParseResult r, Strata.Data.Engine.IEngine engine) => Infrastructure.CommonOptions.GivenDate(r, At, engine);

    public int YearsOf(ParseResult r) =>
        r.GetValue(Years) is var y and >= 1 and <= 50 ? y : throw new ArgumentException("--years must be between 1 and 50.");
}

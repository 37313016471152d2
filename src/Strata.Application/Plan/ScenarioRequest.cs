using System.Globalization;
using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Application.Plan;

/// <summary>
/// A scenario to run and store, as both `strata scenario run` and the web's scenario job ask for it. Validated once
/// (<see cref="Validate"/>), with the same limits everywhere: runs 0 (the principal run only) to 100,000.
/// </summary>
/// <param name="Interventions">Intervention files or folders (every *.json), applied in the order given.</param>
/// <param name="Choices">The interventions chosen from them with any changed assumptions; null models all as they are.</param>
/// <param name="At">Reference date of the cohort cells (yyyy-mm-dd); null takes the latest.</param>
/// <param name="GrowthAt">Growth for the baseline's reference date (population files are read for its year); null is the default profile with <paramref name="Ndg"/>.</param>
/// <param name="Ndg">Non-demographic growth overrides (setting=rate,...), as `--ndg` takes them.</param>
/// <param name="Settings">Finance and payment settings; null is the default, with <paramref name="DiscountRate"/> if given.</param>
/// <param name="UseContracts">Price each provider under its recorded contract (one per provider) over the settings' payment models.</param>
/// <param name="Candidates">Interventions made from opportunities in the workspace (<see cref="InterventionCandidates"/>), after the files'.</param>
public sealed record ScenarioRequest(
    string Name,
    IReadOnlyList<string> Interventions,
    int Runs = 1000,
    int Years = 10,
    ulong Seed = 1,
    IReadOnlyList<InterventionChoice>? Choices = null,
    string? At = null,
    Func<DateOnly, GrowthAssumptions>? GrowthAt = null,
    string? Ndg = null,
    ScenarioSettings? Settings = null,
    double? DiscountRate = null,
    bool UseContracts = false,
    int? Threads = null,
    IReadOnlyList<Intervention>? Candidates = null)
{
    public const int MaxRuns = 100_000;
    public const int MaxYears = 50;
    public const double MaxDiscountRate = 0.2;

    /// <summary>Throws <see cref="StrataValidationException"/> naming the field that is out of range.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(Name), "name", "give the scenario a name");
        Require(Interventions is { Count: > 0 }, "interventions", "give at least one intervention file or folder");
        foreach (var path in Interventions!)
        {
            Require(Directory.Exists(path) || File.Exists(path), "interventions", $"no intervention folder or file '{path}'");
        }
        Require(Runs is >= 0 and <= MaxRuns, "runs", $"must be between 0 (the principal run only) and {MaxRuns}; got {Runs}");
        Require(Years is >= 1 and <= MaxYears, "years", $"must be between 1 and {MaxYears}; got {Years}");
        Require(DiscountRate is null or (>= 0 and <= MaxDiscountRate), "discount_rate",
            string.Create(CultureInfo.InvariantCulture, $"The discount rate must be between 0 and {MaxDiscountRate} (20%); got {DiscountRate}"));
        ReferenceDate.ParseOptional(At, "at");
        try
        {
            PlanInputs.ParseNdg(Ndg);
        }
        catch (InputException e)
        {
            throw new StrataValidationException("ndg", "Non-demographic growth: " + e.Message);
        }
    }

    /// <summary>The interventions to model: the files read, then the choices applied.</summary>
    public IReadOnlyList<Intervention> ResolveInterventions()
    {
        var library = InterventionFiles.Load(Interventions);
        foreach (var c in Candidates ?? [])
        {
            if (library.Any(i => i.Id == c.Id))
            {
                throw new StrataValidationException("interventions", $"intervention id '{c.Id}' is both a library file and a candidate made from an opportunity");
            }
        }
        library = [.. library, .. Candidates ?? []];
        return Choices is null ? library : InterventionChoice.Apply(library, Choices, Years);
    }

    public GrowthAssumptions ResolveGrowth(DateOnly referenceDate) =>
        GrowthAt?.Invoke(referenceDate) ?? new GrowthAssumptions(DemographicGrowth.Default(), PlanInputs.ParseNdg(Ndg));

    public ScenarioSettings ResolveSettings()
    {
        var settings = Settings ?? ScenarioSettings.Default;
        return DiscountRate is { } r ? settings with { Finance = settings.Finance with { DiscountRate = r } } : settings;
    }

    /// <summary>The assumptions that differ from the defaults, for a job's target and so the audit log.</summary>
    public string AssumptionsText() =>
        (string.IsNullOrWhiteSpace(Ndg) ? "" : $", ndg {Ndg.Trim()}")
        + (DiscountRate is { } d ? string.Create(CultureInfo.InvariantCulture, $", discount rate {d:0.####}") : "");

    private static void Require(bool ok, string field, string reason)
    {
        if (!ok)
        {
            throw new StrataValidationException(field, reason);
        }
    }
}

namespace Strata.Domain.Foundation.Synthetic;

/// <summary>
/// One generated person's registration row (indexes into the layout and vocabularies; -1 = null). CareHome and
/// Housebound are 1/0 flags (status at the end of the window, or at death), -1 when not recorded.
/// </summary>
public readonly record struct SyntheticPerson(
    ulong Token, char Sex, int YearOfBirth, int DeathDay, int Practice, int Lsoa, int Decile, int Ethnicity, int CareHome = -1, int Housebound = -1);

/// <summary>Receives a person's rows in order: person, conditions, activity, truth. Implemented by the file writers.</summary>
public interface ISyntheticSink
{
    void Person(in SyntheticPerson person);

    /// <summary>A coded record: the condition's own `strata` code when <paramref name="icd10"/> is null.</summary>
    void Condition(int condition, string? icd10, int recordedDay);

    /// <param name="endDay">Day number, or <see cref="PersonSimulator.NoDay"/>.</param>
    /// <param name="procedure">OPCS-4 primary procedure (no dot), for planned spells.</param>
    /// <param name="specialty">Treatment function code, for outpatient attendances and planned spells.</param>
    void Activity(int setting, int provider, int startDay, int endDay, string? diagnosis, long costPence, string? procedure = null, string? specialty = null);

    /// <summary>The person's true annual emergency-admission rate for a financial year (validation only).</summary>
    void EmergencyRate(int financialYear, double rate);
}

/// <summary>Everything shared (read-only) by the simulators of one generation run.</summary>
public sealed class SyntheticModel
{
    public SyntheticModel(SimulationWindow window, PlaceLayout layout, Icd10Coder coder, ulong seed, Calibration calibration)
    {
        Window = window;
        Layout = layout;
        Coder = coder;
        Seed = seed;
        Calibration = calibration;
        AgeSex = new AgeSexStructure(window);
    }

    public SimulationWindow Window { get; }
    public PlaceLayout Layout { get; }
    public Icd10Coder Coder { get; }
    public ulong Seed { get; }
    public Calibration Calibration { get; }
    public AgeSexStructure AgeSex { get; }

    /// <summary>Practice-level excess activity for the opportunity library to find (none in the calibration pilot).</summary>
    public PlantedVariation Planted { get; init; } = PlantedVariation.None;

    /// <summary>The model for a run: layout from the seed, calibration from a fixed pilot population.</summary>
    public static SyntheticModel Create(SimulationWindow window, long people, ulong seed, Icd10Coder coder)
    {
        var layout = PlaceLayout.Build(people, Rng.Fork(seed, ulong.MaxValue), Rng.Fork(seed, "place-names", 0));
        return new(window, layout, coder, seed, Calibration.Compute(window, coder)) { Planted = PlantedVariation.Choose(layout.Practices.Count, seed) };
    }
}

/// <summary>
/// Normalising constants worked out on a fixed pilot population (same for every seed and size): the scale of each
/// Poisson setting so its population mean is the target rate, and per age band the mean mortality hazard ratio so
/// age-specific death rates stay those of the life table.
/// </summary>
public sealed class Calibration
{
    public const int PilotPeople = 40_000;
    public const ulong PilotSeed = 20_220_401;

    public Calibration(double[] profileScale, double[] mortalityNorm)
    {
        ProfileScale = profileScale;
        MortalityNorm = mortalityNorm;
    }

    /// <summary>Per <see cref="ActivityModel.Profiles"/> entry.</summary>
    public IReadOnlyList<double> ProfileScale { get; }

    /// <summary>Per <see cref="RateBands"/> band.</summary>
    public IReadOnlyList<double> MortalityNorm { get; }

    public static Calibration Identity { get; } =
        new([.. ActivityModel.Profiles.Select(_ => 1.0)], [.. Enumerable.Repeat(1.0, RateBands.Count)]);

    public static Calibration Compute(SimulationWindow window, Icd10Coder coder)
    {
        var layout = PlaceLayout.Build(PilotPeople, new Rng(PilotSeed));
        // Pass 1: mean hazard ratio per band, with the uncalibrated model.
        var pilot = new PersonSimulator(new SyntheticModel(window, layout, coder, PilotSeed, Identity));
        var hazard = new double[RateBands.Count];
        var hazardWeight = new double[RateBands.Count];
        var rng = new Rng(PilotSeed);
        for (var i = 0; i < PilotPeople; i++)
        {
            pilot.DrawPerson(i, rng);
            pilot.AccumulateHazard(hazard, hazardWeight);
        }
        var norm = hazard.Select((h, b) => hazardWeight[b] > 0 ? h / hazardWeight[b] : 1).ToArray();

        // Pass 2: with deaths calibrated, the exposure-weighted mean relative rate of each setting.
        pilot = new PersonSimulator(new SyntheticModel(window, layout, coder, PilotSeed, new Calibration(Identity.ProfileScale.ToArray(), norm)));
        var relative = new double[ActivityModel.Profiles.Count];
        var exposure = 0.0;
        rng = new Rng(PilotSeed + 1);
        for (var i = 0; i < PilotPeople; i++)
        {
            pilot.DrawPerson(i, rng);
            pilot.DrawDeath(rng);
            exposure += pilot.AccumulateRelative(relative);
        }
        var scale = ActivityModel.Profiles.Select((p, k) => p.TargetPerPersonYear / (relative[k] / exposure)).ToArray();
        return new Calibration(scale, norm);
    }
}

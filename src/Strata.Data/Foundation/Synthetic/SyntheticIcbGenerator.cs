namespace Strata.Data.Foundation.Synthetic;

/// <summary>Options for a synthetic ICB. Same options and seed give the same bytes.</summary>
public sealed record GeneratorOptions(long People, ulong Seed, string OutputDirectory, string Format = "csv")
{
    /// <summary>First day of generated activity (a financial year start).</summary>
    public DateOnly Start { get; init; } = SyntheticDefaults.DataStart;

    /// <summary>Financial years of activity generated.</summary>
    public int Years { get; init; } = SyntheticDefaults.Years;
}

/// <summary>Row counts written per file.</summary>
public sealed record GeneratorResult(long Practices, long Providers, long People, long Conditions, long Activity, string OutputDirectory);

public static class SyntheticDefaults
{
    public static readonly DateOnly DataStart = new(2022, 4, 1);

    public const int Years = 3;

    /// <summary>Last day of generated data; the demo's reference date.</summary>
    public static DateOnly DataEnd => DataStart.AddYears(Years).AddDays(-1);
}

/// <summary>Writes a realistic synthetic ICB in import format v1 (docs/synthetic-data.md).</summary>
public static class SyntheticIcbGenerator
{
    public static GeneratorResult Generate(GeneratorOptions options, Action<double, string>? progress = null) =>
        throw new NotImplementedException("Synthetic generator: see issue 2.");
}

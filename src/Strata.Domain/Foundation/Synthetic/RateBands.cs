namespace Strata.Domain.Foundation.Synthetic;

/// <summary>
/// The ten broad age bands of the generator's rate tables (0–4, 5–14, 15–24, … 75–84, 85+): fine enough to follow
/// the published age gradients, coarse enough that every cell has a public source figure.
/// </summary>
public static class RateBands
{
    public const int Count = 10;

    public static IReadOnlyList<string> Labels { get; } = ["0-4", "5-14", "15-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-84", "85+"];

    public static int Of(int age) => age < 5 ? 0 : age >= 85 ? 9 : age < 15 ? 1 : (age - 5) / 10 + 1;
}

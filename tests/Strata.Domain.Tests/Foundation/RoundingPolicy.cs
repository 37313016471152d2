using Strata.Domain.Foundation;

namespace Strata.Domain.Tests.Foundation;

/// <summary>
/// Suppression and rounding without perturbation, for tests of what a route does with protected figures
/// (which counts it protects, what it recomputes and withholds) where exact expected values read best.
/// The perturbation itself is tested in <see cref="DisclosureControlTests"/> and the attack suite.
/// </summary>
internal static class RoundingPolicy
{
    public static DisclosurePolicy Only { get; } = DisclosurePolicy.Default with { MaxPerturbation = 0 };
}

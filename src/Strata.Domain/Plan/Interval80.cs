using Strata.Domain.Foundation;

namespace Strata.Domain.Plan;

/// <summary>
/// An uncertain parameter given as an 80% interval (planning spec, "Uncertainty convention"): drawn from a normal with
/// mean (lo+hi)/2 and sd (hi−lo)/2.563103, then clipped to the parameter's valid range.
/// </summary>
public readonly record struct Interval80(double Lo, double Hi)
{
    /// <summary>Width of an 80% normal interval in standard deviations: 2 × 1.2815516.</summary>
    public const double Divisor = 2 * Distributions.Z80;

    public double Mean => (Lo + Hi) / 2;

    public double Sd => (Hi - Lo) / Divisor;

    public static Interval80 Point(double value) => new(value, value);

    /// <summary>One draw, clipped to [min, max]. Always consumes one normal so streams stay aligned across inputs.</summary>
    public double Draw(Rng rng, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return Math.Clamp(rng.Normal(Mean, Sd), min, max);
    }

    /// <summary>The principal-run value: the mean, clipped the same way.</summary>
    public double Principal(double min, double max) => Math.Clamp(Mean, min, max);
}

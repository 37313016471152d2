using System.Globalization;

namespace Strata.Domain.Plan;

/// <summary>
/// A planner's choice of one intervention from the library for a scenario, with any assumptions they changed
/// (null keeps the library's value). Building a scenario in the browser is a list of these.
/// </summary>
public sealed record InterventionChoice(
    string Id,
    Interval80? Effect = null,
    Interval80? Reach = null,
    int? StartYear = null,
    double? FixedCostPerYear = null,
    double? CostPerPersonReached = null)
{
    /// <summary>
    /// The chosen interventions in library order (the order they are applied in, as for a folder), each with the
    /// changed assumptions. A changed intervention's version gains "+edited:" and the new values, so the stored
    /// run says exactly what was modelled.
    /// </summary>
    public static IReadOnlyList<Intervention> Apply(IReadOnlyList<Intervention> library, IReadOnlyList<InterventionChoice> choices, int years)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Count == 0)
        {
            throw new ArgumentException("Choose at least one intervention.", nameof(choices));
        }
        var byId = new Dictionary<string, InterventionChoice>(StringComparer.Ordinal);
        foreach (var c in choices)
        {
            if (library.All(i => i.Id != c.Id))
            {
                throw new ArgumentException($"No intervention '{c.Id}' in the library; it has {string.Join(", ", library.Select(i => i.Id))}.", nameof(choices));
            }
            if (!byId.TryAdd(c.Id, c))
            {
                throw new ArgumentException($"Intervention '{c.Id}' is chosen twice.", nameof(choices));
            }
        }
        return [.. library.Where(i => byId.ContainsKey(i.Id)).Select(i => byId[i.Id].ApplyTo(i, years))];
    }

    private Intervention ApplyTo(Intervention library, int years)
    {
        var changes = new List<string>();
        var effect = Changed(Effect, library.Effect.Size, "effect", changes);
        var reach = Changed(Reach, library.Reach, "reach", changes);
        var start = StartYear ?? library.StartYear;
        if (start < 1 || start > years)
        {
            throw new ArgumentException($"{Id}: start year {start} is outside the scenario's years 1 to {years}.", nameof(StartYear));
        }
        if (StartYear is { } s && s != library.StartYear)
        {
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"start_year={s}"));
        }
        var fixedCost = Cost(FixedCostPerYear, library.FixedCostPerYear, "fixed_per_year", changes);
        var perPerson = Cost(CostPerPersonReached, library.CostPerPersonReached, "per_person_reached", changes);
        return changes.Count == 0
            ? library
            : library with
            {
                Effect = library.Effect with { Size = effect },
                Reach = reach,
                StartYear = start,
                FixedCostPerYear = fixedCost,
                CostPerPersonReached = perPerson,
                Version = library.Version + "+edited:" + string.Join(";", changes),
            };
    }

    private Interval80 Changed(Interval80? chosen, Interval80 library, string name, List<string> changes)
    {
        if (chosen is not { } c || c == library)
        {
            return library;
        }
        if (!(c.Lo >= 0 && c.Hi <= 1 && c.Lo <= c.Hi))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{Id}: {name} must be a proportion interval with 0 <= low <= high <= 1; got {c.Lo} to {c.Hi}."), name);
        }
        changes.Add(string.Create(CultureInfo.InvariantCulture, $"{name}={c.Lo:0.###}-{c.Hi:0.###}"));
        return c;
    }

    private double Cost(double? chosen, double library, string name, List<string> changes)
    {
        if (chosen is not { } c || c.Equals(library))
        {
            return library;
        }
        if (!(c >= 0 && double.IsFinite(c)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{Id}: {name} must be £0 or more; got {c}."), name);
        }
        changes.Add(string.Create(CultureInfo.InvariantCulture, $"{name}={c:0.##}"));
        return c;
    }
}

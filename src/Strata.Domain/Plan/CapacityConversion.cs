namespace Strata.Domain.Plan;

/// <summary>One rate of the capacity table: resource per unit of basis for a setting (reference/capacity/README.md).</summary>
public sealed record CapacityRate(string Setting, string Resource, string Basis, double PerUnit, double? Occupancy, string Source)
{
    public const string Beds = "beds";
    public const string Activity = "activity";
    public const string BedDays = "bed_days";

    /// <summary>The bases a rate may use, and the resources other than staff groups.</summary>
    public static IReadOnlyList<string> Bases { get; } = [Activity, BedDays, Beds];

    public static IReadOnlyList<string> Resources { get; } = [Beds, "theatre_sessions", "clinic_sessions"];

    /// <summary>The first invalid field and why (null when valid), for the reader to name with the file and line.</summary>
    public (string Field, string Reason)? Validate()
    {
        if (!Resources.Contains(Resource) && !(Resource.StartsWith("wte:", StringComparison.Ordinal) && Resource.Length > 4))
        {
            return ("resource", $"'{Resource}' is not beds, theatre_sessions, clinic_sessions or wte:<staff group>");
        }
        if (!Bases.Contains(Basis))
        {
            return ("basis", $"'{Basis}' is not activity, bed_days or beds");
        }
        if (Resource == Beds && Basis != BedDays)
        {
            return ("basis", "beds are converted from bed_days");
        }
        if (Resource == Beds && Occupancy is not (> 0 and <= 1))
        {
            return ("occupancy", "a beds row needs a target occupancy in (0, 1]");
        }
        if (Resource != Beds && Occupancy is not null)
        {
            return ("occupancy", "only beds rows take an occupancy");
        }
        return PerUnit is >= 0 and < double.PositiveInfinity ? null : ("per_unit", "must be a non-negative number");
    }
}

/// <summary>A resource a plan line needs: beds, sessions or WTE of a staff group.</summary>
public readonly record struct ResourceNeed(string Resource, double Amount);

/// <summary>
/// The capacity table: converts a line's activity and bed days into beds at target occupancy, theatre and clinic
/// sessions, and WTE by staff group. Every conversion is linear in activity and bed days, so lines sum to totals.
/// </summary>
public sealed class CapacityTable
{
    public const double DaysPerYear = 365;

    private readonly ILookup<string, CapacityRate> _bySetting;

    public CapacityTable(string version, IReadOnlyList<CapacityRate> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        foreach (var r in rates)
        {
            if (r.Validate() is { } bad)
            {
                throw new ArgumentException($"{r.Setting} {r.Resource}: {bad.Field} {bad.Reason}", nameof(rates));
            }
        }
        if (rates.GroupBy(r => (r.Setting, r.Resource)).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"{twice.Key.Setting} {twice.Key.Resource} is given twice.", nameof(rates));
        }
        if (rates.FirstOrDefault(r => r.Basis == CapacityRate.Beds && !rates.Any(b => b.Setting == r.Setting && b.Resource == CapacityRate.Beds)) is { } orphan)
        {
            throw new ArgumentException($"{orphan.Setting} {orphan.Resource} is per bed but the setting has no beds row.", nameof(rates));
        }
        Version = version;
        Rates = rates;
        _bySetting = rates.ToLookup(r => r.Setting, StringComparer.Ordinal);
    }

    public string Version { get; }

    public IReadOnlyList<CapacityRate> Rates { get; }

    /// <summary>Resources in table order (beds and sessions first, then staff groups).</summary>
    public IReadOnlyList<string> ResourceNames =>
        [.. Rates.Select(r => r.Resource).Distinct(StringComparer.Ordinal).OrderBy(r => r.StartsWith("wte:", StringComparison.Ordinal)).ThenBy(r => r, StringComparer.Ordinal)];

    /// <summary>Beds needed for a year's bed days at a target occupancy: bed days / (365 × occupancy).</summary>
    public static double BedsFor(double bedDays, double occupancy) => bedDays / (DaysPerYear * occupancy);

    /// <summary>What one line (a setting's activity and bed days in a year) needs, by resource.</summary>
    public IReadOnlyList<ResourceNeed> Needs(string setting, double activity, double bedDays)
    {
        var rates = _bySetting[setting].ToList();
        var beds = rates.FirstOrDefault(r => r.Resource == CapacityRate.Beds) is { } b ? BedsFor(bedDays, b.Occupancy!.Value) : 0;
        return [.. rates.Select(r => new ResourceNeed(r.Resource, r.Resource == CapacityRate.Beds ? beds : r.PerUnit * (r.Basis switch
        {
            CapacityRate.Activity => activity,
            CapacityRate.BedDays => bedDays,
            _ => beds,
        })))];
    }
}

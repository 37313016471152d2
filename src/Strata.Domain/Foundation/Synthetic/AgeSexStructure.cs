namespace Strata.Domain.Foundation.Synthetic;

/// <summary>
/// England's population by sex and five-year age band (ONS mid-2022 population estimates, thousands, rounded), plus
/// births during the window at England's crude birth rate. Ages within a band are uniform; 90+ decays exponentially.
/// </summary>
public sealed class AgeSexStructure
{
    /// <summary>Bands 0–4, 5–9, … 85–89, 90+ (thousands).</summary>
    public static readonly IReadOnlyList<int> Male =
        [1605, 1743, 1786, 1666, 1763, 1848, 1920, 1866, 1762, 1702, 1880, 1864, 1607, 1371, 1288, 1001, 605, 342, 165];

    public static readonly IReadOnlyList<int> Female =
        [1528, 1659, 1697, 1575, 1700, 1871, 1974, 1907, 1783, 1743, 1945, 1920, 1664, 1455, 1411, 1137, 745, 484, 314];

    /// <summary>Live births per person per year (ONS births in England 2022: 577,046 / 57.1M).</summary>
    public const double CrudeBirthRate = 0.0101;

    /// <summary>Share of registrations recorded as sex U (indeterminate/unknown); very small in GP records.</summary>
    public const double UnknownSexShare = 0.0002;

    private readonly double[] _cumulative;
    private readonly SimulationWindow _window;
    private readonly double _birthShare;

    public AgeSexStructure(SimulationWindow window)
    {
        _window = window;
        _cumulative = SyntheticDraws.Cumulative([.. Male.Select(m => (double)m), .. Female.Select(f => (double)f)]);
        _birthShare = CrudeBirthRate * Math.Max(0, window.EndDay - window.ReferenceDay) / 365.25;
    }

    /// <summary>Share of generated people born after the reference date (inside the window).</summary>
    public double BirthShare => _birthShare;

    /// <summary>Draws sex and birth day for one person.</summary>
    public (char Sex, int BirthDay) Sample(Rng rng)
    {
        var born = rng.NextDouble() < _birthShare;
        var cell = rng.Pick(_cumulative);
        var sex = cell < Male.Count ? 'M' : 'F';
        if (rng.NextDouble() < UnknownSexShare)
        {
            sex = 'U';
        }
        if (born)
        {
            return (sex, rng.Day(_window.ReferenceDay + 1, _window.EndDay));
        }
        var band = cell % Male.Count;
        var years = band == Male.Count - 1
            ? 90 + Math.Min(15.0, rng.Exponential(3.5))
            : band * 5 + rng.NextDouble() * 5;
        return (sex, _window.ReferenceDay - (int)(years * 365.25) - 1);
    }
}

using Strata.Domain.Foundation;

namespace Strata.Domain.Plan;

/// <summary>
/// Money assumptions (planning spec, "Money"): discount rate (HM Treasury Green Book 3.5%), the variable share of
/// avoided cost that is released as cash (default 0.5, per setting), and the step size in which the semi-fixed rest
/// is released (bed days for admitted settings, activity units otherwise; no step = stays stranded).
/// </summary>
public sealed record FinanceAssumptions(
    double DiscountRate,
    double DefaultVariableShare,
    IReadOnlyDictionary<string, double> VariableShare,
    IReadOnlyDictionary<string, double> StepSize)
{
    /// <summary>A 28-bed ward at 92% occupancy: 28 × 365 × 0.92 ≈ 9,400 bed days a year.</summary>
    public const double WardBedDays = 9400;

    public static FinanceAssumptions Default { get; } = new(0.035, 0.5, new Dictionary<string, double>(),
        Vocabulary.AdmittedSettings.ToDictionary(s => s, _ => WardBedDays));

    public double VariableShareOf(string setting) => VariableShare.TryGetValue(setting, out var v) ? v : DefaultVariableShare;

    public double StepOf(string setting) => StepSize.TryGetValue(setting, out var v) ? v : 0;

    /// <summary>Units in which a setting's semi-fixed cost steps down.</summary>
    public static bool StepsInBedDays(string setting) => Vocabulary.AdmittedSettings.Contains(setting);
}

/// <summary>Cash flows of one intervention or the portfolio, by projection year (index 0 = baseline year, always 0).</summary>
public sealed class CashFlows(int years)
{
    /// <summary>Full cost of the activity avoided (the economic saving).</summary>
    public double[] Gross { get; } = new double[years + 1];

    /// <summary>Cash actually released: variable share plus semi-fixed steps taken out.</summary>
    public double[] Released { get; } = new double[years + 1];

    public double[] InterventionCost { get; } = new double[years + 1];

    /// <summary>Cost of shifted activity in its receiving setting.</summary>
    public double[] ReceivingCost { get; } = new double[years + 1];

    public int Years => Gross.Length - 1;

    public double Cost(int y) => InterventionCost[y] + ReceivingCost[y];

    /// <summary>Avoided cost not (yet) released: the semi-fixed share until capacity steps down.</summary>
    public double Stranded(int y) => Gross[y] - Released[y];

    /// <summary>Net cost to the system in year y (positive = spending more than released).</summary>
    public double Net(int y) => Cost(y) - Released[y];

    public void Add(CashFlows other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var y = 0; y <= Years; y++)
        {
            Gross[y] += other.Gross[y];
            Released[y] += other.Released[y];
            InterventionCost[y] += other.InterventionCost[y];
            ReceivingCost[y] += other.ReceivingCost[y];
        }
    }
}

/// <summary>NPV, ROI, payback and double running from cash flows (planning spec, "Money").</summary>
public static class FinancialTransition
{
    /// <summary>
    /// Cash released from avoided cost in one setting and year: the variable share at once, and the semi-fixed rest
    /// in whole steps of capacity (a ward, a session) once the avoided units reach a step.
    /// </summary>
    public static double Released(double avoidedCost, double avoidedUnits, double variableShare, double stepSize)
    {
        if (avoidedCost <= 0)
        {
            return 0;
        }
        var stepped = stepSize > 0 && avoidedUnits > 0 ? Math.Min(1, Math.Floor(avoidedUnits / stepSize) * stepSize / avoidedUnits) : 0;
        return avoidedCost * (variableShare + (1 - variableShare) * stepped);
    }

    /// <summary>Green Book convention: the first projection year is year 0 of the appraisal (undiscounted).</summary>
    public static double DiscountFactor(int year, double rate) => Math.Pow(1 + rate, -(year - 1));

    /// <summary>NPV of net benefit (released − cost).</summary>
    public static double Npv(CashFlows f, double rate)
    {
        ArgumentNullException.ThrowIfNull(f);
        var npv = 0.0;
        for (var y = 1; y <= f.Years; y++)
        {
            npv += (f.Released[y] - f.Cost(y)) * DiscountFactor(y, rate);
        }
        return npv;
    }

    /// <summary>ROI = (discounted gross savings − discounted cost) / discounted cost; gross savings here are cash released.</summary>
    public static double? Roi(CashFlows f, double rate)
    {
        ArgumentNullException.ThrowIfNull(f);
        double savings = 0, cost = 0;
        for (var y = 1; y <= f.Years; y++)
        {
            savings += f.Released[y] * DiscountFactor(y, rate);
            cost += f.Cost(y) * DiscountFactor(y, rate);
        }
        return cost > 0 ? (savings - cost) / cost : null;
    }

    /// <summary>Cumulative net benefit (released − cost) to the end of each year.</summary>
    public static double[] Cumulative(CashFlows f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var c = new double[f.Years + 1];
        for (var y = 1; y <= f.Years; y++)
        {
            c[y] = c[y - 1] + f.Released[y] - f.Cost(y);
        }
        return c;
    }

    /// <summary>First year, from the first year with any cost, in which cumulative net benefit is ≥ 0; null if never.</summary>
    public static int? PaybackYear(CashFlows f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var cumulative = Cumulative(f);
        var started = false;
        for (var y = 1; y <= f.Years; y++)
        {
            started |= f.Cost(y) > 0;
            if (started && cumulative[y] >= 0)
            {
                return y;
            }
        }
        return null;
    }

    /// <summary>
    /// Double running: in each year before releases first cover the year's cost, the part of the cost not covered
    /// (the bridging money needed while old and new services run side by side).
    /// </summary>
    public static double[] DoubleRunning(CashFlows f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var d = new double[f.Years + 1];
        for (var y = 1; y <= f.Years; y++)
        {
            if (f.Cost(y) > 0 && f.Released[y] >= f.Cost(y))
            {
                break;
            }
            d[y] = Math.Max(0, f.Cost(y) - f.Released[y]);
        }
        return d;
    }
}

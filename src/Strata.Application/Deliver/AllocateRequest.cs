using System.Globalization;
using Strata.Data.Deliver;
using Strata.Domain.Deliver;
using Strata.Domain.Foundation;

namespace Strata.Application.Deliver;

/// <summary>
/// A need-weighted allocation as `strata allocate`, the Allocation page, POST /api/allocation and the demo ask for it.
/// Validated once (<see cref="Validate"/>) with the same limits everywhere. Percentages are fractions (0.01 = 1%).
/// </summary>
/// <param name="Budget">Year-1 budget (£); needed for a convergence path.</param>
/// <param name="At">Reference date D (yyyy-mm-dd); null is the end of the data.</param>
/// <param name="Years">Years of convergence path (0: targets only). A path needs a current allocation: <paramref name="Current"/> or <paramref name="CurrentFromSpend"/>.</param>
/// <param name="Current">Current allocation per place or neighbourhood (a CSV on the CLI).</param>
/// <param name="UnmetNeed">A local unmet-need index per area replacing the IMD-weighted population.</param>
/// <param name="CurrentFromSpend">The current allocation is each area's spend in the 12 months to D (the web's and the demo's basis).</param>
public sealed record AllocateRequest(
    double? Budget = null,
    string? At = null,
    double HiShare = AllocationCalculator.DefaultInequalitiesShare,
    string ImdWeights = AllocateRequest.DefaultImdWeights,
    int MinCell = AllocateRequest.DefaultMinCell,
    int Years = 0,
    double Floor = AllocateRequest.DefaultFloor,
    double GapClosure = AllocateRequest.DefaultGapClosure,
    double Cap = AllocateRequest.DefaultCap,
    double BudgetGrowth = 0,
    IReadOnlyDictionary<string, double>? Current = null,
    IReadOnlyDictionary<string, double>? UnmetNeed = null,
    bool CurrentFromSpend = false)
{
    public const string DefaultImdWeights = "1.5,1.25,1,0.75,0.5";
    public const int DefaultMinCell = 30;
    public const double DefaultFloor = 0.01;
    public const double DefaultGapClosure = 0.25;
    public const double DefaultCap = 0.05;
    public const int MaxYears = 10;

    /// <summary>Throws <see cref="StrataValidationException"/> naming the field that is out of range.</summary>
    public void Validate()
    {
        Require(Budget is null || (double.IsFinite(Budget.Value) && Budget > 0), "budget", "must be a positive amount of money");
        Require(HiShare is >= 0 and <= 1, "hi_share", "must be in 0..1");
        Require(MinCell >= 1, "min_cell", "must be at least 1");
        Require(Years is >= 0 and <= MaxYears, "years", $"must be 0-{MaxYears}");
        Require(Floor is >= 0 and <= 0.5, "floor", "must be in 0..0.5");
        Require(GapClosure is >= 0 and <= 1, "gap_closure", "must be in 0..1");
        Require(Cap is >= 0 and <= 1, "cap", "must be in 0..1");
        Require(BudgetGrowth is > -0.5 and <= 0.5, "budget_growth", "must be in -0.5..0.5");
        Require(!(Years > 0 && (Current is not null || CurrentFromSpend) && Budget is null), "budget", "is needed for a convergence path");
        Weights();
        ReferenceDate.ParseOptional(At, "at");
    }

    /// <summary>The unmet-need weights by IMD quintile.</summary>
    public Strata.Data.Deliver.ImdWeights Weights()
    {
        try
        {
            return Strata.Data.Deliver.ImdWeights.Parse(ImdWeights ?? "");
        }
        catch (ArgumentException)
        {
            throw new StrataValidationException("imd_weights",
                $"five non-negative numbers for quintiles 1..5 are needed, e.g. {DefaultImdWeights} (got '{ImdWeights}')");
        }
    }

    /// <summary>The engine-side request at the resolved reference date.</summary>
    public AllocationRequest ToRun(DateOnly at) => new(at, Budget, Current, HiShare, Weights(), MinCell, Years,
        new ConvergencePolicy(Floor, GapClosure, Cap), BudgetGrowth, UnmetNeed, CurrentFromSpend);

    /// <summary>The settings for the audit log.</summary>
    public string Describe(DateOnly at) => string.Create(CultureInfo.InvariantCulture,
        $"budget £{Budget ?? 0:N2}; at {at:yyyy-MM-dd}; years {Years}; floor {Floor}; gap closure {GapClosure}; cap {Cap}; hi share {HiShare}; budget growth {BudgetGrowth}");

    /// <summary>A stored run's settings as a request (what the web shows beside the latest allocation).</summary>
    public static AllocateRequest From(AllocationRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Budget, ReferenceDate.Text(r.At), r.HiShare,
            string.Join(',', new[] { 1, 2, 3, 4, 5 }.Select(q => r.ImdWeights.For(q).ToString(CultureInfo.InvariantCulture))),
            r.MinCellPeople, r.Years, r.Policy.FloorGrowth, r.Policy.GapClosure, r.Policy.CapAboveTarget, r.BudgetGrowth,
            r.Current, r.UnmetNeed, r.CurrentFromSpend);
    }

    private static void Require(bool ok, string field, string reason)
    {
        if (!ok)
        {
            throw new StrataValidationException(field, reason);
        }
    }
}

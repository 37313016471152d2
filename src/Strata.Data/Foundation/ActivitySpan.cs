using Strata.Data.Engine;

namespace Strata.Data.Foundation;

/// <summary>
/// The dates the imported activity covers: the last start date is the data end from which stages count back their
/// default reference dates; the first is where look-back windows stop being covered. Null when there is no activity.
/// </summary>
public static class ActivitySpan
{
    public static DateOnly? Last(IEngine engine) => Date(engine, "max");

    public static DateOnly? First(IEngine engine) => Date(engine, "min");

    private static DateOnly? Date(IEngine engine, string aggregate)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Scalar<DateTime?>($"SELECT CAST({aggregate}(start_date) AS TIMESTAMP) FROM activity") is { } d ? DateOnly.FromDateTime(d) : null;
    }
}

using Strata.Data.Engine;
using Strata.Domain.Foundation;

namespace Strata.Data.Foundation;

/// <summary>
/// The dates the imported activity covers: the last start date is the data end from which stages count back their
/// default reference dates; the first is where look-back windows stop being covered. Null when there is no activity.
/// </summary>
public static class ActivitySpan
{
    public static DateOnly? Last(IEngine engine) => Date(engine, "max");

    public static DateOnly? First(IEngine engine) => Date(engine, "min");

    /// <summary>The data's span, or null when there is no activity.</summary>
    public static DataSpan? Of(IEngine engine) =>
        First(engine) is { } first && Last(engine) is { } last ? new DataSpan(first, last) : null;

    /// <summary>
    /// The reference date a stage runs at: the date given (parsed by <see cref="ReferenceDate"/>, refused outside the
    /// data's span) or the end of the data. With no activity there is no span to check against or default from.
    /// </summary>
    public static DateOnly Resolve(IEngine engine, string? text, string field) =>
        Resolve(engine, ReferenceDate.ParseOptional(text, field), field);

    public static DateOnly Resolve(IEngine engine, DateOnly? given, string field) =>
        Of(engine) is { } span
            ? span.Resolve(given, field)
            : given ?? throw new InvalidOperationException($"The workspace has no activity; import data first or give {field}.");

    private static DateOnly? Date(IEngine engine, string aggregate)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Scalar<DateTime?>($"SELECT CAST({aggregate}(start_date) AS TIMESTAMP) FROM activity") is { } d ? DateOnly.FromDateTime(d) : null;
    }
}

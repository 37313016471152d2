using System.Globalization;
using Strata.Data.Engine;

namespace Strata.Data.Foundation;

/// <summary>
/// Emergency readmissions within 30 days of discharge, derived after every import (docs/data-format.md,
/// "Derived after import"): an <c>emergency_admission</c> of a person that starts on the day of, or up to
/// <see cref="WindowDays"/> days after, the discharge (<c>end_date</c>) of an earlier admitted spell of theirs
/// (<c>emergency_admission</c>, <c>elective_admission</c> or <c>daycase</c>; maternity spells are excluded, as in
/// the NHS emergency readmissions indicators). The index spell is the latest such discharge.
/// </summary>
public static class Readmissions
{
    public const int WindowDays = 30;

    /// <summary>Workspace table: activity_id (the readmission), index_activity_id, days_after_discharge.</summary>
    public const string Table = "emergency_readmissions";

    private const string IndexSettings = "('emergency_admission', 'elective_admission', 'daycase')";

    /// <summary>Rewrites <see cref="Table"/> from the activity table and returns a note with the number found.</summary>
    public static IReadOnlyList<string> Derive(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var d = engine.Dialect;
        engine.CreateTableAs(Tables.EmergencyReadmissions, $"""
            SELECT activity_id, index_activity_id, days_after_discharge FROM (
                SELECT r.activity_id, i.activity_id AS index_activity_id, CAST(r.start_date - i.end_date AS INTEGER) AS days_after_discharge,
                    row_number() OVER (PARTITION BY r.activity_id ORDER BY i.end_date DESC, i.activity_id) AS latest
                FROM activity r
                JOIN activity i ON i.person_id = r.person_id AND i.activity_id <> r.activity_id
                    AND i.setting IN {IndexSettings} AND i.end_date IS NOT NULL
                    AND r.start_date >= i.end_date AND r.start_date <= {d.AddDays("i.end_date", WindowDays.ToString(CultureInfo.InvariantCulture))}
                    AND i.start_date < r.start_date
                WHERE r.setting = 'emergency_admission') x
            WHERE latest = 1
            """);
        var count = engine.Scalar<long>($"SELECT count(*) FROM {Table}");
        return count == 0 ? [] :
        [
            string.Create(CultureInfo.InvariantCulture,
                $"{count:N0} emergency admissions were readmissions within {WindowDays} days of a discharge (in {Table})"),
        ];
    }
}

using Strata.Data.Foundation;
using Strata.Data.Engine;
using Strata.Data.Understand;
using Strata.Domain.Plan;

namespace Strata.Data.Plan;

/// <summary>Year-on-year segment movements of the linked data, for the Markov transition model (aggregates only).</summary>
public sealed record SegmentMovements(IReadOnlyList<DateOnly> Dates, IReadOnlyList<TransitionCount> Transitions,
    IReadOnlyList<SegmentCell> Entrants, IReadOnlyList<SegmentCell> Last);

/// <summary>
/// Segments every person at each of a list of year-ends (the one segmentation of the Understand stage) into
/// <c>plan_segment_history(person_id, reference_date, segment, age_band, sex, imd_quintile)</c>, then counts in SQL, per
/// consecutive pair of dates, the movements by stratum (age band at the first date, sex, IMD quintile) and the entrants.
/// The workspace's current segments (and person_conditions) are rebuilt at their own date afterwards.
/// </summary>
public static class SegmentHistory
{
    public const string Table = "plan_segment_history";

    /// <summary>Year-ends (the data end and whole years before it) whose 12-month look-back lies inside the data.</summary>
    public static IReadOnlyList<DateOnly> YearEnds(DateOnly first, DateOnly last)
    {
        var dates = new List<DateOnly>();
        for (var d = last; d.AddYears(-1) >= first.AddDays(-1); d = d.AddYears(-1))
        {
            dates.Insert(0, d);
        }
        return dates;
    }

    /// <summary>Builds the history table at the given dates (ascending, at least two).</summary>
    public static void Build(IEngine engine, IReadOnlyList<DateOnly> dates)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(dates);
        if (dates.Count < 2 || dates.Zip(dates.Skip(1)).Any(p => p.Second <= p.First))
        {
            throw new ArgumentException("Transitions need at least two ascending year-ends.", nameof(dates));
        }
        var current = Segmentation.Current(engine);
        engine.Execute($"DROP TABLE IF EXISTS {Table}");
        engine.CreateTable(Tables.SegmentHistory);
        foreach (var d in dates)
        {
            Segmentation.Run(engine, d);
            // Segmentation counts everyone born in D's year; here a person is present from the mid-year birthday (1 July of
            // year_of_birth, the age convention), so a year-end never counts births after it that only later data shows.
            var bornBy = d.Month >= 7 ? d.Year : d.Year - 1;
            engine.Execute($"""
                INSERT INTO {Table} SELECT s.person_id, s.reference_date, s.segment, s.age_band, s.sex, s.imd_quintile
                FROM {Segmentation.Table} s JOIN people p ON p.person_id = s.person_id WHERE p.year_of_birth <= $1
                """, bornBy);
        }
        if (current is { } c && c.ReferenceDate != dates[^1])
        {
            Segmentation.Run(engine, c.ReferenceDate);
        }
    }

    /// <summary>Movements between each consecutive pair of the given dates of the history table, and the state at the last date.</summary>
    public static SegmentMovements Movements(IEngine engine, IReadOnlyList<DateOnly> dates)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(dates);
        var transitions = new List<TransitionCount>();
        var entrants = new List<SegmentCell>();
        foreach (var (a, b) in dates.Zip(dates.Skip(1)))
        {
            var (da, db) = (engine.Dialect.Date(a), engine.Dialect.Date(b));
            transitions.AddRange(engine.Query($"""
                SELECT s.age_band, s.sex, s.imd_quintile, s.segment, coalesce(t.segment, '{SegmentTransitionModel.Exited}'), count(*)
                FROM {Table} s LEFT JOIN {Table} t ON t.person_id = s.person_id AND t.reference_date = {db}
                WHERE s.reference_date = {da}
                GROUP BY s.age_band, s.sex, s.imd_quintile, s.segment, coalesce(t.segment, '{SegmentTransitionModel.Exited}')
                """, r => new TransitionCount(Stratum(r), r.GetString(3), r.GetString(4), Convert.ToDouble(r.GetValue(5), System.Globalization.CultureInfo.InvariantCulture))));
            entrants.AddRange(engine.Query($"""
                SELECT t.age_band, t.sex, t.imd_quintile, t.segment, count(*)
                FROM {Table} t LEFT JOIN {Table} s ON s.person_id = t.person_id AND s.reference_date = {da}
                WHERE t.reference_date = {db} AND s.person_id IS NULL
                GROUP BY t.age_band, t.sex, t.imd_quintile, t.segment
                """, r => Cell(r)));
        }
        var last = engine.Query($"""
            SELECT age_band, sex, imd_quintile, segment, count(*) FROM {Table} WHERE reference_date = {engine.Dialect.Date(dates[^1])}
            GROUP BY age_band, sex, imd_quintile, segment
            """, r => Cell(r));
        return new SegmentMovements(dates, transitions, entrants, last);
    }

    private static TransitionStratum Stratum(System.Data.IDataRecord r) =>
        new(r.GetString(0), r.GetString(1), Convert.ToInt32(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture));

    private static SegmentCell Cell(System.Data.IDataRecord r) =>
        new(Stratum(r), r.GetString(3), Convert.ToDouble(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture));
}

using Strata.Data.Engine;
using Strata.Domain.Deliver;

namespace Strata.Data.Deliver;

/// <summary>
/// Provider Selection Regime records in the Deliver record store: the one way the CLI (`strata psr record`,
/// `psr summary`) and the web keep and read them.
/// </summary>
public static class PsrLog
{
    public const string RecordType = "psr_record";

    /// <summary>Derives the record from what was entered (process by the regulation's tests, dates) and appends it.</summary>
    /// <param name="area">The area the record is kept for (the recording user's scope on the web; the ICB on the CLI).</param>
    public static (PsrRecord Record, StoredRecord Stored) Record(IEngine engine, PsrRecordInput input, string actor, string area = DeliverRecords.Icb)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = input.ToRecord();
        return (record, DeliverRecords.Append(engine, RecordType, record.RecordId, actor, DeliverRecords.Serialise(record), area: area));
    }

    /// <summary>The current version of every PSR record.</summary>
    public static IReadOnlyList<PsrRecord> Current(IEngine engine) =>
        [.. DeliverRecords.Current(engine, RecordType).Select(r => DeliverRecords.Deserialise<PsrRecord>(r.Payload))];

    /// <summary>The annual summary of the records whose decision fell in the calendar year.</summary>
    public static PsrAnnualSummary Summary(IEngine engine, int year) => PsrRecords.Summarise(year, Current(engine));
}

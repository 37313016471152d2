using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Strata.Data.Engine;
using Strata.Data.Foundation;

namespace Strata.Data.Deliver;

/// <summary>One version of a Deliver record: who wrote it, when, and what (a JSON payload).</summary>
/// <param name="Area">The area the record belongs to ("ICB", "place:CODE" or "neighbourhood:CODE"); fixed at creation.</param>
/// <param name="CreatedBy">Who wrote the first version.</param>
public sealed record StoredRecord(string RecordType, string RecordId, int Version, string Actor, DateTime At, string Payload,
    string Area = DeliverRecords.Icb, string? CreatedBy = null);

/// <summary>A record id already used by another area: an amendment never changes a record's area (HTTP 409, nothing written).</summary>
public sealed class RecordOwnershipException(string message) : InvalidOperationException(message);

/// <summary>
/// The append-only store of Deliver records (contracts, pooled agreements, delegations, decisions, PSR records,
/// decommissioning assessments, allocation runs). A change is a new version; nothing is ever updated or deleted, so the history of
/// who changed what and when is the table itself. Current state = the latest version of each record.
/// </summary>
public static class DeliverRecords
{
    public const string Table = "deliver_records";

    /// <summary>The area of ICB-wide records (contracts, pools, delegations, ICB decisions).</summary>
    public const string Icb = "ICB";

    /// <summary>The area a place or neighbourhood names, in the form user scopes are written ("place:P1").</summary>
    public static string Area(string? place, string? neighbourhood) =>
        neighbourhood is { Length: > 0 } n ? "neighbourhood:" + n : place is { Length: > 0 } p ? "place:" + p : Icb;

    public static readonly IReadOnlyList<string> Types =
        ["contract", "pool_agreement", "delegation", "decision", "psr_record", "decommissioning_assessment", "allocation"];

    /// <summary>
    /// How payloads are written and read back: snake_case names and enum values; on reading, every required field
    /// present and nulls only where the type allows them.
    /// </summary>
    public static readonly JsonSerializerOptions PayloadJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        AllowOutOfOrderMetadataProperties = true,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    public static string Serialise<T>(T value) => JsonSerializer.Serialize(value, PayloadJson);

    public static T Deserialise<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, PayloadJson) ?? throw new JsonException("empty record payload");

    public static void Ensure(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.CreateTable(Tables.DeliverRecords);
        // Records from before areas were kept are the ICB's; their creator is the first version's actor.
        engine.Execute($"ALTER TABLE {Table} ADD COLUMN IF NOT EXISTS area VARCHAR");
        engine.Execute($"ALTER TABLE {Table} ADD COLUMN IF NOT EXISTS created_by VARCHAR");
        engine.Execute($"UPDATE {Table} SET area = $1 WHERE area IS NULL", Icb);
        engine.Execute($"""
            UPDATE {Table} SET created_by = (SELECT f.actor FROM {Table} f WHERE f.record_type = {Table}.record_type
              AND f.record_id = {Table}.record_id AND f.version = 1) WHERE created_by IS NULL
            """);
    }

    /// <summary>
    /// Appends a new version of a record and returns it. A record belongs to the area it was created for: a new
    /// version for another area is refused (<see cref="RecordOwnershipException"/>) and nothing is written, so reusing
    /// another area's id can neither overwrite nor re-scope it.
    /// </summary>
    public static StoredRecord Append(IEngine engine, string recordType, string recordId, string actor, string payloadJson, DateTime? at = null,
        string area = Icb)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!Types.Contains(recordType))
        {
            throw new ArgumentException($"unknown record type '{recordType}' (expected {string.Join(", ", Types)})");
        }
        if (string.IsNullOrWhiteSpace(recordId) || string.IsNullOrWhiteSpace(actor))
        {
            throw new ArgumentException("a record needs an id and an actor (--actor)");
        }
        Ensure(engine);
        StoredRecord? stored = null;
        engine.InTransaction(() =>
        {
            var first = engine.Query($"SELECT area, actor FROM {Table} WHERE record_type = $1 AND record_id = $2 AND version = 1",
                r => (Area: r.GetString(0), Actor: r.GetString(1)), recordType, recordId).FirstOrDefault();
            if (first.Area is { } owner && owner != area)
            {
                throw new RecordOwnershipException(
                    $"{recordType} '{recordId}' belongs to {Describe(owner)}; it cannot be recorded again for {Describe(area)} (choose another id).");
            }
            var version = engine.Scalar<int>(
                $"SELECT CAST(coalesce(max(version), 0) + 1 AS INTEGER) FROM {Table} WHERE record_type = $1 AND record_id = $2", recordType, recordId);
            stored = new StoredRecord(recordType, recordId, version, actor, at ?? DateTime.UtcNow, payloadJson, area, first.Actor ?? actor);
            using var a = engine.Append(Table);
            a.Row(stored.RecordType, stored.RecordId, stored.Version, stored.Actor, stored.At, stored.Payload, stored.Area, stored.CreatedBy);
        });
        return stored!;
    }

    /// <summary>The latest version of every record of a type.</summary>
    public static IReadOnlyList<StoredRecord> Current(IEngine engine, string recordType)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Ensure(engine);
        return Read(engine, $"""
            SELECT r.record_type, r.record_id, r.version, r.actor, r.recorded_at, r.payload, r.area, r.created_by FROM {Table} r
            JOIN (SELECT record_id, max(version) AS version FROM {Table} WHERE record_type = {engine.Dialect.Quote(recordType)} GROUP BY record_id) l
              ON l.record_id = r.record_id AND l.version = r.version
            WHERE r.record_type = {engine.Dialect.Quote(recordType)}
            ORDER BY r.record_id
            """);
    }

    /// <summary>Every version of one record, oldest first.</summary>
    public static IReadOnlyList<StoredRecord> History(IEngine engine, string recordType, string recordId)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Ensure(engine);
        var d = engine.Dialect;
        return Read(engine, $"SELECT record_type, record_id, version, actor, recorded_at, payload, area, created_by FROM {Table} WHERE record_type = {d.Quote(recordType)} AND record_id = {d.Quote(recordId)} ORDER BY version");
    }

    private static IReadOnlyList<StoredRecord> Read(IEngine engine, string sql) =>
        engine.Query(sql, r => new StoredRecord(r.GetString(0), r.GetString(1), Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture),
            r.GetString(3), r.GetDateTime(4), r.GetString(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7)));

    private static string Describe(string area) => area == Icb ? "the whole ICB" : area.Replace(":", " ", StringComparison.Ordinal);
}

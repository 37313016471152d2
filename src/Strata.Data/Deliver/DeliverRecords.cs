using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Strata.Data.Engine;
using Strata.Data.Foundation;

namespace Strata.Data.Deliver;

/// <summary>One version of a Deliver record: who wrote it, when, and what (a JSON payload).</summary>
public sealed record StoredRecord(string RecordType, string RecordId, int Version, string Actor, DateTime At, string Payload);

/// <summary>
/// The append-only store of Deliver records (contracts, pooled agreements, delegations, decisions, PSR records,
/// decommissioning assessments, allocation runs). A change is a new version; nothing is ever updated or deleted, so the history of
/// who changed what and when is the table itself. Current state = the latest version of each record.
/// </summary>
public static class DeliverRecords
{
    public const string Table = "deliver_records";

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
    }

    /// <summary>Appends a new version of a record and returns it.</summary>
    public static StoredRecord Append(IEngine engine, string recordType, string recordId, string actor, string payloadJson, DateTime? at = null)
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
            var d = engine.Dialect;
            var version = engine.Scalar<int>(
                $"SELECT CAST(coalesce(max(version), 0) + 1 AS INTEGER) FROM {Table} WHERE record_type = {d.Quote(recordType)} AND record_id = {d.Quote(recordId)}");
            stored = new StoredRecord(recordType, recordId, version, actor, at ?? DateTime.UtcNow, payloadJson);
            using var a = engine.Append(Table);
            a.Row(stored.RecordType, stored.RecordId, stored.Version, stored.Actor, stored.At, stored.Payload);
        });
        return stored!;
    }

    /// <summary>The latest version of every record of a type.</summary>
    public static IReadOnlyList<StoredRecord> Current(IEngine engine, string recordType)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Ensure(engine);
        return Read(engine, $"""
            SELECT r.* FROM {Table} r
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
        return Read(engine, $"SELECT * FROM {Table} WHERE record_type = {d.Quote(recordType)} AND record_id = {d.Quote(recordId)} ORDER BY version");
    }

    private static IReadOnlyList<StoredRecord> Read(IEngine engine, string sql) =>
        engine.Query(sql, r => new StoredRecord(r.GetString(0), r.GetString(1), Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture),
            r.GetString(3), r.GetDateTime(4), r.GetString(5)));
}

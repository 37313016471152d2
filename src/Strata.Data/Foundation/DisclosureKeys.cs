using System.Globalization;
using System.Security.Cryptography;
using Strata.Data.Engine;
using Strata.Domain.Foundation;

namespace Strata.Data.Foundation;

/// <summary>
/// Record keys for cell-key perturbation (docs/disclosure-control.md): every person gets a fixed key in
/// 0..<see cref="DisclosurePolicy.KeyRange"/>-1, a hash of a per-workspace secret and the pseudonymised id, computed
/// and kept inside the engine (<see cref="Table"/>). Queries that count people also sum their keys; only the cell key
/// (the sum modulo the range) leaves the engine, and it is used by <see cref="DisclosurePolicy"/>, never shown.
/// The keys are stored, not recomputed, so an engine upgrade that changes the hash cannot change published values.
/// </summary>
public static class DisclosureKeys
{
    public const string Table = "person_keys";
    public const string SecretTable = "disclosure_secret";

    /// <summary>The cell-key aggregate of a query joined to <see cref="Table"/> as <paramref name="alias"/>.</summary>
    public static string Sum(string alias = "k") => $"CAST(coalesce(sum({alias}.record_key), 0) AS BIGINT)";

    /// <summary>Makes sure every person in <c>people</c> has a record key (new people get one; existing keys never change).</summary>
    public static void Ensure(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.CreateTable(Tables.DisclosureSecret);
        if (engine.Scalar<long>($"SELECT count(*) FROM {SecretTable}") == 0)
        {
            engine.Execute($"INSERT INTO {SecretTable} VALUES ($1)", Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        }
        engine.CreateTable(Tables.PersonKeys);
        var missing = engine.Scalar<long>($"SELECT count(*) FROM people p WHERE NOT EXISTS (SELECT 1 FROM {Table} k WHERE k.person_id = p.person_id)");
        if (missing == 0)
        {
            return;
        }
        var range = DisclosurePolicy.KeyRange.ToString(CultureInfo.InvariantCulture);
        var hash = engine.Dialect.Hash($"s.secret || '|' || p.person_id");
        // The modulo is taken twice so that engines whose hash is signed still give 0..range-1.
        engine.Execute($"""
            INSERT INTO {Table}
            SELECT p.person_id, CAST(((({hash}) % {range}) + {range}) % {range} AS INTEGER)
            FROM people p CROSS JOIN {SecretTable} s
            WHERE NOT EXISTS (SELECT 1 FROM {Table} k WHERE k.person_id = p.person_id)
            """);
    }

    /// <summary>Whether a derived table carries a key column (tables built before cell keys existed do not).</summary>
    public static bool HasColumn(IEngine engine, string table, string column)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Scalar<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = $1 AND column_name = $2", table, column) > 0;
    }

    /// <summary>A count and its summed keys as read back from the engine.</summary>
    public static KeyedCount Cell(long count, long keySum) =>
        new(count, ((keySum % DisclosurePolicy.KeyRange) + DisclosurePolicy.KeyRange) % DisclosurePolicy.KeyRange);
}

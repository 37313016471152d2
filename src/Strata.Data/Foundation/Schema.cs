using Strata.Data.Engine;

namespace Strata.Data.Foundation;

/// <summary>
/// The linked person-level data model (import format v1, docs/data-format.md) plus workspace bookkeeping.
/// Types are kept to the portable SQL core so every engine can hold the same model.
/// </summary>
public static class Schema
{
    public const int Version = 1;

    /// <summary>Core tables in load order (parents before children), with their columns in file order.</summary>
    public static readonly IReadOnlyList<TableSpec> CoreTables =
    [
        new("practices",
        [
            new("practice_code", "VARCHAR", Key: true), new("practice_name", "VARCHAR"),
            new("neighbourhood_code", "VARCHAR"), new("place_code", "VARCHAR"), new("place_name", "VARCHAR"),
            new("icb_code", "VARCHAR"),
        ]),
        new("providers",
        [
            new("provider_code", "VARCHAR", Key: true), new("provider_name", "VARCHAR"),
            new("provider_type", "VARCHAR"), new("place_code", "VARCHAR", Nullable: true),
        ]),
        new("people",
        [
            new("person_id", "VARCHAR", Key: true), new("sex", "VARCHAR"), new("year_of_birth", "INTEGER"),
            new("death_date", "DATE", Nullable: true), new("practice_code", "VARCHAR"),
            new("lsoa_code", "VARCHAR", Nullable: true), new("imd_decile", "INTEGER"),
            new("ethnicity", "VARCHAR", Nullable: true),
        ]),
        new("conditions",
        [
            new("person_id", "VARCHAR"), new("code_system", "VARCHAR"), new("code", "VARCHAR"),
            new("recorded_on", "DATE"),
        ]),
        new("activity",
        [
            new("activity_id", "VARCHAR", Key: true), new("person_id", "VARCHAR"), new("setting", "VARCHAR"),
            new("provider_code", "VARCHAR"), new("start_date", "DATE"), new("end_date", "DATE", Nullable: true),
            new("primary_diagnosis", "VARCHAR", Nullable: true), new("cost_gbp", "DECIMAL(14,2)"),
        ]),
    ];

    public static TableSpec Table(string name) =>
        CoreTables.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"No core table '{name}'.", nameof(name));

    /// <summary>Creates any missing tables; safe to call on every open.</summary>
    public static void Ensure(IEngine engine)
    {
        foreach (var table in CoreTables)
        {
            engine.Execute(table.CreateSql());
        }
        engine.Execute("""
            CREATE TABLE IF NOT EXISTS strata_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
            CREATE TABLE IF NOT EXISTS strata_runs (
                run_id VARCHAR NOT NULL, stage VARCHAR NOT NULL, rule_version VARCHAR NOT NULL,
                reference_date DATE, parameters VARCHAR, created_at TIMESTAMP NOT NULL);
            """);
        // Which activity costs a mapped import estimated from the national price table (rewritten by every import).
        engine.Execute($"CREATE TABLE IF NOT EXISTS {NationalPrices.EstimatesTable} (activity_id VARCHAR NOT NULL, basis VARCHAR NOT NULL, price_table VARCHAR NOT NULL)");
        engine.Execute($"INSERT INTO strata_meta VALUES ('schema_version', '{Version}') ON CONFLICT DO NOTHING");
    }
}

public sealed record ColumnSpec(string Name, string SqlType, bool Nullable = false, bool Key = false);

public sealed record TableSpec(string Name, IReadOnlyList<ColumnSpec> Columns)
{
    public string CreateSql() =>
        $"CREATE TABLE IF NOT EXISTS {Name} ({string.Join(", ", Columns.Select(c => $"{c.Name} {c.SqlType}{(c.Nullable ? "" : " NOT NULL")}"))})";
}

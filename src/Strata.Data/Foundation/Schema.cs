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
        ], Placement.Reference),
        new("providers",
        [
            new("provider_code", "VARCHAR", Key: true), new("provider_name", "VARCHAR"),
            new("provider_type", "VARCHAR"), new("place_code", "VARCHAR", Nullable: true),
        ], Placement.Reference),
        new("people",
        [
            new("person_id", "VARCHAR", Key: true), new("sex", "VARCHAR"), new("year_of_birth", "INTEGER"),
            new("death_date", "DATE", Nullable: true), new("practice_code", "VARCHAR"),
            new("lsoa_code", "VARCHAR", Nullable: true), new("imd_decile", "INTEGER"),
            new("ethnicity", "VARCHAR", Nullable: true),
            new("care_home", "INTEGER", Nullable: true, Optional: true), new("housebound", "INTEGER", Nullable: true, Optional: true),
        ], Placement.ByPerson),
        new("conditions",
        [
            new("person_id", "VARCHAR"), new("code_system", "VARCHAR"), new("code", "VARCHAR"),
            new("recorded_on", "DATE"),
        ], Placement.ByPerson),
        new("activity",
        [
            new("activity_id", "VARCHAR", Key: true), new("person_id", "VARCHAR"), new("setting", "VARCHAR"),
            new("provider_code", "VARCHAR"), new("start_date", "DATE"), new("end_date", "DATE", Nullable: true),
            new("primary_diagnosis", "VARCHAR", Nullable: true), new("cost_gbp", "DECIMAL(14,2)"),
            new("procedure_code", "VARCHAR", Nullable: true, Optional: true),
            new("specialty_code", "VARCHAR", Nullable: true, Optional: true),
        ], Placement.ByPerson),
    ];

    public static TableSpec Table(string name) =>
        CoreTables.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"No core table '{name}'.", nameof(name));

    /// <summary>Creates any missing tables; safe to call on every open.</summary>
    public static void Ensure(IEngine engine)
    {
        foreach (var table in CoreTables)
        {
            engine.CreateTable(table);
            // Workspaces created before an optional column was added gain it (empty) on open.
            foreach (var column in table.Columns.Where(c => c.Optional))
            {
                engine.Execute($"ALTER TABLE {table.Name} ADD COLUMN IF NOT EXISTS {column.Name} {column.SqlType}");
            }
        }
        engine.CreateTable(Tables.Meta);
        engine.CreateTable(Tables.Runs);
        engine.Execute("INSERT INTO strata_meta VALUES ('schema_version', $1) ON CONFLICT DO NOTHING",
            Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Which activity costs a mapped import estimated from the national price table (rewritten by every import).
        engine.CreateTable(Tables.CostEstimates);
    }
}

/// <summary>One column of a catalogue table; SqlType is from the portable core (docs/architecture.md).</summary>
/// <param name="Optional">The column may be left out of an import file altogether (its values are then missing);
/// added to format v1 after its first release, so older files and workspaces stay valid.</param>
public sealed record ColumnSpec(string Name, string SqlType, bool Nullable = false, bool Key = false, bool Optional = false);

/// <summary>How a distributed engine places a table's rows.</summary>
public enum Placement
{
    /// <summary>Small bookkeeping or aggregate table: one copy where the engine keeps local tables.</summary>
    Local,

    /// <summary>Keyed by person: distributed on <c>person_id</c>, co-located with <c>people</c>.</summary>
    ByPerson,

    /// <summary>Lookup joined by person-level queries: a full copy on every node.</summary>
    Reference,
}

/// <summary>A workspace table's declared shape; every table is declared once, in <see cref="Tables"/>.</summary>
public sealed record TableSpec(string Name, IReadOnlyList<ColumnSpec> Columns, Placement Placement = Placement.Local,
    IReadOnlyList<string>? PrimaryKey = null)
{
    /// <summary>The distribution column of a <see cref="Placement.ByPerson"/> table.</summary>
    public const string PersonColumn = "person_id";

    public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));

    public string CreateSql() =>
        $"CREATE TABLE IF NOT EXISTS {Name} ({string.Join(", ", Columns.Select(c => $"{c.Name} {c.SqlType}{(c.Nullable ? "" : " NOT NULL")}"))}" +
        (PrimaryKey is { Count: > 0 } ? $", PRIMARY KEY ({string.Join(", ", PrimaryKey)})" : "") + ")";
}

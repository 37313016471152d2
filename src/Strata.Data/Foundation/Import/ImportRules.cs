using System.Globalization;
using Strata.Data.Engine;
using Strata.Domain.Foundation;

namespace Strata.Data.Foundation.Import;

/// <summary>One validation rule: when <see cref="FailsWhen"/> holds, the row is rejected on <see cref="Field"/>
/// with <see cref="Reason"/> (a SQL text expression, so it can name the line of a first duplicate).</summary>
internal sealed record Rule(string Field, string FailsWhen, string Reason, string? Value = null);

/// <summary>
/// How one file of import format v1 is checked, as SQL over the text of each row. Row columns are available as
/// <c>v.&lt;column&gt;</c> (trimmed text, NULL when empty) and <c>v.v_&lt;column&gt;</c> (typed; NULL when it does
/// not convert). Rules run in column order; the first that fails names the row's reject field and reason.
/// </summary>
internal sealed record TablePlan(TableSpec Table, IReadOnlyList<string> Joins, IReadOnlyList<Rule> Rules, IReadOnlyList<string> KeyExtras)
{
    public ColumnSpec? Key => Table.Columns.FirstOrDefault(c => c.Key);

    /// <summary>The temp table of this file's keys with their first line and reject reason (for children).</summary>
    public string KeysTable => "import_keys_" + Table.Name;

    public string DuplicatesTable => "import_dups_" + Table.Name;
}

/// <summary>The rules of import format v1 (docs/data-format.md lists the same rules and reason texts).</summary>
internal static class ImportRules
{
    public const int EarliestBirthYear = 1900;

    /// <summary>Longest value accepted in any field, in characters (codes, ids and names are far shorter).</summary>
    public const int MaxFieldLength = 255;

    // Plain text forms, checked before the engine's cast, which would accept '2023/01/27', '2023-01-27T16:17:47Z' or '1e3'.
    private const string IsoDate = "[0-9]{4}-[0-9]{2}-[0-9]{2}";
    private const string WholeNumber = "-?[0-9]+";
    private const string PlainDecimal = "-?[0-9]+([.][0-9]+)?";

    public static IReadOnlyList<TablePlan> Plans(ISqlDialect dialect, DateOnly asOf)
    {
        var today = dialect.Date(asOf);
        var year = asOf.Year.ToString(CultureInfo.InvariantCulture);
        return
        [
            Plan(dialect, "practices", [], new Dictionary<string, Rule[]>(), []),
            Plan(dialect, "providers",
                ["LEFT JOIN (SELECT DISTINCT place_code FROM practices) pl ON pl.place_code = v.place_code"],
                new()
                {
                    ["provider_type"] = [OneOf("provider_type", Vocabulary.ProviderTypes)],
                    ["place_code"] = [new("place_code", "pl.place_code IS NULL", "'no such place_code in practices'")],
                },
                []),
            Plan(dialect, "people",
                ["LEFT JOIN import_keys_practices kpr ON kpr.key = v.practice_code"],
                new()
                {
                    ["sex"] = [OneOf("sex", Vocabulary.Sexes)],
                    ["year_of_birth"] =
                    [
                        new("year_of_birth", $"v.v_year_of_birth NOT BETWEEN {EarliestBirthYear} AND {year}",
                            $"'year of birth outside {EarliestBirthYear}..{year}'"),
                    ],
                    ["death_date"] =
                    [
                        new("death_date", $"v.v_death_date > {today}", "'date is in the future'"),
                        new("death_date", "EXTRACT(YEAR FROM v.v_death_date) < v.v_year_of_birth", "'death before year of birth'"),
                    ],
                    ["practice_code"] = Reference("practice_code", "kpr", "practices"),
                    ["imd_decile"] = [new("imd_decile", "v.v_imd_decile NOT BETWEEN 1 AND 10", "'imd_decile outside 1..10'")],
                    ["ethnicity"] = [OneOf("ethnicity", Vocabulary.EthnicGroups)],
                },
                ["v_year_of_birth AS year_of_birth", "v_death_date AS death_date"]),
            Plan(dialect, "conditions",
                [
                    "LEFT JOIN import_keys_people kp ON kp.key = v.person_id",
                    "LEFT JOIN codelist_conditions cl ON cl.condition = v.code",
                ],
                new()
                {
                    ["person_id"] = Reference("person_id", "kp", "people"),
                    ["code_system"] = [OneOf("code_system", Vocabulary.CodeSystems)],
                    ["code"] = [new("code", "v.code_system = 'strata' AND cl.condition IS NULL", "'not a condition in the strata vocabulary (codelists)'")],
                    ["recorded_on"] = PersonDate("recorded_on", today),
                },
                []),
            Plan(dialect, "activity",
                [
                    "LEFT JOIN import_keys_people kp ON kp.key = v.person_id",
                    "LEFT JOIN import_keys_providers kpv ON kpv.key = v.provider_code",
                ],
                new()
                {
                    ["person_id"] = Reference("person_id", "kp", "people"),
                    ["setting"] = [OneOf("setting", Vocabulary.Settings)],
                    ["provider_code"] = Reference("provider_code", "kpv", "providers"),
                    ["start_date"] = PersonDate("start_date", today),
                    ["end_date"] =
                    [
                        new("end_date", "v.v_end_date < v.v_start_date", "'end_date before start_date'"),
                        new("end_date", $"v.v_end_date > {today}", "'date is in the future'"),
                    ],
                    ["cost_gbp"] = [new("cost_gbp", "v.v_cost_gbp < 0", "'negative cost'")],
                },
                []),
        ];
    }

    /// <summary>The typed value of a text column of row alias <paramref name="row"/>; whole numbers must be whole (a cast alone would round 1.5).</summary>
    public static string Typed(ISqlDialect dialect, ColumnSpec column, string row)
    {
        var text = row + "." + column.Name;
        string Strict(string pattern) => $"CASE WHEN {dialect.Matches(text, pattern)} THEN {dialect.TryCast(text, column.SqlType)} END";
        return column.SqlType switch
        {
            "VARCHAR" => text,
            "INTEGER" => Strict(WholeNumber),
            "DATE" => Strict(IsoDate),
            _ when column.SqlType.StartsWith("DECIMAL", StringComparison.Ordinal) => Strict(PlainDecimal),
            _ => dialect.TryCast(text, column.SqlType),
        };
    }

    private static TablePlan Plan(ISqlDialect dialect, string name, string[] joins, Dictionary<string, Rule[]> specific, string[] keyExtras)
    {
        var table = Schema.Table(name);
        var rules = new List<Rule>();
        var allJoins = new List<string>();
        foreach (var column in table.Columns)
        {
            var text = "v." + column.Name;
            // A NUL byte or an over-long value makes the row unusable whatever the column; the value written to the
            // rejects file is made printable and short.
            // (An engine that cannot hold a NUL in text refuses such a file while staging it.)
            if (dialect.ReadsClientFiles)
            {
                rules.Add(new(column.Name, $"strpos({text}, chr(0)) > 0", "'contains a NUL byte'", $"replace({text}, chr(0), '\\0')"));
            }
            rules.Add(new(column.Name, $"length({text}) > {MaxFieldLength}", $"'longer than {MaxFieldLength} characters'",
                $"substr({text}, 1, {MaxFieldLength}) || '...'"));
            if (!column.Nullable)
            {
                rules.Add(new(column.Name, $"{text} IS NULL", "'missing required value'"));
            }
            if (column.SqlType != "VARCHAR")
            {
                rules.Add(new(column.Name, $"{text} IS NOT NULL AND v.v_{column.Name} IS NULL", $"'{TypeProblem(column.SqlType)}'"));
            }
            if (column.Key)
            {
                allJoins.Add($"LEFT JOIN import_dups_{name} d ON d.key = {text}");
                rules.Add(new(column.Name, "v.line > d.first_line",
                    "'duplicate key; first occurrence on line ' || CAST(d.first_line AS VARCHAR)"));
            }
            // Specific rules only see present, well-typed values: the checks above come first.
            rules.AddRange(specific.GetValueOrDefault(column.Name, [])
                .Select(r => r with { FailsWhen = $"{text} IS NOT NULL AND ({r.FailsWhen})" }));
        }
        allJoins.AddRange(joins);
        return new TablePlan(table, allJoins, rules, keyExtras);
    }

    private static string TypeProblem(string sqlType) => sqlType switch
    {
        "INTEGER" => "not a whole number",
        "DATE" => "not a date (yyyy-mm-dd)",
        _ when sqlType.StartsWith("DECIMAL", StringComparison.Ordinal) => "not an amount (pounds, e.g. 123.45)",
        _ => $"not a valid {sqlType}",
    };

    private static Rule OneOf(string field, IReadOnlyList<string> allowed) =>
        new(field, $"v.{field} NOT IN ({string.Join(", ", allowed.Select(a => $"'{a}'"))})",
            $"'not one of: {string.Join(", ", allowed)}'");

    /// <summary>A reference must name a parent row that was loaded; a rejected parent passes its reason on.</summary>
    private static Rule[] Reference(string field, string alias, string parent) =>
    [
        new(field, $"{alias}.key IS NULL", $"'no such {field} in {parent}'"),
        new(field, $"{alias}.reject_reason IS NOT NULL",
            $"'{parent} line ' || CAST({alias}.line AS VARCHAR) || ' was rejected: ' || {alias}.reject_reason"),
    ];

    /// <summary>A dated event in a person's record: not in the future, not before their birth year, not after death.</summary>
    private static Rule[] PersonDate(string field, string today) =>
    [
        new(field, $"v.v_{field} > {today}", "'date is in the future'"),
        new(field, $"EXTRACT(YEAR FROM v.v_{field}) < kp.year_of_birth", "'before the person''s year of birth'"),
        new(field, $"v.v_{field} > kp.death_date", "'after the person''s death'"),
    ];
}

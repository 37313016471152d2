using System.Globalization;
using System.Text.Json;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Data.Understand;

/// <summary>What a profile build used: reference date, segmentation rules, and the risk model its tiers came from.</summary>
public sealed record ProfileBuild(string RunId, DateOnly ReferenceDate, string RuleVersion, string? RiskModel);

/// <summary>
/// The cohort cube over the 12 months to D: people (cohort_people) and activity, bed days and spend by setting
/// (cohort_activity), keyed by segment × risk tier × place × neighbourhood × age band × sex × IMD quintile.
/// Person-level work stays in the engine; slices read back aggregates only.
/// </summary>
public static class CohortProfiles
{
    public const string PeopleTable = "cohort_people";
    public const string ActivityTable = "cohort_activity";
    public const string RiskTable = "risk_scores";
    public const string Unscored = "unscored";
    public const string Stage = "understand.profile";

    /// <summary>Activity look-back: the 12 months up to and including D.</summary>
    public const int WindowMonths = 12;

    private static readonly string PersonKeys = string.Join(", ", ProfileDimensions.Person);

    /// <summary>
    /// Rebuilds both cube tables from the segments table (which fixes D). Risk tiers come from risk_scores rows at D
    /// for <paramref name="riskModel"/> (default: the only model scored at D, else the first by name); people without
    /// a score at D are 'unscored'.
    /// </summary>
    public static ProfileBuild Build(IEngine engine, string? riskModel = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var (at, version) = Segmentation.Current(engine)
            ?? throw new InvalidOperationException("No segmentation in this workspace: run `strata segment --at DATE` first.");
        var d = engine.Dialect.Date(at);
        var model = RiskModel(engine, at, riskModel);
        var tiers = model is null
            ? $"SELECT s.*, {engine.Dialect.Quote(Unscored)} AS risk_tier FROM {Segmentation.Table} s"
            : $"""
              SELECT s.*, coalesce(r.tier, {engine.Dialect.Quote(Unscored)}) AS risk_tier
              FROM {Segmentation.Table} s LEFT JOIN (
                SELECT person_id, tier FROM {RiskTable} WHERE reference_date = {d} AND model = {engine.Dialect.Quote(model)}
              ) r ON r.person_id = s.person_id
              """;
        var admitted = string.Join(", ", Vocabulary.AdmittedSettings.Select(engine.Dialect.Quote));
        var from = engine.Dialect.AddMonths(d, (-WindowMonths).ToString(CultureInfo.InvariantCulture));
        var runId = "";
        engine.InTransaction(() =>
        {
            DisclosureKeys.Ensure(engine);
            engine.CreateTableAs(Tables.CohortPeople, $"""
                WITH s AS ({tiers})
                SELECT {d} AS reference_date, {string.Join(", ", ProfileDimensions.Person.Select(k => "s." + k))}, count(*) AS people,
                  {DisclosureKeys.Sum()} AS people_key
                FROM s LEFT JOIN {DisclosureKeys.Table} k ON k.person_id = s.person_id
                GROUP BY {string.Join(", ", ProfileDimensions.Person.Select(k => "s." + k))}
                """);
            engine.CreateTableAs(Tables.CohortActivity, $"""
                WITH s AS ({tiers})
                SELECT {d} AS reference_date, {string.Join(", ", ProfileDimensions.Person.Select(k => "s." + k))}, a.setting,
                  count(*) AS activity,
                  CAST(sum(CASE WHEN a.setting IN ({admitted}) AND a.end_date IS NOT NULL THEN a.end_date - a.start_date ELSE 0 END) AS BIGINT) AS bed_days,
                  CAST(sum(a.cost_gbp) AS DECIMAL(18, 2)) AS cost_gbp, {DisclosureKeys.Sum()} AS activity_key
                FROM activity a JOIN s ON s.person_id = a.person_id
                LEFT JOIN {DisclosureKeys.Table} k ON k.person_id = a.person_id
                WHERE a.start_date > {from} AND a.start_date <= {d}
                GROUP BY {string.Join(", ", ProfileDimensions.Person.Select(k => "s." + k))}, a.setting
                """);
            runId = RunLog.Record(engine, Stage, version, at,
                JsonSerializer.Serialize(new Dictionary<string, object?> { ["window_months"] = WindowMonths, ["risk_model"] = model }));
        });
        return new ProfileBuild(runId, at, version, model);
    }

    /// <summary>Builds the cube when it is missing or older than the segmentation (same D); true if it built.</summary>
    public static bool EnsureCurrent(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (Segmentation.Current(engine) is not { } segments || Current(engine) == segments.ReferenceDate)
        {
            return false;
        }
        Build(engine);
        return true;
    }

    /// <summary>The reference date of the cube in the workspace, or null if no profile has been built.</summary>
    public static DateOnly? Current(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.TableExists(PeopleTable)
            ? engine.Query($"SELECT max(reference_date) FROM {PeopleTable}", r => r.IsDBNull(0) ? (DateOnly?)null : DateOnly.FromDateTime(r.GetDateTime(0)))[0]
            : null;
    }

    /// <summary>
    /// A slice of the cube: chosen dimensions kept, the rest summed. With "setting" each person cell is repeated
    /// for every setting of the vocabulary (zero activity shown, not dropped); without it, activity is over all settings.
    /// </summary>
    /// <param name="area">Optional area (e.g. a user's scope) by practice geography (both cohort tables have it).</param>
    /// <param name="activitySetting">Optional setting: activity, bed days and spend count that setting only; people are everyone.</param>
    /// <param name="slices">Optional person dimension = value pairs every cell must match (values compared as text).</param>
    public static IReadOnlyList<ProfileCell> Slice(IEngine engine, IReadOnlyList<string> dimensions, AreaFilter? area = null, string? activitySetting = null,
        IReadOnlyDictionary<string, string>? slices = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(dimensions);
        var dims = ProfileDimensions.Parse(dimensions);
        var person = dims.Where(d => d != ProfileDimensions.Setting).ToList();
        var bySetting = dims.Contains(ProfileDimensions.Setting);
        string Cols(string alias, IEnumerable<string> cols) => string.Join("", cols.Select(c => $"CAST({alias}.{c} AS VARCHAR) AS {c}, "));
        string Group(IEnumerable<string> cols) => cols.Any() ? "GROUP BY " + string.Join(", ", cols) : "";
        // Values travel as parameters; each is numbered once and may be referred to from both tables' conditions.
        var parameters = new List<object?>();
        var filter = new List<string> { AreaSql.Predicate(area, parameters) };
        foreach (var (dim, value) in slices ?? new Dictionary<string, string>())
        {
            if (!ProfileDimensions.Person.Contains(dim))
            {
                throw new ArgumentException($"Cannot slice by '{dim}'; use one of {string.Join(", ", ProfileDimensions.Person)}.", nameof(slices));
            }
            parameters.Add(value);
            filter.Add($"CAST({dim} AS VARCHAR) = ${parameters.Count}");
        }
        var peopleWhere = "WHERE " + string.Join(" AND ", filter);
        if (activitySetting is not null)
        {
            parameters.Add(activitySetting);
            filter.Add($"setting = ${parameters.Count}");
        }
        var activityWhere = "WHERE " + string.Join(" AND ", filter);
        var activityKeys = bySetting ? [.. person, ProfileDimensions.Setting] : person;
        var settings = bySetting
            ? "CROSS JOIN (" + string.Join(" UNION ALL ", Vocabulary.Settings.Select(s => $"SELECT {engine.Dialect.Quote(s)} AS setting")) + ") st"
            : "";
        var on = activityKeys.Select(k => k == ProfileDimensions.Setting ? "a.setting = st.setting" : $"a.{k} = p.{k}").ToList();
        var keys = dims.Select(k => k == ProfileDimensions.Setting ? "st.setting" : "p." + k).ToList();
        // A cube built before cell keys existed has no key columns: its counts are keyed by value (the policy's fallback).
        var hasKeys = DisclosureKeys.HasColumn(engine, PeopleTable, "people_key") && DisclosureKeys.HasColumn(engine, ActivityTable, "activity_key");
        string keyed(string column) => hasKeys ? $"CAST(sum({column}) % {DisclosurePolicy.KeyRange} AS BIGINT)" : "CAST(NULL AS BIGINT)";
        var sql = $"""
            WITH p AS (SELECT {Cols(PeopleTable, person)}CAST(sum(people) AS BIGINT) AS people, {keyed("people_key")} AS people_key
                  FROM {PeopleTable} {peopleWhere} {Group(person)}),
            a AS (SELECT {Cols(ActivityTable, activityKeys)}CAST(sum(activity) AS BIGINT) AS activity, CAST(sum(bed_days) AS BIGINT) AS bed_days,
                         CAST(sum(cost_gbp) AS DOUBLE PRECISION) AS cost_gbp, {keyed("activity_key")} AS activity_key
                  FROM {ActivityTable} {activityWhere} {Group(activityKeys)})
            SELECT {string.Join("", keys.Select(k => k + ", "))}coalesce(p.people, 0), coalesce(a.activity, 0), coalesce(a.bed_days, 0), coalesce(a.cost_gbp, 0),
                   coalesce(p.people_key, 0), coalesce(a.activity_key, 0)
            FROM p {settings} LEFT JOIN a ON {(on.Count == 0 ? "1 = 1" : string.Join(" AND ", on))}
            {(keys.Count == 0 ? "" : "ORDER BY " + string.Join(", ", keys))}
            """;
        var n = keys.Count;
        return engine.Query(sql, r => new ProfileCell(
            [.. Enumerable.Range(0, n).Select(i => r.IsDBNull(i) ? "" : r.GetString(i))],
            Convert.ToInt64(r.GetValue(n), CultureInfo.InvariantCulture),
            Convert.ToInt64(r.GetValue(n + 1), CultureInfo.InvariantCulture),
            Convert.ToInt64(r.GetValue(n + 2), CultureInfo.InvariantCulture),
            Convert.ToDouble(r.GetValue(n + 3), CultureInfo.InvariantCulture),
            hasKeys ? Convert.ToInt64(r.GetValue(n + 4), CultureInfo.InvariantCulture) : null,
            hasKeys ? Convert.ToInt64(r.GetValue(n + 5), CultureInfo.InvariantCulture) : null), [.. parameters]);
    }

    /// <summary>
    /// Writes released (disclosure-controlled) rows to csv or parquet by extension, through a scratch table so the
    /// engine writes the file format.
    /// </summary>
    public static void Export(IEngine engine, IReadOnlyList<string> dimensions, IReadOnlyList<ProfileRow> rows, string path)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(rows);
        var format = ExportFormat.Of(path);
        const string scratch = "profile_export";
        engine.Execute($"""
            DROP TABLE IF EXISTS {scratch}; CREATE TEMP TABLE {scratch} ({string.Join("", dimensions.Select(d => d + " VARCHAR, "))}
              people BIGINT, activity BIGINT, activity_per_1000 DOUBLE PRECISION, bed_days BIGINT, spend_per_head DOUBLE PRECISION, cost_gbp DOUBLE PRECISION)
            """);
        using (var a = engine.Append(scratch))
        {
            foreach (var row in rows)
            {
                a.Row([.. row.Keys, row.People, row.Activity, row.ActivityPer1000, row.BedDays, row.SpendPerHead, row.CostGbp]);
            }
        }
        engine.Export($"SELECT * FROM {scratch}", path, format);
        engine.Execute($"DROP TABLE {scratch}");
    }

    /// <summary>
    /// The risk model whose scores at D the profile uses: <paramref name="requested"/> (an error if it has no scores at
    /// D), else the only model scored at D, else the first by name; null when nothing is scored at D.
    /// </summary>
    public static string? RiskModel(IEngine engine, DateOnly at, string? requested = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!engine.TableExists(RiskTable))
        {
            return requested is null ? null
                : throw new InvalidOperationException($"Risk model '{requested}' requested but the workspace has no {RiskTable} table.");
        }
        var models = engine.Query(
            $"SELECT DISTINCT model FROM {RiskTable} WHERE reference_date = {engine.Dialect.Date(at)} ORDER BY model", r => r.GetString(0));
        if (requested is not null)
        {
            return models.Contains(requested) ? requested
                : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Risk model '{requested}' has no scores at {at:yyyy-MM-dd} (scored: {(models.Count == 0 ? "none" : string.Join(", ", models))})."));
        }
        return models.Count == 0 ? null : models[0];
    }
}

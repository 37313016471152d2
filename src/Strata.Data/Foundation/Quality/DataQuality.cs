using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Understand;

namespace Strata.Data.Foundation.Quality;

/// <summary>The three categories of the OHDSI Data Quality Dashboard.</summary>
public enum QualityCategory
{
    Completeness,
    Conformance,
    Plausibility,
}

/// <summary>
/// One check's result: <see cref="Rows"/> of <see cref="OutOf"/> rows fail its condition; it passes when the failing
/// share is at most <see cref="MaxFailingShare"/>. Row counts are for the data owner (like import reconciliation),
/// not statistics about people.
/// </summary>
public sealed record QualityCheck(string Id, QualityCategory Category, string Table, string Field, string Description,
    long Rows, long OutOf, double MaxFailingShare)
{
    public double FailingShare => OutOf == 0 ? 0 : (double)Rows / OutOf;

    public bool Passed => FailingShare <= MaxFailingShare;
}

/// <summary>
/// Data-quality checks over the linked model in the OHDSI DQD spirit: completeness (fields that should be filled),
/// conformance (code shapes, references) and plausibility (activity after death, discharge before admission, ages,
/// lengths of stay, codes no codelist knows, monthly volumes, coding depth per provider). Each check is one SQL
/// count in the engine with a threshold; the thresholds are the named constants below.
/// </summary>
public static class DataQuality
{
    public const string Table = "quality_checks";

    /// <summary>LSOA is needed for every area-level output; a few unknown addresses are normal.</summary>
    public const double LsoaMissingMax = 0.05;

    /// <summary>Ethnicity is often unrecorded; beyond this, inequality analyses by ethnicity are unreliable.</summary>
    public const double EthnicityMissingMax = 0.20;

    /// <summary>Admissions without a primary diagnosis (SUS completeness standard is near 100%).</summary>
    public const double AdmissionDiagnosisMissingMax = 0.05;

    /// <summary>Code shape and reference failures tolerated (none: they mean a wrong file or a broken link).</summary>
    public const double Zero = 0;

    /// <summary>
    /// Activity rows whose cost was estimated from the national price table (the extract gave no payment). Above this
    /// share, spend totals rest mostly on the price table's figures (illustrative in v1), not on what was paid.
    /// </summary>
    public const double EstimatedCostsMax = 0.25;

    /// <summary>Age above which a living person is implausible.</summary>
    public const int MaxPlausibleAge = 110;

    /// <summary>Admitted spells longer than this many days are implausible (a missing discharge coded as a date).</summary>
    public const int MaxPlausibleStayDays = 365;

    /// <summary>Share of coded records matching no codelist above which a code system's codes are probably not what they claim.</summary>
    public const double UnmatchedCodesMax = 0.95;

    /// <summary>A month below this share of its setting's median month is a drop (a missing extract month).</summary>
    public const double MonthlyDropShare = 0.5;

    /// <summary>Only settings with at least this many rows in a median month are checked for drops.</summary>
    public const int MonthlyMinimumVolume = 20;

    /// <summary>A provider with at least this many admissions ...</summary>
    public const int CodingDepthMinimumAdmissions = 20;

    /// <summary>... must give a primary diagnosis for at least this share of them.</summary>
    public const double CodingDepthMinShare = 0.8;

    private const string Admissions = "('emergency_admission', 'elective_admission', 'daycase', 'maternity')";

    /// <summary>Runs every check as of <paramref name="at"/> and stores the results in <see cref="Table"/>.</summary>
    public static IReadOnlyList<QualityCheck> Run(IEngine engine, DateOnly at)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var dialect = engine.Dialect;
        var d = dialect.Date(at);
        long Count(string sql) => engine.Scalar<long>(sql);
        var people = Count("SELECT count(*) FROM people");
        var activity = Count("SELECT count(*) FROM activity");
        var admissions = Count($"SELECT count(*) FROM activity WHERE setting IN {Admissions}");
        var checks = new List<QualityCheck>
        {
            new("lsoa_present", QualityCategory.Completeness, "people", "lsoa_code", "people without an LSOA",
                Count("SELECT count(*) FROM people WHERE lsoa_code IS NULL"), people, LsoaMissingMax),
            new("ethnicity_present", QualityCategory.Completeness, "people", "ethnicity", "people without a recorded ethnicity",
                Count("SELECT count(*) FROM people WHERE ethnicity IS NULL"), people, EthnicityMissingMax),
            new("admission_diagnosis_present", QualityCategory.Completeness, "activity", "primary_diagnosis", "admissions without a primary diagnosis",
                Count($"SELECT count(*) FROM activity WHERE setting IN {Admissions} AND primary_diagnosis IS NULL"), admissions, AdmissionDiagnosisMissingMax),
            new("cost_paid", QualityCategory.Completeness, "activity", "cost_gbp",
                $"activity costed from the national price table ({NationalPrices.Version}, illustrative prices) because the extract gave no payment: estimated, not paid",
                Count($"SELECT count(*) FROM activity a WHERE EXISTS (SELECT 1 FROM {NationalPrices.EstimatesTable} e WHERE e.activity_id = a.activity_id)"),
                activity, EstimatedCostsMax),
            new("icd10_shape", QualityCategory.Conformance, "conditions", "code", "ICD-10 codes not shaped like ICD-10 (letter, two digits, optional detail)",
                Count($"SELECT count(*) FROM conditions WHERE code_system = 'icd10' AND NOT {dialect.Matches("upper(code)", "[A-Z][0-9]{2}([.]?[0-9A-Z]{1,4})?")}"),
                Count("SELECT count(*) FROM conditions WHERE code_system = 'icd10'"), Zero),
            new("snomed_shape", QualityCategory.Conformance, "conditions", "code", "SNOMED CT codes not shaped like an SCTID (6-18 digits)",
                Count($"SELECT count(*) FROM conditions WHERE code_system = 'snomed' AND NOT {dialect.Matches("code", "[1-9][0-9]{5,17}")}"),
                Count("SELECT count(*) FROM conditions WHERE code_system = 'snomed'"), Zero),
            new("activity_person_known", QualityCategory.Conformance, "activity", "person_id", "activity of a person not in people",
                Count("SELECT count(*) FROM activity a WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.person_id = a.person_id)"), activity, Zero),
            new("activity_provider_known", QualityCategory.Conformance, "activity", "provider_code", "activity at a provider not in providers",
                Count("SELECT count(*) FROM activity a WHERE NOT EXISTS (SELECT 1 FROM providers p WHERE p.provider_code = a.provider_code)"), activity, Zero),
            new("activity_after_death", QualityCategory.Plausibility, "activity", "start_date, end_date", "activity starting or ending after the person's death",
                Count("SELECT count(*) FROM activity a JOIN people p ON p.person_id = a.person_id WHERE a.start_date > p.death_date OR a.end_date > p.death_date"), activity, Zero),
            new("discharge_before_admission", QualityCategory.Plausibility, "activity", "end_date", "activity ending before it starts",
                Count("SELECT count(*) FROM activity WHERE end_date < start_date"), activity, Zero),
            new("implausible_age", QualityCategory.Plausibility, "people", "year_of_birth", $"living people older than {MaxPlausibleAge} at the date",
                Count($"SELECT count(*) FROM people WHERE (death_date IS NULL OR death_date > {d}) AND {at.Year.ToString(CultureInfo.InvariantCulture)} - year_of_birth > {MaxPlausibleAge}"),
                people, Zero),
            new("implausible_stay", QualityCategory.Plausibility, "activity", "end_date", $"admissions longer than {MaxPlausibleStayDays} days",
                Count($"SELECT count(*) FROM activity WHERE setting IN {Admissions} AND end_date > {dialect.AddDays("start_date", MaxPlausibleStayDays.ToString(CultureInfo.InvariantCulture))}"),
                admissions, Zero),
            MonthlyDrops(engine, d),
            CodingDepth(engine),
        };
        checks.AddRange(ConditionFlags.CodeCoverage(engine, at).Where(c => c.CodeSystem != "strata").Select(c =>
            new QualityCheck($"unmapped_{c.CodeSystem.Replace('-', '_')}", QualityCategory.Plausibility, c.CodeSystem == "icd10-activity" ? "activity" : "conditions",
                c.CodeSystem == "icd10-activity" ? "primary_diagnosis" : "code", $"{c.CodeSystem} records matching no condition codelist", c.Unmatched, c.Records, UnmatchedCodesMax)));
        Store(engine, at, checks);
        return checks;
    }

    /// <summary>The checks as last stored (by <c>strata quality</c> or after an import), with their date; empty when never run.</summary>
    public static (DateOnly? At, IReadOnlyList<QualityCheck> Checks) Stored(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!engine.TableExists(Table))
        {
            return (null, []);
        }
        var rows = engine.Query($"""
            SELECT reference_date, id, category, table_name, field, description, failing_rows, out_of, max_failing_share
            FROM {Table} ORDER BY CASE category WHEN 'completeness' THEN 0 WHEN 'conformance' THEN 1 ELSE 2 END, id
            """, r => (At: DateOnly.FromDateTime(r.GetDateTime(0)), Check: new QualityCheck(r.GetString(1),
                Enum.Parse<QualityCategory>(r.GetString(2), ignoreCase: true), r.GetString(3), r.GetString(4), r.GetString(5),
                r.GetInt64(6), r.GetInt64(7), r.GetDouble(8))));
        return (rows.Count == 0 ? null : rows[0].At, [.. rows.Select(r => r.Check)]);
    }

    /// <summary>Months (between a setting's first and last month) with no rows or under half the setting's median month.</summary>
    private static QualityCheck MonthlyDrops(IEngine engine, string d)
    {
        var counts = engine.Query($"""
            WITH m AS (
                SELECT setting, EXTRACT(YEAR FROM start_date) * 12 + EXTRACT(MONTH FROM start_date) - 1 AS month, count(*) AS n
                FROM activity WHERE start_date <= {d} GROUP BY setting, EXTRACT(YEAR FROM start_date) * 12 + EXTRACT(MONTH FROM start_date) - 1)
            SELECT setting, CAST(month AS BIGINT), CAST(n AS BIGINT) FROM m ORDER BY setting, month
            """, r => (Setting: r.GetString(0), Month: r.GetInt64(1), N: r.GetInt64(2)));
        long flagged = 0, months = 0;
        foreach (var setting in counts.GroupBy(c => c.Setting))
        {
            var byMonth = setting.ToDictionary(c => c.Month, c => c.N);
            var first = byMonth.Keys.Min();
            var last = byMonth.Keys.Max();
            var series = Enumerable.Range(0, (int)(last - first + 1)).Select(i => byMonth.GetValueOrDefault(first + i)).ToList();
            var median = series.Order().ElementAt(series.Count / 2);
            if (median < MonthlyMinimumVolume)
            {
                continue;
            }
            months += series.Count;
            flagged += series.Count(n => n < MonthlyDropShare * median);
        }
        return new("monthly_volume_drop", QualityCategory.Plausibility, "activity", "start_date",
            $"months with no activity or under {MonthlyDropShare * 100:0}% of the setting's median month (settings with a median of {MonthlyMinimumVolume}+)",
            flagged, months, Zero);
    }

    /// <summary>Admissions at providers that give a primary diagnosis for too few of their admissions.</summary>
    private static QualityCheck CodingDepth(IEngine engine)
    {
        var providers = engine.Query($"""
            SELECT provider_code, CAST(count(*) AS BIGINT), CAST(count(primary_diagnosis) AS BIGINT)
            FROM activity WHERE setting IN {Admissions} GROUP BY provider_code
            """, r => (Admissions: r.GetInt64(1), Coded: r.GetInt64(2)));
        var checkedProviders = providers.Where(p => p.Admissions >= CodingDepthMinimumAdmissions).ToList();
        return new("coding_depth_by_provider", QualityCategory.Plausibility, "activity", "primary_diagnosis",
            $"providers ({CodingDepthMinimumAdmissions}+ admissions) giving a primary diagnosis for under {CodingDepthMinShare * 100:0}% of admissions",
            checkedProviders.Count(p => p.Coded < CodingDepthMinShare * p.Admissions), checkedProviders.Count, Zero);
    }

    private static void Store(IEngine engine, DateOnly at, IReadOnlyList<QualityCheck> checks)
    {
        engine.InTransaction(() =>
        {
            engine.Execute($"DROP TABLE IF EXISTS {Table}");
            engine.CreateTable(Tables.QualityChecks);
            using var append = engine.Append(Table);
            foreach (var c in checks)
            {
                append.Row(at, c.Id, c.Category.ToString().ToLowerInvariant(), c.Table, c.Field, c.Description, c.Rows, c.OutOf, c.MaxFailingShare, c.Passed);
            }
        });
    }
}

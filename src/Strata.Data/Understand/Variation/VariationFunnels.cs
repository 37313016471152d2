using System.Globalization;
using Strata.Data.Engine;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;

namespace Strata.Data.Understand.Variation;

/// <summary>Organisational level a funnel compares: practices, neighbourhoods or places.</summary>
public enum FunnelLevel
{
    Practice,
    Neighbourhood,
    Place,
}

/// <summary>Observed and indirectly standardised expected counts for one unit, with its population.</summary>
public sealed record UnitCounts(string Unit, long People, long Observed, double Expected);

/// <summary>
/// Unwarranted variation by indirect age–sex standardisation: for one measure (activity rows of a setting in the
/// 12 months to D), the ICB-wide rate per person in each 5-year age band × sex is applied to each unit's population
/// to give E; O is the unit's count. Population: people alive at the start of the window (no death on or before
/// D − 12m) and born by D's year, age at D. Units come from the person's registered practice.
/// </summary>
public static class VariationFunnels
{
    public const string RuleVersion = "funnel-v1";

    /// <summary>Measures are settings of import format v1 (activity rows counted).</summary>
    public static IReadOnlyList<string> Measures => Vocabulary.Settings;

    public static IReadOnlyList<UnitCounts> Counts(IEngine engine, string measure, FunnelLevel level, DateOnly at)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!Measures.Contains(measure))
        {
            throw new ArgumentException($"Unknown measure '{measure}'; use one of: {string.Join(", ", Measures)}.", nameof(measure));
        }
        var dialect = engine.Dialect;
        var d = dialect.Date(at);
        var start = dialect.AddMonths(d, "-12");
        var year = at.Year.ToString(CultureInfo.InvariantCulture);
        var unit = level switch
        {
            FunnelLevel.Practice => "p.practice_code",
            FunnelLevel.Neighbourhood => "coalesce(pr.neighbourhood_code, 'unknown')",
            _ => "coalesce(pr.place_code, 'unknown')",
        };
        var rows = engine.Query($"""
            WITH pop AS (
                SELECT p.person_id, p.sex, {AgeBandSql.SqlCase(AgeBandSql.AgeSql("p.year_of_birth", at))} AS age_band, {unit} AS unit
                FROM people p LEFT JOIN practices pr ON pr.practice_code = p.practice_code
                WHERE (p.death_date IS NULL OR p.death_date > {start}) AND p.year_of_birth <= {year}
            ),
            obs AS (
                SELECT person_id, count(*) AS n FROM activity
                WHERE setting = {dialect.Quote(measure)} AND start_date > {start} AND start_date <= {d}
                GROUP BY person_id
            ),
            pp AS (SELECT pop.unit, pop.age_band, pop.sex, coalesce(obs.n, 0) AS n FROM pop LEFT JOIN obs ON obs.person_id = pop.person_id),
            rates AS (SELECT age_band, sex, avg(CAST(n AS DOUBLE PRECISION)) AS rate FROM pp GROUP BY age_band, sex)
            SELECT pp.unit, count(*), CAST(sum(pp.n) AS BIGINT), sum(rates.rate)
            FROM pp JOIN rates ON rates.age_band = pp.age_band AND rates.sex = pp.sex
            GROUP BY pp.unit ORDER BY pp.unit
            """,
            r => new UnitCounts(r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture),
                Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture), r.GetDouble(3)));
        if (rows.Count == 0 || rows.All(u => u.Observed == 0))
        {
            throw new InvalidOperationException($"No {measure} activity in the 12 months to {at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; nothing to compare.");
        }
        return rows;
    }

    /// <summary>Counts and the funnel over them (standardised ratios O/E with exact Poisson limits).</summary>
    public static (IReadOnlyList<UnitCounts> Counts, FunnelResult Funnel) Compute(IEngine engine, string measure, FunnelLevel level, DateOnly at, bool overdispersion,
        OverdispersionMethod method = OverdispersionMethod.Trimmed)
    {
        var counts = Counts(engine, measure, level, at);
        return (counts, Funnels.Ratios([.. counts.Select(c => new FunnelInput(c.Unit, c.Observed, c.Expected))], overdispersion, method));
    }
}

/// <summary>
/// An external CSV of funnel units: (unit, observed, expected) for standardised ratios or (unit, numerator,
/// denominator) for proportions. Every problem names file, line and field.
/// </summary>
public static class FunnelInputFile
{
    public static (FunnelKind Kind, IReadOnlyList<FunnelInput> Units) Read(string path)
    {
        var csv = CsvInput.Read(path, "unit");
        var kind = csv.Has("observed") || csv.Has("expected") ? FunnelKind.Ratio : FunnelKind.Proportion;
        var (a, b) = kind == FunnelKind.Ratio ? ("observed", "expected") : ("numerator", "denominator");
        foreach (var column in new[] { a, b }.Where(c => !csv.Has(c)))
        {
            throw new InputException(csv.File, 1, column,
                $"required column missing: give (unit, observed, expected) or (unit, numerator, denominator); header has: {string.Join(", ", csv.Header)}");
        }
        if (csv.Rows.Count == 0)
        {
            throw new InputException(csv.File, 1, null, "no units: the file has a header but no rows");
        }
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var units = new List<FunnelInput>();
        foreach (var row in csv.Rows)
        {
            var unit = row.Text("unit");
            if (unit.Length == 0)
            {
                throw row.Fail("unit", "empty unit name");
            }
            if (!seen.TryAdd(unit, row.Line))
            {
                throw row.Fail("unit", $"duplicate unit '{unit}' (first on line {seen[unit].ToString(CultureInfo.InvariantCulture)})");
            }
            if (kind == FunnelKind.Ratio)
            {
                var observed = row.Double("observed");
                var expected = row.Double("expected");
                if (observed < 0)
                {
                    throw row.Fail("observed", $"{row.Text("observed")} is negative");
                }
                if (expected <= 0)
                {
                    throw row.Fail("expected", $"{row.Text("expected")} is not positive");
                }
                units.Add(new FunnelInput(unit, observed, expected));
            }
            else
            {
                var numerator = row.Long("numerator");
                var denominator = row.Long("denominator");
                if (denominator <= 0)
                {
                    throw row.Fail("denominator", $"{denominator.ToString(CultureInfo.InvariantCulture)} is not positive");
                }
                if (numerator < 0 || numerator > denominator)
                {
                    throw row.Fail("numerator", $"{numerator.ToString(CultureInfo.InvariantCulture)} is not between 0 and the denominator {denominator.ToString(CultureInfo.InvariantCulture)}");
                }
                units.Add(new FunnelInput(unit, numerator, denominator));
            }
        }
        return (kind, units);
    }
}

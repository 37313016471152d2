using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Strata.Domain.Understand;

/// <summary>The eleven core segments of the segmentation spec (Bridges to Health / NHS England core segmentation).</summary>
public static class Segments
{
    public const string EndOfLife = "end_of_life";
    public const string FrailtyDementia = "frailty_dementia";
    public const string OrganFailure = "organ_failure";
    public const string IncurableCancer = "incurable_cancer";
    public const string Disability = "disability";
    public const string LtcComplex = "ltc_complex";
    public const string LtcMultiple = "ltc_multiple";
    public const string LtcSingle = "ltc_single";
    public const string MaternalInfant = "maternal_infant";
    public const string AcutelyIll = "acutely_ill";
    public const string Healthy = "healthy";

    /// <summary>The spec's default precedence, highest first. "healthy" is the remainder and always last.</summary>
    public static IReadOnlyList<string> DefaultPrecedence { get; } =
    [
        EndOfLife, FrailtyDementia, OrganFailure, IncurableCancer, Disability,
        LtcComplex, LtcMultiple, LtcSingle, MaternalInfant, AcutelyIll, Healthy,
    ];
}

/// <summary>
/// Sub-segment flags that come from the segments' qualifying rules rather than from a single condition
/// (every present condition is a flag under its own name as well).
/// </summary>
public static class RuleFlags
{
    public const string SevereFrailty = "severe_frailty";
    public const string ModerateFrailty = "moderate_frailty";
    public const string CkdWithAdmissions = "ckd_with_admissions";
    public const string CopdWithAdmission = "copd_with_admission";
    public const string MaternityActivity = "maternity_activity";
    public const string Infant = "infant";
    public const string AcuteActivity = "acute_activity";

    public static IReadOnlyList<string> All { get; } =
        [SevereFrailty, ModerateFrailty, CkdWithAdmissions, CopdWithAdmission, MaternityActivity, Infant, AcuteActivity];
}

/// <summary>
/// Every threshold, look-back and the precedence order of the segmentation, as one versioned object stored with
/// each result. <see cref="V1"/> is the spec's default; a changed rule set must carry its own version name so
/// results made under different rules can never be confused.
/// </summary>
public sealed record SegmentationRules
{
    public static SegmentationRules V1 { get; } = new();

    public string Version { get; init; } = "v1";

    /// <summary>Highest first; must name all eleven segments once, with "healthy" (the remainder) last.</summary>
    public IReadOnlyList<string> Precedence { get; init; } = Segments.DefaultPrecedence;

    /// <summary>Moderate frailty places a person in frailty_dementia only from this age.</summary>
    public int FrailtyMinAge { get; init; } = 65;

    /// <summary>CKD counts as organ failure with at least this many emergency admissions in the admission window.</summary>
    public int CkdMinEmergencyAdmissions { get; init; } = 4;

    /// <summary>COPD counts as organ failure with at least this many emergency admissions with primary diagnosis J40–J47.</summary>
    public int CopdMinRespiratoryAdmissions { get; init; } = 1;

    /// <summary>Look-back for the organ-failure admission counts, in months up to and including D.</summary>
    public int AdmissionWindowMonths { get; init; } = 12;

    /// <summary>Look-back for maternity activity or an O00–O99 primary diagnosis (44 weeks), in days up to and including D.</summary>
    public int MaternalWindowDays { get; init; } = 308;

    /// <summary>People younger than this (whole years at D) are maternal_infant.</summary>
    public int InfantAgeBelow { get; init; } = 1;

    /// <summary>Look-back for an emergency admission or A&amp;E attendance (acutely_ill), in months up to and including D.</summary>
    public int AcuteWindowMonths { get; init; } = 12;

    /// <summary>Long-term condition counts: ltc_complex from this many, ltc_multiple from <see cref="LtcMultipleMin"/>, ltc_single from 1.</summary>
    public int LtcComplexMin { get; init; } = 4;

    public int LtcMultipleMin { get; init; } = 2;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = false,
    };

    /// <summary>
    /// Parses a rules object (snake_case JSON; fields left out keep their v1 value) and validates it.
    /// Throws <see cref="RulesFormatException"/> naming the offending field.
    /// </summary>
    public static SegmentationRules Parse(string json)
    {
        SegmentationRules? rules;
        try
        {
            rules = JsonSerializer.Deserialize<SegmentationRules>(json, Json);
        }
        catch (JsonException e)
        {
            throw new RulesFormatException(e.Path ?? "$", (e.LineNumber ?? 0) + 1, e.Message);
        }
        return (rules ?? throw new RulesFormatException("$", 1, "the rules object is empty.")).Validated();
    }

    /// <summary>The rules as stored with results (strata_runs.parameters).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Checks the rules are usable; returns them unchanged.</summary>
    public SegmentationRules Validated()
    {
        if (string.IsNullOrWhiteSpace(Version))
        {
            throw new RulesFormatException("version", 0, "a rule set needs a version name.");
        }
        var expected = Segments.DefaultPrecedence.Order(StringComparer.Ordinal);
        if (Precedence.Count != Segments.DefaultPrecedence.Count || !Precedence.Order(StringComparer.Ordinal).SequenceEqual(expected))
        {
            throw new RulesFormatException("precedence", 0, $"must list each of the {Segments.DefaultPrecedence.Count} segments once ({string.Join(", ", Segments.DefaultPrecedence)}).");
        }
        if (Precedence[^1] != Segments.Healthy)
        {
            throw new RulesFormatException("precedence", 0, "'healthy' is everyone else and must come last.");
        }
        Positive(FrailtyMinAge, "frailty_min_age");
        Positive(CkdMinEmergencyAdmissions, "ckd_min_emergency_admissions");
        Positive(CopdMinRespiratoryAdmissions, "copd_min_respiratory_admissions");
        Positive(AdmissionWindowMonths, "admission_window_months");
        Positive(MaternalWindowDays, "maternal_window_days");
        Positive(InfantAgeBelow, "infant_age_below");
        Positive(AcuteWindowMonths, "acute_window_months");
        Positive(LtcMultipleMin, "ltc_multiple_min");
        if (LtcMultipleMin < 2 || LtcComplexMin <= LtcMultipleMin)
        {
            throw new RulesFormatException("ltc_complex_min", 0, "need 1 < ltc_multiple_min < ltc_complex_min (ltc_single is 1 LTC up to ltc_multiple_min − 1).");
        }
        if (Version == V1.Version && !SameRulesAs(V1))
        {
            throw new RulesFormatException("version", 0, $"these rules differ from the default, so they need a version name other than '{V1.Version}'.");
        }
        return this;
    }

    private bool SameRulesAs(SegmentationRules other) =>
        Precedence.SequenceEqual(other.Precedence) && this with { Precedence = other.Precedence } == other;

    private static void Positive(int value, string field)
    {
        if (value < 1)
        {
            throw new RulesFormatException(field, 0, string.Create(CultureInfo.InvariantCulture, $"must be at least 1 (was {value})."));
        }
    }
}

/// <summary>A rules object that cannot be used: names the field and, for JSON syntax errors, the line (0 when not known).</summary>
public sealed class RulesFormatException(string field, long line, string reason)
    : FormatException($"field '{field}': {reason}")
{
    public string Field { get; } = field;

    public long Line { get; } = line;

    public string Reason { get; } = reason;
}

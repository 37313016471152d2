using System.Globalization;

namespace Strata.Domain.Foundation;

/// <summary>
/// What a commissioner reads in place of a code: segments, risk tiers, settings, measures, provider types and other
/// closed vocabularies, from one place for the CLI, the HTML reports and the web. Codes stay in data, exports and
/// the API (and on hover in the web); only presentation uses these names. A code not in any list is shown with its
/// underscores as spaces and a capital letter, so no snake_case reaches a page.
/// </summary>
public static class DisplayNames
{
    private static readonly Dictionary<string, string> Segments = new(StringComparer.Ordinal)
    {
        ["end_of_life"] = "End of life",
        ["frailty_dementia"] = "Frailty and dementia",
        ["organ_failure"] = "Organ failure",
        ["incurable_cancer"] = "Incurable cancer",
        ["disability"] = "Disability",
        ["ltc_complex"] = "Complex long-term conditions",
        ["ltc_multiple"] = "Multiple long-term conditions",
        ["ltc_single"] = "One long-term condition",
        ["maternal_infant"] = "Maternal and infant health",
        ["acutely_ill"] = "Acutely ill",
        ["healthy"] = "Healthy",
    };

    private static readonly Dictionary<string, string> RiskTiers = new(StringComparer.Ordinal)
    {
        ["very_high"] = "Very high risk",
        ["high"] = "High risk",
        ["moderate"] = "Moderate risk",
        ["low"] = "Low risk",
        ["unscored"] = "Not scored",
    };

    /// <summary>Settings by their plural (what is counted: "Emergency admissions per 1,000").</summary>
    private static readonly Dictionary<string, string> Settings = new(StringComparer.Ordinal)
    {
        ["gp_appointment"] = "GP appointments",
        ["ae_attendance"] = "A&E attendances",
        ["emergency_admission"] = "Emergency admissions",
        ["elective_admission"] = "Elective admissions",
        ["daycase"] = "Day cases",
        ["outpatient_first"] = "First outpatient appointments",
        ["outpatient_followup"] = "Follow-up outpatient appointments",
        ["community_contact"] = "Community contacts",
        ["mental_health_contact"] = "Mental health contacts",
        ["maternity"] = "Maternity spells",
        ["social_care"] = "Social care",
        ["ambulance_conveyance"] = "Ambulance conveyances",
        ["prescribing"] = "Prescribing",
    };

    private static readonly Dictionary<string, string> ProviderTypes = new(StringComparer.Ordinal)
    {
        ["acute"] = "Acute trust",
        ["community"] = "Community provider",
        ["mental_health"] = "Mental health trust",
        ["primary_care"] = "Primary care",
        ["ambulance"] = "Ambulance service",
        ["social_care"] = "Local authority social care",
        ["vcse"] = "Voluntary, community and social enterprise",
        ["independent"] = "Independent sector",
    };

    private static readonly Dictionary<string, string> Dimensions = new(StringComparer.Ordinal)
    {
        ["segment"] = "Segment",
        ["risk_tier"] = "Risk tier",
        ["place_code"] = "Place",
        ["neighbourhood_code"] = "Neighbourhood",
        ["practice_code"] = "Practice",
        ["age_band"] = "Age band",
        ["sex"] = "Sex",
        ["imd_quintile"] = "IMD quintile",
        ["ethnic_group"] = "Ethnic group",
    };

    private static readonly Dictionary<string, string> Sexes = new(StringComparer.Ordinal)
    {
        ["F"] = "Female",
        ["M"] = "Male",
        ["U"] = "Not known",
    };

    private static readonly Dictionary<string, string> Other = new(StringComparer.Ordinal)
    {
        ["spend_per_head"] = "Spend per head per year",
        ["cost"] = "Cost",
        ["activity"] = "Activity",
        ["bed_days"] = "Bed days",
        ["cost_gbp"] = "Cost",
        ["people"] = "People",
    };

    /// <summary>A core segment's name ("Multiple long-term conditions" for ltc_multiple).</summary>
    public static string Segment(string code) => Lookup(Segments, code);

    /// <summary>A risk tier's name ("Very high risk" for very_high).</summary>
    public static string RiskTier(string code) => Lookup(RiskTiers, code);

    /// <summary>A setting's name, plural ("Emergency admissions").</summary>
    public static string Setting(string code) => Lookup(Settings, code);

    public static string ProviderType(string code) => Lookup(ProviderTypes, code);

    /// <summary>A profile dimension's name ("Place" for place_code).</summary>
    public static string Dimension(string code) => Lookup(Dimensions, code);

    public static string Sex(string code) => Lookup(Sexes, code);

    /// <summary>
    /// A measure code as a label with its unit and period: <c>activity_per_1000:gp_appointment</c> is
    /// "GP appointments per 1,000 people per year", <c>activity_per_1000:all</c> "All activity per 1,000 people per
    /// year", <c>spend_per_head</c> "Spend per head per year"; a bare setting is the setting's name.
    /// </summary>
    public static string Measure(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        const string perThousand = "activity_per_1000:";
        if (code.StartsWith(perThousand, StringComparison.Ordinal))
        {
            var setting = code[perThousand.Length..];
            var what = setting == "all" ? "All activity" : Setting(setting);
            return what + " per 1,000 people per year";
        }
        return Settings.ContainsKey(code) ? Settings[code] : Lookup(Other, code);
    }

    /// <summary>
    /// Any code of the closed vocabularies (segment, tier, setting, provider type, dimension, measure) by its name;
    /// other text as it is unless it is snake_case, which is spelt out. Area and organisation codes are not here:
    /// their names come from the data (place_name, practice_name, provider_name).
    /// </summary>
    public static string Of(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        foreach (var names in new[] { Segments, RiskTiers, Settings, ProviderTypes, Dimensions, Other })
        {
            if (names.TryGetValue(code, out var name))
            {
                return name;
            }
        }
        return IsSnakeCase(code) || IsMeasureCode(code) ? Measure(code) : code;
    }

    /// <summary>A measure code of the form kind:setting (activity_per_1000:gp_appointment).</summary>
    public static bool IsMeasureCode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < text.Length - 1 && text.LastIndexOf(':') == colon
            && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_' || c == ':');
    }

    /// <summary>A code shown as itself would read as one: lower-case words joined by underscores (ltc_multiple).</summary>
    public static bool IsSnakeCase(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var underscore = text.IndexOf('_', StringComparison.Ordinal);
        return underscore > 0 && underscore < text.Length - 1 && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
    }

    private static string Lookup(Dictionary<string, string> names, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return names.TryGetValue(code, out var name) ? name : Spelt(code);
    }

    /// <summary>An unknown code spelt out: "home_visit" as "Home visit".</summary>
    private static string Spelt(string code)
    {
        if (!code.Contains('_', StringComparison.Ordinal))
        {
            return code;
        }
        var words = code.Replace('_', ' ').Trim();
        return words.Length == 0 ? code : char.ToUpper(words[0], CultureInfo.InvariantCulture) + words[1..];
    }
}

namespace Strata.Domain.Foundation;

/// <summary>Closed vocabularies of import format v1 (docs/data-format.md).</summary>
public static class Vocabulary
{
    public static readonly IReadOnlyList<string> Sexes = ["F", "M", "U"];

    public static readonly IReadOnlyList<string> ProviderTypes =
    [
        "acute", "community", "mental_health", "primary_care", "ambulance", "social_care", "vcse", "independent",
    ];

    public static readonly IReadOnlyList<string> Settings =
    [
        "gp_appointment", "ae_attendance", "emergency_admission", "elective_admission", "daycase",
        "outpatient_first", "outpatient_followup", "community_contact", "mental_health_contact", "maternity",
        "social_care", "ambulance_conveyance", "prescribing",
    ];

    /// <summary>Settings that are inpatient spells, so end_date and bed days apply.</summary>
    public static readonly IReadOnlyList<string> AdmittedSettings = ["emergency_admission", "elective_admission", "maternity"];

    public static readonly IReadOnlyList<string> CodeSystems = ["strata", "icd10", "snomed"];

    /// <summary>The five ONS high-level ethnic groups.</summary>
    public static readonly IReadOnlyList<string> EthnicGroups = ["asian", "black", "mixed", "white", "other"];
}

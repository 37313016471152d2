namespace Strata.Domain.Foundation.Synthetic;

/// <summary>
/// Procedure (OPCS-4, no dot) and specialty (treatment function code) of generated planned care. Planned spells take
/// both from their primary diagnosis; first outpatient attendances draw a specialty (children mostly paediatrics) and
/// their follow-ups keep it. The codes are real OPCS-4 and treatment function codes chosen as a plausible pairing for
/// each diagnosis (illustrative synthetic data, not a clinical coding rule; docs/synthetic-data.md).
/// </summary>
public static class PlannedCare
{
    public const string TraumaOrthopaedics = "110", GeneralSurgery = "100", Urology = "101", Breast = "103", Colorectal = "104",
        Ent = "120", Ophthalmology = "130", Thoracic = "173", GeneralMedicine = "300", Gastroenterology = "301",
        Cardiology = "320", Dermatology = "330", Respiratory = "340", MedicalOncology = "370", Paediatrics = "420",
        Gynaecology = "502", ClinicalOncology = "800";

    /// <summary>Procedure and specialty by planned diagnosis (elective and day-case lists of <see cref="DiagnosisCodes"/>).</summary>
    public static readonly IReadOnlyDictionary<string, (string Procedure, string Specialty)> ByDiagnosis = new Dictionary<string, (string, string)>
    {
        ["M179"] = ("W401", TraumaOrthopaedics),   // primary total knee replacement
        ["M169"] = ("W371", TraumaOrthopaedics),   // primary total hip replacement
        ["K802"] = ("J183", GeneralSurgery),       // cholecystectomy
        ["K409"] = ("T202", GeneralSurgery),       // primary inguinal hernia repair
        ["N811"] = ("P231", Gynaecology),          // anterior colporrhaphy
        ["M232"] = ("W822", TraumaOrthopaedics),   // arthroscopic meniscectomy
        ["N40"] = ("M653", Urology),               // transurethral resection of prostate
        ["K573"] = ("H229", Gastroenterology),     // colonoscopy
        ["H259"] = ("C712", Ophthalmology),        // phacoemulsification of lens
        ["D126"] = ("H201", Gastroenterology),     // endoscopic snare resection of colonic polyp
        ["K219"] = ("G451", Gastroenterology),     // upper GI endoscopy with biopsy
        ["M653"] = ("T723", TraumaOrthopaedics),   // trigger finger release
        ["L988"] = ("S069", Dermatology),          // excision of lesion of skin
        ["K649"] = ("H511", Colorectal),           // haemorrhoidectomy
        [DiagnosisCodes.Chemotherapy] = ("X723", MedicalOncology), // delivery of chemotherapy
    };

    /// <summary>Planned diagnoses whose elective spell is a bigger operation than the day case for the same diagnosis.</summary>
    public static readonly IReadOnlyDictionary<string, string> ElectiveProcedure = new Dictionary<string, string>
    {
        ["K573"] = "H109",   // sigmoid colectomy for diverticular disease
        ["N40"] = "M653",
    };

    /// <summary>Cancer spells by ICD-10 site (first three characters from, to): elective procedure, day-case procedure, specialty.</summary>
    public static readonly IReadOnlyList<(string From, string To, string Elective, string Daycase, string Specialty)> CancerSites =
    [
        ("C15", "C26", "H339", "H221", Colorectal),
        ("C33", "C34", "E541", "E491", Thoracic),
        ("C43", "C44", "S061", "S061", Dermatology),
        ("C50", "C50", "B282", "B321", Breast),
        ("C61", "C61", "M611", "M702", Urology),
        ("C64", "C68", "M421", "M421", Urology),
    ];

    /// <summary>Other cancers: biopsy or excision of lymph node, clinical oncology.</summary>
    public const string OtherCancerProcedure = "T872";

    /// <summary>
    /// Shares of adult first outpatient attendances by treatment function (roughly NHS England's Hospital Outpatient
    /// Activity mix of the commonest surgical and medical specialties).
    /// </summary>
    public static readonly IReadOnlyList<(string Specialty, double Weight)> AdultFirstAttendances =
    [
        (TraumaOrthopaedics, 0.16), (Ophthalmology, 0.12), (GeneralSurgery, 0.08), (Ent, 0.07), (Gynaecology, 0.08),
        (Dermatology, 0.07), (Urology, 0.05), (Gastroenterology, 0.06), (Cardiology, 0.07), (GeneralMedicine, 0.07),
        (Respiratory, 0.04), (Colorectal, 0.04), (Breast, 0.04), (ClinicalOncology, 0.05),
    ];

    /// <summary>
    /// A first attendance up to this many days before one of the person's planned spells, not yet linked to another, is
    /// the referral that led to it (with probability <see cref="ReferredShare"/>) and takes its specialty; so
    /// referral-to-procedure conversion arises in the generated data (docs/pathways.md).
    /// </summary>
    public const int ReferralWindowDays = 183;

    public const double ReferredShare = 0.9;

    /// <summary>Share of children's first attendances seen in paediatrics; the rest as adults' (ENT, ophthalmology, T&amp;O …).</summary>
    public const double ChildPaediatricShare = 0.6;

    /// <summary>Procedure and specialty of a planned spell with this primary diagnosis.</summary>
    public static (string Procedure, string Specialty) Of(string diagnosis, bool elective)
    {
        if (diagnosis.Length >= 3 && diagnosis[0] == 'C')
        {
            var site = diagnosis[..3];
            foreach (var (from, to, e, d, specialty) in CancerSites)
            {
                if (string.CompareOrdinal(site, from) >= 0 && string.CompareOrdinal(site, to) <= 0)
                {
                    return (elective ? e : d, specialty);
                }
            }
            return (OtherCancerProcedure, ClinicalOncology);
        }
        var (procedure, spec) = ByDiagnosis.TryGetValue(diagnosis, out var x)
            ? x
            : throw new ArgumentException($"No planned procedure for diagnosis {diagnosis}.", nameof(diagnosis));
        return (elective && ElectiveProcedure.TryGetValue(diagnosis, out var bigger) ? bigger : procedure, spec);
    }

    /// <summary>The specialty of a first outpatient attendance at this age.</summary>
    public static string FirstAttendanceSpecialty(Rng rng, int age)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (age < 16 && rng.NextDouble() < ChildPaediatricShare)
        {
            return Paediatrics;
        }
        var u = rng.NextDouble() * Total;
        foreach (var (specialty, weight) in AdultFirstAttendances)
        {
            u -= weight;
            if (u < 0)
            {
                return specialty;
            }
        }
        return AdultFirstAttendances[^1].Specialty;
    }

    private static readonly double Total = AdultFirstAttendances.Sum(a => a.Weight);
}

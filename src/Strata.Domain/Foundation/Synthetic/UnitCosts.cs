namespace Strata.Domain.Foundation.Synthetic;

/// <summary>
/// Unit costs in pounds (National Cost Collection 2021/22 national averages for hospital, community, mental health
/// and ambulance care; PSSRU Unit Costs of Health and Social Care 2022 for GP and social care; NHSBSA prescription
/// cost analysis for prescribing). Each event's cost is its unit cost times lognormal case-mix noise with mean 1.
/// Costs are whole pence.
/// </summary>
public static class UnitCosts
{
    public const double GpAppointment = 42;
    public const double AandE = 210;
    public const double EmergencySpellBase = 620, EmergencyPerDay = 380;
    public const double ElectiveSpellBase = 3100, ElectivePerDay = 420;
    public const double Daycase = 880;
    public const double OutpatientFirst = 205, OutpatientFollowup = 118;
    public const double CommunityContact = 78;
    public const double MentalHealthContact = 190;
    public const double DeliveryVaginal = 2650, DeliveryCaesarean = 4850, AntenatalContact = 105;
    public const double HomeCareMonth = 1280, ResidentialCareMonth = 3650;
    public const double AmbulanceConveyance = 460;
    public const double PrescribingQuarterBase = 22, PrescribingQuarterPerLtc = 38;

    /// <summary>σ of the lognormal case-mix noise by setting (<see cref="Setting"/> order).</summary>
    public static readonly IReadOnlyList<double> Spread = [0.2, 0.45, 0.25, 0.3, 0.45, 0.3, 0.3, 0.35, 0.4, 0.15, 0.2, 0.2, 0.5];

    /// <summary>Cost in pence: mean × noise(setting).</summary>
    public static long Pence(Rng rng, int setting, double mean) =>
        (long)Math.Round(mean * rng.LogNormalMeanOne(Spread[setting]) * 100);
}

/// <summary>
/// Primary diagnoses (ICD-10, no dot) for hospital events that are not one of the person's conditions. None of these
/// maps to a vocabulary condition (checked by tests), so they never create a condition the person does not have.
/// </summary>
public static class DiagnosisCodes
{
    /// <summary>Common emergency admission causes (HES: chest pain, abdominal pain, pneumonia, UTI, cellulitis …).</summary>
    public static readonly IReadOnlyList<string> EmergencyAdult =
        ["R074", "R104", "J189", "N390", "L031", "A099", "K802", "R55", "J22", "K358", "R060", "S0600", "R69", "T783"];

    public static readonly IReadOnlyList<string> EmergencyChild = ["J069", "J219", "A099", "R509", "S0600", "J189", "R11", "K359"];

    /// <summary>Hip fracture, for older people's admissions.</summary>
    public const string HipFracture = "S7200";

    public static readonly IReadOnlyList<string> Elective = ["M179", "M169", "K802", "K409", "N811", "M232", "N40", "K573"];

    public static readonly IReadOnlyList<string> Daycase = ["H259", "D126", "K573", "K219", "M653", "L988", "N40", "K649"];

    /// <summary>Chemotherapy day attendance, for people with cancer.</summary>
    public const string Chemotherapy = "Z511";

    public static readonly IReadOnlyList<string> Delivery = ["O800", "O800", "O800", "O800", "O800", "O811", "O820", "O820", "O820", "O702"];

    public static readonly IReadOnlyList<string> PregnancyEmergency = ["O210", "O234", "O200", "O470", "O999"];

    /// <summary>Every fixed code above, for validation.</summary>
    public static IEnumerable<string> All =>
        [.. EmergencyAdult, .. EmergencyChild, HipFracture, .. Elective, .. Daycase, Chemotherapy, .. Delivery, .. PregnancyEmergency];
}

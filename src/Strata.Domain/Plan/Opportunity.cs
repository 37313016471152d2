using Strata.Domain.Foundation;

namespace Strata.Domain.Plan;

/// <summary>The published source a definition follows (title and address), so every figure can be traced.</summary>
public sealed record OpportunitySource(string Title, string Url);

/// <summary>
/// Which activity rows of the counted setting are in the opportunity. Every criterion is optional (null or empty =
/// no restriction); all given criteria must hold.
/// </summary>
/// <param name="Diagnoses">ICD-10 prefixes (no dot) the primary diagnosis starts with.</param>
/// <param name="MinAge">Age at the event at least this (age as <see cref="AgeBands.AgeAt"/>).</param>
/// <param name="MaxAge">Age at the event at most this.</param>
/// <param name="MaxLengthOfStayDays">Spell length (end − start, days) at most this; spells without an end date are out.</param>
/// <param name="DeathWithinDays">The person died between the start of the event and this many days after its end.</param>
/// <param name="ReadmissionWithinDays">The event starts within this many days after the end of an earlier admitted spell.</param>
/// <param name="MinEventsPerPerson">The person has at least this many events that pass the other criteria in the window.</param>
/// <param name="NotFollowedBySetting">No activity of this setting from the event's start to <paramref name="NotFollowedWithinDays"/> days later.</param>
/// <param name="Conditions">The person has one of these vocabulary conditions recorded on or before the event.</param>
public sealed record OpportunityCriteria(
    IReadOnlyList<string> Diagnoses,
    int? MinAge = null,
    int? MaxAge = null,
    int? MaxLengthOfStayDays = null,
    int? DeathWithinDays = null,
    int? ReadmissionWithinDays = null,
    int? MinEventsPerPerson = null,
    string? NotFollowedBySetting = null,
    int NotFollowedWithinDays = 0,
    IReadOnlyList<string>? Conditions = null)
{
    public static OpportunityCriteria None { get; } = new([]);
}

/// <summary>Where avoided activity would land: units of the receiving setting per avoided event.</summary>
public sealed record OpportunityReceiving(string Setting, double UnitsPerEvent);

/// <summary>
/// One opportunity of the library (a versioned file in opportunities/, docs/plan.md "Opportunities"): activity of
/// <see cref="Setting"/> that passes <see cref="Criteria"/>, counted per person in the population or — when
/// <see cref="PerSetting"/> is given — per event of that setting (a ratio such as follow-ups per first attendance).
/// </summary>
public sealed record OpportunityDefinition(
    string Id,
    string Name,
    string Version,
    OpportunitySource Source,
    string Setting,
    OpportunityCriteria Criteria,
    string? PerSetting = null,
    OpportunityReceiving? Receiving = null,
    string? Description = null)
{
    /// <summary>Per-population opportunities are shown per 1,000 people; ratios per 1 event of the base setting.</summary>
    public double Per => PerSetting is null ? 1000 : 1;

    /// <summary>The first invalid field, named as in the file ($.criteria.min_age …), or null when valid.</summary>
    public string? Validate()
    {
        var c = Criteria;
        return string.IsNullOrWhiteSpace(Id) ? "$.id: must not be empty"
            : !Vocabulary.Settings.Contains(Setting) ? $"$.setting: unknown setting '{Setting}'"
            : PerSetting is not null && !Vocabulary.Settings.Contains(PerSetting) ? $"$.per_setting: unknown setting '{PerSetting}'"
            : c.MinAge is not null && c.MaxAge is not null && c.MinAge > c.MaxAge ? "$.criteria.min_age: greater than max_age"
            : (c.MaxLengthOfStayDays is not null || c.DeathWithinDays is not null || c.ReadmissionWithinDays is not null)
              && !Vocabulary.AdmittedSettings.Contains(Setting) ? $"$.criteria: length of stay, death after discharge and readmission need an admitted setting, not '{Setting}'"
            : c.NotFollowedBySetting is not null && !Vocabulary.Settings.Contains(c.NotFollowedBySetting) ? $"$.criteria.not_followed_by.setting: unknown setting '{c.NotFollowedBySetting}'"
            : c.Diagnoses.FirstOrDefault(d => d.Length == 0 || !d.All(char.IsAsciiLetterOrDigit)) is { } bad ? $"$.criteria.diagnoses: '{bad}' is not an ICD-10 prefix (letters and digits, no dot)"
            : Receiving is not null && !Vocabulary.Settings.Contains(Receiving.Setting) ? $"$.receiving.setting: unknown setting '{Receiving.Setting}'"
            : Receiving is not null && Receiving.Setting == Setting ? "$.receiving.setting: activity cannot land in the setting it is avoided from"
            : Receiving is not null && Receiving.UnitsPerEvent < 0 ? "$.receiving.units_per_event: must not be negative"
            : null;
    }
}

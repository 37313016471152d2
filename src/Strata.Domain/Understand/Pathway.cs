namespace Strata.Domain.Understand;

/// <summary>
/// Who is on a pathway at a reference date D: anyone with at least one of <see cref="Conditions"/> present at D (the
/// condition vocabulary's own windows), aged <see cref="MinAge"/>..<see cref="MaxAge"/> at D, and — when
/// <see cref="Segments"/> is not empty — in one of those core segments.
/// </summary>
public sealed record PathwayCohort(IReadOnlyList<string> Conditions, int MinAge = 0, int? MaxAge = null, IReadOnlyList<string>? Segments = null)
{
    public bool InAgeRange(int age) => age >= MinAge && (MaxAge is null || age <= MaxAge);
}

/// <summary>
/// One stage of a pathway. An activity row of a cohort member belongs to the stage when its setting is one of
/// <see cref="Settings"/> and, if the stage lists diagnoses or procedures, its primary diagnosis (dot removed) starts
/// with one of the ICD-10 prefixes in <see cref="Diagnoses"/> or its primary procedure starts with one of the OPCS-4
/// prefixes in <see cref="Procedures"/>. Escalation stages are the unplanned or late events a pathway tries to avoid.
/// </summary>
public sealed record PathwayStage(string Id, string Name, IReadOnlyList<string> Settings, IReadOnlyList<string> Diagnoses, bool Escalation,
    IReadOnlyList<string>? Procedures = null)
{
    /// <summary>OPCS-4 prefixes (no dot); empty when the stage is defined by setting and diagnosis only.</summary>
    public IReadOnlyList<string> ProcedurePrefixes => Procedures ?? [];
}

/// <summary>
/// A versioned pathway definition (pathways/*.json; docs/pathways.md). Stages are in order of escalation: a row
/// matching several stages belongs to the last (most escalated) of them, and a person's stage in a year is the most
/// escalated stage of their pathway activity that year.
/// </summary>
public sealed record PathwayDefinition(
    string Id, string Version, string Name, string Source, string SourceUrl, PathwayCohort Cohort, IReadOnlyList<PathwayStage> Stages)
{
    /// <summary>State of a cohort member in a year without pathway activity.</summary>
    public const string NoActivity = "no_activity";

    /// <summary>State of a cohort member in the years after their death.</summary>
    public const string Died = "died";

    public int StageOrder(string stage)
    {
        for (var i = 0; i < Stages.Count; i++)
        {
            if (Stages[i].Id == stage)
            {
                return i + 1;
            }
        }
        throw new ArgumentException($"Pathway '{Id}' has no stage '{stage}'.", nameof(stage));
    }

    /// <summary>
    /// Throws ArgumentException naming the field when the definition is inconsistent with the vocabularies
    /// (conditions, settings, segments) or has no usable stages.
    /// </summary>
    public void Validate(IReadOnlyCollection<string> conditions, IReadOnlyCollection<string> settings, IReadOnlyCollection<string> segments)
    {
        Require(!string.IsNullOrWhiteSpace(Id) && Id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'), "id", "lower-case letters, digits and _ only");
        Require(!string.IsNullOrWhiteSpace(Source) && !string.IsNullOrWhiteSpace(SourceUrl), "source", "every pathway cites its clinical source and its address");
        Require(Cohort.Conditions.Count > 0, "cohort.conditions", "at least one condition");
        foreach (var c in Cohort.Conditions)
        {
            Require(conditions.Contains(c), "cohort.conditions", $"'{c}' is not a vocabulary condition");
        }
        foreach (var s in Cohort.Segments ?? [])
        {
            Require(segments.Contains(s), "cohort.segments", $"'{s}' is not a core segment");
        }
        Require(Cohort.MinAge >= 0 && (Cohort.MaxAge is null || Cohort.MaxAge >= Cohort.MinAge), "cohort.max_age", "need 0 ≤ min_age ≤ max_age");
        Require(Stages.Count >= 2, "stages", "a pathway needs at least two stages");
        Require(Stages.Select(s => s.Id).Distinct().Count() == Stages.Count, "stages", "stage ids must be unique");
        Require(Stages.Any(s => s.Escalation) && !Stages[0].Escalation, "stages", "the first stage is not an escalation and at least one later stage is");
        foreach (var (stage, i) in Stages.Select((s, i) => (s, i)))
        {
            var field = $"stages[{i}]";
            Require(stage.Id is NoActivity or Died ? false : stage.Id.Length > 0, field + ".id", $"a non-empty id other than {NoActivity} and {Died}");
            Require(stage.Settings.Count > 0, field + ".settings", "at least one setting");
            foreach (var s in stage.Settings)
            {
                Require(settings.Contains(s), field + ".settings", $"'{s}' is not a setting of import format v1");
            }
            foreach (var p in stage.ProcedurePrefixes)
            {
                Require(p.Length is >= 1 and <= 4 && char.IsAsciiLetterUpper(p[0]) && p[0] is not ('I' or 'O') && p.Skip(1).All(char.IsAsciiDigit), field + ".procedures",
                    $"'{p}' is not an OPCS-4 prefix (a chapter letter and up to three digits, no dot)");
            }
            foreach (var d in stage.Diagnoses)
            {
                Require(d.Length >= 1 && char.IsAsciiLetterUpper(d[0]) && d.Skip(1).All(char.IsAsciiDigit), field + ".diagnoses",
                    $"'{d}' is not an ICD-10 prefix (a capital letter and digits, no dot)");
            }
        }
    }

    private static void Require(bool ok, string field, string reason)
    {
        if (!ok)
        {
            throw new ArgumentException($"{field}: {reason}");
        }
    }
}

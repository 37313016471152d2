using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Plan;

/// <summary>
/// Versioned intervention files (JSON, one intervention per file; docs/plan.md gives the format). A folder means every
/// *.json in it, in name order; the order of interventions is the order they are applied in.
/// </summary>
public static class InterventionFiles
{
    public static readonly IReadOnlyList<string> RiskTiers = ["very_high", "high", "moderate", "low", "unscored"];

    /// <summary>Core segments of the segmentation spec v1 (a typo in a target would otherwise silently match nobody).</summary>
    public static readonly IReadOnlyList<string> Segments =
    [
        "end_of_life", "frailty_dementia", "organ_failure", "incurable_cancer", "disability", "ltc_complex", "ltc_multiple",
        "ltc_single", "maternal_infant", "acutely_ill", "healthy",
    ];

    private static readonly Dictionary<string, EffectKind> Kinds = new()
    {
        ["avoid"] = EffectKind.Avoid, ["length_of_stay"] = EffectKind.ReduceLengthOfStay, ["shift"] = EffectKind.Shift,
    };

    /// <summary>Loads files and folders in the order given; ids must be unique across them.</summary>
    public static IReadOnlyList<Intervention> Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var list = new List<Intervention>();
        foreach (var path in paths)
        {
            var files = Directory.Exists(path)
                ? Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList()
                : [path];
            if (files.Count == 0)
            {
                throw new InputException(path, 0, null, "folder has no *.json intervention files");
            }
            foreach (var file in files)
            {
                var iv = Parse(JsonInput.Read(file));
                if (list.Any(x => x.Id == iv.Id))
                {
                    throw new InputException(file, 0, "$.id", $"intervention id '{iv.Id}' is defined twice");
                }
                list.Add(iv);
            }
        }
        return list;
    }

    public static Intervention Parse(JsonInput json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.Only("id", "name", "version", "description", "evidence", "target", "settings", "effect", "ramp_up", "cost", "start_year", "reach", "scores",
            "opportunity", "elicitations");
        var elicitations = json.Optional("elicitations")?.Items().Select(Elicit).ToList() ?? [];
        var settings = json.Required("settings").Items().Select(s => s.OneOf(Vocabulary.Settings.ToArray())).ToList();
        if (settings.Count == 0)
        {
            throw json.Required("settings").Fail("at least one affected setting is needed");
        }
        var effect = Effect(json.Required("effect"), settings, Pooled(elicitations, Assumption.Effect, json.Required("effect").Optional("interval")));
        var reach = Pooled(elicitations, Assumption.Reach, json.Optional("reach")) ?? Proportion(json.Optional("reach")) ?? Interval80.Point(1);
        var opportunity = Opportunity(json.Optional("opportunity"));
        var ramp = json.Optional("ramp_up")?.Items().Select(r => r.Number(0, 1)).ToList() ?? [];
        var cost = json.Optional("cost")?.Only("fixed_per_year", "per_person_reached");
        var scores = json.Optional("scores")?.Properties().ToDictionary(p => p.Name, p => p.Value.Number());
        return new Intervention(
            json.Required("id").String(),
            json.Required("name").String(),
            json.Required("version").String(),
            Target(json.Optional("target")),
            settings,
            effect,
            ramp,
            cost?.Optional("fixed_per_year")?.Number(0, double.MaxValue) ?? 0,
            cost?.Optional("per_person_reached")?.Number(0, double.MaxValue) ?? 0,
            json.Optional("start_year")?.Integer(1, 50) ?? 1,
            reach,
            scores,
            json.Optional("description")?.String(),
            json.Optional("evidence")?.String(),
            opportunity is null && elicitations.Count == 0 ? null : new InterventionEvidence(opportunity, elicitations));
    }

    private static CohortFilter Target(JsonInput? t)
    {
        if (t is null)
        {
            return CohortFilter.Everyone;
        }
        t.Only("segments", "risk_tiers", "age_bands", "min_age", "max_age", "places", "imd_quintiles");
        var bands = t.Optional("age_bands")?.Items().Select(b => b.OneOf(AgeBands.All.ToArray())).ToList() ?? [];
        var min = t.Optional("min_age")?.Integer(0, 120);
        var max = t.Optional("max_age")?.Integer(0, 120);
        if (min is not null || max is not null)
        {
            if (bands.Count > 0)
            {
                throw t.Required("min_age").Fail("give either age_bands or min_age/max_age, not both");
            }
            // A band is in when it lies wholly inside [min_age, max_age]; bands start every 5 years.
            bands = [.. AgeBands.All.Where((_, i) => i * 5 >= (min ?? 0) && (i == AgeBands.All.Count - 1 ? max is null : i * 5 + 4 <= (max ?? 200)))];
            if (bands.Count == 0)
            {
                throw t.Required(min is not null ? "min_age" : "max_age").Fail("no whole age band lies in the range");
            }
        }
        return new CohortFilter(
            t.Optional("segments")?.Items().Select(s => s.OneOf(Segments.ToArray())).ToList() ?? [],
            t.Optional("risk_tiers")?.Items().Select(s => s.OneOf(RiskTiers.ToArray())).ToList() ?? [],
            bands,
            t.Optional("places")?.Items().Select(s => s.String()).ToList() ?? [],
            t.Optional("imd_quintiles")?.Items().Select(s => s.Integer(1, 5)).ToList() ?? []);
    }

    private static InterventionEffect Effect(JsonInput e, IReadOnlyList<string> settings, Interval80? pooled)
    {
        e.Only("type", "interval", "to", "unit_cost");
        var kind = Kinds[e.Required("type").OneOf(Kinds.Keys.ToArray())];
        var size = pooled ?? Proportion(e.Required("interval"))!.Value;
        if (kind == EffectKind.ReduceLengthOfStay)
        {
            var notAdmitted = settings.FirstOrDefault(s => !Vocabulary.AdmittedSettings.Contains(s));
            if (notAdmitted is not null)
            {
                throw e.Required("type").Fail($"length_of_stay applies to admitted settings only; '{notAdmitted}' has no bed days");
            }
        }
        if (kind != EffectKind.Shift)
        {
            if (e.Optional("to") is { } to)
            {
                throw to.Fail("'to' is only for a shift effect");
            }
            return new InterventionEffect(kind, size);
        }
        var receiving = e.Required("to").OneOf(Vocabulary.Settings.ToArray());
        if (settings.Contains(receiving))
        {
            throw e.Required("to").Fail($"'{receiving}' is also an affected setting; activity cannot shift into itself");
        }
        return new InterventionEffect(kind, size, receiving, e.Required("unit_cost").Number(0, double.MaxValue));
    }

    /// <summary>
    /// The panel's pooled interval for an assumption (OpinionPool), or null when nobody judged it. A typed interval
    /// and judgements for the same assumption are refused: the number used must be unambiguous.
    /// </summary>
    private static Interval80? Pooled(IReadOnlyList<Elicitation> panel, Assumption assumption, JsonInput? typed)
    {
        var judged = panel.Where(e => e.Assumption == assumption).ToList();
        if (judged.Count == 0)
        {
            return null;
        }
        if (typed is not null)
        {
            throw typed.Fail($"give this interval or elicitations of the {assumption.ToString().ToLowerInvariant()}, not both (the pooled judgements are used)");
        }
        return OpinionPool.Pool(judged);
    }

    private static Elicitation Elicit(JsonInput e)
    {
        e.Only("assumption", "expert", "date", "low", "mode", "high", "rationale", "evidence");
        var date = e.Required("date");
        var elicitation = new Elicitation(
            e.Required("assumption").OneOf(["effect", "reach"]) == "effect" ? Assumption.Effect : Assumption.Reach,
            e.Required("expert").String(),
            DateOnly.TryParseExact(date.String(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var on)
                ? on : throw date.Fail("expected a date yyyy-MM-dd"),
            e.Required("low").Number(0, 1), e.Required("mode").Number(0, 1), e.Required("high").Number(0, 1),
            e.Required("rationale").String(),
            e.Optional("evidence")?.Items().Select(x => x.String()).ToList() ?? []);
        if (elicitation.Validate() is { } problem)
        {
            throw e.Fail(problem);
        }
        return elicitation;
    }

    private static OpportunityReference? Opportunity(JsonInput? o)
    {
        if (o is null)
        {
            return null;
        }
        o.Only("id", "version", "source", "reference_date", "level", "summary");
        var date = o.Required("reference_date");
        return new OpportunityReference(o.Required("id").String(), o.Required("version").String(), o.Required("source").String(),
            DateOnly.TryParseExact(date.String(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var on)
                ? on : throw date.Fail("expected a date yyyy-MM-dd"),
            o.Required("level").String(), o.Required("summary").String());
    }

    /// <summary>A proportion as a number or as an 80% interval [lo, hi] within [0, 1].</summary>
    private static Interval80? Proportion(JsonInput? j)
    {
        if (j is null)
        {
            return null;
        }
        if (j.Element.ValueKind == System.Text.Json.JsonValueKind.Number)
        {
            return Interval80.Point(j.Number(0, 1));
        }
        var items = j.Items().ToList();
        if (items.Count != 2)
        {
            throw j.Fail($"expected [lo, hi], found {items.Count} values");
        }
        var (lo, hi) = (items[0].Number(0, 1), items[1].Number(0, 1));
        return lo <= hi ? new Interval80(lo, hi) : throw j.Fail("lo is greater than hi");
    }
}

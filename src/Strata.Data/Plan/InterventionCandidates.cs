using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Strata.Data.Deliver;
using Strata.Data.Engine;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Plan;

/// <summary>
/// An intervention made from an opportunity in the web ("make this an intervention"), with the panel's judgements:
/// the file as it would be written (evidence and elicitations in it), the intervention it parses to and the pooled ranges.
/// </summary>
public sealed record InterventionCandidate(string Id, string OpportunityId, string Json, Intervention Intervention, IReadOnlyList<Elicitation> Judgements,
    Interval80? PooledEffect, Interval80? PooledReach, string CreatedBy, DateTime At);

/// <summary>One stored judgement: the candidate it is about and the elicitation (who, when, low/mode/high, why, evidence).</summary>
public sealed record CandidateElicitation(string Candidate, Elicitation Elicitation);

/// <summary>
/// Intervention candidates and their elicited ranges, kept in the append-only record store (docs/plan.md "From
/// opportunity to scenario"): making a candidate again is a new version (figures of the new date); judgements are added,
/// never changed. A candidate reads as an intervention file whose effect (and reach) are the panel's pooled ranges once
/// anyone has judged them (<see cref="OpinionPool"/>), and the data's interval until then.
/// </summary>
public static class InterventionCandidates
{
    public const string CandidateType = "intervention_candidate";

    public const string ElicitationType = "elicitation";

    /// <summary>Stores the candidate made from a computed opportunity (whole-ICB figures, released ones in its evidence).</summary>
    public static InterventionCandidate Make(IEngine engine, OpportunityResult result, DisclosurePolicy policy, string actor)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(result);
        var json = OpportunityCandidate.Json(engine, result, policy);
        var id = "opp-" + result.Definition.Id;
        DeliverRecords.Append(engine, CandidateType, id, actor, json);
        return Current(engine).Single(c => c.Id == id);
    }

    /// <summary>Adds one panel member's judgement of a candidate's effect or reach; the first invalid field is named.</summary>
    public static InterventionCandidate Elicit(IEngine engine, string candidateId, Elicitation elicitation, string actor)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(elicitation);
        if (!Current(engine).Any(c => c.Id == candidateId))
        {
            throw new StrataValidationException("candidate", $"no intervention candidate '{candidateId}': make it from its opportunity first");
        }
        if (elicitation.Validate() is { } problem)
        {
            var colon = problem.IndexOf(':', StringComparison.Ordinal);
            throw new StrataValidationException(problem[..colon], problem[(colon + 1)..].Trim());
        }
        if (elicitation.Evidence.FirstOrDefault(e => string.IsNullOrWhiteSpace(e)) is not null)
        {
            throw new StrataValidationException("evidence", "an evidence link must not be blank");
        }
        var id = candidateId + "/" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..12];
        DeliverRecords.Append(engine, ElicitationType, id, actor, DeliverRecords.Serialise(new CandidateElicitation(candidateId, elicitation)));
        return Current(engine).Single(c => c.Id == candidateId);
    }

    /// <summary>Every candidate's latest version with all its judgements (oldest first), as interventions.</summary>
    public static IReadOnlyList<InterventionCandidate> Current(IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var judgements = DeliverRecords.Current(engine, ElicitationType)
            .Select(r => (r.At, Item: DeliverRecords.Deserialise<CandidateElicitation>(r.Payload)))
            .OrderBy(x => x.At).ThenBy(x => x.Item.Elicitation.Expert, StringComparer.Ordinal)
            .GroupBy(x => x.Item.Candidate, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Elicitation>)[.. g.Select(x => x.Item.Elicitation)], StringComparer.Ordinal);
        return [.. DeliverRecords.Current(engine, CandidateType).Select(r =>
        {
            var panel = judgements.GetValueOrDefault(r.RecordId) ?? [];
            var json = WithJudgements(r.Payload, panel);
            var intervention = InterventionFiles.Parse(JsonInput.Parse(r.RecordId + ".json", json));
            Interval80? Pooled(Assumption a) => panel.Any(e => e.Assumption == a) ? OpinionPool.Pool([.. panel.Where(e => e.Assumption == a)]) : null;
            var opportunity = intervention.Provenance?.Opportunity?.Id ?? r.RecordId;
            return new InterventionCandidate(r.RecordId, opportunity, json, intervention, panel, Pooled(Assumption.Effect), Pooled(Assumption.Reach),
                r.CreatedBy ?? r.Actor, r.At);
        })];
    }

    /// <summary>
    /// The candidate file with the judgements in its elicitations; an assumption somebody judged loses its typed
    /// interval (the file format takes one or the other, and the pooled judgements are used).
    /// </summary>
    public static string WithJudgements(string candidateJson, IReadOnlyList<Elicitation> panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var file = JsonNode.Parse(candidateJson)!.AsObject();
        if (panel.Any(e => e.Assumption == Assumption.Effect))
        {
            file["effect"]!.AsObject().Remove("interval");
        }
        if (panel.Any(e => e.Assumption == Assumption.Reach))
        {
            file.Remove("reach");
        }
        file["elicitations"] = new JsonArray([.. panel.Select(e => (JsonNode)new JsonObject
        {
            ["assumption"] = e.Assumption.ToString().ToLowerInvariant(),
            ["expert"] = e.Expert,
            ["date"] = e.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["low"] = e.Low,
            ["mode"] = e.Mode,
            ["high"] = e.High,
            ["rationale"] = e.Rationale,
            ["evidence"] = new JsonArray([.. e.Evidence.Select(x => (JsonNode)JsonValue.Create(x)!)]),
        })]);
        return file.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}

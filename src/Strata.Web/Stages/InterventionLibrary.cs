using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Web.Stages;

/// <summary>One intervention of the server's library as the scenario builder shows it (proportions 0..1, £ a year).</summary>
public sealed record InterventionView(
    string Id, string Name, string Version, string? Description, string? Evidence, string Effect, IReadOnlyList<string> Settings,
    double EffectLow, double EffectHigh, double ReachLow, double ReachHigh, int StartYear, double FixedCostPerYear, double CostPerPersonReached,
    string Target,
    bool Candidate = false,
    int Judgements = 0)
{
    public static InterventionView From(Intervention i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new(i.Id, i.Name, i.Version, i.Description, i.Evidence, EffectName(i.Effect), i.Settings, i.Effect.Size.Lo, i.Effect.Size.Hi,
            i.Reach.Lo, i.Reach.Hi, i.StartYear, i.FixedCostPerYear, i.CostPerPersonReached, Describe(i.Target));
    }

    /// <summary>A candidate made from an opportunity: its effect and reach are the panel's pooled ranges once judged.</summary>
    public static InterventionView From(InterventionCandidate c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return From(c.Intervention) with { Candidate = true, Judgements = c.Judgements.Count };
    }

    private static string EffectName(InterventionEffect e) => e.Kind switch
    {
        EffectKind.Avoid => "avoids activity",
        EffectKind.ReduceLengthOfStay => "reduces length of stay",
        _ => $"shifts activity to {e.ReceivingSetting}",
    };

    private static string Describe(CohortFilter t)
    {
        var parts = new List<string>();
        void Add(string label, IEnumerable<object> values)
        {
            var list = values.Select(v => v.ToString()!).ToList();
            if (list.Count > 0)
            {
                parts.Add($"{label} {string.Join(", ", list)}");
            }
        }
        Add("segments", t.Segments);
        Add("risk tiers", t.RiskTiers);
        if (t.AgeBands.Count > 0)
        {
            parts.Add("aged " + AgeRange(t.AgeBands));
        }
        Add("places", t.Places);
        Add("IMD quintiles", t.ImdQuintiles.Cast<object>());
        return parts.Count == 0 ? "everyone" : string.Join("; ", parts);
    }

    /// <summary>"65+" or "40-89" for a run of whole bands in order; the bands listed otherwise.</summary>
    private static string AgeRange(IReadOnlyList<string> bands)
    {
        var index = bands.Select(b => AgeBands.All.ToList().IndexOf(b)).ToList();
        var contiguous = index.Zip(index.Skip(1)).All(p => p.Second == p.First + 1);
        if (!contiguous)
        {
            return string.Join(", ", bands);
        }
        var last = bands[^1];
        var from = bands[0].Split('-', '+')[0].TrimStart('0');
        return last.EndsWith('+') ? $"{(from.Length == 0 ? "0" : from)}+" : $"{(from.Length == 0 ? "0" : from)}-{last.Split('-')[1]}";
    }
}

/// <summary>
/// The interventions a scenario can be built from: the library folder the server was started with, and the candidates
/// made from opportunities in the workspace (<see cref="InterventionCandidates"/>).
/// </summary>
public sealed class InterventionLibrary(StrataWebOptions options, Infrastructure.WorkspaceGate gate)
{
    public string? Folder => options.InterventionsFolder;

    /// <summary>The library's interventions in application order; empty with a reason when there is none.</summary>
    public (IReadOnlyList<InterventionView> Interventions, string? Problem) Read()
    {
        if (Folder is null || !(Directory.Exists(Folder) || File.Exists(Folder)))
        {
            return ([], "The server has no intervention library (examples/interventions was not found; start it from the repository or set the folder).");
        }
        try
        {
            return ([.. InterventionFiles.Load([Folder]).Select(InterventionView.From)], null);
        }
        catch (InputException e)
        {
            return ([], e.Message);
        }
    }

    /// <summary>The workspace's intervention candidates (made from opportunities), with their judgements.</summary>
    public IReadOnlyList<InterventionCandidate> Candidates() => gate.Use(InterventionCandidates.Current);

    /// <summary>The library's interventions followed by the workspace's candidates, for the scenario builder.</summary>
    public (IReadOnlyList<InterventionView> Interventions, string? Problem) ReadWithCandidates()
    {
        var (library, problem) = Read();
        return problem is not null ? (library, problem) : ([.. library, .. Candidates().Select(InterventionView.From)], null);
    }
}

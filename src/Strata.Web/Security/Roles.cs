namespace Strata.Web.Security;

/// <summary>What each role may do. Everyone signed in may read aggregates within their scope.</summary>
public static class Roles
{
    public const string Analyst = "analyst";
    public const string Commissioner = "commissioner";
    public const string Finance = "finance";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Analyst, Commissioner, Finance, Viewer];

    public static string Parse(string text)
    {
        var r = (text ?? "").Trim().ToLowerInvariant();
        return All.Contains(r) ? r : throw new FormatException($"Role '{text}' is not one of {string.Join(", ", All)}.");
    }

    /// <summary>Scenarios are modelling work: analysts and commissioners build them.</summary>
    public static bool CanCreateScenarios(string role) => role is Analyst or Commissioner;

    /// <summary>
    /// Running a scenario projects the whole ICB's baseline (the Scenarios page is ICB-wide), so it needs the role and
    /// an ICB-wide scope.
    /// </summary>
    public static bool CanRunScenarios(string role, UserScope scope) => CanCreateScenarios(role) && scope.IsIcbWide;

    /// <summary>Running (and storing) a demand projection: everyone but viewers, who view it.</summary>
    public static bool CanRunProjections(string role) => role is Analyst or Commissioner or Finance;

    /// <summary>Contracts and pooled budgets bind money: commissioners and finance.</summary>
    public static bool CanCreateContracts(string role) => role is Commissioner or Finance;

    /// <summary>
    /// An allocation sets how the budget is split between places and neighbourhoods: finance and commissioners run
    /// it. Any scope may run one (the allocation is ICB-wide; each user sees only their own areas' rows).
    /// </summary>
    public static bool CanRunAllocations(string role) => role is Commissioner or Finance;

    /// <summary>
    /// Contracts and pooled budgets are ICB-level records with no place on them, so their pages and API are for
    /// ICB-scope users; creating them also needs a role that may (<see cref="CanCreateContracts"/>).
    /// </summary>
    public static bool CanSeeContracts(UserScope scope) => scope?.IsIcbWide == true;

    /// <summary>Decisions (rights, PSR, decommissioning) are commissioners' to record.</summary>
    public static bool CanRecordDecisions(string role) => role == Commissioner;

    /// <summary>Delegations set every tier's decision rights, so they are the ICB's: ICB-wide commissioners.</summary>
    public static bool CanDelegate(string role, UserScope scope) => CanRecordDecisions(role) && scope.IsIcbWide;


    /// <summary>Imports and stage runs change the whole workspace, so only ICB-wide analysts start them.</summary>
    public static bool CanRunJobs(string role, UserScope scope) => role == Analyst && scope.IsIcbWide;

    /// <summary>The audit log names every user's actions: ICB-wide analysts only.</summary>
    public static bool CanReadAudit(string role, UserScope scope) => CanRunJobs(role, scope);
}

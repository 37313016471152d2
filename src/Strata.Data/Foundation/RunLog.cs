using System.Globalization;
using Strata.Data.Engine;

namespace Strata.Data.Foundation;

/// <summary>Provenance of derived results: every stage run records what, with which rules, at which reference date.</summary>
public static class RunLog
{
    /// <summary>Records a run in strata_runs and returns its id.</summary>
    public static string Record(IEngine engine, string stage, string ruleVersion, DateOnly? referenceDate, string? parametersJson = null)
    {
        var id = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        using var a = engine.Append("strata_runs");
        a.Row(id, stage, ruleVersion, referenceDate, parametersJson, DateTime.UtcNow);
        return id;
    }
}

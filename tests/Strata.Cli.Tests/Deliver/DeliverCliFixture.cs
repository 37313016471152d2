using Strata.Data.Foundation;

namespace Strata.Cli.Tests.Deliver;

/// <summary>
/// A workspace file of 40 people at D = 2025-03-31: place A holds the 20 people aged 75 and 5 aged 35, place B 15
/// aged 35. Spend in the year: 300 per 75-year-old, 100 per 35-year-old (mean 200, so age-sex indices 1.5 and 0.5), all
/// community contacts with RC1, a community trust.
/// </summary>
internal sealed class DeliverCliFixture : IDisposable
{
    public DeliverCliFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("strata-deliver-");
        WorkspacePath = Path.Combine(Directory.FullName, "ws.duckdb");
        using var ws = Workspace.Open(WorkspacePath);
        ws.Engine.Execute("INSERT INTO practices VALUES ('PA','A practice','N1','A','Place A','ICB'), ('PB','B practice','N2','B','Place B','ICB')");
        // The demo's contract is for an NHS trust (aligned payment and incentive does not fit other provider types).
        ws.Engine.Execute("INSERT INTO providers VALUES ('RC1','Community trust','community',NULL)");
        using (var people = ws.Engine.Append("people"))
        {
            for (var i = 0; i < 40; i++)
            {
                people.Row($"p{i}", i % 2 == 0 ? "F" : "M", i < 20 ? 1950 : 1990, null, i < 25 ? "PA" : "PB", null, 1 + i % 10, null, null, null);
            }
        }
        using var activity = ws.Engine.Append("activity");
        for (var i = 0; i < 40; i++)
        {
            activity.Row($"a{i}", $"p{i}", "community_contact", "RC1", new DateOnly(2024, 10, 1), null, null, i < 20 ? 300m : 100m, null, null);
        }
    }

    public DirectoryInfo Directory { get; }

    public string WorkspacePath { get; }

    public string File(string name, string content)
    {
        var path = Path.Combine(Directory.FullName, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(true);
}

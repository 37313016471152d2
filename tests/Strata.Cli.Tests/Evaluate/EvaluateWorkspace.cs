namespace Strata.Cli.Tests.Evaluate;

/// <summary>A small hand-built workspace shared by the Evaluate CLI tests.</summary>
public static class EvaluateWorkspace
{
    /// <summary>
    /// Two places of 100 people each (deciles 1..10 in turn, so 20 per quintile). Every month of 2023 and January-
    /// February 2024, place A has 12 emergency admissions (by people of quintile 1) and place B 21 (by quintile 5).
    /// </summary>
    public static string TwoPlaces(string dir)
    {
        var path = Path.Combine(dir, "w.duckdb");
        using var ws = Strata.Data.Foundation.Workspace.Open(path);
        ws.Engine.Execute("INSERT INTO practices VALUES ('P1','One','N1','A','Place A','ICB'), ('P2','Two','N2','B','Place B','ICB')");
        using (var people = ws.Engine.Append("people"))
        {
            for (var i = 0; i < 200; i++)
            {
                people.Row($"p{i}", "F", 1960, null, i < 100 ? "P1" : "P2", null, i % 10 + 1, null, null, null);
            }
        }
        using (var activity = ws.Engine.Append("activity"))
        {
            var id = 0;
            for (var m = 0; m < 14; m++)
            {
                var day = new DateOnly(2023, 1, 5).AddMonths(m);
                for (var k = 0; k < 12; k++)
                {
                    activity.Row($"a{id++}", $"p{k % 2}", "emergency_admission", "RX1", day, day.AddDays(2), null, 1000m, null, null);
                }
                for (var k = 0; k < 21; k++)
                {
                    activity.Row($"a{id++}", $"p{100 + 8 + k % 2}", "emergency_admission", "RX1", day, day.AddDays(1), null, 1000m, null, null);
                }
            }
        }
        return path;
    }
}

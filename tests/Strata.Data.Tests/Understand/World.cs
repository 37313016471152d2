using System.Globalization;
using Strata.Data.Foundation;

namespace Strata.Data.Tests.Understand;

/// <summary>A small hand-built ICB in an in-memory workspace: one practice P1 (neighbourhood N1, place PL1), people added per test.</summary>
internal sealed class World : IDisposable
{
    private int _activity;

    public World()
    {
        using var a = Ws.Engine.Append("practices");
        a.Row("P1", "Practice One", "N1", "PL1", "Place One", "QXX");
        a.Row("P2", "Practice Two", "N2", "PL2", "Place Two", "QXX");
    }

    public Workspace Ws { get; } = Workspace.InMemory();

    public static DateOnly Day(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    public World Person(string id, int yearOfBirth = 1980, string sex = "F", string? died = null, string practice = "P1", int imdDecile = 5)
    {
        using var a = Ws.Engine.Append("people");
        a.Row(id, sex, yearOfBirth, died is null ? null : Day(died), practice, "E01000001", imdDecile, "white", null, null);
        return this;
    }

    /// <summary>A coded condition record (code system 'strata' unless an ICD-10 code is given).</summary>
    public World Condition(string id, string code, string on = "2020-01-01", string system = "strata")
    {
        using var a = Ws.Engine.Append("conditions");
        a.Row(id, system, code, Day(on));
        return this;
    }

    public World Conditions(string id, params string[] codes)
    {
        foreach (var c in codes)
        {
            Condition(id, c);
        }
        return this;
    }

    public World Activity(string id, string setting, string start, string? diagnosis = null, string? end = null, decimal cost = 100m, string provider = "RX1",
        string? procedure = null, string? specialty = null)
    {
        using var a = Ws.Engine.Append("activity");
        a.Row($"a{++_activity}", id, setting, provider, Day(start), end is null ? null : Day(end), diagnosis, cost, procedure, specialty);
        return this;
    }

    public void Dispose() => Ws.Dispose();
}

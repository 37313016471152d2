using Strata.Domain.Plan;

namespace Strata.Domain.Tests.Plan;

public class CapacityConversionTests
{
    private static CapacityTable Table(double occupancy) => new("test",
    [
        new("emergency_admission", "beds", "bed_days", 1, occupancy, "s"),
        new("emergency_admission", "wte:nursing", "beds", 1.5, null, "s"),
        new("elective_admission", "theatre_sessions", "activity", 0.25, null, "s"),
        new("gp_appointment", "wte:gp", "activity", 0.000125, null, "s"),
    ]);

    private static double Need(CapacityTable t, string setting, double activity, double bedDays, string resource) =>
        t.Needs(setting, activity, bedDays).Single(n => n.Resource == resource).Amount;

    [Fact]
    public void Bed_days_become_beds_at_the_target_occupancy()
    {
        Assert.Equal(10, Need(Table(1.0), "emergency_admission", 500, 3650, "beds"), 12);
        Assert.Equal(10.87, Math.Round(Need(Table(0.92), "emergency_admission", 500, 3650, "beds"), 2));
    }

    [Fact]
    public void Staff_per_bed_follow_the_beds_and_sessions_and_staff_per_unit_follow_activity()
    {
        var t = Table(1.0);
        Assert.Equal(15, Need(t, "emergency_admission", 500, 3650, "wte:nursing"), 12);
        Assert.Equal(100, Need(t, "elective_admission", 400, 0, "theatre_sessions"), 12);
        Assert.Equal(1, Need(t, "gp_appointment", 8000, 0, "wte:gp"), 12);
        Assert.Empty(t.Needs("prescribing", 1000, 0));
    }

    [Fact]
    public void Invalid_rows_are_refused_naming_the_field()
    {
        var e = Assert.Throws<ArgumentException>(() => new CapacityTable("t", [new("emergency_admission", "beds", "bed_days", 1, 1.2, "s")]));
        Assert.Contains("occupancy", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new CapacityTable("t", [new("daycase", "wte:nursing", "beds", 1, null, "s")]));
        Assert.Contains("no beds row", e.Message, StringComparison.Ordinal);
        Assert.Equal("resource", new CapacityRate("daycase", "porters", "activity", 1, null, "s").Validate()?.Field);
    }
}

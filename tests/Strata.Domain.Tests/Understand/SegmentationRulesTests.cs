using Strata.Domain.Understand;

namespace Strata.Domain.Tests.Understand;

public class SegmentationRulesTests
{
    [Fact]
    public void V1_is_the_spec_default()
    {
        var v1 = SegmentationRules.V1;
        Assert.Equal("v1", v1.Version);
        Assert.Equal(
            ["end_of_life", "frailty_dementia", "organ_failure", "incurable_cancer", "disability", "ltc_complex", "ltc_multiple",
             "ltc_single", "maternal_infant", "acutely_ill", "healthy"], v1.Precedence);
        Assert.Equal((65, 4, 1, 12, 308, 1, 12, 4, 2),
            (v1.FrailtyMinAge, v1.CkdMinEmergencyAdmissions, v1.CopdMinRespiratoryAdmissions, v1.AdmissionWindowMonths,
             v1.MaternalWindowDays, v1.InfantAgeBelow, v1.AcuteWindowMonths, v1.LtcComplexMin, v1.LtcMultipleMin));
    }

    [Fact]
    public void Fields_left_out_keep_their_v1_values()
    {
        var rules = SegmentationRules.Parse("""{ "version": "frail-70", "frailty_min_age": 70 }""");
        Assert.Equal("frail-70", rules.Version);
        Assert.Equal(70, rules.FrailtyMinAge);
        Assert.Equal(SegmentationRules.V1.Precedence, rules.Precedence);
        Assert.Equal(308, rules.MaternalWindowDays);
    }

    [Fact]
    public void Rules_round_trip_through_their_stored_json()
    {
        var rules = new SegmentationRules { Version = "x", CkdMinEmergencyAdmissions = 3, Precedence = [.. Segments.DefaultPrecedence.Reverse().Skip(1).Append("healthy")] };
        var back = SegmentationRules.Parse(rules.ToJson());
        Assert.Equal(rules.Precedence, back.Precedence);
        Assert.Equal(3, back.CkdMinEmergencyAdmissions);
    }

    [Fact]
    public void Changed_rules_cannot_keep_the_v1_name()
    {
        var e = Assert.Throws<RulesFormatException>(() => SegmentationRules.Parse("""{ "frailty_min_age": 70 }"""));
        Assert.Equal("version", e.Field);
    }

    [Fact]
    public void Precedence_must_name_every_segment_once_with_healthy_last()
    {
        Assert.Equal("precedence", Assert.Throws<RulesFormatException>(() =>
            new SegmentationRules { Version = "x", Precedence = [.. Segments.DefaultPrecedence.Skip(1)] }.Validated()).Field);
        Assert.Equal("precedence", Assert.Throws<RulesFormatException>(() =>
            new SegmentationRules { Version = "x", Precedence = ["healthy", .. Segments.DefaultPrecedence.SkipLast(1)] }.Validated()).Field);
    }

    [Fact]
    public void Unknown_fields_and_bad_json_name_the_field_and_line()
    {
        var unknown = Assert.Throws<RulesFormatException>(() => SegmentationRules.Parse("{\n  \"version\": \"x\",\n  \"frailty_age\": 70\n}"));
        Assert.Contains("frailty_age", unknown.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<RulesFormatException>(() => SegmentationRules.Parse("{\n  \"version\": \"x\",\n  \"frailty_min_age\": \"old\"\n}"));
        Assert.Equal("$.frailty_min_age", bad.Field);
        Assert.Equal(3, bad.Line);
    }

    [Fact]
    public void Thresholds_must_be_positive_and_ltc_bands_ordered()
    {
        Assert.Equal("maternal_window_days", Assert.Throws<RulesFormatException>(() =>
            new SegmentationRules { Version = "x", MaternalWindowDays = 0 }.Validated()).Field);
        Assert.Equal("ltc_complex_min", Assert.Throws<RulesFormatException>(() =>
            new SegmentationRules { Version = "x", LtcComplexMin = 2 }.Validated()).Field);
    }
}

using Strata.Data.Foundation;
using Strata.Data.Plan;
using Strata.Domain.Plan;

namespace Strata.Data.Tests.Plan;

public class InterventionFilesTests
{
    private const string Valid = """
        {
          "id": "ward", "name": "Virtual ward", "version": "1.2.0",
          "target": { "segments": ["frailty_dementia"], "risk_tiers": ["very_high"], "min_age": 75, "imd_quintiles": [1, 2] },
          "settings": ["emergency_admission"],
          "effect": { "type": "avoid", "interval": [0.1, 0.3] },
          "ramp_up": [0.5, 1.0],
          "cost": { "fixed_per_year": 1000, "per_person_reached": 20 },
          "start_year": 2,
          "reach": [0.4, 0.6]
        }
        """;

    private static Intervention Parse(string json) => InterventionFiles.Parse(JsonInput.Parse("iv.json", json));

    private static InputException Fails(string json) => Assert.Throws<InputException>(() => Parse(json));

    [Fact]
    public void A_valid_file_reads_every_field()
    {
        var iv = Parse(Valid);
        Assert.Equal(("ward", "1.2.0", 2), (iv.Id, iv.Version, iv.StartYear));
        Assert.Equal(["75-79", "80-84", "85+"], iv.Target.AgeBands);
        Assert.Equal([1, 2], iv.Target.ImdQuintiles);
        Assert.Equal(new Interval80(0.1, 0.3), iv.Effect.Size);
        Assert.Equal(new Interval80(0.4, 0.6), iv.Reach);
        Assert.Equal((1000.0, 20.0), (iv.FixedCostPerYear, iv.CostPerPersonReached));
        Assert.Equal(0, iv.Ramp(1));
        Assert.Equal(0.5, iv.Ramp(2));
        Assert.Equal(1.0, iv.Ramp(5));
    }

    [Fact]
    public void An_interval_with_lo_above_hi_names_the_path()
    {
        var e = Fails(Valid.Replace("[0.1, 0.3]", "[0.3, 0.1]", StringComparison.Ordinal));
        Assert.Equal("$.effect.interval", e.Field);
        Assert.Equal("iv.json", e.File);
    }

    [Fact]
    public void A_proportion_outside_zero_to_one_names_the_element()
    {
        var e = Fails(Valid.Replace("[0.4, 0.6]", "[0.4, 1.6]", StringComparison.Ordinal));
        Assert.Equal("$.reach[1]", e.Field);
        Assert.Contains("outside the valid range", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_settings_segments_and_fields_are_errors()
    {
        Assert.Equal("$.settings[0]", Fails(Valid.Replace("\"emergency_admission\"]", "\"emergency\"]", StringComparison.Ordinal)).Field);
        Assert.Equal("$.target.segments[0]", Fails(Valid.Replace("frailty_dementia", "frailty", StringComparison.Ordinal)).Field);
        Assert.Equal("$.strat_year", Fails(Valid.Replace("\"start_year\"", "\"strat_year\"", StringComparison.Ordinal)).Field);
    }

    [Fact]
    public void Missing_required_fields_are_named()
    {
        Assert.Equal("$.version", Fails(Valid.Replace("\"version\": \"1.2.0\",", "", StringComparison.Ordinal)).Field);
    }

    [Fact]
    public void A_shift_needs_a_receiving_setting_and_unit_cost_and_cannot_shift_into_itself()
    {
        var shift = Valid.Replace("{ \"type\": \"avoid\", \"interval\": [0.1, 0.3] }", "{ \"type\": \"shift\", \"interval\": [0.1, 0.3], \"to\": \"community_contact\" }", StringComparison.Ordinal);
        Assert.Equal("$.effect.unit_cost", Fails(shift).Field);
        var ok = Parse(shift.Replace("\"community_contact\"", "\"community_contact\", \"unit_cost\": 80", StringComparison.Ordinal));
        Assert.Equal(("community_contact", 80.0), (ok.Effect.ReceivingSetting, ok.Effect.ReceivingUnitCost));
        Assert.Equal("$.effect.to", Fails(shift.Replace("community_contact", "emergency_admission", StringComparison.Ordinal)).Field);
    }

    [Fact]
    public void Length_of_stay_applies_to_admitted_settings_only()
    {
        var los = Valid.Replace("\"type\": \"avoid\"", "\"type\": \"length_of_stay\"", StringComparison.Ordinal)
            .Replace("[\"emergency_admission\"]", "[\"ae_attendance\"]", StringComparison.Ordinal);
        Assert.Equal("$.effect.type", Fails(los).Field);
    }

    [Fact]
    public void Syntax_errors_give_the_line()
    {
        var e = Fails("{\n  \"id\": \"x\",\n  \"name\": oops\n}");
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void The_shipped_examples_load()
    {
        var dir = Path.Combine(Root(), "examples", "interventions");
        var ivs = InterventionFiles.Load([dir]);
        Assert.InRange(ivs.Count, 3, 5);
        Assert.Contains(ivs, i => i.Effect.Kind == EffectKind.Shift);
        Assert.Contains(ivs, i => i.Effect.Kind == EffectKind.ReduceLengthOfStay);
    }

    [Fact]
    public void Duplicate_ids_across_files_are_errors()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "a.json"), Valid);
            File.WriteAllText(Path.Combine(dir.FullName, "b.json"), Valid);
            var e = Assert.Throws<InputException>(() => InterventionFiles.Load([dir.FullName]));
            Assert.EndsWith("b.json", e.File, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    internal static string Root()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Strata.slnx")))
            {
                return d.FullName;
            }
        }
        throw new InvalidOperationException("repository root not found");
    }
}

public class InterventionElicitationTests
{
    private const string Elicited = """
        {
          "id": "opp-zero", "name": "SDEC", "version": "0.1",
          "opportunity": { "id": "zero_los_emergency", "version": "1", "source": "https://example.org", "reference_date": "2025-03-31",
                           "level": "practice", "summary": "480 events" },
          "settings": ["emergency_admission"],
          "effect": { "type": "avoid" },
          "elicitations": [
            { "assumption": "effect", "expert": "Dr A", "date": "2026-11-30", "low": 0.1, "mode": 0.1, "high": 0.1, "rationale": "pilot", "evidence": ["https://example.org/a"] },
            { "assumption": "effect", "expert": "Ms B", "date": "2026-12-01", "low": 0.3, "mode": 0.3, "high": 0.3, "rationale": "peer ICB" },
            { "assumption": "reach", "expert": "Dr A", "date": "2026-11-30", "low": 0, "mode": 0.5, "high": 1, "rationale": "capacity" }
          ]
        }
        """;

    private static Intervention Parse(string json) => InterventionFiles.Parse(JsonInput.Parse("iv.json", json));

    [Fact]
    public void Elicited_ranges_are_pooled_into_the_effect_and_reach_and_kept_with_the_intervention()
    {
        var iv = Parse(Elicited);
        Assert.Equal(0.1, iv.Effect.Size.Lo, 6);
        Assert.Equal(0.3, iv.Effect.Size.Hi, 6);
        Assert.Equal(Math.Sqrt(0.05), iv.Reach.Lo, 6);
        Assert.Equal("zero_los_emergency", iv.Provenance!.Opportunity!.Id);
        Assert.Equal(["Dr A", "Ms B", "Dr A"], iv.Provenance.Elicitations.Select(e => e.Expert).ToArray());
        Assert.Equal(["https://example.org/a"], iv.Provenance.Elicitations[0].Evidence);
    }

    [Fact]
    public void A_typed_interval_and_elicitations_of_the_same_assumption_are_refused()
    {
        var e = Assert.Throws<InputException>(() => Parse(Elicited.Replace("\"type\": \"avoid\"", "\"type\": \"avoid\", \"interval\": [0.1, 0.2]", StringComparison.Ordinal)));
        Assert.Equal("$.effect.interval", e.Field);
    }

    [Fact]
    public void An_elicitation_without_a_rationale_names_its_element()
    {
        var e = Assert.Throws<InputException>(() => Parse(Elicited.Replace("\"rationale\": \"peer ICB\"", "\"rationale\": \" \"", StringComparison.Ordinal)));
        Assert.Equal("$.elicitations[1]", e.Field);
        Assert.Contains("rationale", e.Reason, StringComparison.Ordinal);
    }
}

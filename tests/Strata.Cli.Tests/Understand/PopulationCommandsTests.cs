using System.Globalization;
using System.Text.Json;
using Strata.Cli.Tests.Infrastructure;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;

namespace Strata.Cli.Tests.Understand;

[Collection("cli")]
public sealed class PopulationCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("strata-pop-").FullName;

    private string WorkspaceFile => Path.Combine(_dir, "ws.duckdb");

    /// <summary>20 healthy people (IMD decile 1 and 10), 10 with dementia, 3 with asthma; GP activity for all in the year to D.</summary>
    private string Populated()
    {
        using var ws = Workspace.Open(WorkspaceFile);
        using (var a = ws.Engine.Append("practices"))
        {
            a.Row("P1", "Practice One", "N1", "PL1", "Place One", "QXX");
        }
        using (var people = ws.Engine.Append("people"))
        using (var conditions = ws.Engine.Append("conditions"))
        using (var activity = ws.Engine.Append("activity"))
        {
            for (var i = 0; i < 33; i++)
            {
                var id = "p" + i.ToString(CultureInfo.InvariantCulture);
                people.Row(id, i % 2 == 0 ? "F" : "M", 1950 + i, null, "P1", "E01000001", i % 2 == 0 ? 1 : 10, "white", null, null);
                if (i is >= 20 and < 30)
                {
                    conditions.Row(id, "strata", "dementia", new DateOnly(2020, 1, 1));
                }
                if (i >= 30)
                {
                    conditions.Row(id, "strata", "asthma", new DateOnly(2020, 1, 1));
                }
                activity.Row("a" + id, id, "gp_appointment", "GP1", new DateOnly(2024, 10, 1), null, null, 35m, null, null);
            }
        }
        // Every record key 0 (the engine would draw them from the workspace's secret): cell keys are then known, so
        // each expected figure below is the policy's published value for the true count (Released).
        ws.Engine.Execute("CREATE TABLE disclosure_secret (secret VARCHAR NOT NULL); INSERT INTO disclosure_secret VALUES ('test')");
        ws.Engine.Execute("CREATE TABLE person_keys AS SELECT person_id, CAST(0 AS INTEGER) AS record_key FROM people");
        return WorkspaceFile;
    }

    /// <summary>The published value of a true count whose people all have record key 0.</summary>
    private static long? Released(long count) => DisclosurePolicy.Default.Count(new KeyedCount(count, 0));

    [Fact]
    public void Segment_json_reports_people_per_segment_with_disclosure_control()
    {
        var r = CliRunner.Run("segment", "--workspace", Populated(), "--at", "2025-03-31", "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("v1", root.GetProperty("rule_version").GetString());
        Assert.Equal(Released(33), root.GetProperty("people").GetInt64()); // the total is perturbed as a cell of its own
        var segments = root.GetProperty("segments").EnumerateArray().ToDictionary(s => s.GetProperty("segment").GetString()!);
        Assert.Equal(Released(20), segments["healthy"].GetProperty("people").GetInt64());
        Assert.Equal(Released(10), segments["frailty_dementia"].GetProperty("people").GetInt64());
        Assert.Equal(2.5, segments["frailty_dementia"].GetProperty("mean_cms_general").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, segments["ltc_single"].GetProperty("people").ValueKind); // 3 people: suppressed
        Assert.Equal(JsonValueKind.Null, segments["ltc_single"].GetProperty("mean_cms_general").ValueKind);
        Assert.Contains("Disclosure control applied", root.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_out_writes_the_person_level_extract()
    {
        var file = Path.Combine(_dir, "segments.parquet");
        var r = CliRunner.Run("segment", "--workspace", Populated(), "--at", "2025-03-31", "--out", file);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("pseudonymised", r.Out, StringComparison.Ordinal);
        using var ws = Workspace.Open(WorkspaceFile);
        Assert.Equal(33, ws.Engine.Scalar<long>($"SELECT count(*) FROM read_parquet('{file}')"));
        Assert.Equal(3, ws.Engine.Scalar<long>($"SELECT count(*) FROM read_parquet('{file}') WHERE segment = 'ltc_single' AND subsegments = 'asthma'"));
    }

    [Fact]
    public void Segment_rules_file_errors_name_the_file_and_field()
    {
        var rules = Path.Combine(_dir, "rules.json");
        File.WriteAllText(rules, """{ "frailty_min_age": 70 }""");
        var r = CliRunner.Run("segment", "--workspace", Populated(), "--at", "2025-03-31", "--rules", rules);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("rules.json", r.Error, StringComparison.Ordinal);
        Assert.Contains("field 'version'", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_with_a_rules_file_stores_its_version()
    {
        var rules = Path.Combine(_dir, "rules.json");
        File.WriteAllText(rules, """{ "version": "no-dementia-first", "precedence": ["ltc_single", "end_of_life", "frailty_dementia", "organ_failure", "incurable_cancer", "disability", "ltc_complex", "ltc_multiple", "maternal_infant", "acutely_ill", "healthy"] }""");
        var r = CliRunner.Run("segment", "--workspace", Populated(), "--at", "2025-03-31", "--rules", rules, "--json", "--no-disclosure-control");
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("no-dementia-first", doc.RootElement.GetProperty("rule_version").GetString());
        // dementia is a long-term condition, so with ltc_single first the 10 with dementia join the 3 with asthma.
        var segments = doc.RootElement.GetProperty("segments").EnumerateArray().ToDictionary(s => s.GetProperty("segment").GetString()!, s => s.GetProperty("people").GetInt64());
        Assert.Equal(13, segments["ltc_single"]);
        Assert.Equal(0, segments["frailty_dementia"]);
        Assert.Contains("OFF", doc.RootElement.GetProperty("disclosure").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_json_slices_by_chosen_dimensions_with_rates_from_rounded_counts()
    {
        var r = CliRunner.Run("profile", "--workspace", Populated(), "--at", "2025-03-31", "--by", "segment,setting", "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(3 * 13, rows.Count); // segments present × every setting
        var gp = rows.Single(x => x.GetProperty("segment").GetString() == "healthy"
            && x.GetProperty("setting").GetString() == "gp_appointment");
        Assert.Equal(Released(20), gp.GetProperty("people").GetInt64());
        Assert.Equal(1000.0, gp.GetProperty("activity_per_1000").GetDouble(), 9);
        // £35 each for 20 people, over the published population.
        Assert.Equal(20 * 35.0 / Released(20)!.Value, gp.GetProperty("spend_per_head").GetDouble(), 9);
        var small = rows.First(x => x.GetProperty("segment").GetString() == "ltc_single");
        Assert.Equal(JsonValueKind.Null, small.GetProperty("people").ValueKind);
        Assert.Equal(JsonValueKind.Null, small.GetProperty("spend_per_head").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("risk_model").ValueKind); // no risk_scores: everyone unscored
    }

    [Fact]
    public void Profile_out_writes_the_released_slice_and_unknown_dimensions_fail()
    {
        var file = Path.Combine(_dir, "profile.csv");
        var r = CliRunner.Run("profile", "--workspace", Populated(), "--at", "2025-03-31", "--by", "imd", "--out", file);
        Assert.True(r.ExitCode == 0, r.Error);
        var lines = File.ReadAllLines(file);
        Assert.Equal("imd_quintile,people,activity,activity_per_1000,bed_days,spend_per_head,cost_gbp", lines[0]);
        // Q1: 17 people and 17 contacts (£595); Q5: 16 and 16 (£560): published counts, rates and per head from them.
        foreach (var (line, quintile, n, cost) in new[] { (lines[1], "1", 17L, 595.0), (lines[2], "5", 16L, 560.0) })
        {
            var f = line.Split(',');
            Assert.Equal([quintile, $"{Released(n)}", $"{Released(n)}", "1000.0", "0"], f[..5]);
            Assert.Equal(cost / Released(n)!.Value, double.Parse(f[5], CultureInfo.InvariantCulture), 9);
            Assert.Equal(cost, double.Parse(f[6], CultureInfo.InvariantCulture));
        }
        Assert.Equal(3, lines.Length);
        var bad = CliRunner.Run("profile", "--workspace", WorkspaceFile, "--by", "postcode");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("postcode", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inequalities_json_gives_every_measure_by_quintile()
    {
        CliRunner.Run("segment", "--workspace", Populated(), "--at", "2025-03-31");
        var r = CliRunner.Run("inequalities", "--workspace", WorkspaceFile, "--measure", "spend_per_head", "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var m = doc.RootElement.GetProperty("measures").EnumerateArray().Single();
        Assert.Equal("spend_per_head", m.GetProperty("measure").GetString());
        Assert.Equal(5, m.GetProperty("quintiles").GetArrayLength());
        // Q1: 17 people (£595), Q5: 16 people (£560), each per head over its published count. Q2–Q4 empty: no SII.
        Assert.Equal(595.0 / Released(17)!.Value - 560.0 / Released(16)!.Value, m.GetProperty("absolute_gap").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, m.GetProperty("slope_index").ValueKind);
    }

    [Fact]
    public void Report_writes_an_html_page_with_the_sections_and_disclosure_footer()
    {
        CliRunner.Run("segment", "--workspace", Populated(), "--at", "2025-03-31");
        var r = CliRunner.Run("report", "--workspace", WorkspaceFile, "--out", Path.Combine(_dir, "report"));
        Assert.True(r.ExitCode == 0, r.Error);
        var html = File.ReadAllText(Path.Combine(_dir, "report", "understand.html"));
        Assert.Contains("<h2>Population segments</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Cohort profile</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Inequalities by deprivation</h2>", html, StringComparison.Ordinal);
        Assert.Contains("Population pyramid", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Risk tiers", html, StringComparison.Ordinal);
        Assert.Contains("<footer><p>Disclosure control applied", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_segments_profiles_reports_and_adds_summary_lines()
    {
        using var ws = Workspace.Open(Populated());
        var context = new Strata.Cli.Infrastructure.DemoContext(ws, new DirectoryInfo(_dir), new DateOnly(2025, 3, 31), Strata.Domain.Foundation.DisclosurePolicy.Default);
        Strata.Cli.Understand.PopulationCommands.Demo(context);
        var lines = context.Summary.Where(s => s.Stage == "Understand").Select(s => s.Line).ToList();
        Assert.Contains(lines, l => l.StartsWith($"Segmented {Released(33)} people at 2025-03-31", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("frailty_dementia", StringComparison.Ordinal) && l.Contains($" {Released(10)} people", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_dir, "report", "understand.html")));
        Assert.Equal(1, ws.Engine.Scalar<long>("SELECT count(*) FROM strata_runs WHERE stage = 'understand.profile'"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A workspace file still held open by a failed test; the temp folder is disposable.
        }
    }
}

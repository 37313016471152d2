using System.Text.Json;
using Strata.Cli.Tests.Infrastructure;
using Strata.Data.Tests.Foundation.Import;

namespace Strata.Cli.Tests.Foundation;

[Collection("cli")]
public sealed class ImportCommandTests : IDisposable
{
    private readonly ImportFolder _folder = new();

    private string WorkspacePath => Path.Combine(_folder.Root, "icb.duckdb");

    [Fact]
    public void Json_summary_reconciles_each_file_and_names_the_rejects_file()
    {
        var line = _folder.Append("activity", "a9,p1,gp_appointment,R1,2024-01-01,,,-3");
        var r = CliRunner.Run("import", "--workspace", WorkspacePath, _folder.Data, "--json");

        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Out);
        var files = json.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["practices.csv", "providers.csv", "people.csv", "conditions.csv", "activity.csv"], files.Select(f => f.GetProperty("file").GetString()));
        var activity = files[4];
        Assert.Equal((4, 3, 1), (activity.GetProperty("read").GetInt64(), activity.GetProperty("loaded").GetInt64(), activity.GetProperty("rejected").GetInt64()));
        var rejectsFile = json.RootElement.GetProperty("rejects_file").GetString();
        Assert.Equal(WorkspacePath + ".rejects.csv", rejectsFile);
        Assert.Equal(
            ["file,line,field,reason,value", $"activity.csv,{line},cost_gbp,negative cost,-3"],
            File.ReadAllLines(rejectsFile!));
        Assert.Equal(32, json.RootElement.GetProperty("run_id").GetString()!.Length);
    }

    [Fact]
    public void Text_output_prints_the_reconciliation_and_an_explicit_rejects_path()
    {
        var rejects = Path.Combine(_folder.Root, "out", "bad-rows.csv");
        var r = CliRunner.Run("import", "-w", WorkspacePath, _folder.Data, "--rejects", rejects);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("people.csv           read             3 = loaded             3 + rejected           0", r.Out, StringComparison.Ordinal);
        Assert.Contains(rejects, r.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(rejects));
    }

    [Fact]
    public void Import_runs_the_quality_checks_and_quality_reports_each_with_its_threshold()
    {
        var r = CliRunner.Run("import", "-w", WorkspacePath, _folder.Data);
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"Data quality: \d+ of \d+ checks pass", r.Out);

        var html = Path.Combine(_folder.Root, "dq");
        var q = CliRunner.Run("quality", "-w", WorkspacePath, "--json", "--html", html);
        Assert.Equal(0, q.ExitCode);
        using var json = JsonDocument.Parse(q.Out);
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToList();
        // The sample's one admission has a diagnosis; two of three people have an ethnicity (33% missing > 20%).
        Assert.True(checks.Single(c => c.GetProperty("id").GetString() == "admission_diagnosis_present").GetProperty("passed").GetBoolean());
        var ethnicity = checks.Single(c => c.GetProperty("id").GetString() == "ethnicity_present");
        Assert.Equal((1, 3, false), (ethnicity.GetProperty("failing_rows").GetInt64(), ethnicity.GetProperty("out_of").GetInt64(), ethnicity.GetProperty("passed").GetBoolean()));
        Assert.Contains("ethnicity_present", File.ReadAllText(Path.Combine(html, "quality.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_source_format_is_refused()
    {
        var r = CliRunner.Run("import", "-w", WorkspacePath, _folder.Data, "--from", "hl7");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("hl7", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_combination_with_an_unknown_format_is_refused_and_a_known_one_is_accepted()
    {
        var bad = CliRunner.Run("import", "-w", WorkspacePath, _folder.Data, "--from", "community+hl7");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("'community+hl7' is not one of", bad.Error, StringComparison.Ordinal);
        // A known combination gets as far as looking for its files (format v1 files are not a GP extract).
        var good = CliRunner.Run("import", "-w", WorkspacePath, _folder.Data, "--from", "community+prescribing");
        Assert.Equal(2, good.ExitCode);
        Assert.Contains("required file missing: gp_registrations.csv", good.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_fails_with_a_clear_message()
    {
        File.Delete(Path.Combine(_folder.Data, "providers.csv"));
        var r = CliRunner.Run("import", "-w", WorkspacePath, _folder.Data);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("required file missing: providers.csv or providers.parquet", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_column_fails_naming_file_and_column()
    {
        _folder.Replace("practices", 1, "practice_code,practice_name,neighbourhood_code,place_code,place_name,icb");
        var r = CliRunner.Run("import", "-w", WorkspacePath, _folder.Data, "--json");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("practices.csv:1 field 'icb_code': required column missing", r.Error, StringComparison.Ordinal);
        Assert.Equal("", r.Out);
    }

    public void Dispose() => _folder.Dispose();
}

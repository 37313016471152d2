using System.Text.Json;
using Strata.Cli.Tests.Infrastructure;

namespace Strata.Cli.Tests.Understand;

/// <summary>A small generated ICB (4,000 people, three years) imported once for the pathway and programme commands.</summary>
public sealed class PathwayWorkspace : IDisposable
{
    public PathwayWorkspace()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("strata-pathway-cli").FullName;
        var data = Path.Combine(Directory, "data");
        Workspace = Path.Combine(Directory, "ws.duckdb");
        Check(CliRunner.Run("generate", "--people", "4000", "--years", "3", "--seed", "5", "--out", data));
        Check(CliRunner.Run("import", "-w", Workspace, data));
    }

    public string Directory { get; }

    public string Workspace { get; }

    public static string Example(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Strata.slnx")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir!.FullName, "examples", name);
    }

    private static void Check(CliResult r)
    {
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException(r.Error);
        }
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

[Collection("cli")]
public class PathwayCommandTests(PathwayWorkspace ws) : IClassFixture<PathwayWorkspace>
{
    [Fact]
    public void Pathway_list_gives_the_six_definitions_with_their_sources()
    {
        var r = CliRunner.Run("pathway", "list", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(["copd", "diabetes", "end_of_life", "frailty", "heart_failure", "msk"],
            doc.RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.All(doc.RootElement.EnumerateArray(), p => Assert.StartsWith("https://www.nice.org.uk/", p.GetProperty("source_url").GetString()));
    }

    [Fact]
    public void Pathway_show_releases_stage_spend_links_and_variation_under_disclosure_control()
    {
        var r = CliRunner.Run("pathway", "show", "-w", ws.Workspace, "-p", "frailty", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(["primary_care", "community", "crisis", "emergency_admission"], root.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()));
        Assert.True(root.GetProperty("people").GetInt64() % 5 == 0);
        Assert.All(root.GetProperty("links").EnumerateArray(), l => Assert.True(l.GetProperty("people").GetInt64() is >= 10 and var n && n % 5 == 0));
        Assert.Contains("Disclosure control applied", root.GetProperty("statement").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pathway_show_for_an_unknown_pathway_is_a_clear_error()
    {
        var r = CliRunner.Run("pathway", "show", "-w", ws.Workspace, "-p", "gout");
        Assert.Equal(Strata.Cli.Infrastructure.CliErrors.Failure, r.ExitCode);
        Assert.Contains("No pathway 'gout'", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Programme_budget_programmes_add_up_to_the_total()
    {
        var r = CliRunner.Run("programme-budget", "-w", ws.Workspace, "--json", "--no-disclosure-control");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var total = doc.RootElement.GetProperty("total_cost").GetDecimal();
        var sum = doc.RootElement.GetProperty("programmes").EnumerateArray().Sum(p => p.GetProperty("cost").GetDecimal());
        Assert.Equal(total, sum);
        Assert.True(total > 0);
    }

    [Fact]
    public void Pathway_scenario_simulates_the_example_contract_and_the_payments_reconcile()
    {
        var r = CliRunner.Run("pathway", "scenario", "-w", ws.Workspace, "-p", "copd", "--shift", "0.2", "--shift-high", "0.3", "--years", "2",
            "--runs", "20", "--contract", PathwayWorkspace.Example("pathway-contract-copd.json"), "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var contract = doc.RootElement.GetProperty("contract");
        Assert.True(contract.GetProperty("reconciliation_max_difference").GetDouble() < 1e-6);
        var flows = contract.GetProperty("flows").EnumerateArray().ToList();
        Assert.Contains(flows, f => f.GetProperty("provider").GetString() == "RZC" && f.GetProperty("role").GetString() == "lead");
        Assert.Contains(flows, f => f.GetProperty("provider").GetString() == "RYC" && f.GetProperty("role").GetString() == "sub_contractor");
    }

    [Fact]
    public void Utilisation_lists_every_evidence_based_intervention_with_its_trend_and_follow_up_ratios()
    {
        var r = CliRunner.Run("utilisation", "-w", ws.Workspace, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(16, root.GetProperty("interventions").GetArrayLength());
        Assert.Contains(root.GetProperty("interventions").EnumerateArray(), e => e.GetProperty("procedures").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Object, root.GetProperty("trend").ValueKind);
        Assert.All(root.GetProperty("followups").EnumerateArray(), f => Assert.True(f.GetProperty("ratio").ValueKind is JsonValueKind.Number or JsonValueKind.Null));
        Assert.Contains("matched on the procedure", root.GetProperty("statement").GetString(), StringComparison.Ordinal);
        // The generated workspace codes outpatient specialties and planned procedures, so conversion shows somewhere.
        var specialties = root.GetProperty("specialties").EnumerateArray().ToList();
        Assert.Contains(specialties, s => s.GetProperty("specialty").GetString() == "110");
        Assert.Contains(specialties, s => s.GetProperty("conversion_rate").ValueKind == JsonValueKind.Number && s.GetProperty("conversion_rate").GetDouble() > 0);
        Assert.All(specialties, s => Assert.True(s.GetProperty("followup_ratio").ValueKind is JsonValueKind.Number or JsonValueKind.Null));
    }

    [Fact]
    public void A_pathway_contract_whose_lead_sub_contracts_to_itself_is_rejected_naming_file_and_field()
    {
        var path = Path.Combine(ws.Directory, "bad-contract.json");
        File.WriteAllText(path, """
            {"contract_id":"X","pathway":"copd","lead_provider":"RZC",
             "sub_contracts":[{"provider":"RZC","payment":{"type":"block","amount":1}}],
             "mechanisms":[{"type":"capitation","rate_per_weighted_head":100}]}
            """);
        var r = CliRunner.Run("pathway", "scenario", "-w", ws.Workspace, "-p", "copd", "--shift", "0.1", "--runs", "0", "--contract", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{path}:0 field 'sub_contracts[0].provider'", r.Error, StringComparison.Ordinal);
    }
}

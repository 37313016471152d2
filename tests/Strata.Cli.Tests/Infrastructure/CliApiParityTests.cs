using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Strata.Cli.Tests.Infrastructure;
using Strata.Data.Foundation;
using Strata.Data.Foundation.Import;
using Strata.Data.Foundation.Synthetic;
using Strata.Domain.Foundation;
using Strata.Web;
using Strata.Web.Security;

namespace Strata.Cli.Tests.Infrastructure;

/// <summary>
/// A generated ICB on which every stage was first asked for through the CLI (JSON output), then served by
/// `strata serve` with the same (default) disclosure control: the CLI's figures and the API's are compared per stage.
/// </summary>
public sealed class ParityWorkspace : IAsyncLifetime
{
    public const string Password = "a long enough passphrase";
    public const int Runs = 20;
    public const int Years = 3;
    public const int Seed = 7;
    public const double Budget = 1_000_000;

    private WebApplication? _app;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "strata-parity-" + Guid.NewGuid().ToString("N"));

    public string Workspace => Path.Combine(Directory, "ws.duckdb");

    public string Interventions => Path.Combine(RepositoryRoot(), "examples", "interventions");

    public JsonElement Segments { get; private set; }

    public JsonElement Allocation { get; private set; }

    public JsonElement Kpis { get; private set; }

    public string Place { get; private set; } = "";

    public Uri BaseAddress { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var data = Path.Combine(Directory, "data");
        SyntheticIcbGenerator.Generate(new GeneratorOptions(3_000, 11, data));
        using (var ws = Strata.Data.Foundation.Workspace.Open(Workspace))
        {
            Importer.Import(ws, data);
        }
        Segments = Cli("segment", "-w", Workspace, "--json");
        Cli("profile", "-w", Workspace, "--json");
        Allocation = Cli("allocate", "-w", Workspace, "--budget", Budget.ToString(CultureInfo.InvariantCulture), "--json");
        Kpis = Cli("kpi", "-w", Workspace, "--level", "place", "--json");
        Cli("scenario", "run", "-w", Workspace, "--interventions", Interventions, "--name", "cli", "--runs", $"{Runs}", "--years", $"{Years}",
            "--seed", $"{Seed}", "--json");
        using (var ws = Strata.Data.Foundation.Workspace.Open(Workspace))
        {
            Place = Geography.Codes(ws.Engine, AreaLevel.Place, AreaFilter.None).First();
            UserStore.Add(ws.Engine, "ann", Roles.Analyst, "ICB", Password);
            UserStore.Add(ws.Engine, "fiona", Roles.Finance, "ICB", Password);
            UserStore.Add(ws.Engine, "pat", Roles.Commissioner, "place:" + Place, Password);
        }
        _app = StrataWebHost.Build(new StrataWebOptions(Workspace, "http://127.0.0.1:0") { InterventionsFolder = Interventions, SignInsPerMinute = 1_000 });
        await _app.StartAsync();
        BaseAddress = new Uri(StrataWebHost.BoundAddresses(_app).Single());
    }

    public async Task<HttpClient> SignedIn(string user)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
        var response = await client.PostAsJsonAsync("/api/session", new { user_name = user, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static JsonElement Cli(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, $"strata {string.Join(' ', args)}: exit {r.ExitCode}: {r.Error}");
        return JsonDocument.Parse(r.Out).RootElement.Clone();
    }

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Strata.slnx")))
            {
                return d.FullName;
            }
        }
        throw new InvalidOperationException("Strata.slnx not found above the test's directory.");
    }
}

/// <summary>
/// One truth: the same request through the CLI and through the API, on the same workspace and under the same
/// disclosure control, gives the same figures, stage by stage (issue 11).
/// </summary>
[Collection("cli")]
public sealed class CliApiParityTests(ParityWorkspace ws) : IClassFixture<ParityWorkspace>
{
    [Fact]
    public async Task Understand_segments_are_the_same_people_and_means()
    {
        using var ann = await ws.SignedIn("ann");
        var api = Rows(await Get(ann, "/api/population/segments"));
        var cli = ws.Segments.GetProperty("segments").EnumerateArray().ToDictionary(s => s.GetProperty("segment").GetString()!);
        Assert.True(api.Count >= 3, "a generated ICB has several segments");
        foreach (var row in api)
        {
            var segment = row.GetProperty("segment").GetString()!;
            Assert.True(cli.TryGetValue(segment, out var c), $"segment {segment} is in the API but not the CLI");
            Assert.Equal(Number(c.GetProperty("people")), Number(row.GetProperty("people")));
            Assert.Equal(Round(c.GetProperty("mean_ltc_count"), 2), Number(row.GetProperty("mean_ltc_count")));
        }
        // Every segment the CLI publishes is on the API too (the API also lists segments whose count is suppressed).
        Assert.Equal(cli.Values.Count(c => Number(c.GetProperty("people")) is > 0), api.Count(r => Number(r.GetProperty("people")) is > 0));
    }

    [Fact]
    public async Task Plan_the_same_scenario_request_gives_the_same_fan()
    {
        using var ann = await ws.SignedIn("ann");
        var job = await ann.PostAsJsonAsync("/api/jobs", new { kind = "scenario", name = "api", runs = ParityWorkspace.Runs, years = ParityWorkspace.Years, seed = ParityWorkspace.Seed });
        Assert.Equal(HttpStatusCode.Accepted, job.StatusCode);
        var id = (await job.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        for (var i = 0; i < 600; i++)
        {
            var status = (await Get(ann, $"/api/jobs/{id}")).GetProperty("status").GetString();
            if (status is "succeeded" or "failed")
            {
                Assert.Equal("succeeded", status);
                break;
            }
            await Task.Delay(500);
        }
        var scenarios = Rows(await Get(ann, "/api/scenarios"));
        string Id(string name) => scenarios.Single(s => s.GetProperty("name").GetString() == name).GetProperty("scenario_id").GetString()!;
        foreach (var measure in new[] { "cost", "activity" })
        {
            var fromCli = await Get(ann, $"/api/scenarios/{Id("cli")}/fan?setting=emergency_admission&measure={measure}");
            var fromApi = await Get(ann, $"/api/scenarios/{Id("api")}/fan?setting=emergency_admission&measure={measure}");
            Assert.Contains(Rows(fromCli), r => r.GetProperty("p50").ValueKind == JsonValueKind.Number);
            Assert.Equal(Rows(fromCli).Select(r => r.GetRawText()), Rows(fromApi).Select(r => r.GetRawText()));
        }
    }

    [Fact]
    public async Task Deliver_the_cli_allocation_is_stored_for_the_web_and_the_same_budget_gives_the_same_target_shares()
    {
        using var fiona = await ws.SignedIn("fiona");
        var cli = ws.Allocation.GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("level").GetString() == "place")
            .GetProperty("areas").EnumerateArray().ToDictionary(a => a.GetProperty("area").GetString()!);

        // What `strata allocate` computed is what the Allocation page shows (no more "No allocation has been run yet").
        var stored = await Get(fiona, "/api/allocation?level=place");
        Assert.Equal(1, stored.GetProperty("version").GetInt32());
        Assert.Equal(Environment.UserName, stored.GetProperty("run_by").GetString());
        SameTargets(cli, Rows(stored.GetProperty("areas")));

        // The same budget asked for through the API (on the web's spend basis) gives the same need-weighted targets.
        var response = await fiona.PostAsJsonAsync("/api/allocation?level=place", new { budget = ParityWorkspace.Budget, years = 0 });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var run = JsonDocument.Parse(text).RootElement;
        Assert.Equal(2, run.GetProperty("version").GetInt32());
        SameTargets(cli, Rows(run.GetProperty("areas")));
    }

    private static void SameTargets(Dictionary<string, JsonElement> cli, List<JsonElement> api)
    {
        Assert.Equal(cli.Count, api.Count);
        foreach (var row in api)
        {
            var c = cli[row.GetProperty("area").GetString()!];
            Assert.Equal(Number(c.GetProperty("population")), Number(row.GetProperty("population")));
            Assert.Equal(Round(c.GetProperty("target_share"), 2, 100), Number(row.GetProperty("target_share_percent")));
            Assert.Equal(Round(c.GetProperty("target_amount"), 2), Number(row.GetProperty("target_gbp")));
        }
    }

    [Fact]
    public async Task Evaluate_a_place_users_kpi_series_are_the_cli_figures_for_that_place()
    {
        using var pat = await ws.SignedIn("pat");
        var kpis = ws.Kpis.GetProperty("kpis").EnumerateArray().ToList();
        Assert.NotEmpty(kpis);
        var compared = 0;
        foreach (var kpi in kpis)
        {
            var name = kpi.GetProperty("name").GetString()!;
            var cli = kpi.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("unit").GetString() == ws.Place)
                .GetProperty("points").EnumerateArray().ToList();
            var api = Rows((await Get(pat, $"/api/evaluation/kpis/{name}")).GetProperty("series"));
            Assert.Equal(cli.Select(p => p.GetProperty("period").GetString()), api.Select(p => p.GetProperty("period").GetString()));
            foreach (var (c, a) in cli.Zip(api))
            {
                Assert.Equal(Number(c.GetProperty("numerator")), Number(a.GetProperty("numerator")));
                Assert.Equal(Number(c.GetProperty("denominator")), Number(a.GetProperty("denominator")));
                Assert.Equal(Round(c.GetProperty("rate"), 2), Number(a.GetProperty("rate")));
                compared++;
            }
        }
        Assert.True(compared > 0);
    }

    private static async Task<JsonElement> Get(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static List<JsonElement> Rows(JsonElement table) => [.. table.GetProperty("rows").EnumerateArray()];

    private static double? Number(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;

    private static double? Round(JsonElement e, int digits, double scale = 1) =>
        Number(e) is { } v ? Math.Round(v * scale, digits, MidpointRounding.AwayFromZero) : null;
}

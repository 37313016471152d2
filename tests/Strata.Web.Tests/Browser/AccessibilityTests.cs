using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Strata.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Strata.Web.Tests.Browser;

/// <summary>
/// Automated WCAG audit with axe-core (Deque.AxeCore.Playwright) on every page, and keyboard-only use of the
/// sign-in form and the main navigation.
/// </summary>
[Collection("web")]
public sealed class AccessibilityTests(WebAppFixture web, ITestOutputHelper output) : BrowserTestBase(web, output)
{
    /// <summary>WCAG 2.0, 2.1 and 2.2 success criteria at levels A and AA (axe-core's rule tags).</summary>
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

    public static readonly string[] SignedInPages =
    [
        "/", "/population", "/variation", "/cohorts", "/pathways", "/programme-budget", "/utilisation", "/projection", "/opportunities", "/scenarios", "/plan", "/allocation", "/contracts", "/decisions", "/decisions/delegations",
        "/decisions/psr", "/decisions/decommissioning", "/evaluation",
        "/quality", "/jobs", "/audit",
    ];

    [Fact]
    public async Task Every_page_has_no_axe_violations_at_wcag_a_and_aa()
    {
        var page = await NewPage();
        var report = new StringBuilder();
        await page.GotoAsync("/login");
        await Ready(page);
        await Audit(page, "/login", report);
        await SignIn(page, "ann");
        foreach (var path in SignedInPages)
        {
            await page.GotoAsync(path);
            await Ready(page);
            await Audit(page, path, report);
        }
        Assert.True(report.Length == 0, "axe found WCAG A/AA violations:\n" + report);
    }

    /// <summary>
    /// What other users see differs: a commissioner's decision form, a place user's area picker and its refusal of
    /// another place, a neighbourhood user's fixed area; and an open drop-down list (MudBlazor popover).
    /// </summary>
    [Fact]
    public async Task Role_and_scope_variants_and_open_menus_have_no_axe_violations()
    {
        var report = new StringBuilder();
        var pat = await SignedInAt("pat", "/decisions");
        await Assertions.Expect(pat.GetByTestId("decision-form")).ToBeVisibleAsync();
        await Audit(pat, "/decisions (commissioner)", report);
        foreach (var path in new[] { "/population", "/population?place=P2", "/variation?neighbourhood=N2", "/scenarios" })
        {
            await pat.GotoAsync(path);
            await Ready(pat);
            await Audit(pat, path + " (place P1)", report);
        }
        var nina = await SignedInAt("nina", "/population");
        await Audit(nina, "/population (neighbourhood N1)", report);

        var ann = await SignedInAt("ann", "/population?place=P1");
        await ann.GetByTestId("profile-by").ClickAsync();
        await Assertions.Expect(ann.GetByRole(AriaRole.Option, new() { Name = "Age band" })).ToBeVisibleAsync();
        await Audit(ann, "/population with the group-by list open", report);
        Assert.True(report.Length == 0, "axe found WCAG A/AA violations:\n" + report);
    }

    [Fact]
    public async Task The_sign_in_form_and_the_navigation_work_by_keyboard_alone_with_visible_focus()
    {
        var page = await NewPage();
        await page.GotoAsync("/login");
        // Tab order: user name, password, sign-in button; typing and Enter sign in.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("User name")).ToBeFocusedAsync();
        await AssertFocusVisible(page);
        await page.Keyboard.TypeAsync("ann");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Password")).ToBeFocusedAsync();
        await AssertFocusVisible(page);
        await page.Keyboard.TypeAsync(TestPopulation.Password);
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeFocusedAsync();
        await AssertFocusVisible(page);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await Ready(page);

        // Tab from the top of the page until the Population link in the navigation has focus, then Enter.
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Commissioning cycle" });
        var population = nav.GetByRole(AriaRole.Link, new() { Name = "Population" });
        for (var i = 0; i < 30 && !await IsFocused(population); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.True(await IsFocused(population), "The Population link was not reached by Tab within 30 presses.");
        await AssertFocusVisible(page);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/population$"));
        await Ready(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Population");
    }

    [Fact]
    public async Task The_profile_slicer_works_by_keyboard()
    {
        var page = await SignedInAt("ann", "/population");
        var profile = page.GetByTestId("table-profile");
        await Assertions.Expect(profile.Locator("caption")).ToContainTextAsync("Cohort profile by Segment");
        // Focus the "Group by" list, open it with Enter, move down from Segment to Sex (five places, in the order of
        // PopulationQueries.Dimensions) with the arrow key and choose it with Enter.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Group by" }).FocusAsync();
        await AssertFocusVisible(page);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "Sex", Exact = true })).ToBeVisibleAsync();
        for (var i = 0; i < 5; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }
        await page.Keyboard.PressAsync("Enter");
        // The cube's cells are all sex F (TestPopulation.BuildCube): 62 + 58 = 120 people in one row.
        await Assertions.Expect(profile.Locator("caption")).ToContainTextAsync("Cohort profile by Sex");
        await Assertions.Expect(profile.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(profile.Locator("tbody tr th")).ToHaveTextAsync("F");
        await Assertions.Expect(profile.Locator("tbody tr td").First).ToHaveTextAsync("120");
    }

    /// <summary>The harness itself: a page with an unlabelled field and grey-on-grey text is reported, with rule ids.</summary>
    [Fact]
    public async Task The_audit_reports_violations_it_is_shown()
    {
        var page = await NewPage();
        await page.GotoAsync("/login");
        await page.EvaluateAsync("""
            () => {
              const main = document.querySelector('main');
              main.insertAdjacentHTML('beforeend', '<input type="text" id="planted-field"><p id="planted-text" style="color:#999;background:#aaa">faint</p>');
            }
            """);
        var report = new StringBuilder();
        await Audit(page, "/login (planted)", report);
        var text = report.ToString();
        Assert.Contains("/login (planted): label (critical)", text, StringComparison.Ordinal);
        Assert.Contains("#planted-field", text, StringComparison.Ordinal);
        Assert.Contains("/login (planted): color-contrast (serious)", text, StringComparison.Ordinal);
        Assert.Contains("#planted-text", text, StringComparison.Ordinal);
    }

    private static Task<bool> IsFocused(ILocator locator) => locator.EvaluateAsync<bool>("e => e === document.activeElement");

    /// <summary>The focused element draws an outline or a box shadow (the site's focus ring), not nothing.</summary>
    private static async Task AssertFocusVisible(IPage page)
    {
        var ring = await page.EvaluateAsync<string>(
            "() => { const s = getComputedStyle(document.activeElement); return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none' ? '' : s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow; }");
        Assert.True(ring.Length == 0, $"No visible focus indicator on the focused element: {ring}");
    }

    internal static async Task Audit(IPage page, string path, StringBuilder report)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
        });
        // axe ran its rules on the page: something passed (a blank or unloaded page would pass nothing).
        Assert.True(result.Passes.Length > 0, $"{path}: axe checked nothing");
        // Not an axe rule: at the test's 1,280 px the page must not scroll sideways (long paths, wide tables).
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow > 0)
        {
            report.AppendLine($"{path}: page wider than the window by {overflow}px (horizontal scrolling)");
        }
        foreach (var v in result.Violations)
        {
            report.AppendLine($"{path}: {v.Id} ({v.Impact}) {v.Help}");
            foreach (var node in v.Nodes)
            {
                var why = string.Join("; ", new[] { node.Any, node.All, node.None }.Where(c => c is not null).SelectMany(c => c).Select(c => c.Message));
                report.AppendLine($"    {node.Target}  {why}");
            }
        }
    }
}

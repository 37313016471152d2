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
        "/", "/population", "/variation", "/projection", "/scenarios", "/allocation", "/contracts", "/decisions", "/evaluation",
        "/jobs", "/audit",
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
        await page.WaitForURLAsync(u => u.EndsWith("/population", StringComparison.Ordinal));
        await Ready(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Population");
    }

    private static Task<bool> IsFocused(ILocator locator) => locator.EvaluateAsync<bool>("e => e === document.activeElement");

    /// <summary>The focused element draws an outline or a box shadow (the site's focus ring), not nothing.</summary>
    private static async Task AssertFocusVisible(IPage page)
    {
        var ring = await page.EvaluateAsync<string>(
            "() => { const s = getComputedStyle(document.activeElement); return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none' ? '' : s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow; }");
        Assert.True(ring.Length == 0, $"No visible focus indicator on the focused element: {ring}");
    }

    private static async Task Audit(IPage page, string path, StringBuilder report)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
        });
        // axe ran its rules on the page: something passed (a blank or unloaded page would pass nothing).
        Assert.True(result.Passes.Length > 0, $"{path}: axe checked nothing");
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

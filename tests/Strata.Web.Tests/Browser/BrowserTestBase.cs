using Microsoft.Playwright;
using Strata.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Strata.Web.Tests.Browser;

/// <summary>
/// Headless Chromium (Debian's chromium package, no browser download) driven by Playwright against a test host;
/// helpers to sign in, wait for a page to become interactive and take screenshots into docs/screenshots/.
/// </summary>
public abstract class BrowserTestBase(WebAppFixture web, ITestOutputHelper output) : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        // Expectations retry for up to 60 s (Playwright's default is 5 s), as page loads do: pages drawing several charts
        // on a busy machine (the whole suite, shared cores) can take longer than 5 s, and a healthy page passes at once.
        Assertions.SetDefaultExpectTimeout(60_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    private static string ChromiumPath => Environment.GetEnvironmentVariable("STRATA_CHROMIUM") ?? "/usr/bin/chromium";

    protected async Task<IPage> NewPage()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = web.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        // Generous: the machine running the tests may be busy (CI, shared cores); a healthy page is ready in a second.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        // Browser console errors go to the test output: the first place to look when a page never becomes ready.
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                output.WriteLine($"[browser {m.Type}] {m.Text}");
            }
        };
        page.PageError += (_, e) => output.WriteLine($"[page error] {e}");
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                output.WriteLine($"[http {r.Status}] {r.Url}");
            }
        };
        return page;
    }

    /// <summary>A fresh browser session signed in as the user, on a page that has become interactive.</summary>
    protected async Task<IPage> SignedInAt(string user, string path)
    {
        var page = await NewPage();
        await page.GotoAsync("/login");
        await SignIn(page, user);
        await page.GotoAsync(path);
        await Ready(page);
        return page;
    }

    protected static async Task SignIn(IPage page, string user)
    {
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(TestPopulation.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
    }

    /// <summary>Waits for the page's interactive render (its data-ready marker).</summary>
    /// <summary>The test's output (timings, diagnostics).</summary>
    protected ITestOutputHelper Output => output;

    protected static Task Ready(IPage page) => page.Locator("[data-ready='true']").WaitForAsync();

    /// <summary>A full-page screenshot from the top (scrolled, the fixed app bar and menu would be drawn mid-page).</summary>
    protected static async Task Shot(IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    /// <summary>A screenshot of one part of a page (e.g. a section far down a long page).</summary>
    protected static async Task ShotOf(IPage page, ILocator part, string name)
    {
        // The app bar is fixed at the top: let it scroll away so it does not cover the part.
        await page.AddStyleTagAsync(new PageAddStyleTagOptions { Content = ".mud-appbar { position: static !important; }" });
        await part.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png") });
    }

    private static string ScreenshotDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Strata.slnx")))
            {
                dir = dir.Parent;
            }
            var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "docs", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }
}

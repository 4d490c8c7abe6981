using Microsoft.Playwright;

namespace OrleansTrainer.Admin.Tests;

/// <summary>A real headless browser for the console: Debian's chromium driven by Playwright.</summary>
public sealed class AdminBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private AdminBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>Starts chromium.</summary>
    public static async Task<AdminBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox"],
            Headless = true,
        });
        return new AdminBrowser(playwright, browser);
    }

    /// <summary>
    /// How long a page's actions and waits may take. Playwright's 30 s default was exceeded twice in clean-clone CI runs
    /// on the shared 2-core machine (a login's redirect to /jobs under heavy load); nothing here asserts a timing.
    /// </summary>
    private const float PageTimeoutMilliseconds = 120_000;

    /// <summary>A page in a fresh context (no session) whose relative addresses are the console's.</summary>
    public async Task<IPage> NewPageAsync(Uri console)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = console.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(PageTimeoutMilliseconds);
        context.SetDefaultNavigationTimeout(PageTimeoutMilliseconds);
        return await context.NewPageAsync();
    }

    /// <summary>A page in a fresh context that has logged in with <paramref name="key"/> (and so is on the jobs list).</summary>
    public async Task<IPage> LoggedInPageAsync(Uri console, string key = AdminConsoleFixture.Key)
    {
        var page = await NewPageAsync(console);
        await page.GotoAsync("/login?ReturnUrl=%2Fjobs");
        await page.FillAsync("#key", key);
        await page.ClickAsync("button[type=submit]");
        await ArrivedAsync(page, "#jobs", "/jobs");
        return page;
    }

    /// <summary>
    /// Waits until <paramref name="page"/> shows <paramref name="selector"/> (an element only the page it navigates to has),
    /// then checks that the page's path and query start with <paramref name="path"/>. It does not wait for the browser's
    /// load event, as Playwright's <c>WaitForURLAsync</c> does even with <c>WaitUntilState.Commit</c> once the address
    /// matches: a clean-clone CI run saw that wait miss a load event on /jobs, log only "NetworkIdle", and run out its 120 s.
    /// </summary>
    public static async Task ArrivedAsync(IPage page, string selector, string path)
    {
        await page.Locator(selector).First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        Assert.StartsWith(path, new Uri(page.Url).PathAndQuery, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

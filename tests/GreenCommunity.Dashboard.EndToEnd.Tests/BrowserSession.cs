using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GreenCommunity.Dashboard.EndToEnd.Tests;

/// <summary>Debian's headless Chromium driven by Playwright (no browser download: /usr/bin/chromium).</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        Playwright = playwright;
        Browser = browser;
    }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    public static async Task<BrowserSession> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            const string missing = "Browser tests need Debian's Chromium: apt-get install -y chromium fonts-noto-cjk (.ci/run does it).";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new FileNotFoundException(missing, ChromiumPath);   // CI must run them
            }
            Assert.Skip(missing);   // a developer machine without Chromium: skipped, and reported as skipped
        }
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new BrowserSession(playwright, browser);
    }

    /// <summary>A page that records Content-Security-Policy violations the browser reports.</summary>
    public async Task<(IPage Page, List<string> CspViolations)> NewPageAsync(int width = 1400, int height = 1100)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        return (page, violations);
    }

    /// <summary>Signs in through the sign-in form, as a person would.</summary>
    public static async Task SignInAsync(IPage page, Uri baseAddress, string user, string password)
    {
        await page.GotoAsync(new Uri(baseAddress, "/account/login").ToString());
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>Where screenshots go: the test output's screenshots folder.</summary>
    /// <summary>
    /// Picks a community by its code in the report form's community field, and waits until the field shows the pick (its
    /// name, then the code): under load the next field's typing otherwise landed in this one while the server was still
    /// answering the pick (a clean-clone CI run read "…（西陵区·西陵街道）4205020010022026-12-05" there).
    /// </summary>
    public static async Task PickCommunityAsync(IPage page, string community)
    {
        var field = page.GetByLabel("社区（中文名称、街道或代码）");
        await field.FillAsync(community);
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = community }).First.ClickAsync();
        await Assertions.Expect(field).ToHaveValueAsync(new Regex("）" + Regex.Escape(community) + "$"), new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0, new() { Timeout = 10_000 });   // the list closed
    }

    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}

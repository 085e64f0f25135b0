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

    /// <summary>Where screenshots go: the test output's screenshots folder.</summary>
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
